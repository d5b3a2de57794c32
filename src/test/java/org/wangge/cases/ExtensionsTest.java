package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;

/** 延期: the handler asks for a later deadline, a lead over the case's tier approves or refuses; both are counted. */
@QuarkusTest
class ExtensionsTest {

    static final String CASE = "query($id: ID!) { case(id: $id) { version dueAt requestedDueAt extensionCount timeline { action note } } }";
    static final String REQUEST = "mutation($id: ID!, $v: Int!, $d: DateTime!, $r: String!) { requestExtension(id: $id, version: $v, dueAt: $d, reason: $r) { version } }";
    static final String APPROVE = "mutation($id: ID!, $v: Int!, $d: DateTime) { approveExtension(id: $id, version: $v, dueAt: $d) { version } }";
    static final String REFUSE = "mutation($id: ID!, $v: Int!, $r: String!) { refuseExtension(id: $id, version: $v, reason: $r) { version } }";
    static final String INDICATORS = "query($g: ID!, $f: Date!, $t: Date!) { caseIndicators(gridId: $g, from: $f, to: $t) { accepted extended extensionRate } }";

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    /** A case the worker has taken: [id]. */
    private String taken() {
        String id = Cases.report(c.worker, c.group1, "SAFETY_HAZARD", "需要更多时间").getString("id");
        JsonPath k = Cases.step(c.chief, Cases.ACCEPT, id, Cases.detail(id).getInt("version"));
        k = Cases.step(c.chief, Cases.DISPATCH, id, k.getInt("version"), "toSubject", c.worker.subject());
        Cases.step(c.worker, Cases.TAKE, id, k.getInt("version"));
        return id;
    }

    private JsonPath now(String id) {
        return c.chief.ok(CASE, "id", id).setRootPath("data.case");
    }

    @Test
    void anApprovedExtensionMovesTheDeadlineAndCounts() {
        String id = taken();
        OffsetDateTime due = OffsetDateTime.parse(now(id).getString("dueAt"));
        OffsetDateTime later = due.plusDays(3).withNano(0);
        assertEquals("VALIDATION", c.worker.errorCode(REQUEST, "id", id, "v", now(id).getInt("version"), "d", due.minusHours(1).toString(), "r", "x"),
                "an earlier deadline is no extension");
        c.worker.ok(REQUEST, "id", id, "v", now(id).getInt("version"), "d", later.toString(), "r", "等配件到货");
        JsonPath asked = now(id);
        assertEquals(later.toInstant(), OffsetDateTime.parse(asked.getString("requestedDueAt")).toInstant());
        assertEquals(due.toInstant(), OffsetDateTime.parse(asked.getString("dueAt")).toInstant(), "the deadline stays until decided");
        assertEquals("INVALID_TRANSITION", c.worker.errorCode(REQUEST, "id", id, "v", asked.getInt("version"), "d", later.plusDays(1).toString(), "r", "再等"),
                "one request at a time");
        assertEquals("FORBIDDEN", c.worker.errorCode(APPROVE, "id", id, "v", asked.getInt("version")), "the handler does not approve their own");

        c.chief.ok(APPROVE, "id", id, "v", asked.getInt("version"));
        JsonPath approved = now(id);
        assertEquals(later.toInstant(), OffsetDateTime.parse(approved.getString("dueAt")).toInstant());
        assertNull(approved.getString("requestedDueAt"));
        assertEquals(1, approved.getInt("extensionCount"));
        List<String> actions = approved.getList("timeline.action");
        assertEquals(List.of("REQUEST_EXTENSION", "APPROVE_EXTENSION"), actions.subList(actions.size() - 2, actions.size()));
        assertEquals("INVALID_TRANSITION", c.chief.errorCode(APPROVE, "id", id, "v", approved.getInt("version")), "nothing waits for a decision");

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonPath figures = c.chief.ok(INDICATORS, "g", c.group1.id(), "f", today, "t", today).setRootPath("data.caseIndicators");
        assertEquals(1, figures.getInt("extended"));
        assertEquals(1.0 / figures.getInt("accepted"), figures.getDouble("extensionRate"), 1e-9);
    }

    @Test
    void aRefusedExtensionLeavesTheDeadlineAndALeadMayGrantAnother() {
        String id = taken();
        OffsetDateTime due = OffsetDateTime.parse(now(id).getString("dueAt"));
        c.worker.ok(REQUEST, "id", id, "v", now(id).getInt("version"), "d", due.plusDays(10).toString(), "r", "人手不够");
        c.chief.ok(REFUSE, "id", id, "v", now(id).getInt("version"), "r", "三天内必须处理");
        JsonPath refused = now(id);
        assertEquals(due.toInstant(), OffsetDateTime.parse(refused.getString("dueAt")).toInstant());
        assertNull(refused.getString("requestedDueAt"));
        assertEquals(0, refused.getInt("extensionCount"));
        assertEquals("三天内必须处理", refused.getString("timeline[-1].note"));
        // asked again, granted less than asked
        c.worker.ok(REQUEST, "id", id, "v", refused.getInt("version"), "d", due.plusDays(10).toString(), "r", "确实不够");
        OffsetDateTime granted = due.plusDays(2).withNano(0);
        c.chief.ok(APPROVE, "id", id, "v", now(id).getInt("version"), "d", granted.toString());
        assertEquals(granted.toInstant(), OffsetDateTime.parse(now(id).getString("dueAt")).toInstant());
    }
}
