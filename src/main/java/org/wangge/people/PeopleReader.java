package org.wangge.people;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.wangge.common.Batch;
import org.wangge.common.Clock;
import org.wangge.common.Cursor;
import org.wangge.common.Page;
import org.wangge.common.PerParent;
import org.wangge.common.Sql;
import org.wangge.common.Counties;
import org.wangge.grid.Subtree;
import org.wangge.grid.Subtrees;
import org.wangge.security.Caller;
import org.wangge.security.Capability;

/** Reads of households, residents, care cases and visits; batched like the grid reads. */
@ApplicationScoped
public class PeopleReader {

    private final Sql sql;
    private final Clock clock;

    public PeopleReader(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    /** The Person rule ({@link Person#visibleTo}) in SQL, over {@code p}, {@code h} and {@code g}. */
    static String personScope(Caller caller, List<Object> args) {
        if (caller.isAdmin()) {
            return "true";
        }
        args.add(caller.subject());
        String own = "p.account_subject = $" + args.size();
        if (caller.ownHousehold() != null) {
            args.add(caller.ownHousehold());
            own += " OR p.household_id = $" + args.size();
        }
        return "(" + householdScope(caller, args) + " OR " + own + ")";
    }

    /** Households staff may read ({@link Household#visibleTo} without the caller's own), over {@code h} and {@code g}. */
    static String householdScope(Caller caller, List<Object> args) {
        if (caller.isAdmin()) {
            return "true";
        }
        StringBuilder sql = new StringBuilder("(").append(Subtrees.condition(caller.paths(Capability.RESIDENTS_READ), "g.path", args, true));
        for (Caller.Grant b : caller.buildings()) {
            args.add(b.path());
            args.add(b.building());
            sql.append(" OR (g.path = $").append(args.size() - 1).append(" AND h.building = $").append(args.size()).append(')');
        }
        return sql.append(')').toString();
    }

    public Uni<Map<Long, Person>> persons(Collection<Long> ids) {
        return persons(ids, null);
    }

    /** The residents by id, in these counties (null: their counties are looked up first). */
    public Uni<Map<Long, Person>> persons(Collection<Long> ids, String[] counties) {
        LocalDate today = clock.today();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Long[] keys = ids.toArray(Long[]::new);
        if (counties == null) {
            return countiesOf("person", keys).chain(found -> persons(ids, found));
        }
        return sql.list("SELECT " + Person.COLUMNS + Person.from("h.county_code = ANY($2)") + " WHERE p.id = ANY($1) AND p.county_code = ANY($2)",
                Tuple.of(keys, counties), row -> Person.from(row, today)).map(list -> Batch.index(list, p -> p.dbId));
    }

    /**
     * The counties of these rows of a partitioned table. A read by id alone plans every county's
     * partition (and, joined, every partition of the other table: tens of milliseconds with 34
     * counties); finding the counties first costs one index probe per partition, and the read then
     * plans only theirs.
     */
    private Uni<String[]> countiesOf(String table, Long[] ids) {
        return sql.list("SELECT DISTINCT county_code FROM " + table + " WHERE id = ANY($1)", Tuple.of((Object) ids), row -> row.getString(0))
                .map(found -> found.toArray(String[]::new));
    }

    public Uni<Person> person(long id) {
        return persons(List.of(id)).map(m -> m.get(id));
    }

    public Uni<Map<Long, Household>> households(Collection<Long> ids) {
        return households(ids, null);
    }

    /** The households by id, in these counties (null: their counties are looked up first, as for residents). */
    public Uni<Map<Long, Household>> households(Collection<Long> ids, String[] counties) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Long[] keys = ids.toArray(Long[]::new);
        if (counties == null) {
            return countiesOf("household", keys).chain(found -> households(ids, found));
        }
        return sql.list("SELECT " + Household.COLUMNS + Household.FROM + " WHERE h.id = ANY($1) AND h.county_code = ANY($2)",
                Tuple.of(keys, counties), Household::from).map(list -> Batch.index(list, h -> h.dbId));
    }

    public Uni<Household> household(long id) {
        return households(List.of(id)).map(m -> m.get(id));
    }

