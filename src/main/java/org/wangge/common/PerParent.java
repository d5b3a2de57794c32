package org.wangge.common;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A nested list read for all its parents in one statement: the parents are a set-returning
 * expression aliased {@code r} with an ordinal {@code r.i} (e.g. {@code unnest($1::text[]) WITH
 * ORDINALITY AS r(path, i)}), and each parent's rows come from a lateral subquery that may refer
 * to {@code r}.
 */
public final class PerParent {

    private PerParent() {
    }

    /** Each parent's rows of {@code page} (a subquery over {@code r}), in the parents' order. */
    public static <T> Uni<List<List<T>>> rows(Sql sql, String parents, int count, String page, String order, Tuple args,
            Function<Row, T> map) {
        return sql.list("SELECT r.i AS parent_i, x.* FROM " + parents + " CROSS JOIN LATERAL (" + page + ") x ORDER BY r.i, " + order, args,
                row -> java.util.Map.entry(row.getLong("parent_i").intValue() - 1, map.apply(row)))
                .map(rows -> {
                    List<List<T>> each = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        each.add(new ArrayList<>());
                    }
                    rows.forEach(e -> each.get(e.getKey()).add(e.getValue()));
                    return each;
                });
    }

    /** Each parent's number of rows {@code FROM from WHERE where} (which may refer to {@code r}), in the parents' order. */
    public static Uni<List<Integer>> counts(Sql sql, String parents, String from, String where, Tuple args) {
        return sql.list("SELECT (SELECT count(*) FROM " + from + " WHERE " + where + ") FROM " + parents + " ORDER BY r.i", args,
                row -> row.getLong(0).intValue());
    }

    /** Each parent's rows with its count, made into one answer. */
    public static <T, C> List<C> each(List<List<T>> rows, List<Integer> counts, java.util.function.BiFunction<List<T>, Integer, C> make) {
        List<C> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(make.apply(rows.get(i), counts.get(i)));
        }
        return out;
    }
}
