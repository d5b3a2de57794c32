package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.TestDb;
import org.wangge.Keys;

/** A case's deadlines follow the catalogue's limits in working time where the limit says so, and parking keeps the working time left. */
@QuarkusTest
class WorkingTimeDeadlinesTest {

    static final String CASE = "query($id: ID!) { case(id: $id) { version state createdAt updatedAt dueAt stageDueAt } }";
    static final String DEADLINE = "query($s: DateTime!, $a: Int!, $u: LimitUnit!) { deadlineAfter(start: $s, limit: {amount: $a, unit: $u}) }";
    static final String DECIDE = "mutation($id: ID!, $v: Int!) { s: %s(id: $id, version: $v) { version } }";
    static final String PARK = "mutation($id: ID!, $v: Int!, $r: String!) { s: requestParking(id: $id, version: $v, reason: $r) { version } }";

    @Inject
    Pool pool;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    private JsonPath now(String id) {
        return c.chief.ok(CASE, "id", id).setRootPath("data.case");
    }

    private OffsetDateTime deadline(String start, int amount, String unit) {
        return OffsetDateTime.parse(c.chief.ok(DEADLINE, "s", start, "a", amount, "u", unit).getString("deadlineAfter"));
    }

    private static void assertSameInstant(OffsetDateTime expected, String actual, String what) {
        assertEquals(expected.toInstant(), OffsetDateTime.parse(actual).toInstant(), what);
    }

    @Test
    void eachStageRunsAgainstItsLimitInItsKindOfTime() {
        // 垃圾乱堆乱放 at normal priority: handled within 1 working day, accepted within 2 working hours
        String id = c.worker.field(Cases.REPORT, "input", Map.of("kind", "ENVIRONMENT", "item", "ENV_WASTE", "title", "渣土乱倒",
                "gridId", c.group1.id())).getString("id");
        JsonPath k = now(id);
        String reported = k.getString("createdAt");
        assertSameInstant(deadline(reported, 1, "WORKING_DAYS"), k.getString("dueAt"), "handling: 1 working day");
        assertSameInstant(deadline(reported, 2, "WORKING_HOURS"), k.getString("stageDueAt"), "acceptance: 2 working hours");

        Cases.step(c.chief, Cases.ACCEPT, id, k.getInt("version"));
        k = now(id);
        assertSameInstant(deadline(k.getString("updatedAt"), 2, "WORKING_HOURS"), k.getString("stageDueAt"), "dispatch: 2 working hours from acceptance");
        // a kind's own limit where the item has none: 24 calendar hours at high priority
        String other = c.worker.field(Cases.REPORT, "input", Map.of("kind", "ENVIRONMENT", "item", "ENV_POLLUTION", "title", "污水直排",
                "gridId", c.group1.id())).getString("id");
        Cases.step(c.chief, Cases.ACCEPT, other, now(other).getInt("version"), "priority", "HIGH");
        JsonPath high = now(other);
        assertSameInstant(OffsetDateTime.parse(high.getString("createdAt")).plusHours(24), high.getString("dueAt"), "re-reckoned by the new priority");

        k = Cases.step(c.chief, Cases.DISPATCH, id, k.getInt("version"), "toSubject", c.worker.subject());
        assertNull(now(id).getString("stageDueAt"), "handled against dueAt");
        k = Cases.step(c.worker, Cases.TAKE, id, k.getInt("version"));
        Cases.step(c.worker, Cases.RESOLVE, id, k.getInt("version"), "result", "已清运");
        k = now(id);
        assertSameInstant(deadline(k.getString("updatedAt"), 1, "WORKING_DAYS"), k.getString("stageDueAt"), "verification: 1 working day");
    }

    @Test
    void parkingKeepsTheWorkingTimeThatWasLeft() {
        String id = c.worker.field(Cases.REPORT, "input", Map.of("kind", "LIVELIHOOD", "item", "LIVELIHOOD_WATER_POWER", "title", "路灯不亮",
                "gridId", c.group1.id())).getString("id");
        long caseId = Keys.of(id);
        JsonPath k = Cases.step(c.chief, Cases.ACCEPT, id, now(id).getInt("version"));
        c.chief.ok(PARK, "id", id, "v", k.getInt("version"), "r", "等待资金");
        c.chief.ok(DECIDE.formatted("approveParking"), "id", id, "v", now(id).getInt("version"));
        // parked a fortnight ago, over weekends: what counts is the working time from then to the deadline
        TestDb.rows(pool, "UPDATE case_file SET parked_at = now() - interval '14 days' WHERE id = $1", caseId);
        double left = TestDb.rows(pool, "SELECT working_seconds_between(parked_at, due_at) FROM case_file WHERE id = $1", caseId).get(0).getDouble(0);
        double stageLeft = TestDb.rows(pool, "SELECT working_seconds_between(parked_at, stage_due_at) FROM case_file WHERE id = $1", caseId).get(0).getDouble(0);
        assertTrue(left > 0 && stageLeft > 0);
        c.chief.ok(DECIDE.formatted("unparkCase"), "id", id, "v", now(id).getInt("version"));
        assertEquals("ACCEPTED", now(id).getString("state"));
        var after = TestDb.rows(pool, """
                SELECT working_seconds_between(e.at, c.due_at), working_seconds_between(e.at, c.stage_due_at)
                FROM case_file c JOIN case_event e ON e.case_id = c.id AND e.action = 'UNPARK' WHERE c.id = $1""", caseId).get(0);
        assertEquals(left, after.getDouble(0), 2.0, "the handling time left, in working seconds");
        assertEquals(stageLeft, after.getDouble(1), 2.0, "the dispatch time left, in working seconds");
    }
}
