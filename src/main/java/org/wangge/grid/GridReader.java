package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.wangge.common.Batch;
import org.wangge.common.Page;
import org.wangge.common.Sql;

/**
 * Every read of the grid tree. List reads take a whole batch of parents and answer with one
 * statement, so a nested GraphQL query costs one statement per level, not per parent.
 */
@ApplicationScoped
public class GridReader {

    private final Sql sql;

    public GridReader(Sql sql) {
        this.sql = sql;
    }

    public Uni<Grid> byId(long id) {
        return sql.one("SELECT " + Grid.COLUMNS + " FROM grid g WHERE g.id = $1", Tuple.of(id), Grid::from);
    }

    public Uni<Grid> byCode(String code) {
        return sql.one("SELECT " + Grid.COLUMNS + " FROM grid g WHERE g.code = $1", Tuple.of(code), Grid::from);
    }

    public Uni<Map<Long, Grid>> byIds(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return sql.list("SELECT " + Grid.COLUMNS + " FROM grid g WHERE g.id = ANY($1)",
                Tuple.of(ids.toArray(Long[]::new)), Grid::from).map(list -> Batch.index(list, g -> g.dbId));
    }

    /** Ancestors of each grid, root first, with one statement for the whole batch. */
    public Uni<List<List<Grid>>> ancestors(List<Grid> grids) {
        LinkedHashSet<Long> all = new LinkedHashSet<>();
        grids.forEach(g -> all.addAll(g.ancestorIds()));
        return byIds(all).map(byId -> {
            List<List<Grid>> out = new ArrayList<>(grids.size());
            for (Grid g : grids) {
                out.add(g.ancestorIds().stream().map(byId::get).filter(java.util.Objects::nonNull).toList());
            }
            return out;
        });
    }

    /**
     * One page of children for each parent: a window over (parent, code) numbers the rows per
     * parent and counts them, so page and total come out of the one statement.
     */
    public Uni<List<GridConnection>> children(List<Grid> parents, int first, String afterCode, boolean includeRetired) {
        String query = """
                WITH kids AS (
                  SELECT %s FROM grid g
                  WHERE g.parent_id = ANY($1) AND ($2::boolean OR g.retired_at IS NULL)
                ), totals AS (
                  SELECT parent_id, count(*) AS total FROM kids GROUP BY parent_id
                ), page AS (
                  SELECT kids.*, row_number() OVER (PARTITION BY kids.parent_id ORDER BY kids.code) AS rn
                  FROM kids WHERE kids.code > $3
                )
                SELECT totals.parent_id AS of_parent, totals.total, page.*
                FROM totals LEFT JOIN page ON page.parent_id = totals.parent_id AND page.rn <= $4
                ORDER BY totals.parent_id, page.code
                """.formatted(Grid.COLUMNS);
        Long[] ids = parents.stream().map(p -> p.dbId).distinct().toArray(Long[]::new);
        return sql.query(query, Tuple.of(ids, includeRetired, afterCode == null ? "" : afterCode, first + 1))
                .map(rows -> {
                    Map<Long, List<Grid>> byParent = new HashMap<>();
                    Map<Long, Integer> totals = new HashMap<>();
                    rows.forEach(row -> {
                        long parentId = row.getLong("of_parent");
                        totals.put(parentId, row.getLong("total").intValue());
                        List<Grid> kids = byParent.computeIfAbsent(parentId, k -> new ArrayList<>());
                        if (row.getLong("id") != null) {
                            kids.add(Grid.from(row));
                        }
                    });
                    List<GridConnection> out = new ArrayList<>(parents.size());
                    for (Grid parent : parents) {
                        List<Grid> kids = byParent.getOrDefault(parent.dbId, List.of());
                        int total = totals.getOrDefault(parent.dbId, 0);
                        out.add(GridConnection.of(Page.of(kids, first, afterCode), GridConnection.Order.CODE,
                                () -> Uni.createFrom().item(total)));
                    }
                    return out;
                });
    }

    /**
     * Grids in the given subtrees (each root's path; {@code includeRoots} says whether the roots
     * themselves count) matching the filter, in tree order. {@code roots == null} means the
     * whole tree. Each subtree is an index range on path, so cost follows the page, not the table.
     */
    public Uni<GridConnection> search(List<String> roots, boolean includeRoots, GridFilter filter, int first, String after) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        if (roots != null) {
            if (roots.isEmpty()) {
                return Uni.createFrom().item(GridConnection.empty());
            }
            where.append(" AND ").append(Subtrees.condition(roots, "g.path", args, includeRoots));
        }
        GridFilter f = filter == null ? new GridFilter() : filter;
        if (!Boolean.TRUE.equals(f.includeRetired)) {
            where.append(" AND g.retired_at IS NULL");
        }
        if (f.level != null) {
            args.add(f.level);
            where.append(" AND g.level = $").append(args.size());
        }
        if (f.kind != null) {
            args.add(f.kind.name());
            where.append(" AND g.kind = $").append(args.size());
        }
        if (f.layer != null) {
            args.add(new String[] {f.layer.name()});
            where.append(" AND g.layers @> $").append(args.size()).append("::text[]");
        }
        if (f.namePrefix != null && !f.namePrefix.isEmpty()) {
            args.add(likePrefix(f.namePrefix));
            where.append(" AND g.name LIKE $").append(args.size());
        }
        if (f.codePrefix != null && !f.codePrefix.isEmpty()) {
            args.add(likePrefix(f.codePrefix));
            where.append(" AND g.code LIKE $").append(args.size());
        }
        String countSql = "SELECT count(*) FROM grid g WHERE " + where;
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        String afterPath = GridConnection.after(GridConnection.Order.PATH, after);
        StringBuilder pageSql = new StringBuilder("SELECT ").append(Grid.COLUMNS).append(" FROM grid g WHERE ").append(where);
        if (afterPath != null) {
            args.add(afterPath);
            pageSql.append(" AND g.path > $").append(args.size());
        }
        args.add(first + 1);
        pageSql.append(" ORDER BY g.path LIMIT $").append(args.size());
        return sql.list(pageSql.toString(), Tuple.from(args), Grid::from)
                .map(rows -> GridConnection.of(Page.of(rows, first, after), GridConnection.Order.PATH,
                        () -> sql.one(countSql, countArgs, row -> row.getLong(0).intValue())));
    }

    /** Number of grids below each grid (active ones unless told otherwise), one statement per batch. */
    public Uni<List<Integer>> descendantCounts(List<Grid> grids, boolean includeRetired) {
        String query = """
                SELECT r.id, (SELECT count(*) FROM grid g
                              WHERE g.path > r.path AND g.path < r.path_end
                                AND ($4::boolean OR g.retired_at IS NULL)) AS n
                FROM unnest($1::bigint[], $2::text[], $3::text[]) AS r(id, path, path_end)
                """;
        Long[] ids = grids.stream().map(g -> g.dbId).toArray(Long[]::new);
        String[] paths = grids.stream().map(g -> g.path).toArray(String[]::new);
        String[] ends = grids.stream().map(g -> Subtrees.end(g.path)).toArray(String[]::new);
        return sql.query(query, Tuple.of(ids, paths, ends, includeRetired)).map(rows -> {
            Map<Long, Integer> byId = new HashMap<>();
            rows.forEach(row -> byId.put(row.getLong("id"), row.getLong("n").intValue()));
            return grids.stream().map(g -> byId.getOrDefault(g.dbId, 0)).toList();
        });
    }

    static String likePrefix(String prefix) {
        return prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }
}
