package org.wangge.grid;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.Keys;

/** Assignments as the admin makes them, on grids of their own. */
@QuarkusTest
class StaffTest {

    static final Doc ASSIGN = Doc.of("staff/AssignStaff");
    static final Doc END = Doc.of("staff/EndStaffAssignment");
    static final Doc GRID_STAFF = Doc.of("staff/GridStaff");
    private static final LocalDate TODAY = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));

    private final Gql admin = As.admin();

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
        JsonPath first = admin.field(ASSIGN, "input", input(grid, Fixtures.code("chief1"), "GRID_CHIEF"));
        assertTrue(first.getBoolean("active"));
        JsonPath second = admin.error(ASSIGN, "input", input(grid, Fixtures.code("chief2"), "GRID_CHIEF"));
        assertEquals("CONFLICT", second.getString("extensions.code"));
        assertTrue(second.getString("message").contains("grid chief"));

        // the next chief may start the day after the first one's last day
        admin.ok(END, "id", first.getString("id"), "endDate", TODAY.plusDays(10).toString());
        Map<String, Object> overlapping = input(grid, Fixtures.code("chief3"), "GRID_CHIEF");
        overlapping.put("startDate", TODAY.plusDays(10).toString());
        assertEquals("CONFLICT", admin.errorCode(ASSIGN, "input", overlapping));
        Map<String, Object> next = input(grid, Fixtures.code("chief4"), "GRID_CHIEF");
        next.put("startDate", TODAY.plusDays(11).toString());
        assertFalse(admin.field(ASSIGN, "input", next).getBoolean("active"));

        // several workers are fine
        admin.ok(ASSIGN, "input", input(grid, Fixtures.code("w1"), "GRID_WORKER"));
        admin.ok(ASSIGN, "input", input(grid, Fixtures.code("w2"), "GRID_WORKER"));
        admin.then(GRID_STAFF, "id", grid)
                .body("grid.staffCount", is(3))
                .body("grid.staff.totalCount", is(4));
    }

    @Test
    void datesAndPeopleAreChecked() {
        String grid = Fixtures.grid(null, "dates", "VILLAGE");
        Map<String, Object> backwards = input(grid, Fixtures.code("p"), "GRID_WORKER");
        backwards.put("startDate", "2026-05-01");
        backwards.put("endDate", "2026-04-01");
        assertEquals("VALIDATION", admin.errorCode(ASSIGN, "input", backwards));
        Map<String, Object> nameless = input(grid, Fixtures.code("nameless"), "GRID_WORKER");
        nameless.remove("displayName");
        assertEquals("displayName", admin.error(ASSIGN, "input", nameless).getString("extensions.field"));
        assertEquals("NOT_FOUND", admin.errorCode(ASSIGN, "input", input(Keys.id("Grid", 999999999), Fixtures.code("x"), "GRID_WORKER")));
        assertEquals("NOT_FOUND", admin.errorCode(END, "id", Keys.id("StaffAssignment", 999999999)));
    }

    @Test
    void endedAssignmentsStayInHistoryAndPagesWalkThrough() {
        String grid = Fixtures.grid(null, "history", "VILLAGE");
        String subject = Fixtures.code("person");
        for (int i = 0; i < 5; i++) {
            admin.ok(ASSIGN, "input", input(grid, subject + i, "INFORMATION_REPORTER"));
        }
        String ended = admin.field(ASSIGN, "input", input(grid, subject, "GRID_WORKER")).getString("id");
        admin.ok(END, "id", ended, "endDate", TODAY.toString());
        // an assignment ending today is still on duty today
        admin.then(GRID_STAFF, "id", grid).body("grid.staff.totalCount", is(6));

        JsonPath one = admin.ok(GRID_STAFF, "id", grid, "role", "INFORMATION_REPORTER", "first", 4, "after", null);
        assertEquals(4, one.getList("grid.staff.edges").size());
        assertTrue(one.getBoolean("grid.staff.pageInfo.hasNextPage"));
        admin.then(GRID_STAFF, "id", grid, "role", "INFORMATION_REPORTER", "first", 4, "after", one.getString("grid.staff.pageInfo.endCursor"))
                .body("grid.staff.edges.node.subject", contains(subject + 4))
                .body("grid.staff.pageInfo.hasNextPage", is(false));
        assertEquals("VALIDATION", admin.errorCode(GRID_STAFF, "id", grid, "role", "INFORMATION_REPORTER", "first", 4, "after", "bm90LWEtY3Vyc29y"));
    }
}
