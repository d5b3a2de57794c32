package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.TestDb;
import org.wangge.Keys;

/** 挂账/缓办: parked with a lead's approval, no deadline runs, out of the closure rate's denominator; unparked where it was. */
@QuarkusTest
class ParkingTest {

    static final String CASE = "query($id: ID!) { case(id: $id) { version state dueAt overdue parkRequested timeline { action } } }";
    static final String STEP = "mutation($id: ID!, $v: Int!, $r: String!) { s: %s(id: $id, version: $v, reason: $r) { version } }";
    static final String DECIDE = "mutation($id: ID!, $v: Int!) { s: %s(id: $id, version: $v) { version } }";
    static final String INDICATORS = "query($g: ID!, $f: Date!, $t: Date!) { caseIndicators(gridId: $g, from: $f, to: $t) { accepted closed parked overdue } }";

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

    @Test
    void aParkedCaseRunsNoDeadlineAndGoesBackWhereItWas() throws Exception {
        String id = Cases.report(c.worker, c.group1, "SAFETY_HAZARD", "等法院判决").getString("id");
        JsonPath k = Cases.step(c.chief, Cases.ACCEPT, id, Cases.detail(id).getInt("version"));
        k = Cases.step(c.chief, Cases.DISPATCH, id, k.getInt("version"), "toSubject", c.worker.subject());
        Cases.step(c.worker, Cases.TAKE, id, k.getInt("version"));
        // past its deadline: overdue
        TestDb.rows(pool, "UPDATE case_file SET due_at = now() - interval '1 hour' WHERE id = $1", Keys.of(id));
        assertTrue(now(id).getBoolean("overdue"));

        c.worker.ok(STEP.formatted("requestParking"), "id", id, "v", now(id).getInt("version"), "r", "等法院判决");
        assertTrue(now(id).getBoolean("parkRequested"));
        assertEquals("INVALID_TRANSITION", c.worker.errorCode(STEP.formatted("requestParking"), "id", id, "v", now(id).getInt("version"), "r", "再等"));
        assertEquals("FORBIDDEN", c.worker.errorCode(DECIDE.formatted("approveParking"), "id", id, "v", now(id).getInt("version")));
        c.chief.ok(DECIDE.formatted("approveParking"), "id", id, "v", now(id).getInt("version"));
        JsonPath parked = now(id);
        assertEquals("PARKED", parked.getString("state"));
        assertFalse(parked.getBoolean("overdue"), "no deadline runs while parked");
        assertFalse(parked.getBoolean("parkRequested"));
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonPath figures = c.chief.ok(INDICATORS, "g", c.group1.id(), "f", today, "t", today).setRootPath("data.caseIndicators");
        assertEquals(1, figures.getInt("parked"));
        assertEquals(0, figures.getInt("overdue"));
        assertEquals("INVALID_TRANSITION", Cases.stepError(c.worker, Cases.RESOLVE, id, parked.getInt("version"), "result", "办完"),
                "a parked case is taken up again first");
        // the overdue job (every second in tests) passes it over, even when it has not yet recorded it as overdue
        String overdueEvents = "SELECT count(*) FROM case_event WHERE case_id = $1 AND action = 'OVERDUE'";
        long before = TestDb.count(pool, overdueEvents, Keys.of(id));
        TestDb.rows(pool, "UPDATE case_file SET overdue_recorded = false WHERE id = $1", Keys.of(id));
        Thread.sleep(2_500);
        assertEquals(before, TestDb.count(pool, overdueEvents, Keys.of(id)));

        OffsetDateTime dueWhenParked = OffsetDateTime.parse(parked.getString("dueAt"));
        Thread.sleep(1_000);
        c.chief.ok(DECIDE.formatted("unparkCase"), "id", id, "v", parked.getInt("version"));
        JsonPath back = now(id);
        assertEquals("IN_PROGRESS", back.getString("state"));
        Duration moved = Duration.between(dueWhenParked, OffsetDateTime.parse(back.getString("dueAt")));
        assertTrue(moved.toMillis() >= 1_000, "the deadline moved on by the time parked: " + moved);
        assertEquals(java.util.List.of("REQUEST_PARK", "APPROVE_PARK", "UNPARK"),
                back.getList("timeline.action").stream().filter(a -> a.toString().contains("PARK")).toList());
    }

