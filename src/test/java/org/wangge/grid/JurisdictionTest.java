package org.wangge.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;

/** Data-scoped access on the demo county: 东关村 (411321001001) and 云阳村 (411321002001). */
@QuarkusTest
class JurisdictionTest {

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    private static final Gql CHIEF_DONGGUAN = Gql.as("chief-dongguan", "grid_chief");
    private static final Gql WORKER_DONGGUAN = Gql.as("worker-dongguan", "grid_worker");
    private static final Gql COMMANDER = Gql.as("commander-chengguan", "commander");
    private static final String BY_CODE = "query($code: String) { grid(code: $code) { id name } }";

    @Test
    void aStaffMemberReadsOwnSubtreeButNotAnotherVillage() {
        assertEquals("东关村", CHIEF_DONGGUAN.ok(BY_CODE, "code", "411321001001").getString("grid.name"));
        assertEquals("东关村一组微网格", CHIEF_DONGGUAN.ok(BY_CODE, "code", "411321001001001").getString("grid.name"));
        assertEquals("FORBIDDEN", CHIEF_DONGGUAN.errorCode(BY_CODE, "code", "411321002001"));
        assertEquals("FORBIDDEN", CHIEF_DONGGUAN.errorCode(BY_CODE, "code", "411321001"));
        assertEquals("FORBIDDEN", WORKER_DONGGUAN.errorCode(BY_CODE, "code", "411321001001003"));
        assertEquals("云阳村", Gql.admin().ok(BY_CODE, "code", "411321002001").getString("grid.name"));
    }

    @Test
    void aJurisdictionChangedElsewhereIsSeenHereSoon() throws InterruptedException {
        // another instance (here: plain SQL) assigns and then ends a staff member; this one is told on commit
        String subject = "elsewhere-" + System.nanoTime();
        Gql staff = Gql.as(subject, "grid_worker");
        assertEquals("FORBIDDEN", staff.errorCode(BY_CODE, "code", "411321002001"));
        TestDb.rows(pool, "INSERT INTO account (subject, display_name) VALUES ($1, $1)", subject);
        TestDb.rows(pool, """
                INSERT INTO staff_assignment (grid_id, subject, role, start_date, created_by)
                SELECT id, $1, 'GRID_WORKER', DATE '2020-01-01', 'test' FROM grid WHERE code = '411321002001'""", subject);
        assertEquals("云阳村", eventually(() -> staff.post(BY_CODE, "code", "411321002001").jsonPath().getString("data.grid.name"), "云阳村"));
        TestDb.rows(pool, "UPDATE staff_assignment SET end_date = DATE '2020-12-31' WHERE subject = $1", subject);
        assertEquals("FORBIDDEN", eventually(() -> staff.post(BY_CODE, "code", "411321002001").jsonPath().getString("errors[0].extensions.code"),
                "FORBIDDEN"));
    }

    @Test
    void aJurisdictionChangedHereIsSeenAtOnce() {
        String subject = "here-" + System.nanoTime();
        Gql staff = Gql.as(subject, "grid_worker");
        assertEquals("FORBIDDEN", staff.errorCode(BY_CODE, "code", "411321002001"));
        String assignment = Gql.admin().ok("mutation($i: AssignStaffInput!) { assignStaff(input: $i) { id } }", "i",
                Map.of("gridId", gridId("411321002001"), "subject", subject, "displayName", subject, "role", "GRID_WORKER", "startDate", "2020-01-01"))
                .getString("assignStaff.id");
        assertEquals("云阳村", staff.ok(BY_CODE, "code", "411321002001").getString("grid.name"));
        Gql.admin().ok("mutation($id: ID!) { endStaffAssignment(id: $id, endDate: \"2020-06-01\") { id } }", "id", assignment);
        assertEquals("FORBIDDEN", staff.errorCode(BY_CODE, "code", "411321002001"));
    }

    private static String gridId(String code) {
        return Gql.admin().ok(BY_CODE, "code", code).getString("grid.id");
    }

    private static String eventually(java.util.function.Supplier<String> read, String wanted) throws InterruptedException {
        String seen = null;
        for (int i = 0; i < 50 && !wanted.equals(seen); i++) {
            seen = read.get();
            if (!wanted.equals(seen)) {
                Thread.sleep(100);
            }
        }
        return seen;
    }

    @Test
    void listsHoldOnlyGridsInJurisdiction() {
        JsonPath mine = WORKER_DONGGUAN.ok("{ grids(first: 100) { totalCount edges { node { code } } } myGrids { code } }");
        assertEquals(List.of("411321001001001", "411321001001002"), mine.getList("grids.edges.node.code"));
        assertEquals(2, mine.getInt("grids.totalCount"));
        assertEquals(List.of("411321001001001", "411321001001002"), mine.getList("myGrids.code"));

        List<String> commander = COMMANDER.ok("{ grids(first: 500) { edges { node { code } } } }").getList("grids.edges.node.code");
        assertTrue(commander.contains("411321001001001"));
        assertTrue(commander.stream().allMatch(c -> c.startsWith("411321001") || c.startsWith("T")), commander.toString());
        assertFalse(commander.contains("411321002001"));

        List<String> all = Gql.admin().ok("{ grids(first: 500, filter: {codePrefix: \"411321\"}) { edges { node { code } } } }")
                .getList("grids.edges.node.code");
        assertTrue(all.contains("411321002001") && all.contains("411321001001"));
        assertEquals("UNAUTHENTICATED", Gql.anonymous().errorCode("{ grids { totalCount } }"));
        assertEquals(0, Gql.as("resident-zhang", "resident").ok("{ grids { totalCount } }").getInt("grids.totalCount"));
    }

