package org.wangge.platform;

import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeAuthGraphQLTransportWSSubprotocolHandler;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.websocket.GraphQLWebSocketSession;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.wangge.documents.DocumentReader;
import org.wangge.documents.DocumentService;
import org.wangge.documents.DocumentSettings;
import org.wangge.security.SocketOperation;
import org.wangge.common.LiveSettings;

/**
 * Takes the GraphQL WebSocket upgrade before SmallRye's own route (which runs the same protocol
 * handler) to add what graphql-transport-ws asks of a server and SmallRye leaves out: a socket
 * whose connection_init does not arrive in time is closed with 4408, one that initialises
 * without any credentials (no Authorization header on the upgrade, none in the init payload)
 * with 4403. A bad token in the payload is refused by SmallRye with 4403, and an expiring token
 * closes the socket when it expires; a token already past its expiry (still accepted for plain
 * requests within the allowed clock skew) is refused, with 4403 in the init payload and with 401 on
 * the upgrade request: a close at a time already past could not be scheduled.
 */
@ApplicationScoped
public class GraphQLSocketGate {

    static final String PROTOCOL = "graphql-transport-ws";
    private static final String AUTHORIZATION = "Authorization";

    private final Duration initTimeout;
    private final DocumentReader documents;
    private final Set<String> trustedClients;

    public GraphQLSocketGate(LiveSettings live, DocumentReader documents, DocumentSettings settings) {
        this.initTimeout = live.initTimeout();
        this.documents = documents;
        this.trustedClients = settings.trustedClients().orElse(Set.of());
    }

    void route(@Observes Router router, PlatformSwitches switches) {
        if (!switches.socketGate()) {
            return;
        }
        Upgrade upgrade = new Upgrade(Arc.container().instance(CurrentIdentityAssociation.class).get(),
                Arc.container().instance(CurrentVertxRequest.class).get(), initTimeout.toMillis(), new Manifests(documents, trustedClients));
        router.route("/graphql").order(GraphQLRoutes.GATES).handler(ctx -> {
            if ("websocket".equalsIgnoreCase(ctx.request().getHeader("Upgrade"))) {
                upgrade.handle(ctx);
            } else {
                ctx.next();
            }
        });
    }

    /**
     * Trusted first-party clients run only the documents of their manifest, over a socket too: a
     * subscription names its document by hash ({@code extensions.persistedQuery.sha256Hash}) or sends
     * one of the manifest's documents; anything else gets an {@code error} message with
     * PERSISTED_QUERY_REQUIRED for that operation.
     */
    private record Manifests(DocumentReader documents, Set<String> trusted) {

        /** The token's client when it is a trusted one ({@code azp}, else {@code client_id}); else null. */
        String client(jakarta.json.JsonObject claims) {
            if (trusted.isEmpty() || claims == null) {
                return null;
            }
            jakarta.json.JsonValue client = claims.containsKey("azp") ? claims.get("azp") : claims.get("client_id");
            return client instanceof jakarta.json.JsonString name && trusted.contains(name.getString()) ? name.getString() : null;
        }

        String client(org.eclipse.microprofile.jwt.JsonWebToken token) {
            Object client = token.getClaim("azp") != null ? token.getClaim("azp") : token.getClaim("client_id");
            return client != null && trusted.contains(client.toString().replace("\"", "")) ? client.toString().replace("\"", "") : null;
        }
    }

    private static final class Upgrade extends SmallRyeGraphQLAbstractHandler {
        private final long initTimeoutMillis;
        private final Manifests manifests;

        Upgrade(CurrentIdentityAssociation identity, CurrentVertxRequest request, long initTimeoutMillis, Manifests manifests) {
            super(identity, request, false);
            this.initTimeoutMillis = initTimeoutMillis;
            this.manifests = manifests;
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            Map<String, Object> meta = getMetaData(ctx);
            boolean headerIdentity = ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous();
            boolean headerExpired = headerIdentity && ((QuarkusHttpUser) ctx.user()).getSecurityIdentity().getPrincipal()
                    instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt && expired(jwt.getExpirationTime());
            if (headerExpired) {
                // refused before the upgrade, as any request without a valid token
                ctx.response().setStatusCode(401).end();
                return;
            }
            ctx.request().toWebSocket().onSuccess(ws -> {
                if (!PROTOCOL.equals(ws.subProtocol())) {
                    ws.close((short) 4406, "Subprotocol not acceptable: use " + PROTOCOL);
                    return;
                }
                String headerClient = headerIdentity && ((QuarkusHttpUser) ctx.user()).getSecurityIdentity().getPrincipal()
                        instanceof org.eclipse.microprofile.jwt.JsonWebToken jwt ? manifests.client(jwt) : null;
                Protocol protocol = new Protocol(new Session(ws), meta, ctx, this, headerIdentity, manifests, headerClient);
                long timer = ctx.vertx().setTimer(initTimeoutMillis, t -> {
                    if (!protocol.initialised && !ws.isClosed()) {
                        ws.close((short) 4408, "Connection initialisation timeout");
                    }
                });
                ws.closeHandler(v -> {
                    ctx.vertx().cancelTimer(timer);
                    protocol.onClose();
                });
                ws.endHandler(v -> protocol.onEnd());
                ws.exceptionHandler(protocol::onThrowable);
                ws.textMessageHandler(protocol::onMessage);
            }).onFailure(e -> ctx.fail(e));
        }
    }

    private static final class Protocol extends SmallRyeAuthGraphQLTransportWSSubprotocolHandler {
        private final boolean headerIdentity;
        private final Session socket;
        private final Manifests manifests;
        /** The trusted client this socket is (from the upgrade's token, or the init payload's), else null. */
        private volatile String client;
        volatile boolean initialised;

