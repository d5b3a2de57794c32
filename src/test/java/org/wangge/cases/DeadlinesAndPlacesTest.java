package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wangge.cases.Cases.ACCEPT;
import static org.wangge.cases.Cases.REPORT;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
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
import org.wangge.Keys;

/** Deadlines in a county of the class's own; places on grids of their own with boundaries. */
@QuarkusTest
class DeadlinesAndPlacesTest {

    static final Doc CASE = Doc.of("cases/CaseDetail");
    static final Doc CASES = Doc.of("cases/Cases");
    static final Doc CREATE_GRID = Doc.of("grid/CreateGrid");

    @Inject
    Pool pool;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    @Test
    void dueTimeFollowsThePolicyAndOverdueIsRecordedOnce() throws Exception {
        Gql chief = c.chief;
        JsonPath k = Cases.report(c.worker, c.group1, "EMERGENCY", "山体滑坡隐患");
        String id = k.getString("id");
        JsonPath due = chief.ok(CASE, "id", id);
        assertEquals(Duration.ofHours(72), Duration.between(OffsetDateTime.parse(due.getString("case.createdAt")),
                OffsetDateTime.parse(due.getString("case.dueAt"))));
        Cases.step(chief, ACCEPT, id, k.getInt("version"), "priority", "URGENT");
        JsonPath urgent = chief.ok(CASE, "id", id);
        assertEquals(Duration.ofHours(2), Duration.between(OffsetDateTime.parse(urgent.getString("case.createdAt")),
                OffsetDateTime.parse(urgent.getString("case.dueAt"))));

        TestDb.rows(pool, "UPDATE case_file SET due_at = now() - interval '1 hour' WHERE id = $1", Keys.of(id));
        assertTrue(chief.ok(CASE, "id", id).getBoolean("case.overdue"));
        assertTrue(chief.ok(CASES, "filter", Map.of("overdue", true), "first", 500).getList("cases.edges.node.id").contains(id));
        // the deadline job runs every second in tests: one OVERDUE event, however often it runs
        for (int i = 0; i < 50 && overdueEvents(id) == 0; i++) {
            Thread.sleep(200);
        }
        Thread.sleep(2_500);
        assertEquals(1, overdueEvents(id));
        List<String> actions = chief.ok(CASE, "id", id).getList("case.timeline.action");
        assertEquals(List.of("REPORT", "ACCEPT", "OVERDUE"), actions);
        // the timeline cannot be rewritten
        org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                () -> TestDb.rows(pool, "DELETE FROM case_event WHERE case_id = $1", Keys.of(id)));
    }

    @Test
    void aReportedPointFindsTheLeafGridThatContainsIt() {
        String town = Fixtures.grid(null, "geo-town", "TOWNSHIP");
        Map<String, Object> village = Fixtures.input(town, Fixtures.code("geo-village"), "有边界的村", "VILLAGE");
        village.put("boundary", "{\"type\":\"Polygon\",\"coordinates\":[[[100.0,20.0],[100.2,20.0],[100.2,20.2],[100.0,20.2],[100.0,20.0]]]}");
        String villageId = As.admin().field(CREATE_GRID, "input", village).getString("id");
        Map<String, Object> leaf = Fixtures.input(villageId, Fixtures.code("geo-leaf"), "东半边", "MICRO_GRID");
        leaf.put("boundary", "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[100.1,20.0],[100.2,20.0],[100.2,20.2],[100.1,20.2],[100.1,20.0]]]]}");
        String leafId = As.admin().field(CREATE_GRID, "input", leaf).getString("id");

        Gql resident = c.resident;
        assertEquals(leafId, resident.field(REPORT, "input", Map.of("kind", "ENVIRONMENT", "title", "东边有垃圾",
                "location", Map.of("lat", 20.1, "lng", 100.15))).getString("grid.id"));
        assertEquals(villageId, resident.field(REPORT, "input", Map.of("kind", "ENVIRONMENT", "title", "西边有垃圾",
                "location", Map.of("lat", 20.1, "lng", 100.05))).getString("grid.id"));
        assertEquals("VALIDATION", resident.errorCode(REPORT, "input", Map.of("kind", "ENVIRONMENT", "title", "海上",
                "location", Map.of("lat", -40.0, "lng", -30.0))));
        assertEquals("VALIDATION", resident.errorCode(REPORT, "input", Map.of("kind", "ENVIRONMENT", "title", "两个都给",
                "location", Map.of("lat", 20.1, "lng", 100.15), "gridId", leafId)));
    }

    private long overdueEvents(String id) {
        return TestDb.count(pool, "SELECT count(*) FROM case_event WHERE case_id = $1 AND action = 'OVERDUE'", Keys.of(id));
    }
}
