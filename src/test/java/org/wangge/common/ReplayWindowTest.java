package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;
import org.wangge.GqlSocket;
import org.wangge.security.DevTokenResource;
import org.wangge.Keys;

/** A resumed subscription replays only within the window; an older cursor is refused, naming the oldest one still replayed. */
@QuarkusTest
class ReplayWindowTest {

    private static final String CASES = "subscription($after: String) { caseEvents(after: $after) { cursor caseId action } }";
    private static final String POINTS = "subscription($after: String) { myPointsUpdates(after: $after) { cursor amount note } }";
    private static final String RESIDENT = "window-resident";

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    ReplayWindow window;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aCursorOlderThanTheWindowIsRefusedWithTheOldestOneStillReplayed() throws Exception {
        assertEquals(Duration.ofDays(7), window.length(), "the default window");
        give(1, "窗口之前");
        report("窗口之前的事");
        numbered();
        long casesBefore = last("case_event");
        long pointsBefore = last("points_entry");
        Thread.sleep(3_500);
        try {
            window.set(Duration.ofSeconds(3));
            String caseInside = report("窗口之内的事");
            give(2, "窗口之内");
            numbered();

            try (GqlSocket socket = GqlSocket.open(vertx, port, token(RESIDENT, "admin"))) {
                socket.init(Map.of());
                // from the start of the outbox, and from a cursor before the window
                long oldest = refused(socket, "1", CASES, "0");
                assertEquals(oldest, refused(socket, "2", CASES, String.valueOf(casesBefore - 1)));
                assertTrue(oldest >= casesBefore && oldest < last("case_event"), oldest + " after " + casesBefore);
                // from the oldest cursor named: the updates inside the window come
                socket.subscribe("3", CASES, Map.of("after", String.valueOf(oldest)));
                JsonObject update = until(socket, "3", m -> caseInside.equals(m.getJsonObject("caseEvents").getString("caseId")));
                assertTrue(Long.parseLong(update.getJsonObject("caseEvents").getString("cursor")) > oldest);
            }

            try (GqlSocket socket = GqlSocket.open(vertx, port, token(RESIDENT, "resident"))) {
                socket.init(Map.of());
                long oldest = refused(socket, "1", POINTS, String.valueOf(pointsBefore - 1));
                assertTrue(oldest >= pointsBefore, oldest + " after " + pointsBefore);
                socket.subscribe("2", POINTS, Map.of("after", String.valueOf(oldest)));
                JsonObject entry = until(socket, "2", m -> "窗口之内".equals(m.getJsonObject("myPointsUpdates").getString("note")));
                assertEquals(2, entry.getJsonObject("myPointsUpdates").getInteger("amount"));
            }
        } finally {
            window.set(Duration.ofDays(7));
        }
    }

    /** The refusal of a subscription: VALIDATION on after, with the oldest cursor still replayed; nothing follows. */
    private static long refused(GqlSocket socket, String id, String query, String after) throws InterruptedException {
        socket.subscribe(id, query, Map.of("after", after));
        JsonObject message = socket.next(10);
        assertNotNull(message, "no answer");
        assertEquals(id, message.getString("id"));
        // refused once the window is looked up: an execution result with the error (then complete)
        assertEquals("next", message.getString("type"), message.encode());
        JsonObject extensions = message.getJsonObject("payload").getJsonArray("errors").getJsonObject(0).getJsonObject("extensions");
        assertEquals("complete", socket.next(10).getString("type"));
        assertEquals("VALIDATION", extensions.getString("code"), message.encode());
        assertEquals("after", extensions.getString("field"));
        return Long.parseLong(extensions.getString("oldestCursor"));
    }

    private static JsonObject until(GqlSocket socket, String id, java.util.function.Predicate<JsonObject> wanted) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonObject message = socket.next(10);
            assertNotNull(message, "no update in time");
            assertEquals("next", message.getString("type"), message.encode());
            JsonObject data = message.getJsonObject("payload").getJsonObject("data");
            if (id.equals(message.getString("id")) && wanted.test(data)) {
                return data;
            }
        }
        throw new AssertionError("not delivered");
    }

    /** Waits until the outbox relay has given every row its cursor (it does so just after commit). */
    private void numbered() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (pool.query("SELECT NOT EXISTS (SELECT 1 FROM case_event WHERE seq IS NULL) AND NOT EXISTS (SELECT 1 FROM points_entry WHERE seq IS NULL)")
                    .execute().await().indefinitely().iterator().next().getBoolean(0)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("rows left without a cursor");
    }

    private long last(String table) {
        return pool.query("SELECT coalesce(max(seq), 0) FROM " + table).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private static String token(String subject, String role) {
        return DevTokenResource.sign(subject, subject, Set.of(role));
    }

    private static String report(String title) {
        return Gql.admin().ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                "i", Map.of("kind", "SAFETY_HAZARD", "title", title, "gridId", Keys.id("Grid", 4))).getString("reportCase.id");
    }

    private static void give(int amount, String note) {
        Gql.admin().ok("mutation($s: String!, $a: Int!, $n: String!) { correctPoints(subject: $s, amount: $a, note: $n) { balance } }",
                "s", RESIDENT, "a", amount, "n", note);
    }
}