        Protocol(Session socket, Map<String, Object> meta, RoutingContext ctx, SmallRyeGraphQLAbstractHandler handler,
                boolean headerIdentity, Manifests manifests, String headerClient) {
            super(socket, meta, ctx, handler, Optional.of(AUTHORIZATION));
            this.socket = socket;
            this.headerIdentity = headerIdentity;
            this.manifests = manifests;
            this.client = headerClient;
        }

        @Override
        protected void onMessage(JsonObject message) {
            if (message != null && "connection_init".equals(message.getString("type", ""))) {
                JsonObject payload = message.containsKey("payload") && message.get("payload") instanceof JsonObject
                        ? message.getJsonObject("payload") : null;
                boolean payloadToken = payload != null && payload.containsKey(AUTHORIZATION);
                if (!headerIdentity && !payloadToken) {
                    session.close((short) 4403, "Forbidden: send a bearer token in the connection_init payload");
                    return;
                }
                if (payloadToken && expired(payload.get(AUTHORIZATION))) {
                    // accepted for a request within the allowed clock skew, but a socket's close at
                    // expiry cannot be scheduled in the past: it would stay open for good
                    session.close((short) 4403, "Forbidden: the token has expired");
                    return;
                }
                if (payloadToken) {
                    // read unverified to add a restriction only: SmallRye verifies the token next, or closes the socket
                    String fromPayload = manifests.client(claims(payload.get(AUTHORIZATION)));
                    if (fromPayload != null) {
                        client = fromPayload;
                    }
                }
                initialised = true;
            }
            super.onMessage(message);
        }

        @Override
        protected void onOperationRequest(JsonObject message) {
            String trusted = client;
            if (trusted == null) {
                run(message);
                return;
            }
            JsonObject payload = message.get("payload") instanceof JsonObject p ? p : null;
            String id = message.get("id") instanceof jakarta.json.JsonString i ? i.getString() : "";
            String query = payload != null && payload.get("query") instanceof jakarta.json.JsonString q ? q.getString() : null;
            String hash = payload == null ? null : persistedHash(payload);
            if (hash == null && query != null) {
                hash = DocumentService.hash(query);
            }
            if (hash == null) {
                refuse(id);
                return;
            }
            manifests.documents().inManifest(trusted, hash).subscribe().with(found -> {
                if (found == null) {
                    refuse(id);
                } else {
                    run(jakarta.json.Json.createObjectBuilder(message).add("payload",
                            jakarta.json.Json.createObjectBuilder(payload).add("query", found)).build());
                }
            }, failure -> refuse(id));
        }

        private void refuse(String id) {
            socket.sendMessage(jakarta.json.Json.createObjectBuilder().add("id", id).add("type", "error")
                    .add("payload", jakarta.json.Json.createArrayBuilder().add(jakarta.json.Json.createObjectBuilder()
                            .add("message", "This client runs only the documents of its manifest")
                            .add("extensions", jakarta.json.Json.createObjectBuilder().add("code", "PERSISTED_QUERY_REQUIRED"))))
                    .build().toString());
        }

        private static String persistedHash(JsonObject payload) {
            return payload.get("extensions") instanceof JsonObject extensions
                    && extensions.get("persistedQuery") instanceof JsonObject persisted
                    && persisted.get("sha256Hash") instanceof jakarta.json.JsonString hash ? hash.getString() : null;
        }

        private void run(JsonObject message) {
            JsonObject payload = message.get("payload") instanceof JsonObject p ? p : null;
            String query = payload != null && payload.get("query") instanceof jakarta.json.JsonString q ? q.getString() : null;
            String operationName = payload != null && payload.get("operationName") instanceof jakarta.json.JsonString n ? n.getString() : null;
            String id = message.get("id") instanceof jakarta.json.JsonString i ? i.getString() : null;
            if (query == null || id == null) {
                super.onOperationRequest(message);
                return;
            }
            SocketOperation.run(new SocketOperation(id, query, operationName, socket::sendMessage, socket::close),
                    () -> super.onOperationRequest(message));
        }
    }

    /**
     * Whether a bearer token's {@code exp} is past (or within a second): read without checking the
     * signature, which OIDC checks next, only to refuse early what could not be closed in time.
     */
    static boolean expired(jakarta.json.JsonValue authorization) {
        jakarta.json.JsonObject claims = claims(authorization);
        return claims != null && claims.get("exp") instanceof jakarta.json.JsonNumber exp && expired(exp.longValue());
    }

    /** The claims of a bearer token, unverified; null if it is not a JWT. */
    static jakarta.json.JsonObject claims(jakarta.json.JsonValue authorization) {
        if (!(authorization instanceof jakarta.json.JsonString header)) {
            return null;
        }
        String[] parts = header.getString().replaceFirst("(?i)^Bearer\\s+", "").split("\\.");
        if (parts.length < 2) {
            return null;
        }
        try (jakarta.json.JsonReader reader = jakarta.json.Json.createReader(new java.io.ByteArrayInputStream(
                java.util.Base64.getUrlDecoder().decode(parts[1])))) {
            return reader.readObject();
        } catch (RuntimeException notAJwt) {
            return null;
        }
    }

    /** An {@code exp} (seconds) that is past, or within a second; 0 (none) is not. */
    private static boolean expired(long exp) {
        return exp > 0 && exp * 1000 <= System.currentTimeMillis() + 1000;
    }

    private record Session(ServerWebSocket ws) implements GraphQLWebSocketSession {
        @Override
        public void sendMessage(String message) {
            ws.writeTextMessage(message);
        }

        @Override
        public void close(short code, String reason) {
            ws.close(code, reason);
        }

        @Override
        public boolean isClosed() {
            return ws.isClosed();
        }
    }
}
