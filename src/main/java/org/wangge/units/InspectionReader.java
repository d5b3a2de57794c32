package org.wangge.units;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wangge.common.Batch;
import org.wangge.common.PerParent;
import org.wangge.common.Sql;

@ApplicationScoped
public class InspectionReader {

    private final Sql sql;

    public InspectionReader(Sql sql) {
        this.sql = sql;
    }

    public Uni<Inspection> inspection(long id) {
        return sql.one("SELECT " + Inspection.COLUMNS + Inspection.FROM + " WHERE i.id = $1", Tuple.of(id), Inspection::from);
    }

    public Uni<Map<Long, Inspection>> inspections(Collection<Long> ids) {
        return sql.list("SELECT " + Inspection.COLUMNS + Inspection.FROM + " WHERE i.id = ANY($1)", Tuple.of(ids.toArray(Long[]::new)),
                Inspection::from).map(list -> Batch.index(list, i -> i.dbId));
    }

    public Uni<InspectionFinding> finding(long id) {
        return sql.one("SELECT " + InspectionFinding.COLUMNS + InspectionFinding.FROM + " WHERE f.id = $1", Tuple.of(id), InspectionFinding::from);
    }

    /** What a finding's case is made of: the finding, its unit, grid, item and checklist. */
    public record ForCase(boolean resolved, String description, long unitId, String unitName, long gridId, String path, String itemName,
            String caseItem, String caseKind) {
    }

    public Uni<ForCase> forCase(long finding) {
        return sql.one("""
                SELECT f.resolved_at IS NOT NULL AS resolved, f.description, u.id AS unit_id, u.name AS unit_name, a.grid_id, g.path,
                       ci.name_zh AS item_name, ci.case_item_code, l.case_kind_code
                FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id JOIN unit u ON u.id = i.unit_id
                JOIN address a ON a.id = u.address_id JOIN grid g ON g.id = a.grid_id
                JOIN inspection_check_item ci ON ci.code = f.item_code JOIN inspection_checklist l ON l.code = i.checklist_code
                WHERE f.id = $1""", Tuple.of(finding), row -> new ForCase(row.getBoolean("resolved"), row.getString("description"),
                row.getLong("unit_id"), row.getString("unit_name"), row.getLong("grid_id"), row.getString("path"), row.getString("item_name"),
                row.getString("case_item_code"), row.getString("case_kind_code")));
    }

    /** Each unit's latest inspections, newest first, at most {@code last} each. */
    public Uni<List<List<Inspection>>> ofUnits(List<Unit> units, int last) {
        return PerParent.rows(sql, "unnest($1::bigint[]) WITH ORDINALITY AS r(unit, i)", units.size(), "SELECT " + Inspection.COLUMNS
                + Inspection.FROM + " WHERE i.unit_id = r.unit ORDER BY i.inspected_at DESC, i.id DESC LIMIT $2", "x.inspected_at DESC, x.id DESC",
                Tuple.of(units.stream().map(u -> u.dbId).toArray(Long[]::new), last), Inspection::from);
    }

    /** Each inspection's findings, in checklist order. */
    public Uni<List<List<InspectionFinding>>> findings(List<Inspection> inspections) {
        return sql.list("SELECT " + InspectionFinding.COLUMNS + InspectionFinding.FROM + " JOIN inspection_check_item ci ON ci.code = f.item_code"
                + " WHERE f.inspection_id = ANY($1) ORDER BY ci.sort_order, f.id", Tuple.of(inspections.stream().map(i -> i.dbId).toArray(Long[]::new)),
                InspectionFinding::from).map(list -> Batch.group(inspections, i -> i.dbId, list, f -> f.inspectionId));
    }

    /** Each unit's open findings, oldest first. */
    public Uni<List<List<InspectionFinding>>> openFindings(List<Unit> units) {
        return sql.list("SELECT " + InspectionFinding.COLUMNS + InspectionFinding.FROM + " WHERE fi.unit_id = ANY($1) AND f.resolved_at IS NULL"
                + " AND (f.case_id IS NULL OR fc.state NOT IN ('CLOSED', 'REJECTED', 'WITHDRAWN')) ORDER BY fi.inspected_at, f.id",
                Tuple.of(units.stream().map(u -> u.dbId).toArray(Long[]::new)), InspectionFinding::from)
                .map(list -> Batch.group(units, u -> u.dbId, list, f -> f.unitId));
    }

    /** The active checklists with their active items, in order. */
    public Uni<List<InspectionChecklist>> checklists() {
        return sql.list("""
                SELECT l.code, l.name_zh, l.case_kind_code, i.code AS item_code, i.name_zh AS item_name, i.case_item_code
                FROM inspection_checklist l JOIN inspection_check_item i ON i.checklist_code = l.code AND i.active
                WHERE l.active ORDER BY l.sort_order, l.code, i.sort_order, i.code""", Tuple.tuple(), row -> row).map(rows -> {
            Map<String, InspectionChecklist> lists = new LinkedHashMap<>();
            rows.forEach(row -> {
                InspectionChecklist list = lists.computeIfAbsent(row.getString("code"), code -> {
                    InspectionChecklist l = new InspectionChecklist();
                    l.code = code;
                    l.name = row.getString("name_zh");
                    l.caseKind = row.getString("case_kind_code");
                    l.items = new ArrayList<>();
                    return l;
                });
                InspectionChecklist.CheckItem item = new InspectionChecklist.CheckItem();
                item.code = row.getString("item_code");
                item.name = row.getString("item_name");
                item.caseItem = row.getString("case_item_code");
                list.items.add(item);
            });
            return List.copyOf(lists.values());
        });
    }
}
