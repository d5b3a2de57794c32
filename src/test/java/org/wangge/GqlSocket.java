package org.wangge;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A graphql-transport-ws client for tests: connect, init, subscribe, read messages. */
public final class GqlSocket implements AutoCloseable {

    private final WebSocketClient client;
    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonObject> messages = new LinkedBlockingQueue<>();
    private volatile Short closeCode;

    private GqlSocket(Vertx vertx, int port, String headerToken) throws Exception {
        client = vertx.createWebSocketClient();
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/graphql")
                .setSubProtocols(List.of("graphql-transport-ws"));
        if (headerToken != null) {
            options.addHeader("Authorization", "Bearer " + headerToken);
        }
        socket = client.connect(options).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> {
            JsonObject message = new JsonObject(text);
            // the server's keep-alive (every 10 s): answered here, so that slow runs read only what the tests wait for
            if ("ping".equals(message.getString("type"))) {
                socket.writeTextMessage(new JsonObject().put("type", "pong").encode());
            } else {
                messages.add(message);
            }
        });
        socket.closeHandler(v -> {
            closeCode = socket.closeStatusCode();
            // wake a reader waiting for a message that will not come
            messages.add(new JsonObject().put("type", "closed").put("code", closeCode));
        });
    }

    public static GqlSocket open(Vertx vertx, int port, String headerToken) throws Exception {
        return new GqlSocket(vertx, port, headerToken);
    }

    public void send(JsonObject message) {
        socket.writeTextMessage(message.encode());
    }

    public JsonObject init(Map<String, Object> payload) throws InterruptedException {
        send(new JsonObject().put("type", "connection_init").put("payload", new JsonObject(payload)));
        return next(10);
    }

    public void subscribe(String id, String query, Map<String, Object> variables) {
        send(new JsonObject().put("id", id).put("type", "subscribe")
                .put("payload", new JsonObject().put("query", query).put("variables", new JsonObject(variables))));
    }

    /** Subscribes with a document, sending its operation's name as clients do. */
    public void subscribe(String id, Doc doc, Map<String, Object> variables) {
        send(new JsonObject().put("id", id).put("type", "subscribe").put("payload", new JsonObject().put("query", doc.text())
                .put("operationName", doc.operation()).put("variables", new JsonObject(variables))));
    }

    /** The next message, or null after the timeout. */
    public JsonObject next(int seconds) throws InterruptedException {
        return messages.poll(seconds, TimeUnit.SECONDS);
    }

    public Short closeCode() {
        return closeCode;
    }

    @Override
    public void close() {
        socket.close();
        client.close();
    }
}
