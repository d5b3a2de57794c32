package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.GqlSocket;

/** Browsers cannot set headers on a WebSocket: the token comes in connection_init. The caller: a resident of a county of the class's own. */
@QuarkusTest
class SocketAuthTest {

    static final Doc SUBSCRIBE = Doc.of("cases/MyCaseUpdates");

    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    @Test
    void theTokenInTheInitPayloadAuthenticatesTheSocket() throws Exception {
        String token = c.resident.token();
        try (GqlSocket socket = GqlSocket.open(vertx, port, null)) {
            assertEquals("connection_ack", socket.init(Map.of("Authorization", "Bearer " + token)).getString("type"));
            socket.subscribe("1", SUBSCRIBE, Map.of());
            Thread.sleep(300);
            String id = Cases.report(c.resident, c.group1, "LIVELIHOOD", "小程序里上报").getString("id");
            JsonObject next = socket.next(10);
            assertNotNull(next);
            assertEquals(id, next.getJsonObject("payload").getJsonObject("data").getJsonObject("myCaseUpdates").getString("caseId"));
        }
    }

    @Test
    void aBadTokenClosesTheSocketWith4403() throws Exception {
        try (GqlSocket socket = GqlSocket.open(vertx, port, null)) {
            socket.init(Map.of("Authorization", "Bearer not-a-token"));
            awaitClose(socket);
            assertEquals((short) 4403, socket.closeCode());
        }
    }

    @Test
    void aSocketWithoutCredentialsIsClosedWith4403() throws Exception {
        try (GqlSocket socket = GqlSocket.open(vertx, port, null)) {
            socket.init(Map.of());
            awaitClose(socket);
            assertEquals((short) 4403, socket.closeCode());
        }
    }

    @Test
    void aSocketThatDoesNotInitialiseInTimeIsClosedWith4408() throws Exception {
        try (GqlSocket socket = GqlSocket.open(vertx, port, c.resident.token())) {
            awaitClose(socket);
            assertEquals((short) 4408, socket.closeCode());
        }
    }

    @Test
    void aSocketClosesWhenItsTokenExpires() throws Exception {
        String shortLived = io.smallrye.jwt.build.Jwt.subject(c.resident.subject()).groups(Set.of("resident")).expiresIn(3).sign();
        try (GqlSocket socket = GqlSocket.open(vertx, port, null)) {
            assertEquals("connection_ack", socket.init(Map.of("Authorization", "Bearer " + shortLived)).getString("type"));
            socket.subscribe("1", SUBSCRIBE, Map.of());
            for (int i = 0; i < 100 && socket.closeCode() == null; i++) {
                Thread.sleep(100);
            }
            assertEquals((short) 1008, socket.closeCode());
        }
    }

    /** A token past its expiry but inside the allowed clock skew: never a socket that outlives it. */
    @Test
    void aSocketOpenedWithATokenInsideItsSkewStillCloses() throws Exception {
        String ending = io.smallrye.jwt.build.Jwt.subject(c.resident.subject()).groups(Set.of("resident"))
                .issuedAt(java.time.Instant.now().minusSeconds(600)).expiresAt(java.time.Instant.now().minusSeconds(10)).sign();
        try (GqlSocket socket = GqlSocket.open(vertx, port, null)) {
            socket.init(Map.of("Authorization", "Bearer " + ending));
            for (int i = 0; i < 50 && socket.closeCode() == null; i++) {
                Thread.sleep(100);
            }
            assertTrue(socket.closeCode() != null, "a socket of an expired token is still open");
            assertEquals((short) 4403, socket.closeCode());
        }
        // the same token on the upgrade request: no socket at all
        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> GqlSocket.open(vertx, port, ending).close(),
                "a socket upgraded with an expired token is not refused");
        assertTrue(String.valueOf(refused.getMessage()).contains("401"), String.valueOf(refused));
    }

    private static void awaitClose(GqlSocket socket) throws InterruptedException {
        for (int i = 0; i < 50 && socket.closeCode() == null; i++) {
            Thread.sleep(100);
        }
    }

    @Test
    void aSocketHoldsALimitedNumberOfSubscriptions() throws Exception {
        String token = c.resident.token();
        try (GqlSocket socket = GqlSocket.open(vertx, port, null)) {
            socket.init(Map.of("Authorization", "Bearer " + token));
            for (int i = 1; i <= 4; i++) {
                socket.subscribe(Integer.toString(i), SUBSCRIBE, Map.of());
            }
            JsonObject refused = socket.next(10);
            assertNotNull(refused);
            assertEquals("error", refused.getString("type"), refused.encode());
            assertEquals("4", refused.getString("id"));
            assertTrue(refused.encode().contains("At most 3 subscriptions"), refused.encode());
        }
    }
}