    @Test
    void breadcrumbsNameTheGridsAboveButKeepTheirListsClosed() {
        JsonPath crumbs = WORKER_DONGGUAN.ok("""
                { grid(code: "411321001001001") { ancestors { code name children { totalCount } staff { totalCount } descendantCount
                  descendants { totalCount } } } }""");
        assertEquals(List.of("411321", "411321001", "411321001001"), crumbs.getList("grid.ancestors.code"));
        assertEquals(List.of(0, 0, 0), crumbs.getList("grid.ancestors.children.totalCount"));
        assertEquals(List.of(0, 0, 0), crumbs.getList("grid.ancestors.staff.totalCount"));
        assertEquals(List.of(0, 0, 0), crumbs.getList("grid.ancestors.descendantCount"));
        assertEquals(List.of(0, 0, 0), crumbs.getList("grid.ancestors.descendants.totalCount"));
        JsonPath seenByChief = CHIEF_DONGGUAN.ok("{ grid(code: \"411321001001\") { children { totalCount } staffCount(subtree: true) } }");
        assertEquals(3, seenByChief.getInt("grid.children.totalCount"));
        assertTrue(seenByChief.getInt("grid.staffCount") >= 3);
    }

    @Test
    void changesStayInsideJurisdiction() {
        String create = "mutation($input: CreateGridInput!) { createGrid(input: $input) { id level } }";
        String chengguan = Gql.admin().ok(BY_CODE, "code", "411321001").getString("grid.id");
        String yunyang = Gql.admin().ok(BY_CODE, "code", "411321002").getString("grid.id");

        JsonPath created = COMMANDER.ok(create, "input", Fixtures.input(chengguan, Fixtures.code("new"), "新村", "VILLAGE"));
        assertEquals(3, created.getInt("createGrid.level"));
        String newVillage = created.getString("createGrid.id");
        String outside = Fixtures.code("outside");
        assertEquals("FORBIDDEN", COMMANDER.errorCode(create, "input", Fixtures.input(yunyang, outside, "越界", "VILLAGE")));
        assertEquals("NOT_FOUND", Gql.admin().errorCode(BY_CODE, "code", outside));
        assertEquals("FORBIDDEN", COMMANDER.errorCode(create, "input", Fixtures.input(null, Fixtures.code("top"), "顶层", "COUNTY")));
        // moving out of one's jurisdiction is refused, and so is changing the grid structure without the role
        assertEquals("FORBIDDEN", COMMANDER.errorCode("mutation($id: ID!, $to: ID!) { moveGrid(id: $id, newParentId: $to) { id } }",
                "id", newVillage, "to", yunyang));
        assertEquals("FORBIDDEN", CHIEF_DONGGUAN.errorCode("mutation($id: ID!) { retireGrid(id: $id) { id } }", "id", newVillage));
        assertEquals("FORBIDDEN", WORKER_DONGGUAN.errorCode("mutation($id: ID!, $input: UpdateGridInput!) { updateGrid(id: $id, input: $input) { id } }",
                "id", newVillage, "input", Map.of("name", "改名")));
        COMMANDER.ok("mutation($id: ID!) { retireGrid(id: $id) { active } }", "id", newVillage);
    }

    @Test
    void gridChiefsAppointHelpersButNotChiefs() {
        String dongguanGroup = Gql.admin().ok(BY_CODE, "code", "411321001001003").getString("grid.id");
        String yunyangGroup = Gql.admin().ok(BY_CODE, "code", "411321002001002").getString("grid.id");
        String assign = "mutation($input: AssignStaffInput!) { assignStaff(input: $input) { id role grid { code } } }";
        String subject = Fixtures.code("helper");
        JsonPath ok = CHIEF_DONGGUAN.ok(assign, "input", Map.of("gridId", dongguanGroup, "subject", subject, "displayName", "王楼长", "role", "BUILDING_CHIEF", "building", "3号楼"));
        assertEquals("411321001001003", ok.getString("assignStaff.grid.code"));
        assertEquals("FORBIDDEN", CHIEF_DONGGUAN.errorCode(assign, "input",
                Map.of("gridId", dongguanGroup, "subject", subject, "role", "GRID_CHIEF")));
        assertEquals("FORBIDDEN", CHIEF_DONGGUAN.errorCode(assign, "input",
                Map.of("gridId", yunyangGroup, "subject", subject, "role", "GRID_WORKER")));
        assertEquals("FORBIDDEN", WORKER_DONGGUAN.errorCode(assign, "input",
                Map.of("gridId", dongguanGroup, "subject", subject, "role", "INFORMATION_REPORTER")));
    }

    @Test
    void aPersonsAssignmentsAreVisibleToThemAndToTheirSuperiors() {
        String query = "query($s: String!) { staffAssignments(subject: $s) { totalCount edges { node { role grid { code } } } } }";
        assertEquals(2, WORKER_DONGGUAN.ok(query, "s", "worker-dongguan").getInt("staffAssignments.totalCount"));
        assertEquals(2, CHIEF_DONGGUAN.ok(query, "s", "worker-dongguan").getInt("staffAssignments.totalCount"));
        assertEquals(0, Gql.as("chief-yunyang", "grid_chief").ok(query, "s", "worker-dongguan").getInt("staffAssignments.totalCount"));
    }
}
