package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.Keys;
import org.wangge.TestDb;
import org.wangge.TestIds;

/**
 * County as the partition key (V46, DEVELOPERS.md "County partitions"): the rule every table
 * keeps, checked on the catalogue, and what it means for writes that would cross a county.
 */
@QuarkusTest
class CountyPartitionsTest {

    /** Tables kept for the whole province, each with why it carries no county. */
    static final Map<String, String> PROVINCE_WIDE = Map.ofEntries(
            Map.entry("flyway_schema_history", "the schema's own history"),
            Map.entry("grid", "the tree spans counties: cities and the province sit above them (a reference table)"),
            Map.entry("account", "a person signs in once for the province"),
            Map.entry("staff_assignment", "staff are assigned on any tier, cities and the province included"),
            Map.entry("department", "partner departments work across counties"),
            Map.entry("department_member", "members of a department"),
            Map.entry("care_category", "the catalogue"),
            Map.entry("case_kind", "the catalogue"),
            Map.entry("case_item", "the catalogue"),
            Map.entry("stage_limit", "the catalogue"),
            Map.entry("earning_rule", "the catalogue"),
            Map.entry("inspection_checklist", "the catalogue"),
            Map.entry("inspection_check_item", "the catalogue"),
            Map.entry("unit_risk_tag", "the catalogue"),
            Map.entry("work_calendar_year", "the State Council's calendar"),
            Map.entry("work_calendar_day", "the State Council's calendar"),
            Map.entry("work_period", "the working day's hours"),
            Map.entry("points_account", "points belong to a subject, earned and spent anywhere"),
            Map.entry("points_entry", "points belong to a subject"),
            Map.entry("points_award", "points belong to a subject"),
            Map.entry("shop", "a shop serves the subjects of its grid's points"),
            Map.entry("shop_item", "a shop's goods"),
            Map.entry("shop_order", "a subject's orders"),
            Map.entry("persisted_document", "clients' documents"),
            Map.entry("client_document", "clients' documents"),
            Map.entry("idempotency_key", "a subject's retries"),
            Map.entry("webhook_endpoint", "a department's endpoints"),
            Map.entry("webhook_delivery", "an endpoint's deliveries"),
            Map.entry("open311_key", "a partner's keys"),
            Map.entry("import_job", "jobs may cover a city"),
            Map.entry("import_job_error", "a job's errors"),
            Map.entry("ledger_export", "exports may cover a city"),
            Map.entry("pii_audit", "the audit of a reader, wherever they read"),
            Map.entry("daily_grid_delta", "a work queue of the fold"),
            Map.entry("case_cohort", "figures of every tier, cities and the province included"),
            Map.entry("case_cohort_change", "a work queue of the fold"),
            Map.entry("person_identity", "an ID number is unique in the province: the lookup by it"),
            Map.entry("person_account", "an account is one person's in the province: the lookup by it"));

    /** The large tables, partitioned by LIST on county_code. */
    static final Set<String> PARTITIONED = Set.of("household", "person", "case_file", "case_event", "daily_grid_figure");

    static final Doc CREATE_HOUSEHOLD = Doc.of("people/CreateHousehold");
    static final Doc REGISTER = Doc.of("people/RegisterPerson");
    static final Doc MOVE_HOUSEHOLD = Doc.of("people/MoveHousehold");
    static final Doc TRANSFER = Doc.of("people/TransferPerson");
    static final Doc MOVE_GRID = Doc.of("grid/MoveGrid");
    static final Doc REPORT = Doc.of("cases/ReportCase");

    @Inject
    Pool pool;

