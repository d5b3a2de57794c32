package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wangge.cases.Cases.CHIEF;
import static org.wangge.cases.Cases.RESIDENT;
import static org.wangge.cases.Cases.WORKER;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;

@QuarkusTest
class DeadlinesAndPlacesTest {

    @Inject
    Pool pool;

    @Test
    void dueTimeFollowsThePolicyAndOverdueIsRecordedOnce() throws Exception {
        JsonPath c = Cases.report(WORKER, "411321001001001", "EMERGENCY", "山体滑坡隐患");
        String id = c.getString("id");
        JsonPath due = CHIEF.ok("query($id: ID!) { case(id: $id) { dueAt createdAt overdue } }", "id", id);
        assertEquals(Duration.ofHours(72), Duration.between(OffsetDateTime.parse(due.getString("case.createdAt")),
                OffsetDateTime.parse(due.getString("case.dueAt"))));
        c = Cases.step(CHIEF, "acceptCase", id, c.getInt("version"), "priority: URGENT");
        JsonPath urgent = CHIEF.ok("query($id: ID!) { case(id: $id) { dueAt createdAt overdue } }", "id", id);
        assertEquals(Duration.ofHours(2), Duration.between(OffsetDateTime.parse(urgent.getString("case.createdAt")),
                OffsetDateTime.parse(urgent.getString("case.dueAt"))));

        TestDb.rows(pool, "UPDATE case_file SET due_at = now() - interval '1 hour' WHERE id = $1", Long.parseLong(id));
        assertTrue(CHIEF.ok("query($id: ID!) { case(id: $id) { overdue } }", "id", id).getBoolean("case.overdue"));
        assertTrue(CHIEF.ok("{ cases(filter: {overdue: true}, first: 500) { edges { node { id } } } }").getList("cases.edges.node.id").contains(id));
        // the deadline job runs every second in tests: one OVERDUE event, however often it runs
        for (int i = 0; i < 50 && overdueEvents(id) == 0; i++) {
            Thread.sleep(200);
        }
        Thread.sleep(2_500);
        assertEquals(1, overdueEvents(id));
        List<String> actions = CHIEF.ok("query($id: ID!) { case(id: $id) { timeline { action actorSubject } } }", "id", id).getList("case.timeline.action");
        assertEquals(List.of("REPORT", "ACCEPT", "OVERDUE"), actions);
        // the timeline cannot be rewritten
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> TestDb.rows(pool, "DELETE FROM case_event WHERE case_id = $1", Long.parseLong(id)));
    }

    @Test
    void aReportedPointFindsTheLeafGridThatContainsIt() {
        String town = Fixtures.grid(null, "geo-town", "TOWNSHIP");
        Map<String, Object> village = Fixtures.input(town, Fixtures.code("geo-village"), "有边界的村", "VILLAGE");
        village.put("boundary", "{\"type\":\"Polygon\",\"coordinates\":[[[100.0,20.0],[100.2,20.0],[100.2,20.2],[100.0,20.2],[100.0,20.0]]]}");
        String villageId = Gql.admin().ok("mutation($input: CreateGridInput!) { createGrid(input: $input) { id } }", "input", village).getString("createGrid.id");
        Map<String, Object> leaf = Fixtures.input(villageId, Fixtures.code("geo-leaf"), "东半边", "MICRO_GRID");
        leaf.put("boundary", "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[100.1,20.0],[100.2,20.0],[100.2,20.2],[100.1,20.2],[100.1,20.0]]]]}");
        String leafId = Gql.admin().ok("mutation($input: CreateGridInput!) { createGrid(input: $input) { id } }", "input", leaf).getString("createGrid.id");

        String report = "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id grid { id } } }";
        assertEquals(leafId, RESIDENT.ok(report, "i", Map.of("kind", "ENVIRONMENT", "title", "东边有垃圾",
                "location", Map.of("lat", 20.1, "lng", 100.15))).getString("reportCase.grid.id"));
        assertEquals(villageId, RESIDENT.ok(report, "i", Map.of("kind", "ENVIRONMENT", "title", "西边有垃圾",
                "location", Map.of("lat", 20.1, "lng", 100.05))).getString("reportCase.grid.id"));
        assertEquals("VALIDATION", RESIDENT.errorCode(report, "i", Map.of("kind", "ENVIRONMENT", "title", "海上",
                "location", Map.of("lat", -40.0, "lng", -30.0))));
        assertEquals("VALIDATION", RESIDENT.errorCode(report, "i", Map.of("kind", "ENVIRONMENT", "title", "两个都给",
                "location", Map.of("lat", 20.1, "lng", 100.15), "gridId", leafId)));
    }

    private long overdueEvents(String id) {
        return TestDb.count(pool, "SELECT count(*) FROM case_event WHERE case_id = $1 AND action = 'OVERDUE'", Long.parseLong(id));
    }
}
