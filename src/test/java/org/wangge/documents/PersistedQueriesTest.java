package org.wangge.documents;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import io.smallrye.jwt.build.Jwt;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;

/** Automatic Persisted Queries and GET, as Apollo's clients and GraphQL over HTTP use them. */
@QuarkusTest
class PersistedQueriesTest {

    private static final Gql ADMIN = Gql.admin();

    @Inject
    Pool pool;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** The Apollo round trip: the hash alone is not found, the hash with its document runs and keeps it, then the hash alone runs it. */
    @Test
    void aHashIsRunOnceItsDocumentHasBeenSent() throws InterruptedException {
        String code = Fixtures.code("apq");
        Fixtures.grid(null, code, "持久县", "COUNTY");
        String query = "query Apq($c: String!) { grid(code: $c) { name } } # " + code;
        String hash = DocumentService.hash(query);
        Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash));

        Response unknown = post(ADMIN, Map.of("extensions", extensions, "variables", Map.of("c", code)));
        assertEquals(404, unknown.statusCode());
        assertEquals("PersistedQueryNotFound", unknown.jsonPath().getString("errors[0].message"));
        assertEquals("PERSISTED_QUERY_NOT_FOUND", unknown.jsonPath().getString("errors[0].extensions.code"));

        Response first = post(ADMIN, Map.of("query", query, "extensions", extensions, "variables", Map.of("c", code)));
        assertEquals(200, first.statusCode());
        assertEquals("持久县", first.jsonPath().getString("data.grid.name"));
        // kept as the answer goes out, not before it: a moment later
        long kept = 0;
        for (int i = 0; i < 50 && kept == 0; i++) {
            kept = TestDb.count(pool, "SELECT count(*) FROM persisted_document WHERE hash = $1 AND document = $2", hash, query);
            if (kept == 0) {
                Thread.sleep(100);
            }
        }
        assertEquals(1, kept);

        Response again = post(ADMIN, Map.of("extensions", extensions, "variables", Map.of("c", code)));
        assertEquals(200, again.statusCode());
        assertEquals("持久县", again.jsonPath().getString("data.grid.name"));
        // and by GET, the hash in the extensions parameter
        Response get = get(ADMIN).queryParam("extensions", "{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"" + hash + "\"}}")
                .queryParam("variables", "{\"c\":\"" + code + "\"}").get("/graphql");
        assertEquals(200, get.statusCode(), get.asString());
        assertEquals("持久县", get.jsonPath().getString("data.grid.name"));
    }

    /** What one instance kept, every instance runs: the document is looked up in PostgreSQL. */
    @Test
    void aDocumentKeptElsewhereIsFoundInTheDatabase() {
        String query = "{ __typename } # kept elsewhere " + Fixtures.code("x");
        String hash = DocumentService.hash(query);
        TestDb.rows(pool, "INSERT INTO persisted_document (hash, document) VALUES ($1, $2)", hash, query);
        Response answer = post(ADMIN, Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", hash))));
        assertEquals(200, answer.statusCode(), answer.asString());
        assertEquals("Query", answer.jsonPath().getString("data.__typename"));
    }

    @Test
    void whatIsNotTheDocumentOfItsHashIsNeitherRunNorKept() {
        String query = "{ __typename } # " + Fixtures.code("x");
        String other = DocumentService.hash(query + " ");
        Response mismatch = post(ADMIN, Map.of("query", query, "extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", other))));
        assertEquals(400, mismatch.statusCode());
        assertEquals("BAD_REQUEST", mismatch.jsonPath().getString("errors[0].extensions.code"));
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM persisted_document WHERE hash = $1", other));
        for (Object persisted : new Object[] {Map.of("version", 2, "sha256Hash", DocumentService.hash(query)), Map.of("version", 1, "sha256Hash", "abc"), "x"}) {
            Response bad = post(ADMIN, Map.of("query", query, "extensions", Map.of("persistedQuery", persisted)));
            assertEquals(400, bad.statusCode(), persisted.toString());
            assertEquals("BAD_REQUEST", bad.jsonPath().getString("errors[0].extensions.code"));
        }
        // a document that does not validate runs (with its errors) and is not kept; nor is an anonymous caller's
        String invalid = "{ nope } # " + Fixtures.code("x");
        Map<String, Object> extensions = Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", DocumentService.hash(invalid)));
        assertTrue(post(ADMIN, Map.of("query", invalid, "extensions", extensions)).asString().contains("nope"));
        String anonymous = "{ __typename } # anonymous " + Fixtures.code("x");
        post(Gql.anonymous(), Map.of("query", anonymous, "extensions",
                Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", DocumentService.hash(anonymous)))));
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM persisted_document WHERE document IN ($1, $2)", invalid, anonymous));
    }

    @Test
    void queriesMayBeAskedByGetMutationsMayNot() {
        String code = Fixtures.code("get");
        Fixtures.grid(null, code, "只读县", "COUNTY");
        Response read = get(ADMIN).queryParam("query", "query($c: String!) { grid(code: $c) { name } }")
                .queryParam("variables", "{\"c\":\"" + code + "\"}").get("/graphql");
        assertEquals(200, read.statusCode(), read.asString());
        assertEquals("只读县", read.jsonPath().getString("data.grid.name"));

        Response write = get(ADMIN).queryParam("query", "mutation { retireGrid(id: \"1\") { id } }").get("/graphql");
        assertEquals(405, write.statusCode());
        assertEquals("POST", write.header("Allow"));
        // the operation chosen by name decides
        String both = "query Q { __typename } mutation M { retireGrid(id: \"1\") { id } }";
        assertEquals(405, get(ADMIN).queryParam("query", both).queryParam("operationName", "M").get("/graphql").statusCode());
        assertEquals("Query", get(ADMIN).queryParam("query", both).queryParam("operationName", "Q").get("/graphql")
                .jsonPath().getString("data.__typename"));

        Response notJson = get(ADMIN).queryParam("query", "{ __typename }").queryParam("variables", "c=1").get("/graphql");
        assertEquals(400, notJson.statusCode());
        assertEquals("BAD_REQUEST", notJson.jsonPath().getString("errors[0].extensions.code"));
        assertEquals("UNAUTHENTICATED", given().port(port).queryParam("query", "{ grid(code: \"" + code + "\") { name } }")
                .get("/graphql").jsonPath().getString("errors[0].extensions.code"));
    }

    /** A trusted client (configured for tests: trusted-test-app) runs the documents of its manifest, by hash, and nothing else. */
    @Test
    void aTrustedClientRunsOnlyItsManifest() {
        Gql app = Gql.withToken(Jwt.subject("trusted-user").claim("azp", "trusted-test-app").claim("preferred_username", "trusted-user")
                .groups(Set.of("admin")).sign());
        // a document of the manifest loaded at start-up (src/test/resources/manifests)
        String startup = "query StartupManifest { __typename }";
        Response known = post(app, Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", DocumentService.hash(startup)))));
        assertEquals(200, known.statusCode(), known.asString());
        assertEquals("Query", known.jsonPath().getString("data.__typename"));
        // a document sent in full, or a hash of another document: refused
        Response freeform = post(app, Map.of("query", "{ __typename }"));
        assertEquals(403, freeform.statusCode());
        assertEquals("PERSISTED_QUERY_REQUIRED", freeform.jsonPath().getString("errors[0].extensions.code"));
        String later = "query Later { myGrids { code } } # " + Fixtures.code("x");
        Map<String, Object> byHash = Map.of("extensions", Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", DocumentService.hash(later))));
        assertEquals("PERSISTED_QUERY_REQUIRED", post(app, Map.of("query", later, "extensions", byHash.get("extensions")))
                .jsonPath().getString("errors[0].extensions.code"));
        // nor in the forms the front leaves to the extension's handler
        String raw = "{\"query\":\"{ __typename }\"}\n";
        Response rawBreak = request(app).contentType(ContentType.JSON).body(raw).post("/graphql");
        assertEquals(403, rawBreak.statusCode(), rawBreak.asString());
        Response graphqlBody = request(app).contentType("application/graphql").body("{ __typename }".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/graphql");
        assertEquals(403, graphqlBody.statusCode(), graphqlBody.asString());
        assertEquals(403, request(app).contentType(ContentType.JSON).queryParam("query", "{ __typename }").body("{}").post("/graphql").statusCode());
        assertEquals(403, request(app).queryParam("variables", "{}").get("/graphql").statusCode());
        // another client keeps sending what it likes
        assertEquals("Query", ADMIN.ok("{ __typename }").getString("__typename"));

        // manifests are loaded by an admin, with every hash its document's SHA-256
        String load = "mutation($c: String!, $m: String!) { loadDocumentManifest(clientId: $c, manifest: $m) }";
        String relay = "{\"" + DocumentService.hash(later) + "\": " + quoted(later) + "}";
        assertEquals("FORBIDDEN", Gql.as("someone", "grid_worker").errorCode(load, "c", "trusted-test-app", "m", relay));
        assertEquals("VALIDATION", ADMIN.errorCode(load, "c", "trusted-test-app", "m", "{\"" + DocumentService.hash("x") + "\": " + quoted(later) + "}"));
        assertEquals("VALIDATION", ADMIN.errorCode(load, "c", "trusted-test-app", "m", "[]"));
        assertEquals(1, ADMIN.ok(load, "c", "trusted-test-app", "m", relay).getInt("loadDocumentManifest"));
        Response loaded = post(app, byHash);
        assertEquals(200, loaded.statusCode(), loaded.asString());
        assertTrue(loaded.jsonPath().getList("data.myGrids") != null, loaded.asString());
        // a manifest is per client: the same hash is not another trusted client's
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM client_document WHERE client_id <> 'trusted-test-app' AND hash = $1",
                DocumentService.hash(later)));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private Response post(Gql caller, Map<String, Object> body) {
        return request(caller).contentType(ContentType.JSON).body(body).post("/graphql");
    }

    private RequestSpecification get(Gql caller) {
        return request(caller);
    }

    private RequestSpecification request(Gql caller) {
        RequestSpecification request = given().port(port).accept("application/json");
        return caller.token() == null ? request : request.header("Authorization", "Bearer " + caller.token());
    }

    @Inject
    io.vertx.core.Vertx vertx;

    /** Over a socket too, a trusted client subscribes only with its manifest's documents (token in the init payload or on the upgrade). */
    @Test
    void aTrustedClientSubscribesOnlyWithItsManifest() throws Exception {
        String token = Jwt.subject("trusted-user").claim("azp", "trusted-test-app").groups(Set.of("admin")).sign();
        String feed = "subscription StartupFeed($f: CaseEventFilter) { caseEvents(filter: $f) { caseId action } }";
        String grid = org.wangge.Fixtures.grid(null, "trusted-socket", "MICRO_GRID");
        Map<String, Object> vars = Map.of("f", Map.of("gridId", grid));
        for (boolean onUpgrade : new boolean[] {false, true}) {
            try (org.wangge.GqlSocket socket = org.wangge.GqlSocket.open(vertx, port, onUpgrade ? token : null)) {
                assertEquals("connection_ack", socket.init(onUpgrade ? Map.of() : Map.of("Authorization", "Bearer " + token)).getString("type"));
                // a document of its own, in full: refused for that operation
                socket.subscribe("free", "subscription { caseEvents { caseId } }", Map.of());
                io.vertx.core.json.JsonObject refused = socket.next(10);
                assertEquals("error", refused.getString("type"), refused.encode());
                assertEquals("free", refused.getString("id"));
                assertEquals("PERSISTED_QUERY_REQUIRED", refused.getJsonArray("payload").getJsonObject(0).getJsonObject("extensions").getString("code"));
                // the manifest's subscription, by hash alone
                socket.send(new io.vertx.core.json.JsonObject().put("id", "kept").put("type", "subscribe").put("payload",
                        new io.vertx.core.json.JsonObject().put("variables", new io.vertx.core.json.JsonObject(vars)).put("extensions",
                                new io.vertx.core.json.JsonObject().put("persistedQuery", new io.vertx.core.json.JsonObject()
                                        .put("version", 1).put("sha256Hash", DocumentService.hash(feed))))));
                Thread.sleep(500);
                String id = ADMIN.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                        Map.of("kind", "SAFETY_HAZARD", "title", "可信客户端订阅", "gridId", grid)).getString("reportCase.id");
                io.vertx.core.json.JsonObject next = socket.next(10);
                assertEquals("next", next.getString("type"), next.encode());
                assertEquals("kept", next.getString("id"));
                assertEquals(id, next.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents").getString("caseId"));
            }
        }
    }
}