    /** Current members of each household, householder first. */
    public Uni<List<List<Person>>> members(List<Household> households) {
        LocalDate today = clock.today();
        Long[] ids = households.stream().map(h -> h.dbId).toArray(Long[]::new);
        // the households' counties, on the residents and on the households joined to them
        return sql.list("SELECT " + Person.COLUMNS + Person.from(Counties.condition("h.county_code", 2))
                + " WHERE p.household_id = ANY($1) AND " + Counties.condition("p.county_code", 2)
                + " ORDER BY p.household_id, p.relation <> 'HOUSEHOLDER', p.birth_date NULLS LAST, p.id",
                Tuple.of(ids, Counties.of(households, h -> h.countyCode)), row -> Person.from(row, today)).map(list -> Batch.group(households, h -> h.dbId, list, p -> p.householdId));
    }

    /** {@code exactAges}: ages as of today; otherwise the age reached this year, which tells no more than the birth year. */
    public Uni<PersonConnection> searchPersons(Caller caller, Subtree root, PersonFilter filter, int first, String after, boolean exactAges) {
        LocalDate today = clock.today();
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(personCondition(caller, filter, exactAges, today, args));
        if (root != null) {
            where.append(" AND ").append(Subtrees.within(root, "g.path", "p.county_code", args));
        }
        String countSql = "SELECT count(*)" + Person.FROM + " WHERE " + where;
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        long afterId = after == null ? 0 : Cursor.decodeLong("p", after);
        args.add(afterId);
        args.add(first + 1);
        String pageSql = "SELECT " + Person.COLUMNS + Person.FROM + " WHERE " + where + " AND p.id > $" + (args.size() - 1)
                + " ORDER BY p.id LIMIT $" + args.size();
        return sql.list(pageSql, Tuple.from(args), row -> Person.from(row, today))
                .chain(rows -> sql.one(countSql, countArgs, row -> row.getLong(0).intValue())
                        .map(total -> new PersonConnection(Page.of(rows, first, after), total)));
    }

    /** A page of residents for each grid's subtree, filtered, in one statement, and their totals in one more. */
    public Uni<List<PersonConnection>> personsInSubtrees(Caller caller, List<Subtree> subtrees, PersonFilter filter, int first, String after,
            boolean exactAges) {
        LocalDate today = clock.today();
        List<String> paths = Subtrees.paths(subtrees);
        List<Object> args = Subtrees.bounds(paths);
        String where = "g.path >= r.lo AND g.path < r.hi" + Subtrees.inCounties(subtrees, "p.county_code", args) + " AND "
                + personCondition(caller, filter, exactAges, today, args);
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        args.add(after == null ? 0L : Cursor.decodeLong("p", after));
        args.add(first + 1);
        String page = "SELECT " + Person.COLUMNS + Person.FROM + " WHERE " + where + " AND p.id > $" + (args.size() - 1)
                + " ORDER BY p.id LIMIT $" + args.size();
        return PerParent.rows(sql, Subtrees.PARENTS, paths.size(), page, "x.id", Tuple.from(args), row -> Person.from(row, today))
                .chain(each -> PerParent.counts(sql, Subtrees.PARENTS, Person.FROM.substring(" FROM ".length()), where, countArgs)
                        .map(totals -> PerParent.each(each, totals, (rows, total) -> new PersonConnection(Page.of(rows, first, after), total))));
    }

