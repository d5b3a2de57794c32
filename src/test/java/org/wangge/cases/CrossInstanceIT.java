package org.wangge.cases;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wangge.GqlSocket;
import org.wangge.Instances;
import org.wangge.LocalOidc;

/**
 * Two instances of the built application on different ports share one database (wangge_it)
 * and one OIDC provider (a local discovery document and JWKS made from the dev key): a case
 * reported through one reaches the subscribers connected to the other.
 */
class CrossInstanceIT {

    private static final String[] KEYS = {random(32), random(32), random(32)};
    private static LocalOidc oidc;
    private static Process a;
    private static Process b;
    private static int portA;
    private static int managementA;
    private static int portB;
    private static int managementB;
    private static Vertx vertx;

    @BeforeAll
    static void start() throws Exception {
        oidc = LocalOidc.start();

        portA = freePort();
        portB = freePort();
        // health is on each instance's management interface
        managementA = freePort();
        managementB = freePort();
        relaunch();
        vertx = Vertx.vertx();
    }

    private static void relaunch() throws Exception {
        a = launch(portA, managementA, "A");
        b = launch(portB, managementB, "B");
        awaitReady(managementA, a);
        awaitReady(managementB, b);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Process p : new Process[] {a, b}) {
            if (p != null) {
                p.destroy();
                p.waitFor();
            }
        }
        if (oidc != null) {
            oidc.close();
        }
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }

    @Test
    void aCaseReportedThroughOneInstanceReachesSubscribersOfTheOther() throws Exception {
        String admin = token("it-admin", "admin");
        String grid = graphql(portA, admin, "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                Map.of("i", Map.of("code", "IT-" + System.nanoTime(), "name", "双实例测试", "kind", "MICRO_GRID")))
                .getJsonObject("createGrid").getString("id");
        Map<String, Object> vars = new HashMap<>();
        vars.put("f", Map.of("gridId", grid));
        // from the start of the feed: an update committed before a subscription is in place is
        // replayed, not missed (the grid is new, so nothing older matches)
        vars.put("a", "0");
        try (GqlSocket onB = GqlSocket.open(vertx, portB, admin); GqlSocket onA = GqlSocket.open(vertx, portA, admin)) {
            assertEquals("connection_ack", onB.init(Map.of()).getString("type"));
            assertEquals("connection_ack", onA.init(Map.of()).getString("type"));
            String query = "subscription($f: CaseEventFilter, $a: String) { caseEvents(filter: $f, after: $a) { cursor action caseId } }";
            onB.subscribe("1", query, vars);
            onA.subscribe("1", query, vars);
            Thread.sleep(500);

            String viaA = report(portA, admin, grid, "经实例A上报");
            assertEquals(viaA, caseId(onB.next(15)), "reported on A, delivered on B");
            assertEquals(viaA, caseId(onA.next(15)));
            String viaB = report(portB, admin, grid, "经实例B上报");
            assertEquals(viaB, caseId(onA.next(15)), "reported on B, delivered on A");
            assertEquals(viaB, caseId(onB.next(15)));
        }
    }

    /**
     * A retry that lands on the other instance does not file the case again, and a document one
     * instance kept is run by hash on the other: both are kept in PostgreSQL, not in memory.
     */
    @Test
    void retriesAndPersistedDocumentsHoldAcrossInstances() {
        String admin = token("it-admin", "admin");
        String grid = graphql(portA, admin, "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                Map.of("i", Map.of("code", "IT-R-" + System.nanoTime(), "name", "重试测试", "kind", "MICRO_GRID")))
                .getJsonObject("createGrid").getString("id");
        String query = "mutation($i: ReportCaseInput!, $k: String) { reportCase(input: $i, idempotencyKey: $k) { id } }";
        Map<String, Object> vars = Map.of("i", Map.of("kind", "SAFETY_HAZARD", "title", "重试一次", "gridId", grid), "k", "it-" + grid);
        String viaA = graphql(portA, admin, query, vars).getJsonObject("reportCase").getString("id");
        assertEquals(viaA, graphql(portB, admin, query, vars).getJsonObject("reportCase").getString("id"), "the retry on B answers A's case");

        String document = "query Kept($c: String) { grid(code: $c) { __typename } } # " + grid;
        String hash = org.wangge.documents.DocumentService.hash(document);
        Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));
        given().baseUri("http://localhost:" + portA).contentType(ContentType.JSON).header("Authorization", "Bearer " + admin)
                .body(Map.of("query", document, "extensions", extensions)).post("/graphql").then().statusCode(200);
        // A keeps the document once it has answered: B may ask a moment before it is committed
        int status = 0;
        for (int i = 0; i < 50 && status != 200; i++) {
            status = given().baseUri("http://localhost:" + portB).contentType(ContentType.JSON).header("Authorization", "Bearer " + admin)
                    .body(Map.of("extensions", extensions, "variables", Map.of("c", "none"))).post("/graphql").statusCode();
            if (status != 200) {
                sleep(100);
            }
        }
        assertEquals(200, status, "the hash A kept is run by B");
    }

    /**
     * Both instances stop hard (no goodbye, leases held) while an endpoint's backlog is being
     * delivered; once they are back, the receiver has every update, each in cursor order.
     */
    @Test
    void restartingWhileDeliveringWebhooksLosesNothing() throws Exception {
        String admin = token("it-admin", "admin");
        String grid = graphql(portA, admin, "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                Map.of("i", Map.of("code", "IT-W-" + System.nanoTime(), "name", "推送重启", "kind", "MICRO_GRID")))
                .getJsonObject("createGrid").getString("id");
        String secret = random(32);
        try (WebhookReceiver receiver = new WebhookReceiver(secret, n -> {
            sleep(100); // a receiver that takes its time: the restart falls mid-backlog
            return 200;
        })) {
            graphql(portA, admin, "mutation($i: WebhookInput!) { registerWebhook(input: $i) { id } }",
                    Map.of("i", Map.of("url", receiver.url(), "secret", secret, "filter", Map.of("gridId", grid))));
            String resident = token("it-resident-" + System.nanoTime(), "resident");
            int reports = 20;
            for (int i = 0; i < reports; i++) {
                report(i % 2 == 0 ? portA : portB, resident, grid, "重启中的上报 " + i);
            }
            WebhookReceiver.await("deliveries under way", java.time.Duration.ofSeconds(30), () -> receiver.acknowledged().size() >= 3);
            a.destroyForcibly().waitFor();
            b.destroyForcibly().waitFor();
            int before = (int) receiver.acknowledged().stream().distinct().count();
            relaunch();
            WebhookReceiver.await("every update delivered after the restart", java.time.Duration.ofSeconds(60),
                    () -> receiver.acknowledged().stream().distinct().count() == reports);
            List<String> firstSeen = receiver.acknowledged().stream().distinct().toList();
            for (int i = 1; i < firstSeen.size(); i++) {
                assertTrue(Long.parseLong(firstSeen.get(i)) > Long.parseLong(firstSeen.get(i - 1)), "in cursor order: " + firstSeen);
            }
            assertTrue(before < reports, "the restart fell mid-delivery (" + before + " of " + reports + " before it)");
            assertTrue(receiver.received().stream().allMatch(WebhookReceiver.Received::signed));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The packaged application (not only the test build) answers grid reads through the compiled path. */
    @Test
    void thePackagedApplicationAnswersGridReadsInOneStatement() {
        String admin = token("it-admin", "admin");
        String code = "IT-C-" + System.nanoTime();
        graphql(portA, admin, "mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }",
                Map.of("i", Map.of("code", code, "name", "编译读", "kind", "COUNTY")));
        double before = compiledReads();
        assertEquals(code, graphql(portA, admin, "query($c: String) { grid(code: $c) { code } }", Map.of("c", code))
                .getJsonObject("grid").getString("code"));
        assertEquals(before + 1, compiledReads(), 0.0, "answered by the compiled path");
    }

    private static double compiledReads() {
        String metrics = given().baseUri("http://localhost:" + managementA).get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("wangge_reads_total{") && l.contains("path=\"compiled\""))
                .mapToDouble(l -> Double.parseDouble(l.split("\\s+")[1])).sum(); // name{labels} value [timestamp]
    }

    private static String caseId(JsonObject message) {
        assertNotNull(message, "no update arrived in time");
        assertEquals("next", message.getString("type"), message.encode());
        return message.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents").getString("caseId");
    }

    private static String report(int port, String token, String grid, String title) {
        return graphql(port, token, "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                Map.of("i", Map.of("kind", "SAFETY_HAZARD", "title", title, "gridId", grid))).getJsonObject("reportCase").getString("id");
    }

    private static JsonObject graphql(int port, String token, String query, Map<String, Object> variables) {
        String body = given().baseUri("http://localhost:" + port).contentType(ContentType.JSON)
                .header("Authorization", "Bearer " + token).body(Map.of("query", query, "variables", variables))
                .post("/graphql").then().statusCode(200).extract().asString();
        JsonObject json = new JsonObject(body);
        if (json.getJsonArray("errors") != null) {
            throw new AssertionError(body);
        }
        return json.getJsonObject("data");
    }

    private static String token(String subject, String role) {
        return oidc.token(subject, role);
    }

    private static Process launch(int port, int managementPort, String name) throws Exception {
        // one deployment: every instance holds the same keys (what one sealed or hashed, the other reads)
        Map<String, String> env = oidc.env(KEYS);
        // webhooks to a receiver in the test; an instance that stopped hard is taken over after 3 s
        env.put("WANGGE_WEBHOOKS_ALLOW_LOOPBACK_HTTP", "true");
        env.put("WANGGE_WEBHOOKS_LEASE", "PT3S");
        return Instances.launch(name, port, managementPort, env);
    }

    private static void awaitReady(int port, Process process) throws Exception {
        Instances.awaitReady(port, process);
    }

    private static int freePort() throws java.io.IOException {
        return Instances.freePort();
    }

    private static String random(int bytes) {
        return Instances.randomKey(bytes);
    }
}
