package org.wangge.cases;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.wangge.common.Batch;
import org.wangge.common.Clock;
import org.wangge.common.Page;
import org.wangge.common.Sql;
import org.wangge.grid.Subtree;
import org.wangge.grid.Subtrees;
import org.wangge.security.Caller;
import org.wangge.common.NodeType;
import org.wangge.common.PerParent;

/** Reads of cases, scoped to what the caller may see. */
@ApplicationScoped
public class CaseReader {

    private final Sql sql;
    private final Clock clock;

    public CaseReader(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** The CaseFile rule ({@link CaseFile#visibleTo}) in SQL, over {@code c}; live updates use it too. */
    static String scope(Caller caller, List<Object> args) {
        if (caller.isAdmin()) {
            return "true";
        }
        args.add(caller.subject());
        int me = args.size();
        String grids = Subtrees.condition(caller.paths(org.wangge.security.Capability.CASES_READ), "c.grid_path", args, true);
        return "(" + grids + " OR c.reporter_subject = $" + me + " OR c.owner_subject = $" + me + " OR c.handler_subject = $" + me
                + " OR EXISTS (SELECT 1 FROM case_department cd JOIN department_member dm ON dm.department_id = cd.department_id"
                + " WHERE cd.case_id = c.id AND dm.subject = $" + me + "))";
    }

    public Uni<CaseFile> byId(Caller caller, long id) {
        List<Object> args = new ArrayList<>();
        args.add(id);
        String where = "c.id = $1 AND " + scope(caller, args);
        OffsetDateTime now = clock.now();
        return sql.one("SELECT " + CaseFile.COLUMNS + CaseFile.FROM + " WHERE " + where, Tuple.from(args), row -> CaseFile.from(row, now));
    }

    /** The cases among the ids that the caller may see, by id. */
    public Uni<java.util.Map<Long, CaseFile>> visible(Caller caller, List<Long> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(java.util.Map.of());
        }
        List<Object> args = new ArrayList<>();
        args.add(ids.toArray(Long[]::new));
        String where = "c.id = ANY($1) AND " + scope(caller, args);
        OffsetDateTime now = clock.now();
        return sql.list("SELECT " + CaseFile.COLUMNS + CaseFile.FROM + " WHERE " + where, Tuple.from(args), row -> CaseFile.from(row, now))
                .map(list -> Batch.index(list, c -> c.dbId));
    }

    public Uni<List<CaseFile>> byIds(List<Long> ids) {
        OffsetDateTime now = clock.now();
        return sql.list("SELECT " + CaseFile.COLUMNS + CaseFile.FROM + " WHERE c.id = ANY($1)", Tuple.of(ids.toArray(Long[]::new)),
                row -> CaseFile.from(row, now));
    }

    /** What the caller may see of cases, filtered (within a subtree when one is given), its arguments added to {@code args}. */
    public static String condition(Caller caller, Subtree subtree, CaseFilter filter, OffsetDateTime now, List<Object> args) {
        StringBuilder where = new StringBuilder(scope(caller, args));
        if (subtree != null) {
            where.append(" AND ").append(Subtrees.within(subtree, "c.grid_path", "c.county_code", args));
        }
        CaseFilter f = filter == null ? new CaseFilter() : filter;
        if (f.states != null && !f.states.isEmpty()) {
            args.add(f.states.stream().map(Enum::name).toArray(String[]::new));
            where.append(" AND c.state = ANY($").append(args.size()).append(")");
        }
        if (f.kinds != null && !f.kinds.isEmpty()) {
            args.add(f.kinds.toArray(String[]::new));
            where.append(" AND c.kind_code = ANY($").append(args.size()).append(")");
        }
        if (f.priorities != null && !f.priorities.isEmpty()) {
            args.add(f.priorities.stream().map(Enum::name).toArray(String[]::new));
            where.append(" AND c.priority = ANY($").append(args.size()).append(")");
        }
        if (f.riskColours != null && !f.riskColours.isEmpty()) {
            args.add(f.riskColours.stream().map(Enum::name).toArray(String[]::new));
            where.append(" AND c.risk_colour = ANY($").append(args.size()).append(")");
        }
        if (f.overdue != null) {
            args.add(now);
            where.append(f.overdue ? " AND" : " AND NOT").append(" (c.due_at < $").append(args.size())
                    .append(" AND c.state NOT IN (" + CaseState.NO_DEADLINE_SQL + "))");
        }
        if (f.departmentId != null) {
            args.add(NodeType.DEPARTMENT.key("departmentId", f.departmentId));
            where.append(" AND EXISTS (SELECT 1 FROM case_department cd WHERE cd.case_id = c.id AND cd.department_id = $")
                    .append(args.size()).append(")");
        }
        if (f.reporterSubject != null) {
            args.add(f.reporterSubject);
            where.append(" AND c.reporter_subject = $").append(args.size());
        }
        if (f.from != null) {
            args.add(f.from);
            where.append(" AND c.created_at >= $").append(args.size());
        }
        if (f.to != null) {
            args.add(f.to);
            where.append(" AND c.created_at < $").append(args.size());
        }
        if (f.text != null && !f.text.isBlank()) {
            args.add("%" + f.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where.append(" AND (c.title ILIKE $").append(args.size()).append(" OR c.description ILIKE $").append(args.size()).append(")");
        }
        return where.toString();
    }

    /** A page of cases the caller may see, newest first, with the filter and any extra condition. */
    public Uni<CaseConnection> list(Caller caller, Subtree subtree, CaseFilter filter,
            java.util.function.Function<List<Object>, String> extra, int first, Long afterId) {
        OffsetDateTime now = clock.now();
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder();
        if (extra != null) {
            // the extra condition adds its own arguments and numbers its placeholders after them
            where.append(extra.apply(args)).append(" AND ");
        }
        where.append(condition(caller, subtree, filter, now, args));
        String countSql = "SELECT count(*)" + CaseFile.FROM + " WHERE " + where;
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        StringBuilder page = new StringBuilder("SELECT ").append(CaseFile.COLUMNS).append(CaseFile.FROM).append(" WHERE ").append(where);
        if (afterId != null) {
            args.add(afterId);
            page.append(" AND c.id < $").append(args.size());
        }
        args.add(first + 1);
        page.append(" ORDER BY c.id DESC LIMIT $").append(args.size());
        String after = afterId == null ? null : "";
        return sql.list(page.toString(), Tuple.from(args), row -> CaseFile.from(row, now))
                .map(rows -> new CaseConnection(Page.of(rows, first, after),
                        () -> sql.one(countSql, countArgs, row -> row.getLong(0).intValue())));
    }

    /**
     * For each subtree (by its root's path and level), its newest cases the caller may see, in
     * one statement per kind of subtree. A small subtree (a village or below) takes the newest of
     * each of its grids from the (grid_path, id) index and keeps the newest of those: a grid
     * with thousands of cases costs no more than one with five. A large one sorts its range of
     * the grid-path index instead of visiting thousands of grids.
     */
    public Uni<List<List<CaseFile>>> newestInSubtrees(Caller caller, List<Subtree> subtrees, List<Integer> levels, List<CaseState> states,
            int first) {
        List<String> paths = Subtrees.paths(subtrees);
        List<Integer> small = new ArrayList<>();
        List<Integer> large = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            (levels.get(i) >= SMALL_SUBTREE_LEVEL ? small : large).add(i);
        }
        List<List<CaseFile>> out = new ArrayList<>();
        for (int i = 0; i < paths.size(); i++) {
            out.add(new ArrayList<>());
        }
        return newest(caller, subtrees, small, states, first, true, out)
                .chain(() -> newest(caller, subtrees, large, states, first, false, out))
                .replaceWith(out);
    }

    /** Grids at this level and below (villages, groups, micro-grids) hold few grids each. */
    private static final int SMALL_SUBTREE_LEVEL = 4;

    private Uni<Void> newest(Caller caller, List<Subtree> subtrees, List<Integer> which, List<CaseState> states, int first, boolean perGrid,
            List<List<CaseFile>> out) {
        if (which.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        OffsetDateTime now = clock.now();
        List<Subtree> roots = which.stream().map(subtrees::get).toList();
        List<Object> args = new ArrayList<>();
        args.add(roots.stream().map(Subtree::path).toArray(String[]::new));
        args.add(roots.stream().map(s -> Subtrees.end(s.path())).toArray(String[]::new));
        args.add(first);
        StringBuilder where = new StringBuilder(scope(caller, args));
        where.append(Subtrees.inCounties(roots, "c.county_code", args));
        if (states != null && !states.isEmpty()) {
            args.add(states.stream().map(Enum::name).toArray(String[]::new));
            where.append(" AND c.state = ANY($").append(args.size()).append(")");
        }
        String newest = perGrid
                ? "SELECT y.* FROM grid d CROSS JOIN LATERAL (SELECT " + CaseFile.COLUMNS + CaseFile.FROM
                        // a grid's cases are in its county: each grid probes one partition
                        + " WHERE c.county_code = d.county_code AND c.grid_path = d.path AND " + where + " ORDER BY c.id DESC LIMIT $3) y"
                        + " WHERE d.path >= p.lo AND d.path < p.hi ORDER BY y.id DESC LIMIT $3"
                // "c.id + 0": sort the range from the grid-path index; scanning the primary key backwards
                // (the plan that bounds unknown to the planner otherwise get) can read the whole table
                : "SELECT " + CaseFile.COLUMNS + CaseFile.FROM + " WHERE c.grid_path >= p.lo AND c.grid_path < p.hi AND " + where
                        + " ORDER BY c.id + 0 DESC LIMIT $3";
        return sql.list("SELECT p.i, x.* FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS p(lo, hi, i) CROSS JOIN LATERAL ("
                + newest + ") x ORDER BY p.i, x.id DESC", Tuple.from(args), row -> java.util.Map.entry(row.getLong("i").intValue() - 1, CaseFile.from(row, now)))
                .map(rows -> {
                    rows.forEach(e -> out.get(which.get(e.getKey())).add(e.getValue()));
                    return null;
                });
    }

    /** One event of a timeline, or null. */
    public Uni<CaseEvent> event(long id) {
        return sql.one("SELECT " + CaseEvent.COLUMNS + " FROM case_event e WHERE e.id = $1", Tuple.of(id), CaseEvent::from);
    }

    public Uni<List<List<CaseEvent>>> timelines(List<CaseFile> cases) {
        Long[] ids = cases.stream().map(c -> c.dbId).toArray(Long[]::new);
        return sql.list("SELECT " + CaseEvent.COLUMNS + " FROM case_event e WHERE e.case_id = ANY($1) AND "
                + org.wangge.common.Counties.condition("e.county_code", 2) + " ORDER BY e.case_id, e.id",
                Tuple.of(ids, org.wangge.common.Counties.of(cases, c -> c.countyCode)), CaseEvent::from).map(list -> Batch.group(cases, c -> c.dbId, list, e -> e.caseId));
    }

    public Uni<List<List<Long>>> personIds(List<CaseFile> cases) {
        Long[] ids = cases.stream().map(c -> c.dbId).toArray(Long[]::new);
        return sql.list("SELECT case_id, person_id FROM case_person WHERE case_id = ANY($1) ORDER BY case_id, person_id",
                Tuple.of(ids), row -> new long[] {row.getLong(0), row.getLong(1)})
                .map(list -> Batch.group(cases, c -> c.dbId, list, pair -> pair[0]).stream()
                        .map(pairs -> pairs.stream().map(pair -> pair[1]).toList()).toList());
    }

    /**
     * Open cases of the same kind over the 7 days around each case: in the same grid, or within
     * {@code radius} metres of its point (across grids). Likely duplicates.
     */
    public Uni<List<List<CaseFile>>> similar(List<CaseFile> cases, int radius) {
        OffsetDateTime now = clock.now();
        Long[] ids = cases.stream().map(c -> c.dbId).toArray(Long[]::new);
        String window = " AND c.kind_code = x.kind_code AND c.id <> x.of_case AND c.state NOT IN ('CLOSED', 'REJECTED', 'WITHDRAWN')"
                + " AND c.created_at >= x.created_at - interval '7 days' AND c.created_at <= x.created_at + interval '7 days'";
        return sql.list("WITH x AS (SELECT id AS of_case, grid_id, kind_code, created_at, lat, lng FROM case_file WHERE id = ANY($1))"
                + " SELECT DISTINCT ON (x.of_case, c.id) x.of_case, " + CaseFile.COLUMNS + " FROM x JOIN LATERAL ("
                + "   SELECT * FROM case_file c WHERE c.grid_id = x.grid_id" + window
                + "   UNION ALL"
                + "   SELECT * FROM case_file c WHERE x.lat IS NOT NULL AND c.lat IS NOT NULL" + window
                + "     AND earth_box(ll_to_earth(x.lat, x.lng), $2) @> ll_to_earth(c.lat, c.lng)"
                + "     AND earth_distance(ll_to_earth(x.lat, x.lng), ll_to_earth(c.lat, c.lng)) <= $2) c ON true"
                + " ORDER BY x.of_case, c.id DESC",
                Tuple.of(ids, (double) radius), row -> new Object[] {row.getLong("of_case"), CaseFile.from(row, now)})
                .map(list -> Batch.group(cases, c -> c.dbId, list, pair -> (Long) pair[0]).stream()
                        .map(pairs -> pairs.stream().map(pair -> (CaseFile) pair[1]).toList()).toList());
    }

    /** Open cases (any kind) within {@code radius} metres of each case's point, nearest first; none for a case without one. */
    public Uni<List<List<NearbyCase>>> nearby(List<CaseFile> cases, int radius) {
        OffsetDateTime now = clock.now();
        Long[] ids = cases.stream().map(c -> c.dbId).toArray(Long[]::new);
        return sql.list("WITH x AS (SELECT id AS of_case, ll_to_earth(lat, lng) AS p FROM case_file WHERE id = ANY($1) AND lat IS NOT NULL)"
                + " SELECT x.of_case, c.* FROM x JOIN LATERAL ("
                + "   SELECT earth_distance(x.p, ll_to_earth(c.lat, c.lng)) AS distance, " + CaseFile.COLUMNS + " FROM case_file c"
                + "   WHERE c.id <> x.of_case AND c.lat IS NOT NULL AND c.state NOT IN ('CLOSED', 'REJECTED', 'WITHDRAWN')"
                + "   AND earth_box(x.p, $2) @> ll_to_earth(c.lat, c.lng) AND earth_distance(x.p, ll_to_earth(c.lat, c.lng)) <= $2"
                + "   ORDER BY distance, c.id LIMIT 50) c ON true ORDER BY x.of_case, c.distance, c.id",
                Tuple.of(ids, (double) radius), row -> {
                    NearbyCase n = new NearbyCase();
                    n.kase = CaseFile.from(row, now);
                    n.distanceMeters = Math.round(row.getDouble("distance") * 10) / 10.0;
                    return new Object[] {row.getLong("of_case"), n};
                })
                .map(list -> Batch.group(cases, c -> c.dbId, list, pair -> (Long) pair[0]).stream()
                        .map(pairs -> pairs.stream().map(pair -> (NearbyCase) pair[1]).toList()).toList());
    }

    public Uni<List<Department>> departments() {
        return sql.list("SELECT id, code, name, kind, active FROM department ORDER BY id", Tuple.tuple(), Department::from);
    }

    public Uni<java.util.Map<Long, Department>> departmentsById(java.util.Collection<Long> ids) {
        return sql.list("SELECT id, code, name, kind, active FROM department WHERE id = ANY($1)", Tuple.of(ids.toArray(Long[]::new)),
                Department::from).map(list -> Batch.index(list, d -> d.dbId));
    }

    /** The latest note of a step after the report (whose note is the report itself), by case id; cases without one are absent. */
    public Uni<java.util.Map<Long, String>> lastNotes(List<Long> ids) {
        return sql.list("""
                SELECT DISTINCT ON (case_id) case_id, note FROM case_event WHERE case_id = ANY($1) AND note IS NOT NULL AND action <> 'REPORT'
                ORDER BY case_id, id DESC""", Tuple.of(ids.toArray(Long[]::new)), row -> java.util.Map.entry(row.getLong("case_id"), row.getString("note")))
                .map(entries -> {
                    java.util.Map<Long, String> out = new java.util.HashMap<>();
                    entries.forEach(e -> out.put(e.getKey(), e.getValue()));
                    return out;
                });
    }

    /** Cases the caller reported (我的上报). */
    public Uni<CaseConnection> reportedBy(Caller caller, int first, Long afterId) {
        return list(caller, null, null, args -> {
            args.add(caller.subject());
            return "c.reporter_subject = $" + args.size();
        }, first, afterId);
    }

    /** Cases waiting for the caller: dispatched to them or their department, not yet resolved. */
    public Uni<CaseConnection> queueOf(Caller caller, int first, Long afterId) {
        return list(caller, null, null, args -> {
            args.add(caller.subject());
            int me = args.size();
            return "c.state IN ('DISPATCHED', 'IN_PROGRESS') AND (c.handler_subject = $" + me
                    + " OR c.handler_department_id IN (SELECT department_id FROM department_member WHERE subject = $" + me + "))";
        }, first, afterId);
    }

    /** Every case ever dispatched to the department, filtered. */
    public Uni<CaseConnection> inboxOf(Caller caller, long department, CaseFilter filter, int first, Long afterId) {
        return linked(caller, Link.DEPARTMENT, List.of(department), null, filter, first, afterId).map(pages -> pages.get(0));
    }

    /**
     * A page of cases for each grid's subtree, filtered, in one statement (and the counts, when a
     * page asks for its total, in one more for all of them).
     */
    public Uni<List<CaseConnection>> inSubtrees(Caller caller, List<Subtree> subtrees, CaseFilter filter, int first, Long afterId) {
        List<Object> args = Subtrees.bounds(Subtrees.paths(subtrees));
        String ofParent = "c.grid_path >= r.lo AND c.grid_path < r.hi" + Subtrees.inCounties(subtrees, "c.county_code", args);
        return pages(caller, Subtrees.PARENTS, "case_file c", ofParent, null, filter, first, afterId, args);
    }

    /**
     * A page of the cases linked to each household, resident or department, filtered (and within
     * a subtree when given), in one statement; the counts in one more, when asked.
     */
    public Uni<List<CaseConnection>> linked(Caller caller, Link link, List<Long> ids, Subtree subtree, CaseFilter filter, int first,
            Long afterId) {
        List<Object> args = new ArrayList<>();
        args.add(ids.toArray(Long[]::new));
        return pages(caller, "unnest($1::bigint[]) WITH ORDINALITY AS r(k, i)", link.table + " l JOIN case_file c ON c.id = l.case_id",
                "l." + link.column + " = r.k", subtree, filter, first, afterId, args);
    }

    private Uni<List<CaseConnection>> pages(Caller caller, String parents, String from, String ofParent, Subtree subtree, CaseFilter filter,
            int first, Long afterId, List<Object> args) {
        OffsetDateTime now = clock.now();
        int count = ((Object[]) args.get(0)).length;
        String where = ofParent + " AND " + condition(caller, subtree, filter, now, args);
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        Uni<List<Integer>> counts = Uni.createFrom().deferred(() -> PerParent.counts(sql, parents, from, where, countArgs)).memoize().indefinitely();
        StringBuilder page = new StringBuilder("SELECT ").append(CaseFile.COLUMNS).append(" FROM ").append(from).append(" WHERE ").append(where);
        if (afterId != null) {
            args.add(afterId);
            page.append(" AND c.id < $").append(args.size());
        }
        args.add(first + 1);
        page.append(" ORDER BY c.id DESC LIMIT $").append(args.size());
        String after = afterId == null ? null : "";
        return PerParent.rows(sql, parents, count, page.toString(), "x.id DESC", Tuple.from(args), row -> CaseFile.from(row, now))
                .map(each -> {
                    List<CaseConnection> out = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        int at = i;
                        out.add(new CaseConnection(Page.of(each.get(i), first, after), () -> counts.map(all -> all.get(at))));
                    }
                    return out;
                });
    }

    /** What a case may be linked to: the households and residents it concerns, the departments it was dispatched to. */
    public enum Link {
        HOUSEHOLD("case_household", "household_id"), PERSON("case_person", "person_id"), DEPARTMENT("case_department", "department_id");

        final String table;
        final String column;

        Link(String table, String column) {
            this.table = table;
            this.column = column;
        }
    }
}
