package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.TestDb;
import org.wangge.Keys;

/**
 * The figures command centres are assessed by, against a hand-computed fixture of six cases (and the one the county starts with) in a
 * county of the class's own: 结案率 and 按期结案率 without the parked case, 延期率, and each stage
 * against its limit (one case late at every stage).
 */
@QuarkusTest
class StageFiguresTest {

    static final String INDICATORS = """
            query($g: ID!, $f: Date!, $t: Date!) {
              caseIndicators(gridId: $g, from: $f, to: $t) {
                reported accepted closed parked extended resolutionRate onTimeRate onTimeClosureRate extensionRate
                stages { stage ended onTime onTimeRate }
              }
            }""";
    static final String PARK = "mutation($id: ID!, $v: Int!, $r: String!) { s: requestParking(id: $id, version: $v, reason: $r) { version } }";
    static final String APPROVE_PARK = "mutation($id: ID!, $v: Int!) { s: approveParking(id: $id, version: $v) { version } }";
    static final String EXTEND = "mutation($id: ID!, $v: Int!, $d: DateTime!, $r: String!) { s: requestExtension(id: $id, version: $v, dueAt: $d, reason: $r) { version } }";
    static final String APPROVE_EXTENSION = "mutation($id: ID!, $v: Int!) { s: approveExtension(id: $id, version: $v) { version } }";

    @Inject
    Pool pool;

    County c;

    private String report(String title) {
        return Cases.report(c.worker, c.group1, "SAFETY_HAZARD", title).getString("id");
    }

    private int version(String id) {
        return Cases.detail(id).getInt("version");
    }

    /** The stage's deadline, or the case's, passed a minute ago: the next step is late. */
    private void late(String id, String column) {
        TestDb.rows(pool, "UPDATE case_file SET " + column + " = now() - interval '1 minute' WHERE id = $1", Keys.of(id));
    }

    private void throughTheLoop(String id, boolean late) {
        if (late) {
            late(id, "stage_due_at");
        }
        Cases.step(c.chief, Cases.ACCEPT, id, version(id));
        if (late) {
            late(id, "stage_due_at");
        }
        Cases.step(c.chief, Cases.DISPATCH, id, version(id), "toSubject", c.worker.subject());
        Cases.step(c.worker, Cases.TAKE, id, version(id));
        if (late) {
            late(id, "due_at");
        }
        Cases.step(c.worker, Cases.RESOLVE, id, version(id), "result", "已整改");
        if (late) {
            late(id, "stage_due_at");
        }
        Cases.step(c.chief, Cases.VERIFY, id, version(id));
        Cases.step(c.chief, Cases.CLOSE, id, version(id));
    }

    @Test
    void theFiguresMatchTheHandComputedFixture() {
        c = County.of(getClass());
        String onTime = report("A 按时办结");
        throughTheLoop(onTime, false);
        String late = report("B 每段超时");
        throughTheLoop(late, true);
        String parked = report("C 挂账");
        Cases.step(c.chief, Cases.ACCEPT, parked, version(parked));
        c.chief.ok(PARK, "id", parked, "v", version(parked), "r", "等资金");
        c.chief.ok(APPROVE_PARK, "id", parked, "v", version(parked));
        String rejected = report("D 不予立案");
        Cases.step(c.chief, Cases.REJECT, rejected, version(rejected), "reason", "不属于受理范围");
        String extended = report("E 延期");
        Cases.step(c.chief, Cases.ACCEPT, extended, version(extended));
        Cases.step(c.chief, Cases.DISPATCH, extended, version(extended), "toSubject", c.worker.subject());
        Cases.step(c.worker, Cases.TAKE, extended, version(extended));
        c.worker.ok(EXTEND, "id", extended, "v", version(extended), "d", OffsetDateTime.now().plusDays(10).toString(), "r", "等配件");
        c.chief.ok(APPROVE_EXTENSION, "id", extended, "v", version(extended));
        report("F 待受理");

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonPath f = c.chief.ok(INDICATORS, "g", c.group1.id(), "f", today, "t", today).setRootPath("data.caseIndicators");
        assertEquals(7, f.getInt("reported"), "the six, and the county's own report still waiting (as F)");
        assertEquals(4, f.getInt("accepted"), "A, B, C and E were accepted and not rejected");
        assertEquals(2, f.getInt("closed"));
        assertEquals(1, f.getInt("parked"));
        // 结案率 = 结案数 ÷ (应结案数 − 缓办数) = 2 ÷ (4 − 1); 按期结案率 = 1 ÷ (4 − 1): B closed after its deadline
        assertEquals(2.0 / 3, f.getDouble("resolutionRate"), 1e-6);
        assertEquals(1.0 / 3, f.getDouble("onTimeClosureRate"), 1e-6);
        assertEquals(0.5, f.getDouble("onTimeRate"), 1e-6);
        // 延期率 = 延期数 ÷ 立案数 = 1 ÷ 4
        assertEquals(1, f.getInt("extended"));
        assertEquals(0.25, f.getDouble("extensionRate"), 1e-6);
        // 按时受理 4 of 5 (D's rejection is a decision on time), 按时派遣 2 of 3, 按期处置 1 of 2, 按时核查 1 of 2
        assertEquals(List.of(
                Map.of("stage", "ACCEPT", "ended", 5, "onTime", 4, "onTimeRate", 0.8f),
                Map.of("stage", "DISPATCH", "ended", 3, "onTime", 2, "onTimeRate", 2.0f / 3),
                Map.of("stage", "HANDLE", "ended", 2, "onTime", 1, "onTimeRate", 0.5f),
                Map.of("stage", "VERIFY", "ended", 2, "onTime", 1, "onTimeRate", 0.5f)), f.getList("stages"));
    }
}
