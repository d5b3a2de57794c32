package org.wangge.cases;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;

/**
 * Benchmark, not a test (tag "bench"; run with bench/webhooks): N endpoints on one receiver, M
 * case updates for all of them; the time from the first report until every endpoint has
 * acknowledged every update, and whether each endpoint saw them in order, once.
 */
@QuarkusTest
@Tag("bench")
class WebhookBench {

    @Inject
    Pool pool;

    @Test
    void webhooks() throws Exception {
        int endpoints = Integer.getInteger("bench.endpoints", 100);
        int events = Integer.getInteger("bench.events", 1000);
        String grid = Fixtures.grid(null, "webhook-bench", "MICRO_GRID");
        // the receiver gets its own event loop, apart from the server's
        Vertx receiverLoop = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Map<String, Long> last = new ConcurrentHashMap<>();
        AtomicLong delivered = new AtomicLong();
        AtomicLong outOfOrder = new AtomicLong();
        AtomicLong repeated = new AtomicLong();
        HttpServer server = receiverLoop.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String endpoint = request.getHeader("Wangge-Endpoint-Id");
            long id = Long.parseLong(request.getHeader("Wangge-Event-Id"));
            Long before = last.put(endpoint, id);
            if (before != null && id == before) {
                repeated.incrementAndGet();
            } else if (before != null && id < before) {
                outOfOrder.incrementAndGet();
            } else {
                delivered.incrementAndGet();
            }
            request.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        String url = "http://127.0.0.1:" + server.actualPort() + "/hook";
        // the updates first (filed by 8 clients at once), then the endpoints, each starting before them
        long before = TestDb.count(pool, "SELECT coalesce(max(seq), 0) FROM case_event");
        Gql resident = Gql.as("bench-resident-" + System.nanoTime(), "resident");
        ExecutorService filing = Executors.newFixedThreadPool(8);
        List<Future<?>> filed = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            int n = i;
            filed.add(filing.submit(() -> resident.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                    Map.of("kind", "LIVELIHOOD", "title", "推送压测 " + n, "gridId", grid))));
        }
        for (Future<?> f : filed) {
            f.get();
        }
        filing.shutdown();
        long expected = (long) endpoints * events;
        long start = System.nanoTime();
        for (int i = 0; i < endpoints; i++) {
            Gql.admin().ok("mutation($i: WebhookInput!) { registerWebhook(input: $i) { id } }", "i", Map.of("url", url,
                    "secret", "bench-secret-bench-secret-bench-secret-" + i, "filter", Map.of("gridId", grid), "after", Long.toString(before)));
        }
        long registered = System.nanoTime();
        long deadline = registered + TimeUnit.MINUTES.toNanos(10);
        while (delivered.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long done = System.nanoTime();
        String result = String.format("endpoints %d, updates %d (a backlog each): delivered %d of %d, out of order %d, repeated %d%n"
                + "all delivered %.1f s after the first endpoint was registered (registering took %.1f s); %.0f deliveries/s%n",
                endpoints, events, delivered.get(), expected, outOfOrder.get(), repeated.get(),
                (done - start) / 1e9, (registered - start) / 1e9, delivered.get() / ((done - start) / 1e9));
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "webhooks.txt"), result);
        System.out.print(result);
        receiverLoop.close();
    }
}
