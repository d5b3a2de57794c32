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
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.List;
import org.jboss.logging.Logger;
import org.wangge.common.ErrorCode;
import org.wangge.documents.DocumentReader;
import org.wangge.documents.DocumentService;
import org.wangge.documents.DocumentSettings;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Takes the common GraphQL requests ahead of the smallrye-graphql extension's handler and answers
 * them as that handler does: the same execution service, identity, request context, content type
 * and status codes. What it adds:
 * <ul>
 * <li>Automatic Persisted Queries (Apollo's protocol): {@code extensions.persistedQuery} with a
 * {@code sha256Hash} and no query runs the document kept under that hash, or answers
 * {@code PersistedQueryNotFound} (404, {@code PERSISTED_QUERY_NOT_FOUND}); with the query, the hash
 * is checked and the document kept once it has run without a syntax or validation error
 * ({@code documents.DocumentService}, in PostgreSQL for every instance).</li>
 * <li>GET for queries, as GraphQL over HTTP describes ({@code query}, {@code operationName},
 * {@code variables} and {@code extensions} as parameters, the last two JSON); a mutation asked by
 * GET is refused with 405.</li>
 * <li>Trusted documents: a client named in {@code wangge.documents.trusted-clients} runs only the
 * documents of its manifest, by hash; anything else from it is refused with 403
 * ({@code PERSISTED_QUERY_REQUIRED}).</li>
 * <li>A request whose members have the wrong type is refused with 400 ({@code BAD_REQUEST}), where
 * the extension fails with an exception.</li>
 * <li>The body is parsed as it is (the extension first runs a regular expression over every body,
 * to tolerate raw line breaks that JSON does not allow), and a compiled read's {@code data}
 * ({@link CompiledJson}) is written out as PostgreSQL built it rather than parsed into JSON-P and
 * written again.</li>
 * <li>GraphQL over HTTP, as its audit (npm graphql-http) checks it: no Accept or {@code *}{@code /*}
 * is answered as {@code application/json}; a POST without a content type is refused with 415; a
 * body that is not JSON, not an object, or has no query, 400; with {@code
 * application/graphql-response+json}, a request error (the document does not parse or validate,
 * the variables do not coerce: no data at all) is 400.</li>
 * </ul>
 * Anything else ({@code application/graphql}, POSTs with query parameters, another Accept or
 * charset, socket upgrades, and requests with {@code X-Wangge-Front: pass}, which
 * PlatformSeamTest compares with) goes on to the extension's handler unchanged.
 */
@Singleton
public class GraphQLHttp {

    private static final Logger LOG = Logger.getLogger(GraphQLHttp.class);
    private static final String INPUT = GraphQLHttp.class.getName() + ".input";
    private static final String CONTENT_TYPE = GraphQLHttp.class.getName() + ".type";
    private static final String KEEP = GraphQLHttp.class.getName() + ".keep";
    // the answer type when the client names none (GraphQL over HTTP: application/json), and the ones the extension accepts
    private static final String DEFAULT_TYPE = "application/json; charset=UTF-8";
    private static final String RESPONSE_TYPE = "application/graphql-response+json";
    /** A request with this header and the value {@code pass} goes to the extension's handler as it is. */
    static final String PASS = "X-Wangge-Front";
    private static final List<String> ANSWER_TYPES = List.of("application/json", "application/graphql-response+json",
            "application/graphql+json");
    private static final List<String> PARAMETERS = List.of("query", "operationName", "variables", "extensions");
    private static final java.util.regex.Pattern HASH = java.util.regex.Pattern.compile("[0-9a-f]{64}");
    private static final jakarta.json.spi.JsonProvider JSON = jakarta.json.spi.JsonProvider.provider();

    private final DocumentReader documents;
    private final DocumentService keeper;
    /** Documents asked by GET, parsed to see whether the operation only reads. */
    private final Cache<String, Document> parsed = Caffeine.newBuilder().maximumSize(1_000).build();
    private Front front;

    private final java.util.Set<String> trustedClients;

    public GraphQLHttp(DocumentReader documents, DocumentService keeper, DocumentSettings settings) {
        this.documents = documents;
        this.keeper = keeper;
        this.trustedClients = settings.trustedClients().orElse(java.util.Set.of());
    }

    void route(@Observes Router router, PlatformSwitches switches, MeterRegistry meters) {
        boolean on = switches.httpFront();
        if (!on && trustedClients.isEmpty()) {
            return;
        }
        Counter taken = Counter.builder("wangge.graphql.front").description("GraphQL requests answered ahead of the extension's handler")
                .register(meters);
        front = new Front(Arc.container().instance(CurrentIdentityAssociation.class).get(),
                Arc.container().instance(CurrentVertxRequest.class).get(), keeper);
        // switched off, the route only holds trusted clients to their manifests
        router.post("/graphql").order(GraphQLRoutes.FRONT).handler(ctx -> {
            String type = answerType(ctx);
            if (!on || type == null || "pass".equals(ctx.request().getHeader(PASS))) {
                passOn(ctx, type);
                return;
            }
            String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
            if (contentType == null || !contentType.startsWith("application/json") && !contentType.startsWith("application/graphql")) {
                // none, or one that is no GraphQL request (text/plain, a form): as the spec asks, not guessed at
                refuse(ctx, type, 415, ErrorCode.BAD_REQUEST, "Send the request as application/json");
                return;
            }
            if (!contentType.startsWith("application/json") || PARAMETERS.stream().anyMatch(p -> !ctx.queryParam(p).isEmpty())) {
                passOn(ctx, type);
                return;
            }
            JsonValue body = postBody(ctx);
            if (!(body instanceof JsonObject input)) {
                refuse(ctx, type, 400, ErrorCode.BAD_REQUEST, body == null ? "The body is not JSON" : "The body must be a JSON object");
                return;
            }
            taken.increment();
            answer(ctx, input, type, false);
        });
        router.get("/graphql").order(GraphQLRoutes.FRONT).handler(ctx -> {
            String type = answerType(ctx);
            if (ctx.request().getHeader("Upgrade") != null) {
                ctx.next();
                return;
            }
            if (!on || type == null || "pass".equals(ctx.request().getHeader(PASS))
                    || ctx.queryParam("query").isEmpty() && ctx.queryParam("extensions").isEmpty()) {
                passOn(ctx, type);
                return;
            }
            taken.increment();
            answer(ctx, getInput(ctx), type, true);
        });
    }

    /**
     * A request left to the extension's handler, which knows nothing of manifests: a trusted
     * client's is refused here, whatever its form (a raw line break or {@code application/graphql}
     * must not be a way around its manifest).
     */
    private void passOn(RoutingContext ctx, String type) {
        if (trustedClient(ctx) != null) {
            refuse(ctx, type == null ? DEFAULT_TYPE : type, 403, ErrorCode.PERSISTED_QUERY_REQUIRED,
                    "This client runs only the documents of its manifest, asked by their hash in a JSON POST or a GET");
            return;
        }
        ctx.next();
    }

    /** The POSTed body as JSON, or null when it is not JSON. */
    private static JsonValue postBody(RoutingContext ctx) {
        String body = ctx.body() == null ? null : ctx.body().asString();
        if (body == null || body.isBlank()) {
            return null;
        }
        try (JsonReader reader = CompiledJson.READER.createReader(new StringReader(body))) {
            return reader.readValue();
        } catch (JsonException | IllegalStateException notJson) {
            return null;
        }
    }

    /** The request from a GET's parameters; variables and extensions that are not JSON objects are left for {@link #malformed}. */
    private static JsonObject getInput(RoutingContext ctx) {
        JsonObjectBuilder input = JSON.createObjectBuilder();
        for (String name : PARAMETERS) {
            List<String> values = ctx.queryParam(name);
            if (values.isEmpty() || values.get(0).isEmpty()) {
                continue;
            }
            String value = values.get(0);
            if (name.equals("variables") || name.equals("extensions")) {
                try (JsonReader reader = CompiledJson.READER.createReader(new StringReader(value))) {
                    input.add(name, reader.readValue());
                } catch (JsonException | IllegalStateException notJson) {
                    input.add(name, value);
                }
            } else {
                input.add(name, value);
            }
        }
        return input.build();
    }

    private static JsonValue persistedQuery(JsonObject input) {
        return input.get("extensions") instanceof JsonObject extensions ? extensions.get("persistedQuery") : null;
    }

    /** Refuses a malformed request, resolves a persisted query's hash, refuses a mutation asked by GET, or runs it. */
    private void answer(RoutingContext ctx, JsonObject input, String type, boolean get) {
        String bad = malformed(input);
        if (bad != null) {
            refuse(ctx, type, 400, ErrorCode.BAD_REQUEST, bad);
            return;
        }
        String client = trustedClient(ctx);
        if (client != null) {
            trusted(ctx, input, type, get, client);
            return;
        }
        JsonValue persisted = persistedQuery(input);
        boolean hasQuery = input.get("query") instanceof JsonString;
        if (persisted == null) {
            if (hasQuery) {
                run(ctx, input, type, get, null);
            } else {
                refuse(ctx, type, 400, ErrorCode.BAD_REQUEST, "query is required");
            }
            return;
        }
        String hash = hash(persisted);
        if (hash == null) {
            refuse(ctx, type, 400, ErrorCode.BAD_REQUEST, UNSUPPORTED);
            return;
        }
        if (hasQuery) {
            if (!DocumentService.hash(input.getString("query")).equals(hash)) {
                refuse(ctx, type, 400, ErrorCode.BAD_REQUEST, "provided sha does not match query");
                return;
            }
            run(ctx, input, type, get, hash);
            return;
        }
        String known = documents.remembered(hash);
        if (known != null) {
            run(ctx, withQuery(input, known), type, get, null);
            return;
        }
        documents.find(hash).subscribe().with(found -> {
            if (found == null) {
                // the message is what Apollo's clients look for before sending the document
                refuse(ctx, type, 404, ErrorCode.PERSISTED_QUERY_NOT_FOUND, "PersistedQueryNotFound");
            } else {
                run(ctx, withQuery(input, found), type, get, null);
            }
        }, ctx::fail);
    }

    private static final String UNSUPPORTED = "persistedQuery must have version 1 and a sha256Hash of 64 lower-case hex digits";

    private static String hash(JsonValue persisted) {
        return persisted instanceof JsonObject p && p.get("version") instanceof JsonNumber v && v.isIntegral() && v.intValue() == 1
                && p.get("sha256Hash") instanceof JsonString h && HASH.matcher(h.getString()).matches() ? h.getString() : null;
    }

    /** The caller's client ({@code azp}, else {@code client_id}) when it is one that runs only its manifest, else null. */
    private String trustedClient(RoutingContext ctx) {
        if (trustedClients.isEmpty() || !(ctx.user() instanceof QuarkusHttpUser user)
                || !(user.getSecurityIdentity().getPrincipal() instanceof JsonWebToken token)) {
            return null;
        }
        Object client = token.getClaim("azp");
        if (client == null) {
            client = token.getClaim("client_id");
        }
        return client != null && trustedClients.contains(client.toString()) ? client.toString() : null;
    }

    /** A trusted client's request: a hash of its manifest, or refused with 403 PERSISTED_QUERY_REQUIRED. */
    private void trusted(RoutingContext ctx, JsonObject input, String type, boolean get, String client) {
        JsonValue persisted = persistedQuery(input);
        String hash = persisted == null ? null : hash(persisted);
        if (hash == null) {
            refuse(ctx, type, persisted == null ? 403 : 400, persisted == null ? ErrorCode.PERSISTED_QUERY_REQUIRED : ErrorCode.BAD_REQUEST,
                    persisted == null ? "This client runs only the documents of its manifest, asked by their hash" : UNSUPPORTED);
            return;
        }
        documents.inManifest(client, hash).subscribe().with(found -> {
            if (found == null) {
                refuse(ctx, type, 403, ErrorCode.PERSISTED_QUERY_REQUIRED, "This document is not in the manifest of this client");
            } else {
                run(ctx, withQuery(input, found), type, get, null);
            }
        }, ctx::fail);
    }

    private static JsonObject withQuery(JsonObject input, String document) {
        return JSON.createObjectBuilder(input).add("query", document).build();
    }

    private void run(RoutingContext ctx, JsonObject input, String type, boolean get, String keep) {
        if (get && !onlyReads(input)) {
            ctx.response().putHeader(HttpHeaders.ALLOW, "POST");
            refuse(ctx, type, 405, ErrorCode.BAD_REQUEST, "only queries may be asked by GET; send mutations by POST");
            return;
        }
        ctx.put(INPUT, input);
        ctx.put(CONTENT_TYPE, type);
        if (keep != null) {
            ctx.put(KEEP, keep);
        }
        front.handle(ctx);
    }

    /** False for a mutation or subscription; a document that does not parse or name its operation is left to the executor's errors. */
    private boolean onlyReads(JsonObject input) {
        Document document;
        try {
            document = parsed.get(input.getString("query"), Parser::parse);
        } catch (RuntimeException invalid) {
            return true;
        }
        String name = input.get("operationName") instanceof JsonString n ? n.getString() : null;
        List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
        for (OperationDefinition operation : operations) {
            if (name == null ? operations.size() == 1 : name.equals(operation.getName())) {
                return operation.getOperation() == OperationDefinition.Operation.QUERY;
            }
        }
        return true;
    }

    /** What is wrong with the request's members (GraphQL over HTTP: variables and extensions are maps, operationName a string), or null. */
    private static String malformed(JsonObject input) {
        for (String text : List.of("query", "operationName")) {
            JsonValue value = input.get(text);
            if (value != null && value.getValueType() != JsonValue.ValueType.STRING && value.getValueType() != JsonValue.ValueType.NULL) {
                return text + " must be a string";
            }
        }
        for (String map : List.of("variables", "extensions")) {
            JsonValue value = input.get(map);
            if (value != null && value.getValueType() != JsonValue.ValueType.OBJECT && value.getValueType() != JsonValue.ValueType.NULL) {
                return map + " must be an object";
            }
        }
        return null;
    }

    private static void refuse(RoutingContext ctx, String type, int status, ErrorCode code, String message) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, type).end(Buffer.buffer(JSON.createObjectBuilder()
                .add("errors", JSON.createArrayBuilder().add(JSON.createObjectBuilder()
                        .add("message", message)
                        .add("extensions", JSON.createObjectBuilder().add("code", code.name()))))
                .build().toString()));
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
        private final DocumentService keeper;

        Front(CurrentIdentityAssociation identity, CurrentVertxRequest request, DocumentService keeper) {
            super(identity, request, false);
            this.keeper = keeper;
        }

        @Override
        protected void doHandle(RoutingContext ctx) {
            ctx.response().headers().set(HttpHeaders.CONTENT_TYPE, (String) ctx.get(CONTENT_TYPE));
            getExecutionService().executeAsync((JsonObject) ctx.get(INPUT), getMetaData(ctx), new Writer(ctx, keeper));
        }
    }

    private record Writer(RoutingContext ctx, DocumentService keeper) implements ExecutionResponseWriter {

        @Override
        public void write(ExecutionResponse answer) {
            ExecutionResult result = answer.getExecutionResult();
            keep(result);
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
            // GraphQL over HTTP: with its own media type, a request error (nothing executed: no data) is 400
            boolean requestError = !result.isDataPresent() && !result.getErrors().isEmpty()
                    && String.valueOf(ctx.response().headers().get(HttpHeaders.CONTENT_TYPE)).startsWith(RESPONSE_TYPE);
            ctx.response().setStatusCode(requestError ? 400 : 200).setStatusMessage(requestError ? "Bad Request" : "OK").end(body);
        }

        @Override
        public void fail(Throwable failure) {
            ctx.fail(failure);
        }

        /**
         * A persisted query's document is kept once it has run without a syntax or validation
         * error, for a signed-in caller: nobody fills the table with documents that never run.
         */
        private void keep(ExecutionResult result) {
            String hash = ctx.get(KEEP);
            boolean signedIn = ctx.user() instanceof QuarkusHttpUser user
                    && !user.getSecurityIdentity().isAnonymous();
            if (hash == null || !signedIn || result.getErrors().stream()
                    .anyMatch(e -> e.getErrorType() == ErrorType.ValidationError || e.getErrorType() == ErrorType.InvalidSyntax)) {
                return;
            }
            JsonObject input = ctx.get(INPUT);
            keeper.keep(hash, input.getString("query")).subscribe().with(kept -> {
            }, failure -> LOG.warnf(failure, "A persisted query was not kept; its client will send it again"));
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