    @Test
    void everyTableIsACountyTableOrAProvinceWideOne() {
        List<String> wrong = new ArrayList<>();
        for (Row t : TestDb.rows(pool, """
                SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'county_code'
                                          AND a.attnotnull AND NOT a.attisdropped)
                FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition""")) {
            String table = t.getString(0);
            // (a province-wide table may carry a county as an attribute: grid, the lookups)
            boolean county = t.getBoolean(1);
            if (!county && !PROVINCE_WIDE.containsKey(table)) {
                wrong.add(table + ": neither carries county_code nor is listed as province-wide");
            }
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void countyTablesLeadEveryKeyWithTheCounty() {
        List<String> wrong = new ArrayList<>();
        // primary keys and unique indexes: the first column is county_code
        for (Row k : TestDb.rows(pool, """
                SELECT c.relname, i.indexrelid::regclass::text, i.indisprimary, a.attname
                FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0]
                WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition AND i.indisunique
                  AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = 'county_code')""")) {
            if (!PROVINCE_WIDE.containsKey(k.getString(0)) && !"county_code".equals(k.getString(3))) {
                wrong.add(k.getString(0) + "." + k.getString(1) + " does not lead with county_code");
            }
        }
        for (Row t : TestDb.rows(pool, """
                SELECT c.relname FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                  AND EXISTS (SELECT 1 FROM pg_attribute x WHERE x.attrelid = c.oid AND x.attname = 'county_code')
                  AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.oid AND i.indisprimary)""")) {
            if (!PROVINCE_WIDE.containsKey(t.getString(0))) {
                wrong.add(t.getString(0) + " has no primary key");
            }
        }
        // foreign keys: between county tables, county_code first on both sides; none from a
        // province-wide table into a county table
        for (Row f : TestDb.rows(pool, """
                SELECT c.conname, src.relname, dst.relname,
                       (SELECT attname FROM pg_attribute WHERE attrelid = c.conrelid AND attnum = c.conkey[1]),
                       (SELECT attname FROM pg_attribute WHERE attrelid = c.confrelid AND attnum = c.confkey[1])
                FROM pg_constraint c JOIN pg_class src ON src.oid = c.conrelid JOIN pg_class dst ON dst.oid = c.confrelid
                WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace AND NOT src.relispartition AND c.conparentid = 0""")) {
            String name = f.getString(0);
            boolean fromCounty = !PROVINCE_WIDE.containsKey(f.getString(1));
            boolean toCounty = !PROVINCE_WIDE.containsKey(f.getString(2));
            if (toCounty && !fromCounty) {
                wrong.add(name + ": province-wide " + f.getString(1) + " leans on county table " + f.getString(2));
            }
            if (toCounty && fromCounty && !("county_code".equals(f.getString(3)) && "county_code".equals(f.getString(4)))) {
                wrong.add(name + " does not lead with county_code");
            }
        }
        assertEquals(List.of(), wrong);
    }

    /**
     * A key led by the county serves queries that name the county; most still name only the old
     * columns (an id, a grid, a case), and without an index led by one of them they would read a
     * whole index for each row they look up.
     */
    @Test
    void everyCountyKeyHasALookupThatNeedsNoCounty() {
        List<String> wrong = new ArrayList<>();
        for (Row k : TestDb.rows(pool, """
                SELECT c.relname, i.indexrelid::regclass::text
                FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = i.indkey[0] AND a.attname = 'county_code'
                WHERE c.relnamespace = 'public'::regnamespace AND NOT c.relispartition AND i.indisunique
                  AND NOT EXISTS (SELECT 1 FROM pg_index o WHERE o.indrelid = c.oid AND o.indexrelid <> i.indexrelid
                                  AND o.indkey[0] <> 0 AND o.indkey[0] = ANY ((i.indkey::int2[])[1:]))""")) {
            wrong.add(k.getString(0) + "." + k.getString(1) + " has no index led by one of its other columns");
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void theLargeTablesArePartitionedByCountyWithADefault() {
        for (String table : PARTITIONED) {
            assertEquals("LIST (county_code)", TestDb.rows(pool, "SELECT pg_get_partkeydef($1::regclass)", table).get(0).getString(0), table);
            assertEquals(1L, TestDb.count(pool, """
                    SELECT count(*) FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid
                    WHERE i.inhparent = $1::regclass AND pg_get_expr(p.relpartbound, p.oid) = 'DEFAULT'""", table), table);
        }
    }

    @Test
    void aNewCountyGetsItsPartitionsAndItsRecordsLandThere() {
        String code = countyCode();
        String county = Fixtures.grid(null, code, "新县", "COUNTY");
        String micro = Fixtures.grid(Fixtures.grid(county, Fixtures.code("town"), "镇", "TOWNSHIP"), Fixtures.code("micro"), "网格", "MICRO_GRID");
        for (String table : PARTITIONED) {
            assertEquals(1L, TestDb.count(pool, "SELECT count(*) FROM pg_class WHERE relname = $1",
                    table + "_" + code.toLowerCase()), table);
        }
        String household = household(micro, "新县 1 号");
        String person = register(household, TestIds.resident("610702", LocalDate.of(1980, 5, 1), serial()));
        assertEquals(List.of(table("household", code), code), partitionOf("household", household));
        assertEquals(List.of(table("person", code), code), partitionOf("person", person));
    }

    @Test
    void anIdNumberIsRegisteredOnceInTheProvince() {
        String a = microGridOfANewCounty();
        String b = microGridOfANewCounty();
        String id = TestIds.resident("610702", LocalDate.of(1975, 2, 3), serial());
        register(household(a, "甲县 2 号"), id);
        Map<String, Object> again = person(household(b, "乙县 2 号"), id);
        assertEquals("CONFLICT", Gql.admin().errorCode(REGISTER, "input", again));
        assertEquals(1L, TestDb.count(pool, "SELECT count(*) FROM person_identity WHERE county_code = $1",
                TestDb.rows(pool, "SELECT county_code FROM grid WHERE id = $1", Keys.of(a)).get(0).getString(0)));
    }

    @Test
    void householdsAndResidentsStayInTheirCounty() {
        String a = microGridOfANewCounty();
        String b = microGridOfANewCounty();
        String there = household(b, "乙县 3 号");
        String household = household(a, "甲县 3 号");
        String person = register(household, TestIds.resident("610702", LocalDate.of(1990, 7, 8), serial()));

        assertEquals("VALIDATION", Gql.admin().errorCode(MOVE_HOUSEHOLD, "id", household, "gridId", b));
        assertEquals("VALIDATION", Gql.admin().errorCode(TRANSFER, "personId", person, "householdId", there));
        // nothing moved
        assertEquals(Keys.of(a), TestDb.count(pool, "SELECT grid_id FROM household WHERE id = $1", Keys.of(household)));
        assertEquals(Keys.of(household), TestDb.count(pool, "SELECT household_id FROM person WHERE id = $1", Keys.of(person)));
    }

    @Test
    void aGridWithRecordsKeepsItsCountyAnEmptyOneMoves() {
        String countyA = Fixtures.grid(null, countyCode(), "甲县", "COUNTY");
        String countyB = Fixtures.grid(null, countyCode(), "乙县", "COUNTY");
        String township = Fixtures.grid(countyA, Fixtures.code("town"), "镇", "TOWNSHIP");
        String micro = Fixtures.grid(township, Fixtures.code("micro"), "网格", "MICRO_GRID");
        String empty = Fixtures.grid(countyA, Fixtures.code("empty"), "空镇", "TOWNSHIP");
        String emptyMicro = Fixtures.grid(empty, Fixtures.code("empty-micro"), "空网格", "MICRO_GRID");
        household(micro, "甲县 4 号");

        assertEquals("VALIDATION", Gql.admin().errorCode(MOVE_GRID, "id", township, "newParentId", countyB));
        assertEquals(countyOf(countyA), countyOf(micro));

        Gql.admin().field(MOVE_GRID, "id", empty, "newParentId", countyB);
        assertEquals(countyOf(countyB), countyOf(empty));
        assertEquals(countyOf(countyB), countyOf(emptyMicro));
    }

    /**
     * A read scoped to a grid in a county names the county, so PostgreSQL plans and reads that
     * county's partitions only: with every partition of another county locked (as a detach, a
     * reindex or a bulk load there would), each read still answers. One that planned every
     * county's partitions would wait for the lock and fail on the statement timeout.
     */
    @Test
    void readsScopedToACountyTouchOnlyItsPartitions() throws Exception {
        String code = countyCode();
        String county = Fixtures.grid(null, code, "甲县", "COUNTY");
        String township = Fixtures.grid(county, Fixtures.code("town"), "镇", "TOWNSHIP");
        String micro = Fixtures.grid(township, Fixtures.code("micro"), "网格", "MICRO_GRID");
        String household = household(micro, "甲县 9 号");
        String person = register(household, TestIds.resident("610702", LocalDate.of(1986, 4, 5), serial()));
        String kase = Gql.admin().field(REPORT, "input", Map.of("kind", "SAFETY_HAZARD", "title", "甲县的隐患", "gridId", micro)).getString("id");
        String other = countyCode();
        Fixtures.grid(null, other, "乙县", "COUNTY");
        String today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString();

        io.vertx.mutiny.sqlclient.SqlConnection locker = pool.getConnection().await().indefinitely();
        try {
            locker.query("BEGIN").execute().await().indefinitely();
            for (String table : PARTITIONED) {
                locker.query("LOCK TABLE " + table(table, other) + " IN ACCESS EXCLUSIVE MODE").execute().await().indefinitely();
            }
            io.restassured.path.json.JsonPath cases = answered("""
                    query($f: CaseFilter) { cases(filter: $f, first: 5) { totalCount edges { node { id timeline { action } } } } }""",
                    "f", Map.of("gridId", township));
            assertEquals(List.of(kase), cases.getList("cases.edges.node.id"));
            assertEquals(List.of("REPORT"), cases.getList("cases.edges[0].node.timeline.action"));
            assertEquals(1, cases.getInt("cases.totalCount"));

            io.restassured.path.json.JsonPath nested = answered("""
                    query($id: ID!) { node(id: $id) { ... on Grid {
                      cases(first: 5) { totalCount edges { node { id } } }
                      households(first: 5) { totalCount edges { node { id members { id } } } }
                      persons(first: 5) { totalCount edges { node { id } } } } } }""", "id", township);
            assertEquals(List.of(kase), nested.getList("node.cases.edges.node.id"));
            assertEquals(List.of(household), nested.getList("node.households.edges.node.id"));
            assertEquals(List.of(person), nested.getList("node.households.edges[0].node.members.id"));
            assertEquals(List.of(person), nested.getList("node.persons.edges.node.id"));

            io.restassured.path.json.JsonPath roots = answered("""
                    query($grid: ID!, $f: PersonFilter, $day: Date!) {
                      households(gridId: $grid, first: 5) { totalCount edges { node { id members { id } } } }
                      persons(filter: $f, first: 5) { totalCount edges { node { id household { id } } } }
                      caseIndicators(gridId: $grid, from: $day, to: $day) { reported } }""",
                    "grid", township, "f", Map.of("gridId", township), "day", today);
            assertEquals(List.of(person), roots.getList("households.edges[0].node.members.id"));
            assertEquals(List.of(household), roots.getList("persons.edges.node.household.id"));
            assertEquals(1, roots.getInt("caseIndicators.reported"));
        } finally {
            locker.query("ROLLBACK").execute().await().indefinitely();
            locker.close().await().indefinitely();
        }
    }

    /**
     * Creating a county creates its partitions, locking each large table in turn, which can
     * deadlock with a reader that holds one of them and asks for another. PostgreSQL rolls the
     * creation back; it runs again and the county is created once the reader is done.
     */
    @Test
    void aNewCountyIsCreatedThoughItsPartitionsDeadlockWithAReader() throws Exception {
        String code = countyCode();
        io.vertx.mutiny.sqlclient.SqlConnection reader = pool.getConnection().await().indefinitely();
        try {
            reader.query("BEGIN").execute().await().indefinitely();
            reader.query("LOCK TABLE case_event IN ACCESS SHARE MODE").execute().await().indefinitely();
            java.util.concurrent.CompletableFuture<String> created =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> Fixtures.grid(null, code, "丙县", "COUNTY"));
            // the creation has its first partitions and waits for the reader's table
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (TestDb.count(pool, "SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'case_event'::regclass") == 0) {
                assertTrue(System.nanoTime() < deadline, "the county's creation never waited for the reader");
                Thread.sleep(20);
            }
            // the reader asks for a table the creation holds: a deadlock, the creation its victim
            reader.query("LOCK TABLE household IN ACCESS SHARE MODE").execute().await().indefinitely();
            reader.query("COMMIT").execute().await().indefinitely();
            String county = created.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(code, countyOf(county));
            for (String table : PARTITIONED) {
                assertEquals(1L, TestDb.count(pool, "SELECT count(*) FROM pg_class WHERE relname = $1", table(table, code)), table);
            }
        } finally {
            reader.close().await().indefinitely();
        }
    }

    /** The answer of a read made while another county's partitions are locked, or a failure when it waited. */
    private static io.restassured.path.json.JsonPath answered(String query, Object... vars) throws Exception {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> Gql.admin().ok(query, vars)).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    // ---- helpers ----

    private String microGridOfANewCounty() {
        String county = Fixtures.grid(null, countyCode(), "县", "COUNTY");
        return Fixtures.grid(Fixtures.grid(county, Fixtures.code("town"), "镇", "TOWNSHIP"), Fixtures.code("micro"), "网格", "MICRO_GRID");
    }

    /** A six-character county code no other grid of this database starts with. */
    private String countyCode() {
        while (true) {
            String code = "Z" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36).toUpperCase();
            code = (code + "00000").substring(0, 6);
            if (TestDb.count(pool, "SELECT count(*) FROM grid WHERE county_code = $1 OR code = $1", code) == 0) {
                return code;
            }
        }
    }

    private static int serial() {
        return ThreadLocalRandom.current().nextInt(1, 999);
    }

    private String countyOf(String gridId) {
        return TestDb.rows(pool, "SELECT county_code FROM grid WHERE id = $1", Keys.of(gridId)).get(0).getString(0);
    }

    private static String table(String table, String county) {
        return table + "_" + county.toLowerCase();
    }

    private List<String> partitionOf(String table, String id) {
        Row r = TestDb.rows(pool, "SELECT tableoid::regclass::text, county_code FROM " + table + " WHERE id = $1", Keys.of(id)).get(0);
        return List.of(r.getString(0), r.getString(1));
    }

    private static String household(String gridId, String address) {
        return Gql.admin().field(CREATE_HOUSEHOLD, "input", Map.of("gridId", gridId, "address", address)).getString("id");
    }

    private static Map<String, Object> person(String householdId, String idNumber) {
        Map<String, Object> in = new HashMap<>();
        in.put("householdId", householdId);
        in.put("name", "县民");
        in.put("residenceType", "REGISTERED");
        in.put("idNumber", idNumber);
        return in;
    }

    private static String register(String householdId, String idNumber) {
        return Gql.admin().field(REGISTER, "input", person(householdId, idNumber)).getString("id");
    }
}
