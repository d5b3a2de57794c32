package org.wangge.cases.catalogue;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wangge.calendar.LimitUnit;
import org.wangge.calendar.TimeLimit;
import org.wangge.cases.CaseKind;
import org.wangge.cases.Priority;
import org.wangge.common.Sql;

/** The catalogue as it stands: active 大类 and 小类 in catalogue order, with their standards and limits. */
@ApplicationScoped
public class CatalogueReader {

    private final Sql sql;

    public CatalogueReader(Sql sql) {
        this.sql = sql;
    }

    public Uni<List<CaseKind>> caseKinds() {
        return limits().chain(limits -> sql.list("""
                SELECT k.code, k.class_code, k.name_zh, k.name_en, k.is_dispute, i.code AS item_code, i.sub_code, i.name_zh AS item_name,
                       i.accept_standard, i.close_standard, i.department_kind
                FROM case_kind k LEFT JOIN case_item i ON i.kind_code = k.code AND i.active
                WHERE k.active ORDER BY k.sort_order, k.class_code, i.sort_order, i.sub_code""", Tuple.tuple(), row -> row).map(rows -> {
                    Map<String, CaseKind> kinds = new LinkedHashMap<>();
                    rows.forEach(row -> {
                        CaseKind kind = kinds.computeIfAbsent(row.getString("code"), code -> {
                            CaseKind k = new CaseKind();
                            k.code = code;
                            k.classCode = row.getString("class_code");
                            k.nameZh = row.getString("name_zh");
                            k.nameEn = row.getString("name_en");
                            k.dispute = row.getBoolean("is_dispute");
                            k.limits = limits.getOrDefault(code + "/", List.of());
                            k.items = new ArrayList<>();
                            return k;
                        });
                        if (row.getString("item_code") != null) {
                            CaseKind.CaseItem item = new CaseKind.CaseItem();
                            item.code = row.getString("item_code");
                            item.subCode = row.getString("sub_code");
                            item.fullCode = kind.classCode + item.subCode;
                            item.nameZh = row.getString("item_name");
                            item.acceptStandard = row.getString("accept_standard");
                            item.closeStandard = row.getString("close_standard");
                            item.departmentKind = row.getString("department_kind");
                            item.limits = limits.getOrDefault(kind.code + "/" + item.code, List.of());
                            kind.items.add(item);
                        }
                    });
                    return new ArrayList<>(kinds.values());
                }));
    }

    /** Limits by "kind/item" ("kind/" for a 大类's own), in stage order, any priority first. */
    private Uni<Map<String, List<StageLimit>>> limits() {
        return sql.list("""
                SELECT kind_code, item_code, stage, priority, amount, unit FROM stage_limit
                ORDER BY kind_code, item_code, array_position(ARRAY['ACCEPT', 'DISPATCH', 'HANDLE', 'VERIFY'], stage::text),
                         array_position(ARRAY['', 'URGENT', 'HIGH', 'NORMAL', 'LOW'], priority::text)""", Tuple.tuple(), row -> row)
                .map(rows -> {
                    Map<String, List<StageLimit>> out = new HashMap<>();
                    rows.forEach(row -> {
                        String priority = row.getString("priority");
                        out.computeIfAbsent(row.getString("kind_code") + "/" + row.getString("item_code"), k -> new ArrayList<>())
                                .add(new StageLimit(Stage.valueOf(row.getString("stage")), priority.isEmpty() ? null : Priority.valueOf(priority),
                                        new TimeLimit(row.getInteger("amount"), LimitUnit.valueOf(row.getString("unit")))));
                    });
                    return out;
                });
    }
}
