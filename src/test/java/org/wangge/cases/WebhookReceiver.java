package org.wangge.cases;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A partner's webhook receiver on this machine: it checks each delivery's signature as README
 * shows (and refuses one older than 5 minutes), and answers with the status its behaviour gives
 * for the n-th request (0 = hold the request without answering).
 */
public final class WebhookReceiver implements AutoCloseable {

    /** A request as it arrived, with whether its signature held and what was answered. */
    public record Received(String eventId, JsonObject body, boolean signed, int answered) {
    }

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile IntUnaryOperator behaviour;

    public WebhookReceiver(String secret, IntUnaryOperator behaviour) throws IOException {
        this.secret = secret;
        this.behaviour = behaviour;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/hook", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    public void behave(IntUnaryOperator next) {
        behaviour = next;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        int n = requests.incrementAndGet();
        int status = behaviour.applyAsInt(n);
        if (status == 0) {
            try {
                Thread.sleep(60_000); // a receiver that never answers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        boolean signed = verify(secret, exchange.getRequestHeaders().getFirst("Wangge-Signature"), body, System.currentTimeMillis() / 1000);
        synchronized (received) {
            received.add(new Received(exchange.getRequestHeaders().getFirst("Wangge-Event-Id"), new JsonObject(body), signed, status));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** The receiver's check: t within 5 minutes of now, v1 the HMAC-SHA256 of "t.body" under the shared secret. */
    public static boolean verify(String secret, String header, String body, long nowSeconds) {
        if (header == null) {
            return false;
        }
        String t = null;
        String v1 = null;
        for (String part : header.split(",")) {
            if (part.startsWith("t=")) {
                t = part.substring(2);
            } else if (part.startsWith("v1=")) {
                v1 = part.substring(3);
            }
        }
        if (t == null || v1 == null || Math.abs(nowSeconds - Long.parseLong(t)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8));
            return java.security.MessageDigest.isEqual(expected, HexFormat.of().parseHex(v1));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    public List<Received> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** Event ids answered 2xx, in arrival order. */
    public List<String> acknowledged() {
        return received().stream().filter(r -> r.answered() / 100 == 2).map(Received::eventId).toList();
    }

    public int requests() {
        return requests.get();
    }

    public static void await(String what, Duration limit, BooleanSupplier done) {
        long until = System.nanoTime() + limit.toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("Not within " + limit + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
