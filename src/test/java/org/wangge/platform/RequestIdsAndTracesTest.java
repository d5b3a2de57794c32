package org.wangge.platform;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.security.DevTokenResource;
import org.wangge.stats.DailyFigure;
import org.wangge.stats.StatsReader;
import org.wangge.Keys;

/** Request ids in headers, errors and logs; a span per GraphQL operation with its SQL beneath. */
@QuarkusTest
class RequestIdsAndTracesTest {

    private static final String ADMIN = DevTokenResource.sign("test-admin", "test-admin", Set.of("admin"));
    private static final String HEX32 = "[0-9a-f]{32}";

    @Inject
    KeptSpans spans;

    @Inject
    OpenTelemetry openTelemetry;

    private static Response post(String requestId, String query) {
        var spec = given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ADMIN)
                .body(Map.of("query", query));
        if (requestId != null) {
            spec = spec.header(RequestIds.HEADER, requestId);
        }
        return spec.post("/graphql");
    }

    @Test
    void everyErrorCarriesTheIdTheAnswerIsSentWith() {
        // resolver, validation and execution-limit errors alike
        String deep = "{ grid(code: \"411321\") { " + "parent { ".repeat(14) + "id" + " }".repeat(14) + " } }";
        for (String query : List.of("{ grid(id: \"" + Keys.id("Grid", 999999999) + "\") { id } }", "{ grid(code: \"411321\") { noSuchField } }", deep)) {
            Response response = post(null, query);
            String id = response.header(RequestIds.HEADER);
            assertTrue(id != null && id.matches(HEX32), id);
            assertEquals(id, response.jsonPath().getString("errors[0].extensions.requestId"), response.asString());
        }
        Response notFound = post(null, "{ grid(id: \"" + Keys.id("Grid", 999999999) + "\") { id } }");
        assertEquals("NOT_FOUND", notFound.jsonPath().getString("errors[0].extensions.code"), "the code stays");
        // each request its own
        assertNotEquals(notFound.header(RequestIds.HEADER), post(null, "{ grid(id: \"" + Keys.id("Grid", 999999999) + "\") { id } }").header(RequestIds.HEADER));
    }

    @Test
    void aSaneClientIdIsEchoedAnInsaneOneReplaced() {
        for (String sane : List.of("client-7f3a.b_9", "0c8f2a7e-3d41-4a3c-9a55-6f1d2b8e4c11", "x".repeat(64))) {
            Response response = post(sane, "{ grid(id: \"" + Keys.id("Grid", 999999999) + "\") { id } }");
            assertEquals(sane, response.header(RequestIds.HEADER));
            assertEquals(sane, response.jsonPath().getString("errors[0].extensions.requestId"));
        }
        for (String insane : List.of("x".repeat(65), "two words", "a;b=c", "<script>", "\u00e9t\u00e9")) {
            Response response = post(insane, "{ grid(id: \"" + Keys.id("Grid", 999999999) + "\") { id } }");
            String id = response.header(RequestIds.HEADER);
            assertTrue(id != null && id.matches(HEX32), insane + " became " + id);
            assertEquals(id, response.jsonPath().getString("errors[0].extensions.requestId"));
        }
        // every answer has it, a 404 too
        assertEquals("client-1", given().header(RequestIds.HEADER, "client-1").get("/no/such/path").header(RequestIds.HEADER));
    }

    @Test
    void restErrorBodiesCarryTheRequestId() {
        Response response = given().header("Authorization", "Bearer " + ADMIN)
                .multiPart("file", "photo.jpg", "not a photo".getBytes(StandardCharsets.UTF_8), "image/jpeg")
                .post("/cases/not-a-number/attachments");
        assertEquals(400, response.statusCode(), response.asString());
        assertEquals("VALIDATION", response.jsonPath().getString("code"));
        String id = response.header(RequestIds.HEADER);
        assertTrue(id != null && id.matches(HEX32), id);
        assertEquals(id, response.jsonPath().getString("requestId"));

        Response refused = given().get("/attachments/" + java.util.UUID.randomUUID() + "?expires=1&sig=forged");
        assertEquals(403, refused.statusCode(), refused.asString());
        String refusedId = refused.header(RequestIds.HEADER);
        assertTrue(refusedId != null && refusedId.matches(HEX32), refusedId);
        assertEquals(refusedId, refused.jsonPath().getString("requestId"));
    }

    @Test
    void anInternalErrorIsAnsweredAndLoggedWithTheSameId() {
        String gridId = Gql.admin().ok("{ grid(code: \"411321\") { id } }").getString("grid.id");
        QuarkusMock.installMockForType(new StatsReader(null, null, null) {
            @Override
            public Uni<List<DailyFigure>> daily(long id, String path, LocalDate from, LocalDate to) {
                return Uni.createFrom().failure(new IllegalStateException("disk on fire"));
            }
        }, StatsReader.class);
        List<ExtLogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record instanceof ExtLogRecord ext && ext.getLoggerName().equals(OperationTelemetry.class.getName())) {
                    ext.copyMdc();
                    logged.add(ext);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.addHandler(capture);
        Response response;
        try {
            response = post(null, "{ dailyFigures(gridId: \"" + gridId + "\", from: \"2024-01-01\", to: \"2024-01-31\") { day } }");
        } finally {
            root.removeHandler(capture);
        }
        String id = response.header(RequestIds.HEADER);
        assertEquals("Internal error", response.jsonPath().getString("errors[0].message"), response.asString());
        assertFalse(response.asString().contains("disk on fire"), "no internals sent");
        assertEquals(id, response.jsonPath().getString("errors[0].extensions.requestId"));
        assertEquals(1, logged.size(), "one line for the one internal error");
        assertEquals(id, logged.get(0).getMdc(RequestIds.KEY), "the log line carries the id the client saw");
        assertEquals("disk on fire", logged.get(0).getThrown().getMessage());
    }

    @Test
    void aNamedOperationIsASpanWithItsStatementsBeneath() {
        spans.clear();
        // parent is not one of the fields the compiled reads take: this goes to the executor
        Response response = post(null, "query GridPage { grid(code: \"411321\") { id parent { id } children(first: 5) { totalCount } } }");
        response.then().statusCode(200);
        String traceId = response.header(RequestIds.HEADER);

        List<SpanData> ended = spans.all(openTelemetry);
        SpanData operation = ended.stream().filter(s -> s.getName().equals("query GridPage")).findFirst()
                .orElseThrow(() -> new AssertionError("no span 'query GridPage' in " + ended.stream().map(SpanData::getName).toList()));
        assertEquals(traceId, operation.getTraceId(), "while tracing, the request id is the trace id");
        assertEquals("query", operation.getAttributes().get(OperationTelemetry.OPERATION_TYPE));
        assertEquals("GridPage", operation.getAttributes().get(OperationTelemetry.OPERATION_NAME));
        List<SpanData> statements = ended.stream()
                .filter(s -> s.getKind() == SpanKind.CLIENT && s.getParentSpanId().equals(operation.getSpanId()))
                .filter(s -> s.getAttributes().asMap().keySet().stream().anyMatch(k -> k.getKey().startsWith("db.")))
                .toList();
        assertTrue(statements.size() >= 2, "the grid's statement and its children's: " + tree(ended));

        // background statements are left out by the application's sampler (RequestSamplerTest)
        assertTrue(((io.opentelemetry.sdk.OpenTelemetrySdk) openTelemetry).getSdkTracerProvider().getSampler().getDescription()
                .contains("RequestRoots"));

        // a compiled read is an operation like any other, its one statement beneath it
        spans.clear();
        post(null, "query GridCard { grid(code: \"411321\") { code children(first: 2) { totalCount } } }").then().statusCode(200);
        List<SpanData> compiled = spans.all(openTelemetry);
        SpanData card = compiled.stream().filter(s -> s.getName().equals("query GridCard")).findFirst()
                .orElseThrow(() -> new AssertionError(tree(compiled)));
        assertEquals(1, compiled.stream().filter(s -> s.getKind() == SpanKind.CLIENT && s.getParentSpanId().equals(card.getSpanId())).count(),
                tree(compiled));

        // an anonymous operation is named by its type
        spans.clear();
        post(null, "{ myGrids { id } }").then().statusCode(200);
        assertTrue(spans.all(openTelemetry).stream().anyMatch(s -> s.getName().equals("query")));

        // a write's statements, Hibernate Reactive's included, hang beneath its mutation too
        spans.clear();
        given().contentType(ContentType.JSON).header("Authorization", "Bearer " + ADMIN)
                .body(Map.of("query", "mutation NewGrid($input: CreateGridInput!) { createGrid(input: $input) { id } }",
                        "variables", Map.of("input", Fixtures.input(null, Fixtures.code("traced"), "traced", "COUNTY"))))
                .post("/graphql").then().statusCode(200).body("errors", org.hamcrest.Matchers.nullValue());
        List<SpanData> written = spans.all(openTelemetry);
        SpanData mutation = written.stream().filter(s -> s.getName().equals("mutation NewGrid")).findFirst()
                .orElseThrow(() -> new AssertionError(tree(written)));
        assertTrue(written.stream().anyMatch(s -> s.getParentSpanId().equals(mutation.getSpanId()) && s.getName().startsWith("INSERT grid")),
                tree(written));
    }

    /** Each span's name and its parent's, for failure messages. */
    private static String tree(List<SpanData> spans) {
        Map<String, String> names = new java.util.HashMap<>();
        spans.forEach(s -> names.put(s.getSpanId(), s.getName()));
        return spans.stream().map(s -> s.getName() + " <- " + names.getOrDefault(s.getParentSpanId(), "(none)")).toList().toString();
    }
}
