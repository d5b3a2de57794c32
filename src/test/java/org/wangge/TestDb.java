package org.wangge;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** Direct SQL for building large fixtures quickly and for checking invariants behind the API. */
public final class TestDb {

    private TestDb() {
    }

    public static List<Row> rows(Pool pool, String sql, Object... args) {
        List<Row> out = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().forEach(out::add);
        return out;
    }

    public static long count(Pool pool, String sql, Object... args) {
        return rows(pool, sql, args).get(0).getLong(0);
    }

    /** Adds {@code n} children under each given parent in one statement; returns their ids. */
    public static List<Long> children(Pool pool, List<Long> parents, int n, String codePrefix) {
        List<Long> ids = new ArrayList<>();
        rows(pool, """
                INSERT INTO grid (id, code, name, kind, level, parent_id, path)
                SELECT x.id, $3 || '-' || x.pid || '-' || x.g, '生成网格 ' || x.g, 'GROUP', x.level + 1, x.pid, x.path || x.id || '/'
                FROM (SELECT nextval('grid_id_seq') AS id, p.id AS pid, p.level, p.path, g
                      FROM grid p, generate_series(1, $2) g WHERE p.id = ANY($1)) x
                RETURNING id""", parents.toArray(Long[]::new), n, codePrefix).forEach(r -> ids.add(r.getLong(0)));
        return ids;
    }

    /** Every grid's path and level agree with its parent's (the tree invariant). */
    public static long brokenPaths(Pool pool) {
        return count(pool, """
                SELECT count(*) FROM grid c LEFT JOIN grid p ON p.id = c.parent_id
                WHERE (p.id IS NULL AND (c.parent_id IS NOT NULL OR c.path <> '/' || c.id || '/' OR c.level <> 1))
                   OR (p.id IS NOT NULL AND (c.path <> p.path || c.id || '/' OR c.level <> p.level + 1))""");
    }
}
