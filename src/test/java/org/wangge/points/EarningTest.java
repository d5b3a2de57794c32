package org.wangge.points;

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
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;

@QuarkusTest
class EarningTest {

    private static final Gql CHIEF = Gql.as("chief-dongguan", "grid_chief");
    private static final Gql WORKER = Gql.as("worker-dongguan", "grid_worker");

    @Inject
    Pool pool;

    private static String gridId(String code) {
        return Gql.admin().ok("query($c: String) { grid(code: $c) { id } }", "c", code).getString("grid.id");
    }

    private static JsonPath step(Gql as, String mutation, String id, int version, String args) {
        return as.ok("mutation($id: ID!, $v: Int!) { " + mutation + "(id: $id, version: $v" + (args.isEmpty() ? "" : ", " + args)
                + ") { id version state } }", "id", id, "v", version).setRootPath("data." + mutation);
    }

    @Test
    void aVerifiedReportEarnsItsReporterOnceEvenWhenVerificationIsRetried() throws Exception {
        String resident = Fixtures.code("earner");
        Gql me = Gql.as(resident, "resident");
        JsonPath c = me.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id version } }",
                "i", Map.of("kind", "LIVELIHOOD", "title", "路灯坏了", "gridId", gridId("411321001001001"))).setRootPath("data.reportCase");
        String id = c.getString("id");
        c = step(CHIEF, "acceptCase", id, c.getInt("version"), "");
        c = step(CHIEF, "dispatchCase", id, c.getInt("version"), "toSubject: \"worker-dongguan\"");
        c = step(WORKER, "takeCase", id, c.getInt("version"), "");
        c = step(WORKER, "resolveCase", id, c.getInt("version"), "result: \"已修好\"");
        int version = c.getInt("version");
        assertEquals(0, me.ok("{ myPoints { balance } }").getInt("myPoints.balance"));

        // two verifiers at once, and a late retry: one verification, one award
        ExecutorService threads = Executors.newFixedThreadPool(2);
        List<Callable<Response>> calls = new ArrayList<>();
        for (Gql verifier : List.of(CHIEF, Gql.as("commander-chengguan", "commander"))) {
            calls.add(() -> verifier.post("mutation($id: ID!, $v: Int!) { verifyCase(id: $id, version: $v) { version } }", "id", id, "v", version));
        }
        int ok = 0;
        for (Future<Response> f : threads.invokeAll(calls)) {
            ok += f.get().jsonPath().getList("errors") == null ? 1 : 0;
        }
        threads.shutdown();
        assertEquals(1, ok);
        assertEquals("INVALID_TRANSITION", CHIEF.errorCode("mutation($id: ID!, $v: Int!) { verifyCase(id: $id, version: $v) { version } }",
                "id", id, "v", version + 1));
        JsonPath points = me.ok("{ myPoints { balance entries { edges { node { amount reason caseId } } } } }");
        assertEquals(5, points.getInt("myPoints.balance"));
        assertEquals(List.of("VERIFIED_REPORT"), points.getList("myPoints.entries.edges.node.reason"));
        assertEquals(List.of(id), points.getList("myPoints.entries.edges.node.caseId"));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM points_entry WHERE case_id = $1", Long.parseLong(id)));
    }

    @Test
    void awardsAreProposedByWorkersAndDecidedByTheirGridChief() {
        String volunteer = Fixtures.code("volunteer");
        String grid = gridId("411321001001001");
        JsonPath proposed = WORKER.ok("mutation($s: String!, $g: ID!) { proposeAward(subject: $s, gridId: $g, kind: VOLUNTEERING, points: 8, note: \"帮助孤寡老人\") { id state } }",
                "s", volunteer, "g", grid);
        String award = proposed.getString("proposeAward.id");
        assertEquals("PROPOSED", proposed.getString("proposeAward.state"));
        assertEquals("FORBIDDEN", WORKER.errorCode("mutation($a: ID!) { approveAward(id: $a) { state } }", "a", award));
        assertEquals("FORBIDDEN", Gql.as("chief-yunyang", "grid_chief").errorCode("mutation($a: ID!) { approveAward(id: $a) { state } }", "a", award));
        assertEquals("APPROVED", CHIEF.ok("mutation($a: ID!) { approveAward(id: $a) { state } }", "a", award).getString("approveAward.state"));
        assertEquals("INVALID_TRANSITION", CHIEF.errorCode("mutation($a: ID!) { rejectAward(id: $a) { state } }", "a", award));
        JsonPath points = Gql.as(volunteer, "resident").ok("{ myPoints { balance entries { edges { node { reason approvedBy } } } } }");
        assertEquals(8, points.getInt("myPoints.balance"));
        assertEquals(List.of("chief-dongguan"), points.getList("myPoints.entries.edges.node.approvedBy"));
        assertTrue(CHIEF.ok("query($g: ID!) { awards(gridId: $g) { id } }", "g", gridId("411321001001")).getList("awards.id").contains(award));
        assertEquals("FORBIDDEN", Gql.as("chief-yunyang", "grid_chief").errorCode("query($g: ID!) { awards(gridId: $g) { id } }", "g", grid));
    }

    @Test
    void theLeaderboardRanksWhatPeopleOfTheGridEarned() {
        String grid = gridId("411321001001001");
        String award = WORKER.ok("mutation($g: ID!) { proposeAward(subject: \"reporter-dongguan\", gridId: $g, kind: PATROL, points: 12) { id } }",
                "g", grid).getString("proposeAward.id");
        CHIEF.ok("mutation($a: ID!) { approveAward(id: $a) { state } }", "a", award);
        JsonPath board = CHIEF.ok("query($g: ID!) { leaderboard(gridId: $g) { rank subject points } }", "g", gridId("411321001001"));
        List<String> subjects = board.getList("leaderboard.subject");
        assertTrue(subjects.contains("reporter-dongguan"), subjects.toString());
        List<Integer> points = board.getList("leaderboard.points");
        for (int i = 1; i < points.size(); i++) {
            assertTrue(points.get(i - 1) >= points.get(i), points.toString());
        }
        assertEquals("FORBIDDEN", Gql.as("chief-yunyang", "grid_chief").errorCode("query($g: ID!) { leaderboard(gridId: $g) { rank } }",
                "g", gridId("411321001001")));
        String future = java.time.OffsetDateTime.now().plusDays(1).toString();
        assertEquals(List.of(), CHIEF.ok("query($g: ID!, $f: DateTime) { leaderboard(gridId: $g, from: $f) { rank } }", "g", grid, "f", future)
                .getList("leaderboard"));
    }
}
