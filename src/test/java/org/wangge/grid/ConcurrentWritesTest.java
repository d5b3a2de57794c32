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
}
