package org.wangge.grid;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;

/** Data-scoped access on a county of the class's own: its village (东关村) and the other township's (云阳村). */
@QuarkusTest
class JurisdictionTest {

    static final Doc DETAIL = Doc.of("grid/GridDetail");
    static final Doc GRIDS = Doc.of("grid/Grids");
    static final Doc MY_GRIDS = Doc.of("grid/MyGrids");
    static final Doc BREADCRUMBS = Doc.of("grid/Breadcrumbs");
    static final Doc SUMMARY = Doc.of("grid/GridSummary");
    static final Doc CREATE = Doc.of("grid/CreateGrid");
    static final Doc UPDATE = Doc.of("grid/UpdateGrid");
    static final Doc MOVE = Doc.of("grid/MoveGrid");
    static final Doc RETIRE = Doc.of("grid/RetireGrid");
    static final Doc ASSIGN = Doc.of("staff/AssignStaff");
    static final Doc END_ASSIGNMENT = Doc.of("staff/EndStaffAssignment");
    static final Doc ASSIGNMENTS = Doc.of("staff/StaffAssignments");

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    @Test
    void aStaffMemberReadsOwnSubtreeButNotAnotherVillage() {
        c.chief.then(DETAIL, "code", c.village.code()).body("grid.name", equalTo("东关村"));
        c.chief.then(DETAIL, "code", c.group1.code()).body("grid.name", equalTo("东关村一组微网格"));
        assertEquals("FORBIDDEN", c.chief.errorCode(DETAIL, "code", c.otherVillage.code()));
        assertEquals("FORBIDDEN", c.chief.errorCode(DETAIL, "code", c.township.code()));
        assertEquals("FORBIDDEN", c.worker.errorCode(DETAIL, "code", c.group3.code()));
        As.admin().then(DETAIL, "code", c.otherVillage.code()).body("grid.name", equalTo("云阳村"));
    }

    @Test
    void aJurisdictionChangedElsewhereIsSeenHereSoon() throws InterruptedException {
        // another instance (here: plain SQL) assigns and then ends a staff member; this one is told on commit
        Gql staff = As.signedIn("grid_worker");
        String subject = staff.subject();
        String otherVillage = c.otherVillage.code();
        assertEquals("FORBIDDEN", staff.errorCode(DETAIL, "code", otherVillage));
        TestDb.rows(pool, "INSERT INTO account (subject, display_name) VALUES ($1, $1)", subject);
        TestDb.rows(pool, """
                INSERT INTO staff_assignment (grid_id, subject, role, start_date, created_by)
                SELECT id, $1, 'GRID_WORKER', DATE '2020-01-01', 'test' FROM grid WHERE code = $2""", subject, otherVillage);
        assertEquals("云阳村", eventually(() -> staff.post(DETAIL, "code", otherVillage).jsonPath().getString("data.grid.name"), "云阳村"));
        TestDb.rows(pool, "UPDATE staff_assignment SET end_date = DATE '2020-12-31' WHERE subject = $1", subject);
        assertEquals("FORBIDDEN", eventually(() -> staff.post(DETAIL, "code", otherVillage).jsonPath().getString("errors[0].extensions.code"),
                "FORBIDDEN"));
    }

    @Test
    void aJurisdictionChangedHereIsSeenAtOnce() {
        Gql staff = As.signedIn("grid_worker");
        assertEquals("FORBIDDEN", staff.errorCode(DETAIL, "code", c.otherVillage.code()));
        String assignment = As.admin().field(ASSIGN, "input", Map.of("gridId", c.otherVillage.id(), "subject", staff.subject(),
                "displayName", staff.subject(), "role", "GRID_WORKER", "startDate", "2020-01-01")).getString("id");
        staff.then(DETAIL, "code", c.otherVillage.code()).body("grid.name", equalTo("云阳村"));
        As.admin().ok(END_ASSIGNMENT, "id", assignment, "endDate", "2020-06-01");
        assertEquals("FORBIDDEN", staff.errorCode(DETAIL, "code", c.otherVillage.code()));
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
        c.worker.then(GRIDS, "first", 100)
                .body("grids.edges.node.code", contains(c.group1.code(), c.group2.code()))
                .body("grids.totalCount", is(2));
        c.worker.then(MY_GRIDS).body("myGrids.code", contains(c.group1.code(), c.group2.code()));

        List<String> commander = c.commander.ok(GRIDS, "first", 500).getList("grids.edges.node.code");
        assertTrue(commander.contains(c.group1.code()));
        String township = c.township.code();
        assertTrue(commander.stream().allMatch(code -> code.equals(township) || code.startsWith(township + ".")), commander.toString());
        assertFalse(commander.contains(c.otherVillage.code()));

        List<String> all = As.admin().ok(GRIDS, "first", 500, "filter", Map.of("codePrefix", c.county.code())).getList("grids.edges.node.code");
        assertTrue(all.contains(c.otherVillage.code()) && all.contains(c.village.code()));
        assertEquals("UNAUTHENTICATED", As.anonymous().errorCode(GRIDS));
        c.resident.then(GRIDS).body("grids.totalCount", is(0));
    }

