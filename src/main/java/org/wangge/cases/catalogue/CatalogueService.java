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
 * 小类 (matched by their codes; those no longer in the sheet are retired, and their cases keep
 * them) and all their limits are replaced by the sheet's. 大类 not in the sheet stay as they are.
 * Importing the same sheet again changes nothing.
 */
@ApplicationScoped
public class CatalogueService {

    public record Imported(int kinds, int items, int limits, int retiredItems) {
    }

    public Uni<Imported> replace(CatalogueSheet sheet) {
        return Tx.run(tx -> {
            Map<String, String> kindCodes = new HashMap<>();
            Uni<Void> work = Uni.createFrom().voidItem();
            for (CatalogueSheet.Kind k : sheet.kinds) {
                work = work.chain(() -> tx.one("""
                        INSERT INTO case_kind (code, class_code, name_zh, name_en, sort_order)
                        VALUES (coalesce($1::text, 'K' || $2), $2, $3, coalesce($4::text, $3), $5)
                        ON CONFLICT (class_code) DO UPDATE SET name_zh = EXCLUDED.name_zh,
                               name_en = CASE WHEN $4::text IS NULL THEN case_kind.name_en ELSE EXCLUDED.name_en END, active = true
                        RETURNING code""", String.class, k.code(), k.classCode(), k.name(), k.nameEn(), Integer.parseInt(k.classCode()) * 10)
                        .invoke(code -> kindCodes.put(k.classCode(), code)).replaceWithVoid());
            }
            List<String[]> limitRows = new ArrayList<>();
            int[] retired = {0};
            work = work.invoke(() -> sheet.kinds.forEach(k -> k.limits().forEach(l -> limitRows.add(limitRow(kindCodes.get(k.classCode()), "", l)))));
            for (CatalogueSheet.Item i : sheet.items) {
                work = work.chain(() -> tx.one("""
                        INSERT INTO case_item (code, kind_code, sub_code, name_zh, accept_standard, close_standard, department_kind, sort_order)
                        VALUES (coalesce($1::text, 'K' || $8 || $3), $2, $3, $4, $5::text, $6::text, $7::text, $9)
                        ON CONFLICT (kind_code, sub_code) DO UPDATE SET name_zh = EXCLUDED.name_zh, accept_standard = EXCLUDED.accept_standard,
                               close_standard = EXCLUDED.close_standard, department_kind = EXCLUDED.department_kind, active = true
                        RETURNING code""", String.class, i.code(), kindCodes.get(i.classCode()), i.subCode(), i.name(), i.acceptStandard(),
                        i.closeStandard(), i.departmentKind(), i.classCode(), Integer.parseInt(i.subCode()) * 10)
                        .invoke(code -> i.limits().forEach(l -> limitRows.add(limitRow(kindCodes.get(i.classCode()), code, l))))
                        .replaceWithVoid());
            }
            return work.chain(() -> {
                String[] kinds = kindCodes.values().toArray(String[]::new);
                String[] kept = sheet.items.stream().map(i -> kindCodes.get(i.classCode()) + "/" + i.subCode()).toArray(String[]::new);
                return tx.update("""
                        UPDATE case_item SET active = false
                        WHERE kind_code = ANY($1::text[]) AND active AND NOT (kind_code || '/' || sub_code = ANY($2::text[]))""", kinds, kept)
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
