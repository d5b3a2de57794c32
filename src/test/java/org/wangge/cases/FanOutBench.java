package org.wangge.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.security.DevTokenResource;

/**
 * Benchmark, not a test (tag "bench"; run with bench/fan-out): N subscribers on one grid, M
 * case reports; counts delivered/expected and the latency from each event's time in the
 * database to its arrival at each subscriber.
 */
@QuarkusTest
@Tag("bench")
class FanOutBench {

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void fanOut() throws Exception {
        int subscribers = Integer.getInteger("bench.subscribers", 5000);
        int updates = Integer.getInteger("bench.updates", 100);
        // reports per second (0: one after another, as fast as they go through)
        double rate = Double.parseDouble(System.getProperty("bench.rate", "0"));
        int warmup = Integer.getInteger("bench.warmup", 0);
        String grid = Fixtures.grid(null, "fanout", "MICRO_GRID");
        String token = DevTokenResource.sign("bench-admin", "bench", Set.of("admin"));
        // the clients get their own event loops, apart from the server's
        Vertx clients = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
        WebSocketClient client = clients.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(subscribers + 10)
                .setConnectTimeout(30_000));
        AtomicLong delivered = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
        String subscribe = new JsonObject().put("id", "1").put("type", "subscribe").put("payload", new JsonObject()
                .put("query", "subscription($f: CaseEventFilter) { caseEvents(filter: $f) { cursor at } }")
                .put("variables", new JsonObject().put("f", new JsonObject().put("gridId", grid)))).encode();
        String init = new JsonObject().put("type", "connection_init").put("payload", new JsonObject().put("Authorization", "Bearer " + token)).encode();

        long connectStart = System.nanoTime();
        for (int batch = 0; batch < subscribers; batch += 200) {
            List<Future<WebSocket>> opening = new ArrayList<>();
            for (int i = batch; i < Math.min(subscribers, batch + 200); i++) {
                opening.add(client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(port).setURI("/graphql")
                        .setSubProtocols(List.of("graphql-transport-ws"))).map(ws -> {
                            ws.textMessageHandler(text -> {
                                JsonObject m = new JsonObject(text);
                                if ("connection_ack".equals(m.getString("type"))) {
                                    ws.writeTextMessage(subscribe);
                                } else if ("next".equals(m.getString("type"))) {
                                    long now = System.currentTimeMillis();
                                    String at = m.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents").getString("at");
                                    latencies.add(now - OffsetDateTime.parse(at).toInstant().toEpochMilli());
                                    delivered.incrementAndGet();
                                }
                            });
                            ws.writeTextMessage(init);
                            sockets.add(ws);
                            return ws;
                        }));
            }
            Future.all(opening).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        }
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        Thread.sleep(3000);

        Gql admin = Gql.as("bench-reporter", "admin");
        // warm-up: the same work, not measured, so that the figures are not the JIT compiler's
        long warmupStart = System.nanoTime();
        for (int i = 0; i < warmup; i++) {
            admin.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                    "i", Map.of("kind", "SAFETY_HAZARD", "title", "warm-up " + i, "gridId", grid));
        }
        for (int i = 0; i < 600 && delivered.get() < (long) subscribers * warmup; i++) {
            Thread.sleep(100);
        }
        double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
        Thread.sleep(2000);
        delivered.set(0);
        latencies.clear();

        long sendStart = System.nanoTime();
        for (int i = 0; i < updates; i++) {
            if (rate > 0) {
                long due = sendStart + (long) (i * 1e9 / rate);
                while (System.nanoTime() < due) {
                    Thread.sleep(1);
                }
            }
            admin.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                    "i", Map.of("kind", "SAFETY_HAZARD", "title", "fan-out " + i, "gridId", grid));
        }
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        long expected = (long) subscribers * updates;
        for (int i = 0; i < 600 && delivered.get() < expected; i++) {
            Thread.sleep(100);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        String report = String.format("""
                subscribers=%d warm-up=%d updates (%.0f s) updates=%d rate=%s delivered=%d/%d connect=%.1fs reports=%.1fs (%.1f/s)
                latency from event time: p50=%d ms p90=%d ms p99=%d ms max=%d ms
                """, subscribers, warmup, warmupSeconds, updates, rate > 0 ? rate + "/s" : "max", delivered.get(), expected, connectSeconds, sendSeconds, updates / sendSeconds,
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.isEmpty() ? -1 : sorted.get(sorted.size() - 1));
        System.out.println(report);
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "fan-out.txt"), report);
        sockets.forEach(WebSocket::close);
        clients.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.isEmpty() ? -1 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p / 100.0) - 1));
    }
}