    @Test
    void breadcrumbsNameTheGridsAboveButKeepTheirListsClosed() {
        c.worker.then(BREADCRUMBS, "code", c.group1.code())
                .body("grid.ancestors.code", contains(c.county.code(), c.township.code(), c.village.code()))
                .body("grid.ancestors.children.totalCount", contains(0, 0, 0))
                .body("grid.ancestors.staff.totalCount", contains(0, 0, 0))
                .body("grid.ancestors.descendantCount", contains(0, 0, 0))
                .body("grid.ancestors.descendants.totalCount", contains(0, 0, 0));
        c.chief.then(SUMMARY, "code", c.village.code())
                .body("grid.children.totalCount", is(3))
                .body("grid.staffCount", greaterThanOrEqualTo(3));
    }

    @Test
    void changesStayInsideJurisdiction() {
        Gql commander = c.commander;
        JsonPath created = commander.field(CREATE, "input", Fixtures.input(c.township.id(), c.code(c.township), "新村", "VILLAGE"));
        assertEquals(3, created.getInt("level"));
        String newVillage = created.getString("id");
        String outside = c.code(c.otherTownship);
        assertEquals("FORBIDDEN", commander.errorCode(CREATE, "input", Fixtures.input(c.otherTownship.id(), outside, "越界", "VILLAGE")));
        assertEquals("NOT_FOUND", As.admin().errorCode(DETAIL, "code", outside));
        assertEquals("FORBIDDEN", commander.errorCode(CREATE, "input", Fixtures.input(null, Fixtures.code("top"), "顶层", "COUNTY")));
        // moving out of one's jurisdiction is refused, and so is changing the grid structure without the role
        assertEquals("FORBIDDEN", commander.errorCode(MOVE, "id", newVillage, "newParentId", c.otherTownship.id()));
        assertEquals("FORBIDDEN", c.chief.errorCode(RETIRE, "id", newVillage));
        assertEquals("FORBIDDEN", c.worker.errorCode(UPDATE, "id", newVillage, "input", Map.of("name", "改名")));
        commander.ok(RETIRE, "id", newVillage);
    }

    @Test
    void gridChiefsAppointHelpersButNotChiefs() {
        String subject = Fixtures.code("helper");
        c.chief.then(ASSIGN, "input", Map.of("gridId", c.group3.id(), "subject", subject, "displayName", "王楼长", "role", "BUILDING_CHIEF",
                "building", "3号楼")).body("assignStaff.grid.code", equalTo(c.group3.code()));
        assertEquals("FORBIDDEN", c.chief.errorCode(ASSIGN, "input", Map.of("gridId", c.group3.id(), "subject", subject, "role", "GRID_CHIEF")));
        assertEquals("FORBIDDEN", c.chief.errorCode(ASSIGN, "input", Map.of("gridId", c.otherGroup2.id(), "subject", subject, "role", "GRID_WORKER")));
        assertEquals("FORBIDDEN", c.worker.errorCode(ASSIGN, "input",
                Map.of("gridId", c.group3.id(), "subject", subject, "role", "INFORMATION_REPORTER")));
    }

    @Test
    void aPersonsAssignmentsAreVisibleToThemAndToTheirSuperiors() {
        String worker = c.worker.subject();
        c.worker.then(ASSIGNMENTS, "subject", worker).body("staffAssignments.totalCount", is(2));
        c.chief.then(ASSIGNMENTS, "subject", worker).body("staffAssignments.totalCount", is(2));
        c.otherChief.then(ASSIGNMENTS, "subject", worker).body("staffAssignments.totalCount", is(0));
    }
}
