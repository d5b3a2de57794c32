package org.wangge.units;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wangge.cases.CaseFile;
import org.wangge.cases.CaseInputs;
import org.wangge.cases.CaseService;
import org.wangge.cases.CaseSource;
import org.wangge.cases.Priority;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Clock;
import org.wangge.common.Idempotency;
import org.wangge.common.NodeType;
import org.wangge.common.OfflineSettings;
import org.wangge.common.Tx;
import org.wangge.grid.Accounts;
import org.wangge.people.PersonalData;
import org.wangge.security.Caller;
import org.wangge.security.Capability;

/**
 * Inspections are appended, never edited (as visits): one transaction each, its findings with
 * it. A finding is put right on the spot or opens a case, once.
 */
@ApplicationScoped
public class InspectionService {

    private final Clock clock;
    private final PersonalData pii;
    private final OfflineSettings offline;
    private final CaseService cases;
    private final InspectionReader inspections;

    public InspectionService(Clock clock, PersonalData pii, OfflineSettings offline, CaseService cases, InspectionReader inspections) {
        this.clock = clock;
        this.pii = pii;
        this.offline = offline;
        this.cases = cases;
        this.inspections = inspections;
    }

    /** Records an inspection by the caller, who does on-site work (visits) where the unit lies. */
    public Uni<Long> record(Caller caller, UnitInputs.InspectionData in, String idempotencyKey) {
        caller.requireAnywhere(Capability.VISITS_WRITE);
        long unit = NodeType.UNIT.key("unitId", in.unitId);
        OffsetDateTime occurred = offline.occurredAt("occurredAt", in.occurredAt, clock.now());
        String notes = Check.optional("notes", in.notes, 4000);
        List<UnitInputs.FindingData> findings = in.findings == null ? List.of() : in.findings;
        String[] items = new String[findings.size()];
        String[] descriptions = new String[findings.size()];
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < findings.size(); i++) {
            items[i] = findings.get(i).item;
            descriptions[i] = Check.optional("findings." + i + ".description", findings.get(i).description, 4000);
            if (!seen.add(items[i])) {
                throw ApiException.validation("findings." + i + ".item", "Item " + items[i] + " is given twice");
            }
        }
        Idempotency.Key key = Idempotency.of(caller.subject(), idempotencyKey, "recordInspection", in, pii::hash);
        // the unit is share-locked: it cannot move out of the inspector's reach meanwhile
        return Tx.run(tx -> Idempotency.once(tx, key, () -> tx.rows("""
                SELECT g.path FROM unit u JOIN address a ON a.id = u.address_id JOIN grid g ON g.id = a.grid_id WHERE u.id = $1 FOR SHARE OF u""",
                unit).chain(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.notFound("Unit", in.unitId).with("field", "unitId");
                    }
                    caller.require(Capability.VISITS_WRITE, (String) found.get(0)[0], in.unitId);
                    return tx.list("SELECT i.code FROM inspection_checklist l JOIN inspection_check_item i ON i.checklist_code = l.code AND i.active"
                            + " WHERE l.code = $1 AND l.active", String.class, in.checklist);
                }).chain(known -> {
                    if (known.isEmpty()) {
                        throw ApiException.validation("checklist", "No active checklist " + in.checklist + " (see inspectionChecklists)");
                    }
                    for (int i = 0; i < items.length; i++) {
                        if (!known.contains(items[i])) {
                            throw ApiException.validation("findings." + i + ".item", "Checklist " + in.checklist + " has no item " + items[i]);
                        }
                    }
                    return Accounts.ensure(tx, caller.subject(), caller.name(), clock.now());
                })
                .chain(() -> tx.one("""
                        INSERT INTO inspection (unit_id, checklist_code, inspector_subject, inspected_at, notes, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""", Long.class, unit, in.checklist, caller.subject(),
                        occurred == null ? clock.now() : occurred, notes, clock.now()))
                .call(id -> tx.update("""
                        INSERT INTO inspection_finding (inspection_id, item_code, description)
                        SELECT $1, f.item, f.description FROM unnest($2::text[], $3::text[]) AS f(item, description)""", id, items, descriptions))));
    }

    /** A finding put right on the spot (整改完成); one with a case is closed by its case. */
    public Uni<Long> resolve(Caller caller, String findingId, String resolution) {
        caller.requireAnywhere(Capability.VISITS_WRITE);
        long finding = NodeType.INSPECTION_FINDING.key("id", findingId);
        String text = Check.text("resolution", resolution, 4000);
        return Tx.run(tx -> tx.rows("""
                SELECT g.path, f.case_id, f.resolved_at FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id
                JOIN unit u ON u.id = i.unit_id JOIN address a ON a.id = u.address_id JOIN grid g ON g.id = a.grid_id WHERE f.id = $1
                FOR UPDATE OF f""", finding).chain(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("InspectionFinding", findingId);
            }
            Object[] f = found.get(0);
            caller.require(Capability.VISITS_WRITE, (String) f[0], findingId);
            if (f[1] != null) {
                throw ApiException.conflict("The finding has a case; it is put right when its case is closed").with("caseId",
                        NodeType.CASE_FILE.id(((Number) f[1]).longValue()));
            }
            if (f[2] != null) {
                throw ApiException.conflict("The finding has been put right already");
            }
            return tx.update("UPDATE inspection_finding SET resolved_at = $2, resolved_by = $3, resolution = $4 WHERE id = $1", finding,
                    clock.now(), caller.subject(), text).replaceWith(finding);
        }));
    }

    /**
     * Opens the finding's case in one step: of the checklist's kind and the item's check item, in
     * the unit's grid, naming the unit; the case and the finding's link are one statement. A
     * finding that has its case answers with it (a retry, or a second inspector).
     */
    public Uni<CaseFile> openCase(Caller caller, String findingId, Priority priority, String idempotencyKey) {
        long finding = NodeType.INSPECTION_FINDING.key("id", findingId);
        return inspections.forCase(finding).chain(row -> {
            if (row == null || !caller.may(Capability.RESIDENTS_READ, row.path())) {
                throw ApiException.notFound("InspectionFinding", findingId);
            }
            if (row.resolved()) {
                throw ApiException.conflict("The finding has been put right; it opens no case");
            }
            CaseInputs.Report report = new CaseInputs.Report();
            report.kind = row.caseKind();
            report.item = row.caseItem();
            String title = row.unitName() + "：" + row.itemName();
            report.title = title.length() > 200 ? title.substring(0, 200) : title;
            report.description = row.description();
            report.gridId = NodeType.GRID.id(row.gridId());
            report.priority = priority;
            report.source = CaseSource.INSPECTION;
            return cases.report(caller, report, idempotencyKey,
                    new CaseService.Extras(null, null, CaseSource.INSPECTION, finding, row.unitId()));
        });
    }
}
