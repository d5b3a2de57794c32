package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.GqlSocket;
import org.wangge.Keys;
import org.wangge.TestDb;
import org.wangge.common.OutboxRelay;
import org.wangge.security.DevTokenResource;

/**
 * The outboxes' one relay (V43, {@code OutboxRelay}): transactions writing events no longer wait
 * for each other's commits, a late commit is numbered after what committed before it and never
 * skipped by a cursor, and a relay that stops is followed by another without losing anything.
 */
@QuarkusTest
class OutboxRelayTest {

    static final Doc SUBSCRIBE = Doc.of("cases/CaseFeed");
    static final Doc REPORT = Doc.of("cases/ReportCase");
    /** The relay's lock: PostgreSQL shows a bigint advisory key as its two halves. */
    static final String RELAY_BACKEND = "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = 7429100 "
            + "AND objsubid = 1 AND granted";

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    OutboxRelay relay;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    @Test
    void aLateCommitIsNumberedAfterWhatCommittedMeanwhileAndNoCursorSkipsIt() throws Exception {
        String grid = Fixtures.grid(null, "relay-order", "MICRO_GRID");
        String first = report(grid, "先上报");
        long before = TestDb.rows(pool, "SELECT coalesce(max(seq), 0) FROM case_event").get(0).getLong(0);
        try (GqlSocket socket = watching(grid, "relay-order-admin")) {
            SqlConnection open = pool.getConnection().await().atMost(Duration.ofSeconds(5));
            try {
                // a transaction that writes an event and stays open
                open.query("BEGIN").execute().await().indefinitely();
                open.preparedQuery("INSERT INTO case_event (county_code, case_id, action, from_state, to_state, actor_subject, actor_name, note) "
                        + "SELECT county_code, id, 'HAND_OVER', 'REPORTED', 'REPORTED', 'relay-test', '测试', '长事务' FROM case_file WHERE id = $1").execute(Tuple.of(Keys.of(first)))
                        .await().indefinitely();

                // meanwhile another report commits, is numbered and delivered: nothing waits for the open transaction
                CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> report(grid, "后上报"));
                String secondId = second.get(10, TimeUnit.SECONDS);
                JsonObject delivered = payload(socket.next(10));
                assertEquals(secondId, delivered.getString("caseId"));
                long secondCursor = Long.parseLong(delivered.getString("cursor"));

                open.query("COMMIT").execute().await().indefinitely();
                JsonObject late = payload(socket.next(10));
                assertEquals(first, late.getString("caseId"), "the late commit is delivered, not skipped");
                assertEquals("HAND_OVER", late.getString("action"));
                long lateCursor = Long.parseLong(late.getString("cursor"));
                assertTrue(lateCursor > secondCursor, "numbered after what committed before it: " + lateCursor + " > " + secondCursor);
            } finally {
                open.close().await().indefinitely();
            }
        }
        // no holes: every number since is taken (the relay numbers one after another)
        long holes = TestDb.rows(pool, "SELECT max(seq) - $1 - count(seq) FROM case_event WHERE seq > $1", before).get(0).getLong(0);
        assertEquals(0, holes);
    }

    @Test
    void whenTheRelayStopsAnotherTakesOverAndNothingIsLost() throws Exception {
        String grid = Fixtures.grid(null, "relay-handover", "MICRO_GRID");
        await(relay::leading, "this instance relays");
        try (GqlSocket socket = watching(grid, "relay-handover-admin")) {
            SqlConnection other = takeTheRelay();
            try {
                String reported = report(grid, "无人转发时上报");
                assertNull(socket.next(2), "nothing is delivered while the lock's holder does not relay");
                assertEquals(1L, TestDb.rows(pool, "SELECT count(*) FROM case_event WHERE case_id = $1 AND seq IS NULL", Keys.of(reported))
                        .get(0).getLong(0), "the event waits in the table");

                // the holder stops (its session ends as a killed instance's would): this instance takes over and delivers what waited
                giveTheRelayBack(other);
                JsonObject delivered = payload(socket.next(15));
                assertEquals(reported, delivered.getString("caseId"));
                assertTrue(relay.leading());
            } finally {
                other.close().await().indefinitely();
            }
        }
        assertFalse(TestDb.rows(pool, "SELECT 1 FROM case_event WHERE seq IS NULL LIMIT 1").iterator().hasNext(),
                "every event numbered");
    }

    @Test
    void aSubscriptionFromNowPassesOverWhatCommittedBeforeItThoughNotYetNumbered() throws Exception {
        String grid = Fixtures.grid(null, "relay-from-now", "MICRO_GRID");
        await(relay::leading, "this instance relays");
        SqlConnection other = takeTheRelay();
        try {
            String before = report(grid, "订阅之前上报");
            assertEquals(1L, TestDb.rows(pool, "SELECT count(*) FROM case_event WHERE case_id = $1 AND seq IS NULL", Keys.of(before))
                    .get(0).getLong(0), "committed, not numbered yet");
            try (GqlSocket socket = watching(grid, "relay-from-now-admin")) {
                // numbered and published now, after the subscription began: still not news to it
                giveTheRelayBack(other);
                await(() -> TestDb.rows(pool, "SELECT count(*) FROM case_event WHERE case_id = $1 AND seq IS NULL", Keys.of(before))
                        .get(0).getLong(0) == 0, "the event is numbered");
                String after = report(grid, "订阅之后上报");
                JsonObject delivered = payload(socket.next(10));
                assertEquals(after, delivered.getString("caseId"), "what committed before the subscription is not delivered");
                assertNull(socket.next(1));
            }
        } finally {
            other.close().await().indefinitely();
        }
    }

    /**
     * Another session (an instance that then stops relaying) queues for the relay's lock, and the
     * relay's session dies: the lock goes to the one queued, before this instance can ask again.
     * (A pooled connection: closing it would keep the lock in the pool; {@link #giveTheRelayBack} ends its session.)
     */
    private SqlConnection takeTheRelay() throws Exception {
        SqlConnection other = pool.getConnection().await().atMost(Duration.ofSeconds(5));
        var queued = other.query("SELECT pg_advisory_lock(7429100)").execute().subscribeAsCompletionStage();
        await(() -> TestDb.rows(pool, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 "
                + "AND objid = 7429100 AND NOT granted").get(0).getLong(0) == 1, "the other session waits for the lock");
        long backend = TestDb.rows(pool, RELAY_BACKEND).get(0).getInteger(0);
        TestDb.rows(pool, "SELECT pg_terminate_backend($1)", (int) backend);
        queued.get(10, TimeUnit.SECONDS);
        await(() -> !relay.leading(), "this instance knows it no longer relays");
        return other;
    }

    /** The lock's holder stops (its session ends as a killed instance's would): this instance takes over. */
    private void giveTheRelayBack(SqlConnection other) {
        int holder = other.query("SELECT pg_backend_pid()").execute().await().indefinitely().iterator().next().getInteger(0);
        TestDb.rows(pool, "SELECT pg_terminate_backend($1)", holder);
    }

    private String report(String grid, String title) {
        return c.chief.field(REPORT, "input", Map.of("kind", "SAFETY_HAZARD", "title", title, "gridId", grid)).getString("id");
    }

    private GqlSocket watching(String grid, String admin) throws Exception {
        GqlSocket socket = GqlSocket.open(vertx, port, DevTokenResource.sign(admin, admin, Set.of("admin")));
        socket.init(Map.of());
        Map<String, Object> vars = new HashMap<>();
        vars.put("filter", Map.of("gridId", grid));
        socket.subscribe("1", SUBSCRIBE, vars);
        Thread.sleep(300);
        return socket;
    }

    private static JsonObject payload(JsonObject message) {
        assertNotNull(message, "no message in time");
        assertEquals("next", message.getString("type"), message.encode());
        return message.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
