package org.wangge.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.wangge.Instances;
import org.wangge.LocalOidc;
import org.wangge.LocalPostgres;

/**
 * The packaged application with a primary and a streaming replica of it (a cluster of its own,
 * made by initdb and pg_basebackup): queries are answered by the replica, a caller who wrote
 * reads their write from the primary until the replica has it (paused and delayed replay), and
 * reads go on when the replica is down. Skipped where PostgreSQL's server programs are missing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaIT {

    private static final String GRID = "query($c: String) { grid(code: $c) { name } }";
    private static LocalPostgres primary;
    private static LocalPostgres replica;
    private static LocalOidc oidc;
    private static Process app;
    private static int port;
    private static int management;

    @BeforeAll
    static void start() throws Exception {
        Optional<Path> bin = LocalPostgres.binaries();
        Assumptions.assumeTrue(bin.isPresent(),
                "PostgreSQL's server programs (initdb, pg_ctl, pg_basebackup) are not installed: no replica to test against");
        primary = LocalPostgres.primary(bin.get());
        primary.sql("postgres", "CREATE DATABASE wangge");
        replica = LocalPostgres.replicaOf(primary);
        oidc = LocalOidc.start();
        port = Instances.freePort();
        management = Instances.freePort();
        Map<String, String> env = oidc.env(Instances.randomKey(32), Instances.randomKey(32), Instances.randomKey(32));
        env.put("DB_REACTIVE_URL", "postgresql://127.0.0.1:" + primary.port() + "/wangge");
        env.put("DB_JDBC_URL", "jdbc:postgresql://127.0.0.1:" + primary.port() + "/wangge");
        env.put("DB_REPLICA_URL", "postgresql://127.0.0.1:" + replica.port() + "/wangge");
        // a poll slow enough that the replica dies between two: the statements in between must fall back by themselves
        env.put("WANGGE_DB_REPLICA_POLL", "PT3S");
        // a replica held back on purpose below must stay in use
        env.put("DB_REPLICA_MAX_LAG", "PT60S");
        app = Instances.launch("replica", port, management, env);
        Instances.awaitReady(management, app);
        // until a poll has found the replica caught up, everything reads the primary
        await(() -> {
            double before = replicaStatements();
            grid("warm-up", "none");
            return replicaStatements() > before;
        }, "the replica in use");
    }

    @AfterAll
    static void stop() throws Exception {
        if (app != null) {
            app.destroy();
            app.waitFor();
        }
        if (oidc != null) {
            oidc.close();
        }
        for (LocalPostgres pg : new LocalPostgres[] {replica, primary}) {
            if (pg != null) {
                pg.close();
            }
        }
    }

    @Test
    @Order(1)
    void queriesAreAnsweredByTheReplicaAndCallersReadTheirOwnWritesFromThePrimary() throws Exception {
        String code = "RR-" + System.nanoTime();
        String id = graphql("setup", "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                Map.of("i", Map.of("code", code, "name", "原名", "kind", "MICRO_GRID"))).getJsonObject("createGrid").getString("id");
        await(() -> "原名".equals(onReplica("SELECT name FROM grid WHERE code = '" + code + "'")), "the replica has the grid");

        replica.sql("postgres", "SELECT pg_wal_replay_pause()");
        try {
            primary.sql("wangge", "UPDATE grid SET name = '库中改名' WHERE code = '" + code + "'");
            assertEquals("原名", name("reader", code), "a caller who wrote nothing is answered by the (paused) replica");

            JsonObject renamed = graphql("writer", "mutation($id: ID!, $i: UpdateGridInput!) { updateGrid(id: $id, input: $i) { name } }",
                    Map.of("id", id, "i", Map.of("name", "自己改名")));
            assertEquals("自己改名", renamed.getJsonObject("updateGrid").getString("name"));
            assertEquals("自己改名", name("writer", code), "the writer reads their write although the replica has not replayed it");
            assertEquals("原名", name("reader", code), "everyone else still reads the replica");
        } finally {
            replica.sql("postgres", "SELECT pg_wal_replay_resume()");
        }
        await(() -> "自己改名".equals(name("reader", code)), "the replica catches up");

        // once the replica has the write (two polls on), the writer is answered by it again
        Thread.sleep(6_500);
        replica.sql("postgres", "SELECT pg_wal_replay_pause()");
        try {
            primary.sql("wangge", "UPDATE grid SET name = '又改' WHERE code = '" + code + "'");
            Thread.sleep(200);
            assertEquals("自己改名", name("writer", code), "the writer is back on the replica");
        } finally {
            replica.sql("postgres", "SELECT pg_wal_replay_resume()");
        }
        await(() -> "又改".equals(name("writer", code)), "the replica catches up again");
    }

    @Test
    @Order(2)
    void aDelayedReplicaStillShowsCallersTheirOwnWrites() throws Exception {
        replica.sql("postgres", "ALTER SYSTEM SET recovery_min_apply_delay = '4s'");
        replica.sql("postgres", "SELECT pg_reload_conf()");
        Thread.sleep(300);
        try {
            String code = "RD-" + System.nanoTime();
            graphql("delayed-writer", "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                    Map.of("i", Map.of("code", code, "name", "延迟", "kind", "MICRO_GRID")));
            assertEquals("延迟", name("delayed-writer", code), "the writer sees the new grid at once");
            assertNull(grid("delayed-reader", code), "the delayed replica has not applied it yet");
            await(() -> grid("delayed-reader", code) != null, "the replica applies it after its delay");

            // the case report, the one write outside a transaction of the application's own
            String gridId = graphql("delayed-writer", "query($c: String) { grid(code: $c) { id } }", Map.of("c", code))
                    .getJsonObject("grid").getString("id");
            String caseId = graphql("delayed-reporter", "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                    Map.of("i", Map.of("kind", "SAFETY_HAZARD", "title", "延迟副本上报", "gridId", gridId)))
                    .getJsonObject("reportCase").getString("id");
            assertEquals("延迟副本上报", graphql("delayed-reporter", "query($id: ID!) { case(id: $id) { title } }", Map.of("id", caseId))
                    .getJsonObject("case").getString("title"), "the reporter reads the report at once");
        } finally {
            replica.sql("postgres", "ALTER SYSTEM RESET recovery_min_apply_delay");
            replica.sql("postgres", "SELECT pg_reload_conf()");
        }
    }

    @Test
    @Order(3)
    void readsAndWritesGoOnWhileTheReplicaIsDown() throws Exception {
        String code = "RX-" + System.nanoTime();
        graphql("down-setup", "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                Map.of("i", Map.of("code", code, "name", "宕机前", "kind", "MICRO_GRID")));
        await(() -> "宕机前".equals(onReplica("SELECT name FROM grid WHERE code = '" + code + "'")), "the replica has the grid");

        replica.kill();
        // at once (the failed statement runs on the primary) and after the replica is left aside
        for (int i = 0; i < 5; i++) {
            assertEquals("宕机前", name("down-reader", code));
            Thread.sleep(100);
        }
        String other = "RY-" + System.nanoTime();
        graphql("down-writer", "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                Map.of("i", Map.of("code", other, "name", "宕机中", "kind", "MICRO_GRID")));
        assertEquals("宕机中", name("down-reader", other));

        replica.start();
        await(() -> {
            double before = replicaStatements();
            return "宕机中".equals(name("down-reader", other)) && replicaStatements() > before;
        }, "queries go to the replica again once it is back");
    }

    @Test
    @Order(4)
    void theReplicasConnectionsKeepTheirStatementsPrepared() throws Exception {
        replica.sql("postgres", "ALTER SYSTEM SET log_min_duration_statement = 0");
        replica.sql("postgres", "SELECT pg_reload_conf()");
        try {
            Thread.sleep(300);
            int from = replica.log().length();
            double before = replicaStatements();
            for (int i = 0; i < 10; i++) {
                grid("prepared-reader", "RP-none");
            }
            assertTrue(replicaStatements() >= before + 10, "answered by the replica");
            String logged = replica.log().substring(from);
            // (the replica serves the read path alone, by the extended protocol; its freshness poll is a simple query)
            assertTrue(logged.contains(" execute "), logged);
            // an unprepared statement is parsed, planned and logged as the unnamed one every time
            assertTrue(!logged.contains("execute <unnamed>"), logged);
        } finally {
            replica.sql("postgres", "ALTER SYSTEM RESET log_min_duration_statement");
            replica.sql("postgres", "SELECT pg_reload_conf()");
        }
    }

    private static String name(String subject, String code) {
        JsonObject grid = grid(subject, code);
        return grid == null ? null : grid.getString("name");
    }

    /** The grid, or null where it is NOT_FOUND. */
    private static JsonObject grid(String subject, String code) {
        JsonObject answer = post(subject, GRID, Map.of("c", code));
        if (answer.getJsonArray("errors") != null) {
            assertEquals("NOT_FOUND", answer.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"), answer.encode());
            return null;
        }
        return answer.getJsonObject("data").getJsonObject("grid");
    }

    private static String onReplica(String statement) {
        try {
            return replica.sql("wangge", statement);
        } catch (Exception e) {
            return null;
        }
    }

    private static double replicaStatements() {
        String metrics = given().baseUri("http://localhost:" + management).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("wangge_sql_replica_statements_total"))
                .mapToDouble(l -> Double.parseDouble(l.split("\\s+")[1])).sum();
    }

    private static void await(Supplier<Boolean> condition, String what) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (Boolean.TRUE.equals(condition.get())) {
                return;
            }
            Thread.sleep(100);
        }
        assertTrue(condition.get(), what + " within 15 s");
    }

    private static JsonObject graphql(String subject, String query, Map<String, Object> variables) {
        JsonObject json = post(subject, query, variables);
        if (json.getJsonArray("errors") != null) {
            throw new AssertionError(json.encode());
        }
        return json.getJsonObject("data");
    }

    private static JsonObject post(String subject, String query, Map<String, Object> variables) {
        return new JsonObject(given().baseUri("http://localhost:" + port).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + oidc.token("it-" + subject, "admin")).body(Map.of("query", query, "variables", variables))
                .post("/graphql").then().statusCode(200).extract().asString());
    }
}