    /** Which residents the caller may read, filtered; its arguments added to {@code args}. */
    private String personCondition(Caller caller, PersonFilter filter, boolean exactAges, LocalDate today, List<Object> args) {
        StringBuilder where = new StringBuilder(personScope(caller, args));
        PersonFilter f = filter == null ? new PersonFilter() : filter;
        if (f.residenceType != null) {
            args.add(f.residenceType.name());
            where.append(" AND p.residence_type = $").append(args.size());
        }
        if (f.careCategory != null) {
            // only where the caller reads care groups
            if (!caller.isAdmin()) {
                where.append(" AND ").append(Subtrees.condition(caller.paths(Capability.CARE_READ), "g.path", args, true));
            }
            args.add(f.careCategory);
            args.add(today);
            where.append(" AND EXISTS (SELECT 1 FROM person_care c WHERE c.person_id = p.id AND c.category_code = $")
                    .append(args.size() - 1).append(" AND c.start_date <= $").append(args.size())
                    .append(" AND (c.end_date IS NULL OR c.end_date >= $").append(args.size()).append("))");
        }
        if (f.minAge != null) {
            // at least N years old: born on or before today minus N years (or in that year or before)
            args.add(exactAges ? today.minusYears(f.minAge) : java.time.LocalDate.of(today.getYear() - f.minAge, 12, 31));
            where.append(" AND p.birth_date <= $").append(args.size());
        }
        if (f.maxAge != null) {
            // at most N years old: born after today minus N+1 years (or in the year today minus N or later)
            args.add(exactAges ? today.minusYears(f.maxAge + 1L) : java.time.LocalDate.of(today.getYear() - f.maxAge - 1, 12, 31));
            where.append(" AND p.birth_date > $").append(args.size());
        }
        if (f.namePrefix != null && !f.namePrefix.isBlank()) {
            args.add(f.namePrefix.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where.append(" AND p.name LIKE $").append(args.size());
        }
        return where.toString();
    }

    public Uni<HouseholdConnection> households(Caller caller, Subtree root, String addressPrefix, int first, String after) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder(Subtrees.within(root, "g.path", "h.county_code", args));
        where.append(" AND ").append(householdCondition(caller, addressPrefix, args));
        String countSql = "SELECT count(*)" + Household.FROM + " WHERE " + where;
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        args.add(after == null ? 0L : Cursor.decodeLong("h", after));
        args.add(first + 1);
        String pageSql = "SELECT " + Household.COLUMNS + Household.FROM + " WHERE " + where + " AND h.id > $" + (args.size() - 1)
                + " ORDER BY h.id LIMIT $" + args.size();
        return sql.list(pageSql, Tuple.from(args), Household::from)
                .chain(rows -> sql.one(countSql, countArgs, row -> row.getLong(0).intValue())
                        .map(total -> new HouseholdConnection(Page.of(rows, first, after), total)));
    }

    /** A page of households for each grid's subtree, in one statement, and their totals in one more. */
    public Uni<List<HouseholdConnection>> householdsInSubtrees(Caller caller, List<Subtree> subtrees, String addressPrefix, int first,
            String after) {
        List<String> paths = Subtrees.paths(subtrees);
        List<Object> args = Subtrees.bounds(paths);
        String where = "g.path >= r.lo AND g.path < r.hi" + Subtrees.inCounties(subtrees, "h.county_code", args) + " AND "
                + householdCondition(caller, addressPrefix, args);
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        args.add(after == null ? 0L : Cursor.decodeLong("h", after));
        args.add(first + 1);
        String page = "SELECT " + Household.COLUMNS + Household.FROM + " WHERE " + where + " AND h.id > $" + (args.size() - 1)
                + " ORDER BY h.id LIMIT $" + args.size();
        return PerParent.rows(sql, Subtrees.PARENTS, paths.size(), page, "x.id", Tuple.from(args), Household::from)
                .chain(each -> PerParent.counts(sql, Subtrees.PARENTS, Household.FROM.substring(" FROM ".length()), where, countArgs)
                        .map(totals -> PerParent.each(each, totals, (rows, total) -> new HouseholdConnection(Page.of(rows, first, after), total))));
    }

