package org.wangge.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;

@QuarkusTest
class StaffTest {

    private static final String ASSIGN = "mutation($input: AssignStaffInput!) { assignStaff(input: $input) { id role active startDate endDate displayName version } }";
    private static final LocalDate TODAY = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

    private static Map<String, Object> input(String grid, String subject, String role) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("gridId", grid);
        input.put("subject", subject);
        input.put("displayName", "名字" + subject);
        input.put("role", role);
        return input;
    }

    @Test
    void oneGridChiefAtATime() {
        String grid = Fixtures.grid(null, "chiefs", "VILLAGE");
        JsonPath first = Gql.admin().ok(ASSIGN, "input", input(grid, Fixtures.code("chief1"), "GRID_CHIEF"));
        assertTrue(first.getBoolean("assignStaff.active"));
        Response second = Gql.admin().post(ASSIGN, "input", input(grid, Fixtures.code("chief2"), "GRID_CHIEF"));
        assertEquals("CONFLICT", second.jsonPath().getString("errors[0].extensions.code"));
        assertTrue(second.jsonPath().getString("errors[0].message").contains("grid chief"));

        // the next chief may start the day after the first one's last day
        Gql.admin().ok("mutation($id: ID!, $d: Date) { endStaffAssignment(id: $id, endDate: $d) { endDate } }",
                "id", first.getString("assignStaff.id"), "d", TODAY.plusDays(10).toString());
        Map<String, Object> overlapping = input(grid, Fixtures.code("chief3"), "GRID_CHIEF");
        overlapping.put("startDate", TODAY.plusDays(10).toString());
        assertEquals("CONFLICT", Gql.admin().errorCode(ASSIGN, "input", overlapping));
        Map<String, Object> next = input(grid, Fixtures.code("chief4"), "GRID_CHIEF");
        next.put("startDate", TODAY.plusDays(11).toString());
        JsonPath upcoming = Gql.admin().ok(ASSIGN, "input", next);
        assertFalse(upcoming.getBoolean("assignStaff.active"));

        // several workers are fine
        Gql.admin().ok(ASSIGN, "input", input(grid, Fixtures.code("w1"), "GRID_WORKER"));
        Gql.admin().ok(ASSIGN, "input", input(grid, Fixtures.code("w2"), "GRID_WORKER"));
        JsonPath staff = Gql.admin().ok("query($id: ID) { grid(id: $id) { staffCount staff { totalCount } chiefs: staff(role: GRID_CHIEF) { totalCount } } }", "id", grid);
        assertEquals(3, staff.getInt("grid.staffCount"));
        assertEquals(4, staff.getInt("grid.staff.totalCount"));
    }

    @Test
    void datesAndPeopleAreChecked() {
        String grid = Fixtures.grid(null, "dates", "VILLAGE");
        Map<String, Object> backwards = input(grid, Fixtures.code("p"), "GRID_WORKER");
        backwards.put("startDate", "2026-05-01");
        backwards.put("endDate", "2026-04-01");
        assertEquals("VALIDATION", Gql.admin().errorCode(ASSIGN, "input", backwards));
        Map<String, Object> nameless = input(grid, Fixtures.code("nameless"), "GRID_WORKER");
        nameless.remove("displayName");
        assertEquals("displayName", Gql.admin().post(ASSIGN, "input", nameless).jsonPath().getString("errors[0].extensions.field"));
        assertEquals("NOT_FOUND", Gql.admin().errorCode(ASSIGN, "input", input("999999999", Fixtures.code("x"), "GRID_WORKER")));
        assertEquals("NOT_FOUND", Gql.admin().errorCode("mutation { endStaffAssignment(id: \"999999999\") { id } }"));
    }

    @Test
    void endedAssignmentsStayInHistoryAndPagesWalkThrough() {
        String grid = Fixtures.grid(null, "history", "VILLAGE");
        String subject = Fixtures.code("person");
        for (int i = 0; i < 5; i++) {
            Gql.admin().ok(ASSIGN, "input", input(grid, subject + i, "INFORMATION_REPORTER"));
        }
        String ended = Gql.admin().ok(ASSIGN, "input", input(grid, subject, "GRID_WORKER")).getString("assignStaff.id");
        Gql.admin().ok("mutation($id: ID!, $d: Date) { endStaffAssignment(id: $id, endDate: $d) { id } }", "id", ended, "d", TODAY.toString());
        // an assignment ending today is still on duty today
        assertEquals(6, Gql.admin().ok("query($id: ID) { grid(id: $id) { staff { totalCount } } }", "id", grid).getInt("grid.staff.totalCount"));

        String page = "query($id: ID, $after: String) { grid(id: $id) { staff(first: 4, after: $after, role: INFORMATION_REPORTER) { edges { node { subject } } pageInfo { hasNextPage endCursor } } } }";
        JsonPath one = Gql.admin().ok(page, "id", grid, "after", null);
        assertEquals(4, one.getList("grid.staff.edges").size());
        assertTrue(one.getBoolean("grid.staff.pageInfo.hasNextPage"));
        JsonPath two = Gql.admin().ok(page, "id", grid, "after", one.getString("grid.staff.pageInfo.endCursor"));
        assertEquals(List.of(subject + 4), two.getList("grid.staff.edges.node.subject"));
        assertFalse(two.getBoolean("grid.staff.pageInfo.hasNextPage"));
        assertEquals("VALIDATION", Gql.admin().errorCode(page, "id", grid, "after", "bm90LWEtY3Vyc29y"));
    }
}
