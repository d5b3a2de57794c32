package org.wangge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;

@QuarkusTest
class StaffAssessmentTest {

    private static JsonPath step(Gql as, String mutation, String id, int version, String args) {
        return as.ok("mutation($id: ID!, $v: Int!) { " + mutation + "(id: $id, version: $v" + (args.isEmpty() ? "" : ", " + args)
                + ") { id version } }", "id", id, "v", version).setRootPath("data." + mutation);
    }

    private static JsonPath report(Gql as, String grid, String title) {
        return as.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id version } }",
                "i", Map.of("kind", "LIVELIHOOD", "title", title, "gridId", grid)).setRootPath("data.reportCase");
    }

    @Test
    void workIsCountedScoredWithTheWeightsAndRanked() {
        String village = Fixtures.grid(null, "assess-village", "VILLAGE");
        String leaf = Fixtures.grid(village, "assess-leaf", "MICRO_GRID");
        String w1 = Fixtures.code("w1");
        String w2 = Fixtures.code("w2");
        String chief = Fixtures.code("chief");
        Fixtures.assign(leaf, w1, "GRID_WORKER");
        Fixtures.assign(leaf, w2, "GRID_WORKER");
        Fixtures.assign(village, chief, "GRID_CHIEF");
        Gql one = Gql.as(w1, "grid_worker");
        Gql two = Gql.as(w2, "grid_worker");
        Gql lead = Gql.as(chief, "grid_chief");

        JsonPath c = report(one, leaf, "第一件");
        report(one, leaf, "第二件");
        report(two, leaf, "第三件");
        String id = c.getString("id");
        c = step(lead, "acceptCase", id, c.getInt("version"), "");
        c = step(lead, "dispatchCase", id, c.getInt("version"), "toSubject: \"" + w1 + "\"");
        c = step(one, "takeCase", id, c.getInt("version"), "");
        c = step(one, "resolveCase", id, c.getInt("version"), "result: \"初步处理\"");
        c = step(lead, "reworkCase", id, c.getInt("version"), "reason: \"不彻底\"");
        c = step(one, "resolveCase", id, c.getInt("version"), "result: \"彻底处理\"");
        c = step(lead, "verifyCase", id, c.getInt("version"), "");
        c = step(lead, "closeCase", id, c.getInt("version"), "");
        step(one, "rateCase", id, c.getInt("version"), "rating: 4");
        String household = lead.ok("mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }",
                "i", Map.of("gridId", leaf, "address", "考评 1 号")).getString("createHousehold.id");
        two.ok("mutation($i: VisitInput!) { recordVisit(input: $i) { id } }", "i", Map.of("householdId", household));
        two.ok("mutation($i: VisitInput!) { recordVisit(input: $i) { id } }", "i", Map.of("householdId", household));

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        String query = "query($g: ID!, $d: Date!, $l: Int) { staffAssessment(gridId: $g, from: $d, to: $d, level: $l) "
                + "{ rank subject reportsFiled visitsMade casesHandled onTimeRate averageRating reworks score } }";
        JsonPath all = lead.ok(query, "g", village, "d", today, "l", null).setRootPath("data.staffAssessment");
        assertEquals(List.of(w1, w2, chief), all.getList("subject"));
        assertEquals(List.of(1, 2, 3), all.getList("rank"));
        assertEquals(2, all.getInt("[0].reportsFiled"));
        assertEquals(1, all.getInt("[0].casesHandled"));
        assertEquals(1, all.getInt("[0].reworks"));
        assertEquals(4.0, all.getDouble("[0].averageRating"), 1e-6);
        assertEquals(1.0, all.getDouble("[0].onTimeRate"), 1e-6);
        // 2 reports + 2×1 handled + 10×1.0 on time + 2×4 rating − 3×1 rework
        assertEquals(19.0, all.getDouble("[0].score"), 1e-6);
        assertEquals(2, all.getInt("[1].visitsMade"));
        assertEquals(3.0, all.getDouble("[1].score"), 1e-6);
        // ranked within a tier: only the workers of the micro-grid level
        int leafLevel = Gql.admin().ok("query($id: ID) { grid(id: $id) { level } }", "id", leaf).getInt("grid.level");
        assertEquals(List.of(w1, w2), lead.ok(query, "g", village, "d", today, "l", leafLevel).getList("staffAssessment.subject"));
        assertEquals("FORBIDDEN", two.errorCode(query, "g", village, "d", today, "l", null));
    }
}