    /** Which households the caller may read, by address prefix when given; its arguments added to {@code args}. */
    private String householdCondition(Caller caller, String addressPrefix, List<Object> args) {
        StringBuilder where = new StringBuilder(householdScope(caller, args));
        if (addressPrefix != null && !addressPrefix.isBlank()) {
            args.add(addressPrefix.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
            where.append(" AND h.address LIKE $").append(args.size());
        }
        return where.toString();
    }

    public Uni<Person> byIdNumberHash(String idType, byte[] hash) {
        LocalDate today = clock.today();
        return sql.one("SELECT " + Person.COLUMNS + Person.FROM + " WHERE p.id_type = $1 AND p.id_number_hash = $2",
                Tuple.of(idType, io.vertx.core.buffer.Buffer.buffer(hash)), row -> Person.from(row, today));
    }

    public Uni<List<Person>> byPhoneHash(byte[] hash) {
        LocalDate today = clock.today();
        return sql.list("SELECT " + Person.COLUMNS + Person.FROM + " WHERE p.phone_hash = $1 ORDER BY p.id",
                Tuple.of(io.vertx.core.buffer.Buffer.buffer(hash)), row -> Person.from(row, today));
    }

    /** Care cases of each person (current and past), newest first. */
    public Uni<List<List<CareCase>>> careCases(List<Person> persons) {
        LocalDate today = clock.today();
        Long[] ids = persons.stream().map(p -> p.dbId).toArray(Long[]::new);
        return sql.list("SELECT " + CareCase.COLUMNS + CareCase.FROM + " WHERE c.person_id = ANY($1) ORDER BY c.person_id, c.start_date DESC, c.id DESC",
                Tuple.of(ids), row -> CareCase.from(row, today, clock.zone())).map(list -> Batch.group(persons, p -> p.dbId, list, c -> c.personId));
    }

    public Uni<CareCase> careCase(long id) {
        LocalDate today = clock.today();
        return sql.one("SELECT " + CareCase.COLUMNS + CareCase.FROM + " WHERE c.id = $1", Tuple.of(id),
                row -> CareCase.from(row, today, clock.zone()));
    }

    /**
     * Active care cases whose next visit is past due, for one helper and/or a grid subtree,
     * most overdue first.
     */
    public Uni<CareCaseConnection> overdue(String helperSubject, String rootPath, List<String> scope, int first, String after) {
        LocalDate today = clock.today();
        List<Object> args = new ArrayList<>();
        args.add(today);
        StringBuilder where = new StringBuilder("c.start_date <= $1 AND (c.end_date IS NULL OR c.end_date >= $1) AND c.visit_interval_days IS NOT NULL");
        if (helperSubject != null) {
            args.add(helperSubject);
            where.append(" AND c.helper_subject = $").append(args.size());
        }
        if (rootPath != null) {
            where.append(" AND ").append(Subtrees.condition(List.of(rootPath), "g.path", args, true));
        }
        if (scope != null) {
            where.append(" AND ").append(Subtrees.condition(scope, "g.path", args, true));
        }
        String base = "SELECT * FROM (SELECT " + CareCase.COLUMNS + ", p.household_id" + CareCase.FROM
                + " JOIN person p ON p.id = c.person_id JOIN household h ON h.id = p.household_id JOIN grid g ON g.id = h.grid_id"
                + " WHERE " + where + ") t WHERE (coalesce((t.last_visit_at AT TIME ZONE '" + clock.zone().getId()
                + "')::date, t.start_date) + t.visit_interval_days) < $1";
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        args.add(after == null ? 0L : Cursor.decodeLong("cc", after));
        args.add(first + 1);
        String pageSql = base + " AND t.id > $" + (args.size() - 1) + " ORDER BY t.id LIMIT $" + args.size();
        return sql.list(pageSql, Tuple.from(args), row -> CareCase.from(row, today, clock.zone()))
                .chain(rows -> sql.one("SELECT count(*) FROM (" + base + ") o", countArgs, row -> row.getLong(0).intValue())
                        .map(total -> new CareCaseConnection(Page.of(rows, first, after), total)));
    }

    public Uni<List<CareCategory>> careCategories() {
        return sql.list("SELECT code, name_zh, name_en, active FROM care_category ORDER BY sort_order", Tuple.tuple(), CareCategory::from);
    }

    /** Recent visits of each household, newest first. */
    public Uni<List<List<Visit>>> visits(List<Household> households, int limit) {
        Long[] ids = households.stream().map(h -> h.dbId).toArray(Long[]::new);
        return sql.list("SELECT * FROM (SELECT " + Visit.COLUMNS + ", row_number() OVER (PARTITION BY v.household_id ORDER BY v.visited_at DESC, v.id DESC) AS rn"
                + Visit.FROM + " WHERE v.household_id = ANY($1)) t WHERE t.rn <= $2 ORDER BY t.household_id, t.visited_at DESC, t.id DESC",
                Tuple.of(ids, limit), Visit::from).map(list -> Batch.group(households, h -> h.dbId, list, v -> v.householdId));
    }

    public Uni<Visit> visit(long id) {
        return sql.one("SELECT " + Visit.COLUMNS + Visit.FROM + " WHERE v.id = $1", Tuple.of(id), Visit::from);
    }

    /** Coverage of a grid subtree: households, residents by residence type, care groups, workers. */
    public Uni<Coverage> coverage(String rootPath) {
        LocalDate today = clock.today();
        String end = Subtrees.end(rootPath);
        String query = """
                WITH sub AS (SELECT id FROM grid WHERE path >= $1 AND path < $2),
                     hh AS (SELECT h.id FROM household h JOIN sub ON sub.id = h.grid_id),
                     pp AS (SELECT p.id, p.residence_type FROM person p JOIN hh ON hh.id = p.household_id)
                SELECT (SELECT count(*) FROM hh) AS households,
                       (SELECT count(*) FROM pp) AS residents,
                       (SELECT count(*) FROM pp WHERE residence_type = 'REGISTERED') AS registered,
                       (SELECT count(*) FROM pp WHERE residence_type = 'PERMANENT') AS permanent,
                       (SELECT count(*) FROM pp WHERE residence_type = 'FLOATING') AS floating,
                       (SELECT count(DISTINCT a.subject) FROM staff_assignment a JOIN sub ON sub.id = a.grid_id
                        WHERE a.role = 'GRID_WORKER' AND a.start_date <= $3 AND (a.end_date IS NULL OR a.end_date >= $3)) AS workers,
                       (SELECT coalesce(json_agg(json_build_object('code', x.code, 'count', x.n) ORDER BY x.sort_order), '[]'::json)::text
                        FROM (SELECT cat.code, cat.sort_order, count(DISTINCT c.person_id) AS n
                              FROM care_category cat
                              LEFT JOIN person_care c ON c.category_code = cat.code AND c.start_date <= $3
                                   AND (c.end_date IS NULL OR c.end_date >= $3) AND c.person_id IN (SELECT id FROM pp)
                              GROUP BY cat.code, cat.sort_order) x) AS care
                """;
        return sql.one(query, Tuple.of(rootPath, end, today), Coverage::from).invoke(c -> c.rootPath = rootPath);
    }

    /** Grid periods of each household (oldest first), or household periods of each person. */
    public <P extends HistoryPeriod> Uni<List<List<P>>> history(List<Long> owners, boolean households,
            java.util.function.Supplier<P> make) {
        String query = households
                ? "SELECT household_id AS owner, grid_id AS target, valid_from, valid_to, NULL AS relation FROM household_grid_history WHERE household_id = ANY($1) ORDER BY household_id, valid_from, id"
                : "SELECT person_id AS owner, household_id AS target, valid_from, valid_to, relation FROM household_member WHERE person_id = ANY($1) ORDER BY person_id, valid_from, id";
        return sql.list(query, Tuple.of(owners.toArray(Long[]::new)), row -> {
            P h = make.get();
            h.ownerId = row.getLong("owner");
            h.targetId = row.getLong("target");
            h.validFrom = row.getOffsetDateTime("valid_from");
            h.validTo = row.getOffsetDateTime("valid_to");
            String relation = row.getString("relation");
            h.relation = relation == null ? null : Relation.valueOf(relation);
            return h;
        }).map(list -> Batch.group(owners, o -> o, list, h -> h.ownerId));
    }

    /** One entry of the personal-data audit log, or null. */
    public Uni<PersonalDataRead> personalDataRead(long id) {
        return sql.one("SELECT " + PersonalDataRead.COLUMNS + " FROM pii_audit WHERE id = $1", Tuple.of(id), PersonalDataRead::from);
    }

    /** The personal-data audit log, newest first (PeopleApi lets admins only). */
    public Uni<PersonalDataReadConnection> personalDataReads(Long personId, String actor, int first, String after) {
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        if (personId != null) {
            args.add(personId);
            where.append(" AND person_id = $").append(args.size());
        }
        if (actor != null) {
            args.add(actor);
            where.append(" AND actor_subject = $").append(args.size());
        }
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        args.add(after == null ? Long.MAX_VALUE : Cursor.decodeLong("pr", after));
        args.add(first + 1);
        String page = "SELECT " + PersonalDataRead.COLUMNS + " FROM pii_audit WHERE " + where + " AND id < $" + (args.size() - 1)
                + " ORDER BY id DESC LIMIT $" + args.size();
        return sql.list(page, Tuple.from(args), PersonalDataRead::from)
                .chain(rows -> sql.one("SELECT count(*) FROM pii_audit WHERE " + where, countArgs, r -> r.getLong(0).intValue())
                        .map(total -> new PersonalDataReadConnection(Page.of(rows, first, after), total)));
    }
}
