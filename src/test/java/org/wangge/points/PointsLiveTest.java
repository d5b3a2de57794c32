package org.wangge.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.Doc;
import org.wangge.Gql;
import org.wangge.GqlSocket;

/** The mini-program follows a resident's balance live: each new ledger entry, resumable by cursor. */
@QuarkusTest
class PointsLiveTest {

    static final Doc SUBSCRIBE = Doc.of("points/MyPointsUpdates");
    static final Doc CORRECT = Doc.of("points/CorrectPoints");

    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aResidentSeesTheirOwnEntriesLiveAndResumesWithoutGapOrRepeat() throws Exception {
        Gql me = As.resident();
        String resident = me.subject();
        String neighbour = As.resident().subject();
        give(resident, 30, "第一次");
        String cursor;
        try (GqlSocket socket = GqlSocket.open(vertx, port, me.token())) {
            socket.init(Map.of());
            socket.subscribe("1", SUBSCRIBE, new HashMap<>());
            Thread.sleep(300);
            give(neighbour, 99, "别人的");
            give(resident, 20, "第二次");
            JsonObject entry = entry(socket.next(10));
            assertEquals(20, entry.getInteger("amount"));
            assertEquals(50, entry.getInteger("balanceAfter"));
            assertEquals("CORRECTION", entry.getString("reason"));
            assertNull(socket.next(1), "nothing of the neighbour's, nothing twice");
            cursor = entry.getString("cursor");
        }
        give(resident, 5, "断线期间一");
        give(resident, -15, "断线期间二");
        try (GqlSocket socket = GqlSocket.open(vertx, port, me.token())) {
            socket.init(Map.of());
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", cursor);
            socket.subscribe("1", SUBSCRIBE, vars);
            assertEquals("断线期间一", entry(socket.next(10)).getString("note"));
            JsonObject second = entry(socket.next(10));
            assertEquals("断线期间二", second.getString("note"));
            assertEquals(40, second.getInteger("balanceAfter"));
            give(resident, 1, "又一次");
            assertEquals("又一次", entry(socket.next(10)).getString("note"));
            assertNull(socket.next(1));
        }
    }

    @Test
    void aCursorThatIsNotOneIsRefused() throws Exception {
        try (GqlSocket socket = GqlSocket.open(vertx, port, As.resident().token())) {
            socket.init(Map.of());
            Map<String, Object> vars = new HashMap<>();
            vars.put("after", "yesterday");
            socket.subscribe("1", SUBSCRIBE, vars);
            JsonObject error = socket.next(10);
            assertNotNull(error);
            assertEquals("error", error.getString("type"), error.encode());
            assertEquals("VALIDATION", error.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code"));
        }
    }

    private static void give(String subject, int amount, String note) {
        As.admin().ok(CORRECT, "subject", subject, "amount", amount, "note", note);
    }

    private static JsonObject entry(JsonObject message) {
        assertNotNull(message, "no message in time");
        assertEquals("next", message.getString("type"), message.encode());
        return message.getJsonObject("payload").getJsonObject("data").getJsonObject("myPointsUpdates");
    }
}
