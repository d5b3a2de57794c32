package org.wangge.cases.catalogue;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wangge.common.Tx;

/**
 * Writes an imported catalogue in one transaction. For each 大类 in the sheet: its name, its
 * 小类 (those no longer in the sheet are retired, and their cases keep them) and all their limits
 * are replaced by the sheet's. 大类 not in the sheet stay as they are.
 * Importing the same sheet again changes nothing.
 */
@ApplicationScoped
public class CatalogueService {

    public record Imported(int kinds, int items, int limits, int retiredItems) {
    }

    /*
     * A 大类 or 小类 is matched by its code (编码) when the sheet gives one, so a sheet may number it
     * anew, else by its number; one matched by neither is added. Numbers stay unique at commit
     * (deferred constraints, V32): two may swap within one sheet.
     */
    private static final String KIND = """
            WITH by_code AS (
              UPDATE case_kind SET class_code = $2, name_zh = $3, name_en = coalesce($4::text, name_en), sort_order = $5, active = true
              WHERE $1::text IS NOT NULL AND code = $1::text RETURNING code
            ), by_number AS (
              UPDATE case_kind SET name_zh = $3, name_en = coalesce($4::text, name_en), active = true
              WHERE $1::text IS NULL AND class_code = $2 RETURNING code
            ), added AS (
              INSERT INTO case_kind (code, class_code, name_zh, name_en, sort_order)
              SELECT coalesce($1::text, 'K' || $2), $2, $3, coalesce($4::text, $3), $5
              WHERE NOT EXISTS (SELECT 1 FROM by_code) AND NOT EXISTS (SELECT 1 FROM by_number) RETURNING code
            )
            SELECT code FROM by_code UNION ALL SELECT code FROM by_number UNION ALL SELECT code FROM added""";

    private static final String ITEM = """
            WITH by_code AS (
              UPDATE case_item SET kind_code = $2, sub_code = $3, name_zh = $4, accept_standard = $5::text, close_standard = $6::text,
                     department_kind = $7::text, sort_order = $9, active = true
              WHERE $1::text IS NOT NULL AND code = $1::text RETURNING code
            ), by_number AS (
              UPDATE case_item SET name_zh = $4, accept_standard = $5::text, close_standard = $6::text, department_kind = $7::text, active = true
              WHERE $1::text IS NULL AND kind_code = $2 AND sub_code = $3 RETURNING code
            ), added AS (
              INSERT INTO case_item (code, kind_code, sub_code, name_zh, accept_standard, close_standard, department_kind, sort_order)
              SELECT coalesce($1::text, 'K' || $8 || $3), $2, $3, $4, $5::text, $6::text, $7::text, $9
              WHERE NOT EXISTS (SELECT 1 FROM by_code) AND NOT EXISTS (SELECT 1 FROM by_number) RETURNING code
            )
            SELECT code FROM by_code UNION ALL SELECT code FROM by_number UNION ALL SELECT code FROM added""";

    public Uni<Imported> replace(CatalogueSheet sheet) {
        return Tx.run(tx -> {
            Map<String, String> kindCodes = new HashMap<>();
            List<String> itemCodes = new ArrayList<>();
            List<String[]> limitRows = new ArrayList<>();
            int[] retired = {0};
            Uni<Void> work = Uni.createFrom().voidItem();
            for (CatalogueSheet.Kind k : sheet.kinds) {
                work = work.chain(() -> tx.one(KIND, String.class, k.code(), k.classCode(), k.name(), k.nameEn(), Integer.parseInt(k.classCode()) * 10)
                        .invoke(code -> {
                            kindCodes.put(k.classCode(), code);
                            k.limits().forEach(l -> limitRows.add(limitRow(code, "", l)));
                        }).replaceWithVoid());
            }
            for (CatalogueSheet.Item i : sheet.items) {
                work = work.chain(() -> tx.one(ITEM, String.class, i.code(), kindCodes.get(i.classCode()), i.subCode(), i.name(), i.acceptStandard(),
                        i.closeStandard(), i.departmentKind(), i.classCode(), Integer.parseInt(i.subCode()) * 10)
                        .invoke(code -> {
                            itemCodes.add(code);
                            i.limits().forEach(l -> limitRows.add(limitRow(kindCodes.get(i.classCode()), code, l)));
                        }).replaceWithVoid());
            }
            return work.chain(() -> {
                String[] kinds = kindCodes.values().toArray(String[]::new);
                return tx.update("UPDATE case_item SET active = false WHERE kind_code = ANY($1::text[]) AND active AND NOT (code = ANY($2::text[]))",
                        kinds, itemCodes.toArray(String[]::new))
                        .invoke(n -> retired[0] = n)
                        .chain(() -> tx.update("DELETE FROM stage_limit WHERE kind_code = ANY($1::text[])", (Object) kinds))
                        .chain(() -> tx.update("""
                                INSERT INTO stage_limit (kind_code, item_code, stage, priority, amount, unit)
                                SELECT k, i, s, p, a::integer, u FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
                                    AS x(k, i, s, p, a, u)""", column(limitRows, 0), column(limitRows, 1), column(limitRows, 2), column(limitRows, 3),
                                column(limitRows, 4), column(limitRows, 5)));
            }).map(n -> new Imported(sheet.kinds.size(), sheet.items.size(), limitRows.size(), retired[0]));
        });
    }

    private static String[] limitRow(String kind, String item, StageLimit l) {
        return new String[] {kind, item, l.stage.name(), l.priority == null ? "" : l.priority.name(), String.valueOf(l.limit.amount), l.limit.unit.name()};
    }

    private static String[] column(List<String[]> rows, int i) {
        return rows.stream().map(r -> r[i]).toArray(String[]::new);
    }
}
