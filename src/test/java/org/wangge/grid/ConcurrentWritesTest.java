package org.wangge.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
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

/** Writers racing each other: one wins, the others get a coded error, the tree stays whole. */
@QuarkusTest
class ConcurrentWritesTest {

    @Inject
    Pool pool;

    private static List<Response> race(int n, java.util.function.IntFunction<Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Callable<Response>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                calls.add(() -> call.apply(index));
            }
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    private static long succeeded(List<Response> responses) {
        return responses.stream().filter(r -> r.jsonPath().getList("errors") == null).count();
    }

    @Test
    void oneOfManyCreatesWithTheSameCodeWins() throws Exception {
        String parent = Fixtures.grid(null, "race", "VILLAGE");
        String code = Fixtures.code("same");
        List<Response> responses = race(8, i -> Gql.admin().post(
                "mutation($input: CreateGridInput!) { createGrid(input: $input) { id } }",
                "input", Fixtures.input(parent, code, "抢 " + i, "GROUP")));
        assertEquals(1, succeeded(responses));
        responses.stream().filter(r -> r.jsonPath().getList("errors") != null)
                .forEach(r -> assertEquals("CONFLICT", r.jsonPath().getString("errors[0].extensions.code"), r.asString()));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM grid WHERE code = $1", code));
    }

    @Test
    void concurrentUpdatesOfTheSameVersionLoseNothingSilently() throws Exception {
        String id = Fixtures.grid(null, "versions", "VILLAGE");
        List<Response> responses = race(6, i -> Gql.admin().post(
                "mutation($id: ID!, $input: UpdateGridInput!) { updateGrid(id: $id, input: $input) { name } }",
                "id", id, "input", Map.of("name", "名 " + i, "version", 0)));
        assertEquals(1, succeeded(responses));
        String winner = responses.stream().filter(r -> r.jsonPath().getList("errors") == null).findFirst().orElseThrow()
                .jsonPath().getString("data.updateGrid.name");
        assertEquals(winner, Gql.admin().ok("query($id: ID) { grid(id: $id) { name } }", "id", id).getString("grid.name"));
    }

    @Test
    void crossedMovesNeverMakeACycle() throws Exception {
        for (int round = 0; round < 5; round++) {
            String a = Fixtures.grid(null, "crossA", "TOWNSHIP");
            String b = Fixtures.grid(null, "crossB", "TOWNSHIP");
            String move = "mutation($id: ID!, $to: ID!) { moveGrid(id: $id, newParentId: $to) { id } }";
            List<Response> responses = race(2, i -> i == 0 ? Gql.admin().post(move, "id", a, "to", b) : Gql.admin().post(move, "id", b, "to", a));
            assertEquals(1, succeeded(responses), responses.get(0).asString() + responses.get(1).asString());
            assertEquals(0, TestDb.brokenPaths(pool));
            for (Response r : responses) {
                if (r.jsonPath().getList("errors") != null) {
                    String code = r.jsonPath().getString("errors[0].extensions.code");
                    assertTrue(code.equals("VALIDATION") || code.equals("CONFLICT"), r.asString());
                }
            }
        }
    }

    /**
     * A case reported into a grid while the grid is being moved waits for the move and takes the
     * moved path: the move's own rewrite of its cases' paths cannot see a case not yet committed.
     */
    @Test
    void aCaseReportedIntoAGridBeingMovedTakesTheMovedPath() throws Exception {
        String parent = Fixtures.grid(null, "moveTarget", "TOWNSHIP");
        String grid = Fixtures.grid(null, "moving", "VILLAGE");
        long id = org.wangge.Keys.of(grid);
        long to = org.wangge.Keys.of(parent);
        io.vertx.mutiny.sqlclient.SqlConnection mover = pool.getConnection().await().atMost(java.time.Duration.ofSeconds(5));
        ExecutorService pool2 = Executors.newSingleThreadExecutor();
        try {
            // the move, as far as its first statement: the grid's row is changed and locked until commit
            mover.query("BEGIN").execute().await().indefinitely();
            mover.preparedQuery("UPDATE grid SET parent_id = $2, level = 2, path = (SELECT path FROM grid WHERE id = $2) || id || '/' WHERE id = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(id, to)).await().indefinitely();
            Future<Response> report = pool2.submit(() -> Gql.admin().post("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                    "i", Map.of("kind", "SAFETY_HAZARD", "title", "搬迁中上报", "gridId", grid)));
            Thread.sleep(500);
            assertTrue(!report.isDone(), "the report waits for the move");
            // the rest of the move: its cases' paths, then commit
            mover.preparedQuery("UPDATE case_file SET grid_path = (SELECT path FROM grid WHERE id = $1) WHERE grid_id = $1")
                    .execute(io.vertx.mutiny.sqlclient.Tuple.of(id)).await().indefinitely();
            mover.query("COMMIT").execute().await().indefinitely();
            Response answer = report.get(10, java.util.concurrent.TimeUnit.SECONDS);
            long reported = org.wangge.Keys.of(answer.jsonPath().getString("data.reportCase.id"));
            assertEquals(TestDb.rows(pool, "SELECT path FROM grid WHERE id = $1", id).get(0).getString(0),
                    TestDb.rows(pool, "SELECT grid_path FROM case_file WHERE id = $1", reported).get(0).getString(0));
        } finally {
            pool2.shutdownNow();
            mover.close().await().indefinitely();
        }
    }
}
