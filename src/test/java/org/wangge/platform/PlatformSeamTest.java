package org.wangge.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.schema.DataFetcher;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import jakarta.inject.Inject;
import io.smallrye.jwt.build.Jwt;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.GqlSocket;

/**
 * One test per piece of the platform seam, each checking the assumption about Quarkus, SmallRye
 * GraphQL or Vert.x that the piece relies on. After an upgrade, a failure here names the piece to
 * re-read (DEVELOPERS.md, <i>Upgrading</i>) and the switch that turns it off meanwhile.
 */
@QuarkusTest
class PlatformSeamTest {

    private static final Gql ADMIN = Gql.admin();

    @Inject
    Vertx vertx;
    @Inject
    MeterRegistry meters;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    /** SharedDataFetchers: SmallRye builds the schema's fetchers through our DataFetcherService (highest priority). */
    @Test
    void smallRyeTakesItsDataFetchersFromTheSeam() {
        ADMIN.ok("{ __typename }");
        GraphQLSchema schema = CostLimit.schema();
        assertNotNull(schema, "SmallRye no longer calls EventingService.beforeGraphQLBuild (CostLimit)");
        assertEquals("SharedDataFetchers$PlainField", fetcher(schema, "Grid", "name"),
                "a plain field is no longer read by the shortcut: fetcher-shortcuts");
        assertEquals("SharedDataFetchers$GuardedOperation", fetcher(schema, "Query", "grid"),
                "root fields no longer pass through the visibility guard");
        // batched fields: the seam's fetcher hands the parents to SmallRye's data loader, whose loader
        // is the seam's operation fetcher (GuardedOperation.load); VisibilityWalkTest sees what comes out
        assertEquals("SharedDataFetchers$LoadedField", fetcher(schema, "Grid", "staff"),
                "batched fields are no longer SmallRye's BatchDataFetcher: fetcher-shortcuts");
        assertEquals("SharedDataFetchers$GuardedField", fetcher(schema, "GridConnection", "pageInfo"),
                "object-valued fields no longer pass through the visibility guard");
    }

    /** CostLimit: the rebuilt engine measures every operation (nodes, depth, fields) before it runs. */
    @Test
    void theLimitsAreCheckedBeforeExecution() {
        Response costly = ADMIN.post("{ persons(first: 500) { edges { node { household { members { household { members { id } } } } } } } }");
        assertEquals("COST_LIMIT", costly.jsonPath().getString("errors[0].extensions.code"), costly.asString());
        StringBuilder deep = new StringBuilder("{ grid(code: \"411321\") { ");
        for (int i = 0; i < 12; i++) {
            deep.append("parent { ");
        }
        deep.append("code").append(" }".repeat(13)).append(" }");
        Response tooDeep = ADMIN.post(deep.toString());
        assertEquals("DEPTH_LIMIT", tooDeep.jsonPath().getString("errors[0].extensions.code"),
                "the depth limit is gone from the rebuilt engine: " + tooDeep.asString());
    }

