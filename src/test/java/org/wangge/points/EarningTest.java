package org.wangge.points;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.Keys;

/** Points earned in a county of the class's own: verified reports, and awards its worker proposes and its village's chief decides. */
@QuarkusTest
class EarningTest {

    static final Doc REPORT = Doc.of("cases/ReportCase");
    static final Doc ACCEPT = Doc.of("cases/AcceptCase");
    static final Doc DISPATCH = Doc.of("cases/DispatchCase");
    static final Doc TAKE = Doc.of("cases/TakeCase");
    static final Doc RESOLVE = Doc.of("cases/ResolveCase");
    static final Doc VERIFY = Doc.of("cases/VerifyCase");
    static final Doc MY_POINTS = Doc.of("points/MyPoints");
    static final Doc PROPOSE = Doc.of("points/ProposeAward");
    static final Doc APPROVE = Doc.of("points/ApproveAward");
    static final Doc REJECT = Doc.of("points/RejectAward");
    static final Doc AWARDS = Doc.of("points/Awards");
    static final Doc LEADERBOARD = Doc.of("points/Leaderboard");

    @Inject
    Pool pool;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    /** A step of the loop as someone; the case after it. */
    private static JsonPath step(Gql as, Doc step, String id, int version, Object... vars) {
        Object[] all = new Object[vars.length + 4];
        all[0] = "id";
        all[1] = id;
        all[2] = "version";
        all[3] = version;
        System.arraycopy(vars, 0, all, 4, vars.length);
        return as.field(step, all);
    }

    @Test
    void aVerifiedReportEarnsItsReporterOnceEvenWhenVerificationIsRetried() throws Exception {
        Gql me = As.resident();
        JsonPath k = me.field(REPORT, "input", Map.of("kind", "LIVELIHOOD", "title", "路灯坏了", "gridId", c.group1.id()));
        String id = k.getString("id");
        k = step(c.chief, ACCEPT, id, k.getInt("version"));
        k = step(c.chief, DISPATCH, id, k.getInt("version"), "toSubject", c.worker.subject());
        k = step(c.worker, TAKE, id, k.getInt("version"));
        k = step(c.worker, RESOLVE, id, k.getInt("version"), "result", "已修好");
        int version = k.getInt("version");
        me.then(MY_POINTS).body("myPoints.balance", is(0));

        // two verifiers at once, and a late retry: one verification, one award
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Callable<Response>> calls = new ArrayList<>();
        for (Gql verifier : List.of(c.chief, c.commander)) {
            calls.add(() -> verifier.post(VERIFY, "id", id, "version", version));
        }
        int ok = 0;
        for (Future<Response> f : threads.invokeAll(calls)) {
            ok += f.get().jsonPath().getList("errors") == null ? 1 : 0;
        }
        threads.shutdown();
        assertEquals(1, ok);
        assertEquals("INVALID_TRANSITION", c.chief.errorCode(VERIFY, "id", id, "version", version + 1));
        me.then(MY_POINTS)
                .body("myPoints.balance", is(5))
                .body("myPoints.entries.edges.node.reason", contains("VERIFIED_REPORT"))
                .body("myPoints.entries.edges.node.caseId", contains(id));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM points_entry WHERE case_id = $1", Keys.of(id)));
    }

    @Test
    void awardsAreProposedByWorkersAndDecidedByTheirGridChief() {
        Gql volunteer = As.resident();
        String grid = c.group1.id();
        JsonPath proposed = c.worker.field(PROPOSE, "subject", volunteer.subject(), "gridId", grid, "kind", "VOLUNTEERING", "points", 8,
                "note", "帮助孤寡老人");
        String award = proposed.getString("id");
        assertEquals("PROPOSED", proposed.getString("state"));
        assertEquals("FORBIDDEN", c.worker.errorCode(APPROVE, "id", award));
        assertEquals("FORBIDDEN", c.otherChief.errorCode(APPROVE, "id", award));
        assertEquals("APPROVED", c.chief.field(APPROVE, "id", award).getString("state"));
        assertEquals("INVALID_TRANSITION", c.chief.errorCode(REJECT, "id", award));
        volunteer.then(MY_POINTS)
                .body("myPoints.balance", is(8))
                .body("myPoints.entries.edges.node.approvedBy", contains(c.chief.subject()));
        c.chief.then(AWARDS, "gridId", c.village.id()).body("awards.id", hasItem(award));
        assertEquals("FORBIDDEN", c.otherChief.errorCode(AWARDS, "gridId", grid));
    }

    @Test
    void theLeaderboardRanksWhatPeopleOfTheGridEarned() {
        String grid = c.group1.id();
        String award = c.worker.field(PROPOSE, "subject", c.reporter.subject(), "gridId", grid, "kind", "PATROL", "points", 12).getString("id");
        c.chief.ok(APPROVE, "id", award);
        // and a smaller one for a resident of the grid, so that there is an order to check
        c.chief.ok(APPROVE, "id", c.worker.field(PROPOSE, "subject", c.resident.subject(), "gridId", grid, "kind", "GOOD_DEED", "points", 3)
                .getString("id"));
        JsonPath board = c.chief.ok(LEADERBOARD, "gridId", c.village.id());
        List<String> subjects = board.getList("leaderboard.subject");
        assertTrue(subjects.contains(c.reporter.subject()) && subjects.contains(c.resident.subject()), subjects.toString());
        List<Integer> points = board.getList("leaderboard.points");
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i - 1) >= points.get(i), points.toString());
        }
        assertEquals("FORBIDDEN", c.otherChief.errorCode(LEADERBOARD, "gridId", c.village.id()));
        String future = java.time.OffsetDateTime.now().plusDays(1).toString();
        c.chief.then(LEADERBOARD, "gridId", grid, "from", future).body("leaderboard", empty());
    }
}
