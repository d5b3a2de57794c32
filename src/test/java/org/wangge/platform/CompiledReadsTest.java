package org.wangge.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.Keys;
import org.wangge.reads.ReadCompiler;

/**
 * Every query the compiled path answers gets the same answer, byte for byte once parsed and
 * rendered compactly (same keys in the same order, same values), as from the GraphQL executor,
 * however the document is written (fragments, directives, aliases, variables); and what it cannot
 * answer exactly (errors, other fields) still reaches the executor.
 */
@QuarkusTest
class CompiledReadsTest {

    @Inject
    CompiledReads reads;
    @Inject
    MeterRegistry meters;
    @Inject
    Pool pool;
    @Inject
    org.wangge.common.Sql sql;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Tree tree;

    /** county → township → village → 3 groups (level 4) → 2 micro-grids each (level 5) */
    private record Tree(String county, String countyCode, String village, String villageCode, List<String> groups,
            String retiredGroup) {
    }

    private Tree tree() {
        if (tree != null) {
            return tree;
        }
        String countyCode = Fixtures.code("county");
        String county = Fixtures.grid(null, countyCode, "编译县", "COUNTY");
        String township = Fixtures.grid(county, Fixtures.code("c"), "编译镇", "TOWNSHIP");
        String villageCode = Fixtures.code("village");
        String village = Fixtures.grid(township, villageCode, "编译村", "VILLAGE");
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String group = Fixtures.grid(village, Fixtures.code("c"), "编译组" + i, "GROUP");
            groups.add(group);
            for (int j = 0; j < 2; j++) {
                String micro = Fixtures.grid(group, Fixtures.code("c"), "编译微网格" + i + j, "MICRO_GRID");
                for (int k = 0; k <= j; k++) {
                    Gql.admin().ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                            Map.of("kind", "LIVELIHOOD", "title", "编译 " + i + j + k, "gridId", micro));
                }
            }
            Gql.admin().ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                    Map.of("kind", "SAFETY_HAZARD", "title", "组 " + i, "gridId", group));
            Fixtures.assign(group, "compiled-worker-" + i, "GRID_WORKER");
        }
        Fixtures.assign(groups.get(0), "compiled-chief", "GRID_CHIEF");
        // an ended and an upcoming assignment, and a retired group
        TestDb.rows(pool, "INSERT INTO account (subject, display_name) VALUES ('compiled-past', '以前') ON CONFLICT DO NOTHING");
        TestDb.rows(pool, """
                INSERT INTO staff_assignment (grid_id, subject, role, start_date, end_date, created_by) VALUES
                  ($1, 'compiled-past', 'GRID_WORKER', DATE '2020-01-01', DATE '2021-01-01', 'test'),
                  ($1, 'compiled-past', 'GRID_INSTRUCTOR', DATE '2099-01-01', NULL, 'test')""", Keys.of(groups.get(0)));
        String retired = Fixtures.grid(village, Fixtures.code("c"), "编译旧组", "GROUP");
        Gql.admin().ok("mutation($id: ID!) { retireGrid(id: $id) { id } }", "id", retired);
        Fixtures.assign(township, "compiled-commander", "GRID_COMMANDER");
        tree = new Tree(county, countyCode, village, villageCode, groups, retired);
        return tree;
    }

    @AfterEach
    void compiledAgain() {
        reads.enabled(true);
    }

    @Test
    void lookupsAnswerAsTheExecutorDoes() {
        Tree t = tree();
        same(Gql.admin(), "{ grid(code: \"" + t.villageCode + "\") { id code name kind level active version __typename } }");
        same(Gql.admin(), "query($id: ID!) { grid(id: $id) { name level } }", "id", t.village);
        same(Gql.admin(), "query Named($c: String = \"" + t.countyCode + "\") { __typename g: grid(code: $c) { code } }");
        same(Gql.admin(), "query A { a: grid(id: \"" + t.county + "\") { code } } ", List.of("operationName", "A"));
    }

    @Test
    void nestedListsAnswerAsTheExecutorDoes() {
        Tree t = tree();
        String nested = """
                query($c: String, $n: Int) { top: grid(code: $c) { name kids: children(first: $n) {
                  totalCount __typename pageInfo { hasNextPage hasPreviousPage __typename }
                  edges { __typename node { code level active
                    children(first: 1) { totalCount edges { node { code } } }
                    staff { totalCount __typename edges { __typename node { id subject displayName role active version createdBy __typename } } }
                  } } } } }""";
        same(Gql.admin(), nested, "c", t.villageCode, "n", 2);
        same(Gql.admin(), nested, "c", t.villageCode, "n", null);
        same(Gql.admin(), nested, "c", t.villageCode, "n", 0);
        for (String args : List.of("(role: GRID_CHIEF)", "(includeEnded: true, first: 2)", "(includeEnded: true)", "(role: GRID_WORKER, first: 1)")) {
            same(Gql.admin(), "query($id: ID) { grid(id: $id) { staff" + args + " { totalCount pageInfo { hasNextPage } edges { node { subject role active } } } } }",
                    "id", t.groups.get(0));
        }
        same(Gql.admin(), "query($id: ID, $r: Boolean) { grid(id: $id) { children(includeRetired: $r) { totalCount edges { node { code active } } } } }",
                "id", t.village, "r", true);
        same(Gql.admin(), "{ grid(id: \"" + t.village + "\") { children(includeRetired: false) { totalCount edges { node { code } } } } }");
    }

    @Test
    void aliasesOfOneListKeepTheirOwnArguments() {
        // compiled, each alias is its own subquery; executed, each alias's arguments have a data loader of their own
        Tree t = tree();
        String staff = "query($id: ID) { grid(id: $id) { chiefs: staff(role: GRID_CHIEF) { totalCount }"
                + " all: staff(includeEnded: true) { totalCount } current: staff { totalCount } } }";
        String children = "query($id: ID) { grid(id: $id) { one: children(first: 1) { edges { node { code } } }"
                + " all: children(first: 50) { edges { node { id a: staff(role: GRID_CHIEF) { totalCount } b: staff(includeEnded: true) { totalCount } } } }"
                + " two: children(first: 2) { edges { node { code } } } } }";
        for (boolean compiled : List.of(true, false)) {
            reads.enabled(compiled);
            try {
                var data = Gql.admin().ok(staff, "id", t.groups.get(0));
                assertEquals(1, data.getInt("grid.chiefs.totalCount"), "compiled " + compiled);
                assertEquals(4, data.getInt("grid.all.totalCount"), "compiled " + compiled);
                assertEquals(3, data.getInt("grid.current.totalCount"), "current and upcoming; compiled " + compiled);
                var nested = Gql.admin().ok(children, "id", t.village);
                assertEquals(1, nested.getList("grid.one.edges").size(), "compiled " + compiled);
                assertEquals(2, nested.getList("grid.two.edges").size(), "compiled " + compiled);
                String group = "grid.all.edges.find { it.node.id == '" + t.groups.get(0) + "' }.node";
                assertEquals(1, nested.getInt(group + ".a.totalCount"), "compiled " + compiled);
                assertEquals(4, nested.getInt(group + ".b.totalCount"), "compiled " + compiled);
            } finally {
                reads.enabled(true);
            }
        }
    }

    @Test
    void newestCasesAnswerAsTheExecutorDoes() {
        Tree t = tree();
        String fields = "id number kind title state priority riskColour source overdue escalationCount reworkCount version __typename";
        // a county reads its subtree as one range, a village and its groups grid by grid
        same(Gql.admin(), "query($id: ID) { grid(id: $id) { newestCases(first: 5) { " + fields + " } } }", "id", t.county);
        same(Gql.admin(), "query($id: ID) { grid(id: $id) { newestCases { number } children { edges { node { newestCases(first: 2) { " + fields
                + " } } } } } }", "id", t.village);
        same(Gql.admin(), "query($id: ID, $s: [CaseState]) { grid(id: $id) { newestCases(states: $s) { number state } } }",
                "id", t.village, "s", List.of("REPORTED", "CLOSED"));
        same(Gql.admin(), "{ grid(id: \"" + t.village + "\") { newestCases(states: [CLOSED]) { number } } }");
        same(Gql.admin(), "{ grid(id: \"" + t.village + "\") { newestCases(states: []) { number } } }");
    }

    @Test
    void aStaffMemberGetsTheSameAnswerInsideTheirJurisdiction() {
        Tree t = tree();
        Gql commander = Gql.as("compiled-commander", "commander");
        same(commander, "query($id: ID) { grid(id: $id) { name children { edges { node { code staff { edges { node { subject } } }"
                + " newestCases(first: 2) { number } } } } } }", "id", t.village);
        // outside it: FORBIDDEN, from the executor
        double compiled = count("compiled");
        assertEquals("FORBIDDEN", commander.errorCode("query($id: ID) { grid(id: $id) { name } }", "id", t.county));
        assertEquals(compiled, count("compiled"));
    }

    @Test
    void fragmentsDirectivesAndSeveralRootsAreCompiledAlike() {
        Tree t = tree();
        String fragments = """
                query Village($id: ID!, $withStaff: Boolean!, $skipCases: Boolean = false) {
                  grid(id: $id) { ...GridCard children(first: 2) { ...Page edges { cursor: __typename node { ...GridCard
                    ... on Grid { level }
                    staff @include(if: $withStaff) { edges { node { ...Staff } } }
                    newestCases(first: 2) @skip(if: $skipCases) { ...Case } } } } }
                }
                fragment GridCard on Grid { __typename id code name ... { active } }
                fragment Page on GridConnection { totalCount pageInfo { hasNextPage } }
                fragment Staff on StaffAssignment { __typename id subject role }
                fragment Case on CaseFile { __typename id number state overdue }""";
        same(Gql.admin(), fragments, "id", t.village, "withStaff", true);
        same(Gql.admin(), fragments, "id", t.village, "withStaff", false, "skipCases", true);
        // the same field twice, merged; two roots; a root alias beside __typename
        same(Gql.admin(), "query($a: ID, $b: String) { __typename one: grid(id: $a) { name name code } two: grid(code: $b) { code level } }",
                "a", t.village, "b", t.countyCode);
    }

    /** 一标三实 in group 0: rented and other houses with owners and tenancies, units with risk tags and findings. */
    private record BaseData(String ownerElsewhere, String houseOwnedFromElsewhere) {
    }

    private static BaseData baseData;

    private BaseData baseData() {
        if (baseData != null) {
            return baseData;
        }
        Tree t = tree();
        // households live in leaf grids: the groups' first micro-grids
        String group = leaf(t.groups.get(0));
        String otherGroup = leaf(t.groups.get(1));
        String ownerHome = household(group, "编译小区1栋1单元101");
        String owner = person(ownerHome, "编译房东");
        String tenants = household(group, "编译小区1栋1单元102");
        String rented = house(room(household(group, "编译小区2栋1单元201")), "RENTED", owner, 85.5);
        tenancy(rented, "householdId", tenants, "2025-03-01", null);
        tenancy(rented, "personId", person(tenants, "编译租客"), "2024-01-01", "2025-01-31");
        house(room(household(group, "编译小区2栋1单元202")), "SELF_OCCUPIED", null, 90.0);
        house(room(household(otherGroup, "编译二组3栋1单元301")), "RENTED", owner, null);
        // an owner whose household lies in another group: outside that group's chief's reach
        String elsewhere = person(household(otherGroup, "编译二组3栋1单元302"), "外组房东");
        String fromElsewhere = house(room(household(group, "编译小区2栋1单元203")), "RENTED", elsewhere, 60.25);
        String place = Gql.admin().ok("mutation($i: AddressInput!) { createAddress(input: $i) { id } }", "i",
                Map.of("kind", "PLACE", "name", "编译商业街", "gridId", group)).getString("createAddress.id");
        for (int i = 0; i < 3; i++) {
            String building = Gql.admin().ok("mutation($i: AddressInput!) { createAddress(input: $i) { id } }", "i",
                    Map.of("kind", "BUILDING", "name", i + "号", "parentId", place)).getString("createAddress.id");
            Map<String, Object> input = new java.util.HashMap<>(Map.of("addressId", building, "name", "编译商铺" + i, "kind", i == 2 ? "RESTAURANT" : "SHOP",
                    "riskTags", i == 1 ? List.of() : List.of("NINE_SMALL"), "employees", 3 + i, "legalRepresentativeId", owner));
            String unit = Gql.admin().ok("mutation($i: UnitInput!) { registerUnit(input: $i) { id } }", "i", input).getString("registerUnit.id");
            if (i == 0) {
                Gql.admin().ok("mutation($u: ID!) { recordInspection(input: {unitId: $u, checklist: \"FIRE_SAFETY\", findings: [{item: \"FIRE_EXITS\", "
                        + "description: \"通道堵塞\"}, {item: \"FIRE_EXTINGUISHERS\"}]}) { id } }", "u", unit);
            }
        }
        baseData = new BaseData(elsewhere, fromElsewhere);
        return baseData;
    }

    private static String leaf(String group) {
        return Gql.admin().ok("query($id: ID) { grid(id: $id) { children(first: 1) { edges { node { id } } } } }", "id", group)
                .getString("grid.children.edges[0].node.id");
    }

    private static String household(String grid, String address) {
        return Gql.admin().ok("mutation($g: ID!, $a: String!) { createHousehold(input: {gridId: $g, address: $a}) { id } }", "g", grid, "a", address)
                .getString("createHousehold.id");
    }

    private static String room(String household) {
        return Gql.admin().ok("query($id: ID!) { household(id: $id) { standardAddress { id } } }", "id", household)
                .getString("household.standardAddress.id");
    }

    private static String person(String household, String name) {
        return Gql.admin().ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i",
                Map.of("householdId", household, "name", name, "residenceType", "FLOATING")).getString("registerPerson.id");
    }

    private static String house(String room, String use, String owner, Double area) {
        return Gql.admin().ok("mutation($a: ID!, $u: HouseUse!, $o: ID, $m: Float) { registerHouse(addressId: $a, use: $u, ownerId: $o, area: $m) { id } }",
                "a", room, "u", use, "o", owner, "m", area).getString("registerHouse.id");
    }

    private static void tenancy(String house, String who, String id, String start, String end) {
        String tenancy = Gql.admin().ok("mutation($h: ID!, $w: ID, $s: Date!) { startTenancy(houseId: $h, " + who + ": $w, startDate: $s) { id } }",
                "h", house, "w", id, "s", start).getString("startTenancy.id");
        if (end != null) {
            Gql.admin().ok("mutation($id: ID!, $e: Date!) { endTenancy(id: $id, endDate: $e) { id } }", "id", tenancy, "e", end);
        }
    }

    private static final String HOUSES = """
            query Rentals($gridId: ID!, $use: HouseUse, $first: Int!, $after: String, $current: Boolean = true) {
              node(id: $gridId) { ... on Grid { id houses(use: $use, first: $first, after: $after) { totalCount
                edges { cursor node { ...HouseRow __typename } __typename }
                pageInfo { hasNextPage hasPreviousPage startCursor endCursor __typename } __typename } } __typename }
            }
            fragment HouseRow on House { id use area createdAt version address { id code name kind __typename }
              owner { id name gender idNumber phone residenceType __typename }
              tenancies(current: $current) { id startDate endDate household { id address __typename } person { id name } __typename } }""";

    private static final String UNITS = """
            query Units($gridId: ID!, $riskTag: String, $kind: UnitKind, $first: Int!) {
              node(id: $gridId) { __typename ... on Grid { id units(riskTag: $riskTag, kind: $kind, first: $first) { totalCount
                edges { cursor node { ...UnitRow __typename } }
                pageInfo { hasNextPage endCursor } } } ... on Person { name } }
            }
            fragment UnitRow on Unit { id name creditCode kind employees openingHours nextInspectionDue createdAt
              address { id code name __typename } legalRepresentative { id name } contact { id }
              riskTags { code name inspectEveryDays __typename }
              openFindings { id description open resolvedAt item { code name __typename } __typename } }""";

    @Test
    void housesAndUnitsAnswerAsTheExecutorDoes() {
        Tree t = tree();
        baseData();
        for (String grid : List.of(t.groups.get(0), t.village, t.county)) {
            for (Object use : java.util.Arrays.asList("RENTED", null, "VACANT")) {
                same(Gql.admin(), HOUSES, "gridId", grid, "use", use, "first", 2);
                same(Gql.admin(), HOUSES, "gridId", grid, "use", use, "first", 20, "current", false);
            }
            same(Gql.admin(), UNITS, "gridId", grid, "riskTag", "NINE_SMALL", "first", 20);
            same(Gql.admin(), UNITS, "gridId", grid, "first", 1);
            // an empty page still counts the list
            same(Gql.admin(), UNITS, "gridId", grid, "first", 0);
            same(Gql.admin(), HOUSES, "gridId", grid, "use", null, "first", 0);
            same(Gql.admin(), UNITS, "gridId", grid, "kind", "RESTAURANT", "first", 5);
        }
        // as grid(id:), beside the grid's own fields
        same(Gql.admin(), "query($id: ID) { grid(id: $id) { name houses(first: 3) { totalCount edges { node { id use } } }"
                + " units { edges { cursor node { name riskTags { code } } } } } }", "id", t.village);
        // a grid chief reads them as the admin does
        same(Gql.as("compiled-chief", "grid_chief"), UNITS, "gridId", t.groups.get(0), "first", 20);
    }

    @Test
    void whatOnlyTheExecutorAnswersExactlyIsLeftToIt() {
        Tree t = tree();
        baseData();
        double compiled = count("compiled");
        // another type's id: node answers it through the executor (the plan stays for grid ids)
        String person = TestDb.rows(pool, "SELECT global_id('Person', min(id)) AS id FROM person").get(0).getString("id");
        assertEquals("Person", Gql.admin().ok(UNITS, "gridId", person, "first", 1).getString("node.__typename"));
        // (SmallRye keeps a new text's second parse: what is known is kept from the second request on)
        assertEquals("Person", Gql.admin().ok(UNITS, "gridId", person, "first", 1).getString("node.__typename"));
        long made = reads.plansMade();
        assertEquals("Person", Gql.admin().ok(UNITS, "gridId", person, "first", 1).getString("node.__typename"));
        assertEquals(made, reads.plansMade(), "known once per document and id type");
        assertEquals(compiled, count("compiled"));
        // a caller who reads the grid's cases and staff but not its residents (a legal adviser): no houses, from the executor
        String leaf = leaf(t.groups.get(0));
        Fixtures.assign(leaf, "compiled-adviser", "LEGAL_ADVISER");
        Gql adviser = Gql.as("compiled-adviser", "grid_worker");
        compiled = count("compiled");
        assertEquals(0, adviser.ok(HOUSES, "gridId", leaf, "first", 5).getInt("node.houses.totalCount"));
        assertEquals(compiled, count("compiled"));
        assertEquals(3, Gql.admin().ok(HOUSES, "gridId", leaf, "first", 5).getInt("node.houses.totalCount"), "what the adviser may not see");
        same(adviser, "query($id: ID!) { node(id: $id) { ... on Grid { name staff { totalCount } } } }", "id", leaf);
        compiled = count("compiled");
        // a finding whose checklist item is no longer in use: the executor answers (and reports it)
        TestDb.rows(pool, "UPDATE inspection_check_item SET active = false WHERE code = 'FIRE_EXTINGUISHERS'");
        try {
            Response answer = Gql.admin().post(UNITS, "gridId", t.groups.get(0), "first", 20);
            assertTrue(answer.asString().contains("\"errors\""), answer.asString());
            assertEquals(compiled, count("compiled"));
        } finally {
            TestDb.rows(pool, "UPDATE inspection_check_item SET active = true WHERE code = 'FIRE_EXTINGUISHERS'");
        }
        same(Gql.admin(), UNITS, "gridId", t.groups.get(0), "first", 20);
    }

    /** The benchmarks' client-shaped house and unit documents reach the compiled path, and answer as the executor does. */
    @Test
    void theBenchmarksHouseAndUnitDocumentsAreCompiled() throws java.io.IOException {
        Tree t = tree();
        baseData();
        String houses = java.nio.file.Files.readString(java.nio.file.Path.of("bench/documents/township-houses.graphql"));
        String units = java.nio.file.Files.readString(java.nio.file.Path.of("bench/documents/township-units.graphql"));
        for (String grid : List.of(t.village, t.groups.get(0))) {
            same(Gql.admin(), houses, "gridId", grid, "use", "RENTED", "first", 20);
            same(Gql.admin(), units, "gridId", grid, "riskTag", "NINE_SMALL", "first", 20);
        }
    }

    /**
     * PostgreSQL keeps one plan for a compiled statement rather than planning it for every request
     * (a third of a township's page of houses was its planning): the filters that apply and the
     * page size are written into the statement, so the plan it keeps is as good as one made for
     * the request's values.
     */
    @Test
    void postgresKeepsOnePlanForACompiledStatement() throws java.io.IOException {
        Tree t = tree();
        baseData();
        // document, operation, variables
        List<List<Object>> documents = List.of(
                List.of("township-houses", "TownshipRentals", List.of("gridId", t.village, "use", "RENTED", "first", 20)),
                List.of("township-units", "TownshipUnits", List.of("gridId", t.village, "riskTag", "NINE_SMALL", "first", 20)),
                List.of("village-page", "VillagePageQuery", List.of("code", t.villageCode, "groups", 10, "withCases", true, "cases", 10)));
        for (List<Object> document : documents) {
            String query = java.nio.file.Files.readString(java.nio.file.Path.of("bench/documents/" + document.get(0) + ".graphql"));
            String operation = (String) document.get(1);
            Object[] variables = ((List<?>) document.get(2)).toArray();
            // kept from the second request on (see aDocumentIsPlannedOncePerShapeOfItsVariables)
            same(Gql.admin(), query, variables);
            same(Gql.admin(), query, variables);
            ReadCompiler.Plan plan = reads.kept(operation);
            assertTrue(plan != null, operation);
            // what the shape fixes is in the text, not left to a parameter: on the small test
            // database PostgreSQL keeps a generic plan either way, on a city it planned
            // `$n IS NULL OR …` and `LIMIT $n` anew for every request
            assertTrue(!java.util.regex.Pattern.compile("\\$\\d+::[a-z\\[\\]]+ IS NULL OR|LIMIT \\$|\\$\\d+::boolean OR|NOT \\$").matcher(plan.sql()).find(), plan.sql());
            Map<String, Object> values = new java.util.HashMap<>();
            for (int i = 0; i < variables.length; i += 2) {
                values.put((String) variables[i], variables[i + 1]);
            }
            io.vertx.mutiny.sqlclient.Tuple params = io.vertx.mutiny.sqlclient.Tuple.from(
                    plan.params(values, java.time.LocalDate.now(), java.time.OffsetDateTime.now()));
            // one connection, as a pool's connection keeps its prepared statements: PostgreSQL
            // plans the first five executions for their values, then decides
            try (org.wangge.common.Sql.Snapshot one = sql.snapshot().await().indefinitely()) {
                for (int i = 0; i < 8; i++) {
                    one.list(plan.sql(), params, row -> row).await().indefinitely();
                }
                List<io.vertx.mutiny.sqlclient.Row> kept = one.list("SELECT generic_plans, custom_plans FROM pg_prepared_statements"
                        + " WHERE statement = $1", io.vertx.mutiny.sqlclient.Tuple.of(plan.sql()), row -> row).await().indefinitely();
                assertEquals(1, kept.size(), operation + " (" + plan.sql().length() + " characters) is kept prepared on the connection");
                io.vertx.mutiny.sqlclient.Row plans = kept.get(0);
                assertTrue(plans.getLong("generic_plans") >= 3, operation + " (" + plan.sql().length() + " characters): generic "
                        + plans.getLong("generic_plans") + ", custom " + plans.getLong("custom_plans"));
            }
        }
    }

    @Test
    void aResidentOutsideTheCallersReachLeavesTheAnswerToTheExecutor() {
        Tree t = tree();
        BaseData data = baseData();
        Gql chief = Gql.as("compiled-chief", "grid_chief");
        double compiled = count("compiled");
        var answer = chief.ok(HOUSES, "gridId", t.groups.get(0), "first", 50, "use", "RENTED");
        assertEquals(compiled, count("compiled"), "an owner in another group: the executor answers");
        String row = "node.houses.edges.find { it.node.id == '" + data.houseOwnedFromElsewhere() + "' }.node";
        assertEquals(null, (Object) answer.get(row + ".owner"), "the owner is out of the chief's reach");
        assertTrue(answer.getList("node.houses.edges.node.owner.name").contains("编译房东"));
        // not asked for, the owner does not matter
        String noOwner = HOUSES.replace("owner { id name gender idNumber phone residenceType __typename }", "");
        same(chief, noOwner, "gridId", t.groups.get(0), "first", 50, "use", "RENTED");
    }

    /**
     * Documents generated from the fields the compiler knows, written in every way a client may
     * write them: each answered by one statement, and as the executor answers it.
     */
    @Test
    void generatedDocumentsAnswerAsTheExecutorDoes() {
        Tree t = tree();
        for (int seed = 1; seed <= 40; seed++) {
            Generated doc = new Generated(new java.util.Random(seed));
            String selection = doc.grid(3);
            String body = (doc.random.nextBoolean() ? "__typename " : "") + "root: grid(id: $id) { " + selection + " } }"
                    + String.join("", doc.fragments);
            // only the variables the document uses: an unused one is a validation error
            String declared = "$id: ID" + (body.contains("$yes") ? ", $yes: Boolean = true" : "")
                    + (body.contains("$no") ? ", $no: Boolean = false" : "") + (body.contains("$n)") || body.contains("$n,") ? ", $n: Int" : "");
            String query = "query Generated(" + declared + ") { " + body;
            // small pages: the document must stay under the cost limit
            Object n = doc.random.nextInt(4);
            same(Gql.admin(), query, "id", doc.random.nextBoolean() ? t.village : t.county, "n", n);
        }
    }

    @Test
    void aFragmentShapedReadIsOneStatement() {
        Tree t = tree();
        String query = """
                query Card($id: ID!) { grid(id: $id) { ...Card children(first: 10) { edges { node { ...Card
                  staff { edges { node { __typename subject role } } } newestCases(first: 3) { __typename number } } } } } }
                fragment Card on Grid { __typename id code name }""";
        long used = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long before = sql.statementCount();
            Gql.admin().ok(query, "id", t.village);
            // other statements (outbox polls) may land in between, never fewer
            used = Math.min(used, sql.statementCount() - before);
        }
        assertEquals(1, used, "the whole read in one statement");
    }

    /**
     * A document is planned once per shape of its variables: other values reuse the plan, and are
     * answered as the executor answers them; a value the plan does not take goes to the executor.
     */
    @Test
    void aDocumentIsPlannedOncePerShapeOfItsVariables() {
        Tree t = tree();
        String query = """
                query Groups($id: ID, $code: String, $n: Int, $staff: Boolean!) { grid(id: $id, code: $code) { ...Card
                  children(first: $n) { totalCount edges { node { ...Card staff @include(if: $staff) { edges { node { subject } } } } } } } }
                fragment Card on Grid { __typename id code name }""";
        same(Gql.admin(), query, "id", t.village, "n", 2, "staff", true);
        // SmallRye keeps a new text's second parse, not the first request's document: plans are
        // kept from the second request on
        same(Gql.admin(), query, "id", t.village, "n", 2, "staff", true);
        long made = reads.plansMade();
        // other values of the same variables: the same plan
        same(Gql.admin(), query, "id", t.county, "n", 2, "staff", true);
        same(Gql.admin(), query, "id", t.groups.get(1), "n", 2, "staff", true);
        assertEquals(made, reads.plansMade(), "no new plan for new values");
        // a value the plan cannot take: the executor answers, with its error, and the plan stays
        double compiled = count("compiled");
        assertEquals("VALIDATION", Gql.admin().errorCode(query, "id", t.village, "n", -1, "staff", true));
        assertEquals("VALIDATION", Gql.admin().errorCode(query, "id", "x", "n", 2, "staff", true));
        assertEquals(compiled, count("compiled"));
        same(Gql.admin(), query, "id", t.village, "n", 2, "staff", true);
        // (the page size out of range is a shape of its own, tried once and known to the executor)
        assertEquals(made + 1, reads.plansMade());
        assertEquals("VALIDATION", Gql.admin().errorCode(query, "id", t.county, "n", -1, "staff", true));
        assertEquals(made + 1, reads.plansMade());
        // another shape: a page size (written into the statement), a Boolean of a directive, a
        // code in place of an id, a null page size
        same(Gql.admin(), query, "id", t.village, "n", 0, "staff", true);
        same(Gql.admin(), query, "id", t.village, "n", 2, "staff", false);
        same(Gql.admin(), query, "code", t.villageCode, "n", 2, "staff", true);
        same(Gql.admin(), query, "code", t.countyCode, "n", null, "staff", true);
        assertEquals(made + 5, reads.plansMade());
        same(Gql.admin(), query, "code", t.villageCode, "n", null, "staff", true);
        same(Gql.admin(), query, "id", t.county, "n", 0, "staff", true);
        assertEquals(made + 5, reads.plansMade());
        // a variable inside a list literal: compiled for its values only, never reused
        String states = "query($id: ID, $s: CaseState) { grid(id: $id) { newestCases(states: [$s, CLOSED]) { number state } } }";
        same(Gql.admin(), states, "id", t.village, "s", "REPORTED");
        same(Gql.admin(), states, "id", t.village, "s", "CLOSED");
        // filters are written only where they apply: an empty list of states is a shape of its own
        String listed = "query($id: ID, $s: [CaseState]) { grid(id: $id) { newestCases(states: $s) { number state } } }";
        same(Gql.admin(), listed, "id", t.village, "s", List.of("CLOSED"));
        same(Gql.admin(), listed, "id", t.village, "s", List.of("CLOSED"));
        same(Gql.admin(), listed, "id", t.village, "s", List.of());
        same(Gql.admin(), listed, "id", t.village, "s", null);
        // what the executor answers is known after its first request too
        String executor = "query($id: ID) { grid(id: $id) { parent { id } } }";
        Gql.admin().ok(executor, "id", t.groups.get(0));
        Gql.admin().ok(executor, "id", t.groups.get(0));
        made = reads.plansMade();
        assertEquals(t.village, Gql.admin().ok(executor, "id", t.groups.get(1)).getString("grid.parent.id"));
        assertEquals(made, reads.plansMade());
    }

    /** A random selection over Grid, StaffAssignment and CaseFile, with fragments, directives, aliases and variables. */
    private static final class Generated {
        final java.util.Random random;
        final List<String> fragments = new ArrayList<>();
        private int names;

        Generated(java.util.Random random) {
            this.random = random;
        }

        String grid(int depth) {
            List<String> parts = new ArrayList<>(scalars("id", "code", "name", "kind", "level", "active", "version", "__typename"));
            if (depth > 0 && random.nextBoolean()) {
                parts.add(alias("children") + arguments("first: $n", "first: 2", "first: 3, includeRetired: true") + " { "
                        + connection("Grid", grid(depth - 1)) + " }");
            }
            if (depth > 0 && random.nextBoolean()) {
                parts.add(alias("staff") + arguments("role: GRID_WORKER", "includeEnded: true", "first: 1", "") + " { "
                        + connection("StaffAssignment", String.join(" ", scalars("id", "subject", "displayName", "role", "active", "createdBy",
                                "version", "__typename"))) + " }");
            }
            if (depth > 0 && random.nextBoolean()) {
                parts.add(alias("newestCases") + arguments("first: 2", "states: [REPORTED]", "") + " { "
                        + String.join(" ", scalars("id", "number", "kind", "title", "state", "priority", "overdue", "__typename")) + " }");
            }
            return wrap("Grid", String.join(" ", parts));
        }

        private String connection(String node, String nodeSelection) {
            List<String> parts = new ArrayList<>(scalars("totalCount", "__typename"));
            if (random.nextBoolean()) {
                parts.add("pageInfo { hasNextPage hasPreviousPage }");
            }
            parts.add("edges { " + (random.nextBoolean() ? "__typename " : "") + "node { " + nodeSelection + " } }");
            return String.join(" ", parts);
        }

        /** At least one of the fields, shuffled. */
        private List<String> scalars(String... fields) {
            List<String> out = new ArrayList<>();
            for (String f : fields) {
                if (random.nextInt(3) == 0) {
                    out.add(random.nextInt(5) == 0 ? "a" + (++names) + ": " + f : f);
                }
            }
            if (out.isEmpty()) {
                out.add(fields[0]);
            }
            java.util.Collections.shuffle(out, random);
            return out;
        }

        private String alias(String field) {
            return random.nextInt(3) == 0 ? "x" + (++names) + ": " + field : field;
        }

        private String arguments(String... choices) {
            String chosen = choices[random.nextInt(choices.length)];
            return chosen.isEmpty() ? "" : "(" + chosen + ")";
        }

        /** The selection as it is, in a named fragment, in an inline fragment, or under a directive. */
        private String wrap(String type, String selection) {
            return switch (random.nextInt(5)) {
                case 0 -> {
                    String name = "F" + (++names);
                    fragments.add(" fragment " + name + " on " + type + " { " + selection + " }");
                    yield "..." + name;
                }
                case 1 -> "... on " + type + " { " + selection + " }";
                case 2 -> "... @include(if: $yes) { " + selection + " } code @skip(if: $yes)";
                case 3 -> selection + " name @include(if: $no)";
                default -> selection;
            };
        }
    }

    @Test
    void errorsAndEverythingElseComeFromTheExecutor() {
        Tree t = tree();
        double compiled = count("compiled");
        assertEquals("NOT_FOUND", Gql.admin().errorCode("{ grid(code: \"no-such-grid\") { name } }"));
        assertEquals("VALIDATION", Gql.admin().errorCode("query($id: ID) { grid(id: $id) { children(first: 1000) { totalCount } } }", "id", t.village));
        assertEquals("VALIDATION", Gql.admin().errorCode("query($id: ID) { grid(id: $id) { newestCases(first: 0) { number } } }", "id", t.village));
        assertEquals("VALIDATION", Gql.admin().errorCode("{ grid(id: \"x\") { name } }"));
        assertEquals("VALIDATION", Gql.admin().errorCode("query($id: ID, $c: String) { grid(id: $id, code: $c) { name } }", "id", t.village, "c", "x"));
        assertTrue(Gql.admin().post("{ grid(code: \"" + t.villageCode + "\") { name nope } }").asString().contains("nope"));
        assertEquals("UNAUTHENTICATED", Gql.anonymous().errorCode("{ grid(code: \"" + t.villageCode + "\") { name } }"));
        // one grid found and one not: the executor answers both
        assertEquals("NOT_FOUND", Gql.admin().errorCode("query($id: ID) { a: grid(id: $id) { name } b: grid(code: \"no-such-grid\") { name } }",
                "id", t.village));
        // fields it does not compile: answered by the executor, correctly
        double executed = count("executed");
        assertEquals(t.village, Gql.admin().ok("query($id: ID) { grid(id: $id) { parent { id } } }", "id", t.groups.get(0))
                .getString("grid.parent.id"));
        assertEquals(executed + 1, count("executed"));
        assertEquals(compiled, count("compiled"), "none of these was compiled");
    }

    @Test
    void whatTheExecutorWouldRefuseIsLeftToIt() {
        Tree t = tree();
        double compiled = count("compiled");
        String village = "\"" + t.villageCode + "\"";
        // a required variable missing or null, a default of the wrong type, a leaf with a selection
        assertErrors(Gql.admin().post("query($f: Int!) { grid(code: " + village + ") { children(first: $f) { totalCount } } }"));
        assertErrors(Gql.admin().post("query($f: Int!) { grid(code: " + village + ") { children(first: $f) { totalCount } } }", "f", null));
        assertErrors(Gql.admin().post("query($c: String = GRID_X) { grid(code: $c) { name } }", "c", t.villageCode));
        assertErrors(Gql.admin().post("query($r: StaffRole = \"GRID_CHIEF\") { grid(code: " + village + ") { staff(role: $r) { totalCount } } }"));
        assertErrors(Gql.admin().post("{ __typename { a } grid(code: " + village + ") { id } }"));
        assertErrors(Gql.admin().post("{ grid(code: " + village + ") }"));
        assertErrors(Gql.admin().post("Foo\nquery Foo { grid(code: " + village + ") { id } }"));
        assertEquals(compiled, count("compiled"), "none was compiled");
        // the operation chosen by name is
        Gql.admin().postNamed("query Foo { grid(code: " + village + ") { id } } query Bar { __typename }", "Foo");
        assertEquals(compiled + 1, count("compiled"));
    }

    private static void assertErrors(Response answer) {
        assertTrue(answer.asString().contains("\"errors\""), answer.asString());
    }

    /** The same request with and without the compiled path: equal answers, and compiled once. */
    private void same(Gql caller, String query, Object... variables) {
        Object[] vars = variables;
        String operationName = null;
        if (variables.length == 1 && variables[0] instanceof List<?> op) {
            operationName = (String) op.get(1);
            vars = new Object[0];
        }
        double before = count("compiled");
        Response compiledAnswer = post(caller, query, operationName, vars);
        assertEquals(before + 1, count("compiled"), "compiled: " + query + " " + compiledAnswer.asString());
        reads.enabled(false);
        Response executedAnswer = post(caller, query, operationName, vars);
        reads.enabled(true);
        assertEquals(before + 1, count("compiled"));
        assertEquals(200, compiledAnswer.statusCode());
        assertEquals(executedAnswer.contentType(), compiledAnswer.contentType());
        String expected = compact(executedAnswer.asString());
        assertTrue(!expected.contains("\"errors\""), expected);
        assertEquals(expected, compact(compiledAnswer.asString()), query + " with " + Arrays.toString(vars));
    }

    private static Response post(Gql caller, String query, String operationName, Object... vars) {
        if (operationName == null) {
            return caller.post(query, vars);
        }
        return caller.postNamed(query, operationName);
    }

    private static String compact(String json) {
        try {
            return JSON.readTree(json).toString();
        } catch (java.io.IOException e) {
            throw new AssertionError(json, e);
        }
    }

    private double count(String path) {
        return meters.counter("wangge.reads", "path", path).count();
    }
}
