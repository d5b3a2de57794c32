package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wangge.common.Clock;
import org.wangge.common.Page;
import org.wangge.common.Sql;

/** Reads of staff assignments, batched like the grid reads. */
@ApplicationScoped
public class StaffReader {

    // Current and upcoming assignments, unless ended ones are asked for too.
    private static final String CURRENT = "($3::boolean OR a.end_date IS NULL OR a.end_date >= $4)";

    private final Sql sql;
    private final Clock clock;

    public StaffReader(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public Uni<StaffAssignment> byId(long id) {
        LocalDate today = clock.today();
        return sql.one("SELECT " + StaffAssignment.COLUMNS + StaffAssignment.FROM + " WHERE a.id = $1",
                Tuple.of(id), row -> StaffAssignment.from(row, today));
    }

    /** One page of staff for each grid, with totals, in one statement. */
    public Uni<List<StaffConnection>> ofGrids(List<Grid> grids, StaffRole role, boolean includeEnded, int first, Long after) {
        LocalDate today = clock.today();
        String query = """
                WITH s AS (
                  SELECT %s %s
                  WHERE a.grid_id = ANY($1) AND ($2::text IS NULL OR a.role = $2) AND %s
                ), totals AS (
                  SELECT grid_id, count(*) AS total FROM s GROUP BY grid_id
                ), page AS (
                  SELECT s.*, row_number() OVER (PARTITION BY s.grid_id ORDER BY s.id) AS rn FROM s WHERE s.id > $5
                )
                SELECT totals.grid_id AS of_grid, totals.total, page.*
                FROM totals LEFT JOIN page ON page.grid_id = totals.grid_id AND page.rn <= $6
                ORDER BY totals.grid_id, page.id
                """.formatted(StaffAssignment.COLUMNS, StaffAssignment.FROM, CURRENT);
        Long[] ids = grids.stream().map(g -> g.dbId).distinct().toArray(Long[]::new);
        Tuple args = Tuple.tuple().addArrayOfLong(ids).addString(role == null ? null : role.name())
                .addBoolean(includeEnded).addLocalDate(today).addLong(after == null ? 0L : after).addInteger(first + 1);
        return sql.query(query, args).map(rows -> {
            Map<Long, List<StaffAssignment>> byGrid = new HashMap<>();
            Map<Long, Integer> totals = new HashMap<>();
            rows.forEach(row -> {
                long gridId = row.getLong("of_grid");
                totals.put(gridId, row.getLong("total").intValue());
                List<StaffAssignment> list = byGrid.computeIfAbsent(gridId, k -> new ArrayList<>());
                if (row.getLong("id") != null) {
                    list.add(StaffAssignment.from(row, today));
                }
            });
            String afterCursor = after == null ? null : "";
            List<StaffConnection> out = new ArrayList<>(grids.size());
            for (Grid g : grids) {
                out.add(StaffConnection.of(Page.of(byGrid.getOrDefault(g.dbId, List.of()), first, afterCursor),
                        totals.getOrDefault(g.dbId, 0)));
            }
            return out;
        });
    }

    /** Number of current staff on each grid, or in each grid's whole subtree. */
    public Uni<List<Integer>> counts(List<Grid> grids, boolean subtree) {
        LocalDate today = clock.today();
        Long[] ids = grids.stream().map(g -> g.dbId).toArray(Long[]::new);
        Uni<io.vertx.mutiny.sqlclient.RowSet<io.vertx.mutiny.sqlclient.Row>> rowsUni;
        if (subtree) {
            String[] paths = grids.stream().map(g -> g.path).toArray(String[]::new);
            String[] ends = grids.stream().map(g -> Subtrees.end(g.path)).toArray(String[]::new);
            rowsUni = sql.query("""
                    SELECT r.id, (SELECT count(*) FROM staff_assignment a JOIN grid g ON g.id = a.grid_id
                                  WHERE g.path >= r.path AND g.path < r.path_end
                                    AND a.start_date <= $4 AND (a.end_date IS NULL OR a.end_date >= $4)) AS n
                    FROM unnest($1::bigint[], $2::text[], $3::text[]) AS r(id, path, path_end)
                    """, Tuple.of(ids, paths, ends, today));
        } else {
            rowsUni = sql.query("""
                    SELECT a.grid_id AS id, count(*) AS n FROM staff_assignment a
                    WHERE a.grid_id = ANY($1) AND a.start_date <= $2 AND (a.end_date IS NULL OR a.end_date >= $2)
                    GROUP BY a.grid_id
                    """, Tuple.of(ids, today));
        }
        return rowsUni.map(rows -> {
            Map<Long, Integer> byId = new HashMap<>();
            rows.forEach(row -> byId.put(row.getLong("id"), row.getLong("n").intValue()));
            return grids.stream().map(g -> byId.getOrDefault(g.dbId, 0)).toList();
        });
    }

    /** Assignments of one person, newest first, limited to the grids the filter allows. */
    public Uni<List<StaffAssignment>> ofSubject(String subject) {
        LocalDate today = clock.today();
        return sql.list("SELECT " + StaffAssignment.COLUMNS + StaffAssignment.FROM
                        + " WHERE a.subject = $1 ORDER BY a.start_date DESC, a.id DESC",
                Tuple.of(subject), row -> {
                    return StaffAssignment.from(row, today);
                });
    }
}
