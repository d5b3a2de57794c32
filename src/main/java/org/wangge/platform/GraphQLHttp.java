package org.wangge.platform;

import graphql.ErrorType;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.smallrye.graphql.runtime.SmallRyeGraphQLAbstractHandler;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.ExecutionResponseWriter;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.MIMEHeader;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.jboss.logging.Logger;
import org.wangge.common.ErrorCode;

/**
 * Takes the common GraphQL request, a POST of one JSON object, ahead of the smallrye-graphql
 * extension's handler and answers it as that handler does: the same execution service, identity,
 * request context, content type and status codes. Two things differ. The body is parsed as it is
 * (the extension first runs a regular expression over every body, to tolerate raw line breaks that
 * JSON does not allow), and a compiled read's {@code data} ({@link CompiledJson}) is written out as
 * PostgreSQL built it rather than parsed into JSON-P and written again. Anything else (GET,
 * {@code application/graphql}, query parameters, a body with raw line breaks or tabs or that is
 * not one JSON object with a query, another Accept or charset) goes on to the extension's handler
 * unchanged.
 */
@Singleton
public class GraphQLHttp {

    private static final Logger LOG = Logger.getLogger(GraphQLHttp.class);
    private static final String INPUT = GraphQLHttp.class.getName() + ".input";
    private static final String CONTENT_TYPE = "content-type-answered";
    // the extension's default answer type and the ones it accepts
    private static final String DEFAULT_TYPE = "application/graphql-response+json; charset=UTF-8";
    private static final List<String> ANSWER_TYPES = List.of("application/json", "application/graphql-response+json",
            "application/graphql+json");
    private static final List<String> PARAMETERS = List.of("query", "operationName", "variables", "extensions");

    void route(@Observes Router router, PlatformSwitches switches, MeterRegistry meters) {
        if (!switches.httpFront()) {
            return;
        }
        Counter taken = Counter.builder("wangge.graphql.front").description("GraphQL POSTs answered ahead of the extension's handler")
                .register(meters);
        Front front = new Front(Arc.container().instance(CurrentIdentityAssociation.class).get(),
                Arc.container().instance(CurrentVertxRequest.class).get());
        router.post("/graphql").order(GraphQLRoutes.FRONT).handler(ctx -> {
            String type = answerType(ctx);
            JsonObject input = type == null ? null : input(ctx);
            if (input == null) {
                ctx.next();
                return;
            }
            String bad = malformed(input);
            if (bad != null) {
                // the extension's handler would fail with an exception here
                taken.increment();
                ctx.response().setStatusCode(400).putHeader(HttpHeaders.CONTENT_TYPE, type).end(badRequest(bad));
                return;
            }
            ctx.put(INPUT, input);
            ctx.put(CONTENT_TYPE, type);
            taken.increment();
            front.handle(ctx);
        });
    }

    /** The request as a JSON object with a query, or null: the extension's handler takes it. */
    private static JsonObject input(RoutingContext ctx) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !contentType.isEmpty() && !contentType.startsWith("*/*") && !contentType.startsWith("application/json")) {
            return null;
        }
        for (String parameter : PARAMETERS) {
            if (!ctx.queryParam(parameter).isEmpty()) {
                return null;
            }
        }
        String body = ctx.body() == null ? null : ctx.body().asString();
        if (body == null || body.isEmpty() || rawBreaks(body)) {
            return null;
        }
        try (JsonReader reader = CompiledJson.READER.createReader(new StringReader(body))) {
            JsonValue value = reader.readValue();
            if (value instanceof JsonObject object && object.get("query") instanceof jakarta.json.JsonString) {
                return object;
            }
            return null;
        } catch (JsonException | IllegalStateException notJson) {
            return null;
        }
    }

    /** What is wrong with the request's members (GraphQL over HTTP: variables and extensions are maps, operationName a string), or null. */
    private static String malformed(JsonObject input) {
        JsonValue operationName = input.get("operationName");
        if (operationName != null && operationName.getValueType() != JsonValue.ValueType.STRING
                && operationName.getValueType() != JsonValue.ValueType.NULL) {
            return "operationName must be a string";
        }
        for (String map : List.of("variables", "extensions")) {
            JsonValue value = input.get(map);
            if (value != null && value.getValueType() != JsonValue.ValueType.OBJECT && value.getValueType() != JsonValue.ValueType.NULL) {
                return map + " must be an object";
            }
        }
        return null;
    }

    private static Buffer badRequest(String message) {
        return Buffer.buffer(jakarta.json.Json.createObjectBuilder()
                .add("errors", jakarta.json.Json.createArrayBuilder().add(jakarta.json.Json.createObjectBuilder()
                        .add("message", message)
                        .add("extensions", jakarta.json.Json.createObjectBuilder().add("code", ErrorCode.BAD_REQUEST.name()))))
                .build().toString());
    }

    private static boolean rawBreaks(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\n' || c == '\t' || c == '\r') {
                return true;
            }
        }
        return false;
    }

    /** The answer's content type as the extension chooses it from Accept, or null (it answers 406, or another charset). */
    private static String answerType(RoutingContext ctx) {
        List<MIMEHeader> accept = ctx.parsedHeaders() == null ? null : ctx.parsedHeaders().accept();
        if (accept == null || accept.isEmpty()) {
            return DEFAULT_TYPE;
        }
        for (MIMEHeader a : accept) {
            String raw = a.rawValue();
            if (ANSWER_TYPES.stream().anyMatch(raw::startsWith)) {
                int charset = raw.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
                return charset < 0 || raw.substring(charset + 8).trim().equalsIgnoreCase("utf-8") ? raw : null;
            }
            if (raw.startsWith("*/*")) {
                return DEFAULT_TYPE;
            }
        }
        return null;
    }

    private static final class Front extends SmallRyeGraphQLAbstractHandler {

        Front(CurrentIdentityAssociation identity, CurrentVertxRequest request) {
            super(identity, request, false);
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            ctx.response().headers().set(HttpHeaders.CONTENT_TYPE, (String) ctx.get(CONTENT_TYPE));
            getExecutionService().executeAsync((JsonObject) ctx.get(INPUT), getMetaData(ctx), new Writer(ctx));
        }
    }

    private record Writer(RoutingContext ctx) implements ExecutionResponseWriter {

        @Override
        public void write(ExecutionResponse answer) {
            ExecutionResult result = answer.getExecutionResult();
            if (aborted(result)) {
                // as the extension's handler answers an aborted execution
                result.getErrors().stream().filter(e -> e.getErrorType() == ErrorType.ExecutionAborted)
                        .forEach(e -> LOG.error("Execution aborted", e instanceof Throwable t ? t : null));
                ctx.response().setStatusCode(500).end();
                return;
            }
            Buffer body = result.getData() instanceof CompiledJson compiled && result.getErrors().isEmpty()
                    && (result.getExtensions() == null || result.getExtensions().isEmpty())
                    ? compiled.response()
                    : Buffer.buffer(answer.getExecutionResultAsString());
            ctx.response().setStatusCode(200).setStatusMessage("OK").end(body);
        }

        @Override
        public void fail(Throwable failure) {
            ctx.fail(failure);
        }

        private static boolean aborted(ExecutionResult result) {
            if (!result.isDataPresent()) {
                return false;
            }
            for (GraphQLError error : result.getErrors()) {
                if (error.getErrorType() == ErrorType.ExecutionAborted) {
                    return true;
                }
            }
            return false;
        }
    }
}
