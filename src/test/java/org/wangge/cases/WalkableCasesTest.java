package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;

/** Cases are reachable from a grid, a household, a resident and a department, filtered as the root list is, and only as far as the caller may see cases. */
@QuarkusTest
class WalkableCasesTest {

    static final String PAGE = "{ totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } }";
    static final String GRID = "query($id: ID!, $f: CaseFilter) { grid(id: $id) { cases(filter: $f, first: 50) " + PAGE + " } }";
    static final String HOUSEHOLD = "query($id: ID!) { household(id: $id) { cases(first: 50) " + PAGE + " } }";
    static final String PERSON = "query($id: ID!) { person(id: $id) { cases(first: 50) " + PAGE + " } }";
    static final String INBOX = "{ departments { id inbox(first: 50) " + PAGE + " } }";

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    private static List<String> ids(JsonPath page, String path) {
        return page.getList(path + ".edges.node.id");
    }

    static final String RESIDENTS = "query($id: ID!) { grid(id: $id) { households(first: 50) " + PAGE + " persons(first: 50) " + PAGE + " } }";

    @Test
    void householdsAndResidentsAreWalkableFromTheirGrid() {
        JsonPath chief = c.chief.ok(RESIDENTS, "id", c.village.id());
        assertTrue(ids(chief, "grid.households").contains(c.household));
        assertTrue(ids(chief, "grid.persons").contains(c.residentPerson));
        // a reporter reaches the grid through their own report, and no one who lives there
        String reported = Cases.report(c.reporter, c.group1, "LIVELIHOOD", "路灯不亮").getString("id");
        JsonPath through = c.reporter.ok("query($id: ID!) { case(id: $id) { grid { households(first: 50) " + PAGE + " persons(first: 50) "
                + PAGE + " } } }", "id", reported);
        assertEquals(List.of(), ids(through, "case.grid.households"));
        assertEquals(List.of(), ids(through, "case.grid.persons"));
        assertEquals("VALIDATION", c.chief.errorCode("query($id: ID!) { grid(id: $id) { persons(filter: {gridId: $id}) { totalCount } } }",
                "id", c.village.id()));
    }

    @Test
    void casesAreWalkableFromWhatTheyConcern() {
        String id = c.worker.field(Cases.REPORT, "input", Map.of("kind", "DISPUTE", "title", "邻里噪音", "gridId", c.group1.id(),
                "personIds", List.of(c.residentPerson), "householdIds", List.of(c.household))).getString("id");

        assertTrue(ids(c.chief.ok(GRID, "id", c.group1.id()), "grid.cases").contains(id));
        assertTrue(ids(c.chief.ok(GRID, "id", c.village.id()), "grid.cases").contains(id), "everything below the grid");
        assertFalse(ids(c.chief.ok(GRID, "id", c.group1.id(), "f", Map.of("states", List.of("CLOSED"))), "grid.cases").contains(id),
                "filtered as the root list");
        assertEquals("VALIDATION", c.chief.errorCode(GRID, "id", c.group1.id(), "f", Map.of("gridId", c.group2.id())));
        assertEquals(List.of(id), ids(c.chief.ok(HOUSEHOLD, "id", c.household), "household.cases"));
        assertEquals(List.of(id), ids(c.chief.ok(PERSON, "id", c.residentPerson), "person.cases"));

        // the department sees it in its inbox once dispatched to it; others see no more than they may
        JsonPath k = Cases.step(c.chief, Cases.ACCEPT, id, Cases.detail(id).getInt("version"));
        Cases.step(c.chief, Cases.DISPATCH, id, k.getInt("version"), "toDepartmentId", c.department);
        JsonPath inbox = c.departmentStaff.ok(INBOX);
        assertTrue(ids(inbox.setRootPath("data.departments.find { it.id == '" + c.department + "' }"), "inbox").contains(id));
        JsonPath residentsView = c.resident.ok(INBOX);
        assertFalse(ids(residentsView.setRootPath("data.departments.find { it.id == '" + c.department + "' }"), "inbox").contains(id),
                "the resident did not report it and may not see it");
        JsonPath other = c.otherWorker.ok(INBOX);
        assertFalse(ids(other.setRootPath("data.departments.find { it.id == '" + c.department + "' }"), "inbox").contains(id));
    }
}