    @Test
    void aRefusedParkingLeavesTheCaseAsItWas() {
        String id = Cases.report(c.worker, c.group1, "SAFETY_HAZARD", "可以马上办").getString("id");
        Cases.step(c.chief, Cases.ACCEPT, id, Cases.detail(id).getInt("version"));
        assertEquals("FORBIDDEN", c.worker.errorCode(STEP.formatted("requestParking"), "id", id, "v", now(id).getInt("version"), "r", "x"),
                "before dispatch only a lead asks");
        c.chief.ok(STEP.formatted("requestParking"), "id", id, "v", now(id).getInt("version"), "r", "资金未到位");
        assertEquals("INVALID_TRANSITION", c.chief.errorCode(DECIDE.formatted("unparkCase"), "id", id, "v", now(id).getInt("version")));
        c.chief.ok(STEP.formatted("refuseParking"), "id", id, "v", now(id).getInt("version"), "r", "本周内办结");
        JsonPath after = now(id);
        assertEquals("ACCEPTED", after.getString("state"));
        assertFalse(after.getBoolean("parkRequested"));
        assertEquals("INVALID_TRANSITION", c.chief.errorCode(DECIDE.formatted("approveParking"), "id", id, "v", after.getInt("version")),
                "nothing waits for a decision");
    }

    /**
     * The command centres' rates on a hand-counted fixture in a grid of its own (group2): four
     * accepted cases, one closed on time, one closed late, one parked, one open.
     * 结案率 = closed ÷ (accepted − parked) = 2 ÷ 3; 按期结案率 = on time ÷ (accepted − parked) = 1 ÷ 3;
     * on time ÷ closed = 1 ÷ 2.
     */
    @Test
    void closureRatesLeaveParkedCasesOutOfTheirDenominator() {
        String[] ids = new String[4];
        for (int i = 0; i < 4; i++) {
            ids[i] = Cases.report(c.worker, c.group2, "SAFETY_HAZARD", "结案率 " + i).getString("id");
            Cases.step(c.chief, Cases.ACCEPT, ids[i], Cases.detail(ids[i]).getInt("version"));
        }
        for (int i = 0; i < 2; i++) {
            String id = ids[i];
            JsonPath k = Cases.step(c.chief, Cases.DISPATCH, id, now(id).getInt("version"), "toSubject", c.worker.subject());
            k = Cases.step(c.worker, Cases.TAKE, id, k.getInt("version"));
            k = Cases.step(c.worker, Cases.RESOLVE, id, k.getInt("version"), "result", "已处理");
            k = Cases.step(c.chief, Cases.VERIFY, id, k.getInt("version"));
            if (i == 1) {
                TestDb.rows(pool, "UPDATE case_file SET due_at = now() - interval '1 hour' WHERE id = $1", Keys.of(id)); // late
            }
            Cases.step(c.chief, Cases.CLOSE, id, k.getInt("version"));
        }
        c.chief.ok(STEP.formatted("requestParking"), "id", ids[2], "v", now(ids[2]).getInt("version"), "r", "等资金");
        c.chief.ok(DECIDE.formatted("approveParking"), "id", ids[2], "v", now(ids[2]).getInt("version"));

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonPath f = c.chief.ok("query($g: ID!, $d: Date!) { caseIndicators(gridId: $g, from: $d, to: $d) { accepted closed parked "
                + "resolutionRate onTimeClosureRate onTimeRate } }", "g", c.group2.id(), "d", today).setRootPath("data.caseIndicators");
        assertEquals(4, f.getInt("accepted"));
        assertEquals(2, f.getInt("closed"));
        assertEquals(1, f.getInt("parked"));
        assertEquals(2.0 / 3, f.getDouble("resolutionRate"), 1e-6);
        assertEquals(1.0 / 3, f.getDouble("onTimeClosureRate"), 1e-6);
        assertEquals(0.5, f.getDouble("onTimeRate"), 1e-6);
    }
}