    /** CompiledReads' strategy: nested fields' errors still pass SmallRye's exception handler (their codes stay). */
    @Test
    void nestedErrorsKeepTheirCodesUnderTheQueryStrategy() {
        String grid = ADMIN.ok("{ grid(code: \"411321001001001\") { id } }").getString("grid.id");
        String household = ADMIN.ok("mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }",
                "i", java.util.Map.of("gridId", grid, "address", "平台路1号")).getString("createHousehold.id");
        String person = ADMIN.ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }",
                "i", java.util.Map.of("householdId", household, "name", "平台测试", "relation", "HOUSEHOLDER", "residenceType", "PERMANENT")).getString("registerPerson.id");
        // a nested resolver's failed Uni (SmallRye wraps it; its handler unwraps the code)
        assertEquals("VALIDATION", ADMIN.errorCode("query($id: ID!) { person(id: $id) { idNumberFull(reason: \" \") } }", "id", person));
        assertEquals("VALIDATION", ADMIN.errorCode("{ grid(code: \"411321\") { children(first: 1000) { totalCount } } }"));
        assertEquals("VALIDATION", ADMIN.errorCode("mutation($i: CreateGridInput!) { createGrid(input: $i) { children(first: 1000) { totalCount } } }",
                "i", java.util.Map.of("code", org.wangge.Fixtures.code("seam"), "name", "seam", "kind", "COUNTY")));
    }

    /** GraphQLBodyLimit: our body handler runs ahead of SmallRye's route and reads the body first. */
    @Test
    void graphQLBodiesAreReadWithTheirOwnLimitFirst() {
        String big = "{ __typename } #" + "x".repeat(1_100_000);
        given().contentType(ContentType.JSON).body(Map.of("query", big)).when().post("/graphql").then().statusCode(413);
    }

    /** GraphQLSocketGate: WebSocket upgrades reach our subclass of SmallRye's handler, ahead of SmallRye's route. */
    @Test
    void socketUpgradesReachTheGateFirst() throws Exception {
        try (GqlSocket socket = GqlSocket.open(vertx, port, null)) {
            socket.init(Map.of());
            for (int i = 0; i < 50 && socket.closeCode() == null; i++) {
                Thread.sleep(100);
            }
            assertEquals((short) 4403, socket.closeCode(), "a socket without credentials is no longer closed by the gate");
        }
    }

    /** IntrospectionGate: SmallRye's context still carries graphql-java's input, so anonymous callers see no schema. */
    @Test
    void anonymousCallersSeeNoSchema() {
        Response anonymous = Gql.anonymous().post("{ __schema { queryType { name } } }");
        assertNull(anonymous.jsonPath().get("data.__schema"), anonymous.asString());
        given().when().get("/graphql/schema.graphql").then().statusCode(401);
        assertEquals("Query", ADMIN.ok("{ __schema { queryType { name } } }").getString("__schema.queryType.name"));
    }

    /** CompiledReads: its route runs ahead of SmallRye's and answers what it compiles. */
    @Test
    void compiledReadsAnswerAheadOfTheExecutor() {
        double before = meters.counter("wangge.reads", "path", "compiled").count();
        assertEquals("411321", ADMIN.ok("{ grid(code: \"411321\") { code } }").getString("grid.code"));
        assertEquals(before + 1, meters.counter("wangge.reads", "path", "compiled").count(), 0.0,
                "the compiled read path no longer sees requests before SmallRye");
    }

    /**
     * VerifiedTokens: OIDC's identity provider is decorated, so a token verified once is remembered;
     * never a token altered anywhere, and never past its expiry (with the allowed clock skew).
     */
    @Test
    void verifiedTokensAreRememberedUntilTheyExpire() throws InterruptedException {
        String subject = "seam-token-" + System.nanoTime();
        String token = Jwt.subject(subject).groups(Set.of("resident")).expiresIn(600).sign();
        Gql caller = Gql.withToken(token);
        caller.ok("{ __typename }");
        double remembered = meters.counter("wangge.tokens", "source", "remembered").count();
        caller.ok("{ __typename }");
        assertEquals(remembered + 1, meters.counter("wangge.tokens", "source", "remembered").count(), 0.0,
                "the OIDC identity provider is no longer decorated: token-cache");
        // the same header and claims with another signature: verified, and refused
        int at = token.lastIndexOf('.') + 10;
        String altered = token.substring(0, at) + (token.charAt(at) == 'A' ? 'B' : 'A') + token.substring(at + 1);
        double verified = meters.counter("wangge.tokens", "source", "verified").count();
        Gql.withToken(altered).post("{ __typename }").then().statusCode(401);
        assertEquals(verified + 1, meters.counter("wangge.tokens", "source", "verified").count(), 0.0, "an altered token was not verified");
        // within the 30 s of allowed skew past its expiry: accepted, remembered, and refused once past it
        String ending = Jwt.subject(subject).groups(Set.of("resident")).issuedAt(Instant.now().minusSeconds(600))
                .expiresAt(Instant.now().minusSeconds(25)).sign();
        Gql.withToken(ending).ok("{ __typename }");
        Gql.withToken(ending).ok("{ __typename }");
        Thread.sleep(5500);
        Gql.withToken(ending).post("{ __typename }").then().statusCode(401);
    }

    /** VerifiedTokens stays off where OIDC would check something on every request that a remembered token skips. */
    @Test
    void tokensAreNotRememberedWhereOidcChecksEveryRequest() {
        assertTrue(VerifiedTokens.onlyPerTokenChecks(config(Map.of("quarkus.oidc.auth-server-url", "x", "quarkus.oidc.token.issuer", "y",
                "quarkus.oidc.tenant-id", "default", "quarkus.oidc.token.lifespan-grace", "30"))));
        for (Map<String, String> perRequest : java.util.List.of(Map.of("quarkus.oidc.application-type", "hybrid"),
                Map.of("quarkus.oidc.token.age", "PT5M"), Map.of("quarkus.oidc.token.binding.certificate", "true"),
                Map.of("quarkus.oidc.authentication.user-info-required", "true"), Map.of("quarkus.oidc.police.auth-server-url", "x"),
                Map.of("quarkus.oidc.\"tenant-b\".tenant-enabled", "true"))) {
            assertTrue(!VerifiedTokens.onlyPerTokenChecks(config(perRequest)), "remembered despite " + perRequest);
        }
    }

    private static org.eclipse.microprofile.config.Config config(Map<String, String> values) {
        return new io.smallrye.config.SmallRyeConfigBuilder().withSources(new io.smallrye.config.PropertiesConfigSource(values, "test", 500)).build();
    }

    /**
     * OperationInstrumentation: the engine's instrumentations observe operations only, so graphql-java
     * runs no instrumentation chain per field; the frameworks' instrumentations taken in as
     * operation-level still declare no field hook.
     */
    @Test
    void noInstrumentationObservesFields() throws ClassNotFoundException {
        ADMIN.ok("{ __typename }");
        assertTrue(OperationInstrumentation.latest instanceof OperationInstrumentation.Chain,
                "a chain that observes fields is back in the engine: " + OperationInstrumentation.latest);
        java.util.Set<String> operationLevel = java.util.Set.of("createState", "createStateAsync", "beginExecution", "beginParse",
                "beginValidation", "beginExecuteOperation", "instrumentExecutionInput", "instrumentDocumentAndVariables", "instrumentSchema",
                "instrumentExecutionContext", "instrumentExecutionResult", "getDocumentAsync");
        for (String name : OperationInstrumentation.OPERATION_LEVEL_ELSEWHERE) {
            for (java.lang.reflect.Method m : Class.forName(name).getDeclaredMethods()) {
                assertTrue(m.isSynthetic() || java.lang.reflect.Modifier.isPrivate(m.getModifiers()) || operationLevel.contains(m.getName()),
                        name + " now observes fields (" + m.getName() + "): take it out of OPERATION_LEVEL_ELSEWHERE");
            }
        }
    }

    /** EventLoops: a context's duplicate unwraps to its event loop's context. */
    @Test
    void duplicatesOfOneEventLoopShareTheirKey() {
        Context context = vertx.getOrCreateContext();
        Context duplicate = ((ContextInternal) context).duplicate();
        assertNotEquals(EventLoops.of(null), EventLoops.of(context), "contexts are no longer told apart");
        assertEquals(EventLoops.of(context), EventLoops.of(duplicate), "a duplicate no longer leads to its event loop");
    }

    private static String fetcher(GraphQLSchema schema, String type, String field) {
        GraphQLObjectType object = schema.getObjectType(type);
        DataFetcher<?> fetcher = schema.getCodeRegistry().getDataFetcher(FieldCoordinates.coordinates(type, field), object.getFieldDefinition(field));
        return fetcher.getClass().getName().substring(fetcher.getClass().getPackageName().length() + 1);
    }

    /**
     * GraphQLHttp: the POSTs it takes are answered as the extension's handler answers them (status,
     * content type, body), and it takes them. The same body with a trailing line break goes to the
     * extension's handler (a raw line break is what it leaves to it), which is how the two are compared.
     */
    @Test
    void theFrontAnswersAsTheExtensionDoes() {
        String code = Fixtures.code("front");
        String county = Fixtures.grid(null, code, "前台县", "COUNTY");
        Fixtures.grid(county, Fixtures.code("c"), "前台镇", "TOWNSHIP");
        String compiled = "{\"query\":\"query($c: String) { grid(code: $c) { __typename name kind children { totalCount edges { node { code name } } } } }\","
                + "\"variables\":{\"c\":\"" + code + "\"}}";
        java.util.List<String> bodies = java.util.List.of(compiled,
                "{\"query\":\"{ grid(code: \\\"no-such-grid\\\") { name } }\"}",
                "{\"query\":\"{ nope }\"}",
                "{\"query\":\"query A { __typename } query B { __typename }\",\"operationName\":\"B\"}",
                "{\"query\":\"mutation { retireGrid(id: \\\"0\\\") { id } }\"}",
                "[1]", "{}");
        java.util.List<String> accepts = java.util.Arrays.asList(null, "application/json", "*/*", "application/graphql-response+json",
                "text/html", "application/json; charset=ISO-8859-1");
        double taken = meters.counter("wangge.graphql.front").count();
        int expectTaken = 0;
        for (String body : bodies) {
            for (String accept : accepts) {
                Response front = postRaw(body, accept, false);
                Response extension = postRaw(body, accept, true);
                String what = body + " accepting " + accept;
                boolean answers = accept == null || !accept.contains("html") && !accept.contains("8859");
                if (answers && !body.contains("query")) {
                    // not a GraphQL request (not an object, or no query): 400, where the extension answers 200 with errors
                    assertEquals(400, front.statusCode(), what);
                    assertEquals("BAD_REQUEST", front.jsonPath().getString("errors[0].extensions.code"), what);
                    expectTaken += body.startsWith("{") ? 1 : 0; // an object is taken, and refused for its missing query
                    continue;
                }
                // GraphQL over HTTP where the extension differs: application/json when the client names no type; with
                // application/graphql-response+json, a request error (no data) is 400
                io.vertx.core.json.JsonObject answer = extension.asString().isBlank() ? new io.vertx.core.json.JsonObject()
                        : new io.vertx.core.json.JsonObject(extension.asString());
                boolean requestError = !extension.asString().isBlank() && !answer.containsKey("data");
                int status = answers && accept != null && accept.startsWith("application/graphql-response+json") && requestError
                        ? 400 : extension.statusCode();
                assertEquals(status, front.statusCode(), what);
                if (answers && (accept == null || accept.equals("*/*"))) {
                    assertTrue(front.contentType().startsWith("application/json"), what + ": " + front.contentType());
                } else {
                    assertEquals(extension.contentType(), front.contentType(), what);
                }
                assertEquals(tree(extension.asString()), tree(front.asString()), what);
                expectTaken += answers ? 1 : 0;
            }
        }
        assertEquals(taken + expectTaken, meters.counter("wangge.graphql.front").count(), "the requests the front takes, and only those");
        // what the extension's handler fails on with an exception: 400, BAD_REQUEST
        for (String member : java.util.List.of("\"variables\":[1]", "\"extensions\":\"x\"", "\"operationName\":2")) {
            Response bad = postRaw("{\"query\":\"{ __typename }\"," + member + "}", null);
            assertEquals(400, bad.statusCode(), member);
            assertEquals("BAD_REQUEST", bad.jsonPath().getString("errors[0].extensions.code"), member);
        }
        assertTrue(postRaw(compiled, null).asString().startsWith("{\"data\":{\"grid\":{\"__typename\":\"Grid\",\"name\":\"前台县\""),
                "a compiled answer is written as built, without blanks");
    }

    private Response postRaw(String body, String accept) {
        return postRaw(body, accept, false);
    }

    /** {@code extension}: past the front, to the extension's handler (X-Wangge-Front: pass). */
    private Response postRaw(String body, String accept, boolean extension) {
        var request = given().port(port).header("Authorization", "Bearer " + ADMIN.token()).contentType(ContentType.JSON).body(body);
        if (extension) {
            request = request.header("X-Wangge-Front", "pass");
        }
        if (accept != null) {
            request = request.header("Accept", accept);
        }
        return request.post("/graphql");
    }

    private static Object tree(String json) {
        try {
            // every answer has its own request id
            return json.isEmpty() ? "" : new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.replaceAll("\"requestId\":\"\\w+\"", "\"requestId\":\"\""));
        } catch (java.io.IOException e) {
            return json;
        }
    }
}
