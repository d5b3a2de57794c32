package org.wangge.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.wangge.common.Clock;
import org.wangge.common.QueryCost;
import org.wangge.common.Sql;
import org.wangge.reads.ReadCompiler.Inputs;
import org.wangge.reads.ReadCompiler.NotCompiled;
import org.wangge.reads.ReadCompiler.Plan;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.CurrentCaller;
import org.wangge.reads.ReadCompiler;
import org.wangge.common.GraphQLLimits;

/**
 * Answers the read queries that {@link ReadCompiler} can compile with one SQL statement whose
 * result is the response, ahead of the GraphQL executor; every other request, and every compiled
 * one whose answer would be an error (grid not found, outside the caller's jurisdiction, an
 * argument the executor refuses), goes on to the executor unchanged. Counted per path in
 * {@code wangge.reads{path}}.
 */
@Singleton
public class CompiledReads {

    private static final String SKIP = "wangge.reads.skip";
    private static final String DEFAULT_CONTENT_TYPE = "application/graphql-response+json; charset=UTF-8";
    /** Queries that do not compile are remembered too, so that each is looked at once. */
    private static final Plan NOT_COMPILED = new Plan("", java.util.List.of(), 0, 0, null);
    /** Longer documents go to the executor: a plan is kept per distinct document, and they are short. */
    private static final int MAX_QUERY = 16_000;
    /** Made once: Json.createReader looks its provider up anew on every call. */
    private static final jakarta.json.JsonReaderFactory JSON = jakarta.json.Json.createReaderFactory(null);

    private final Sql sql;
    private final Clock clock;
    private final int maxDepth;
    private final int maxComplexity;
    private final long maxCost;
    private final BodyHandler bodies;

    private record Key(String operationName, String query) {
    }

    private final Cache<Key, Plan> plans = Caffeine.newBuilder().maximumSize(2_000).build();
    private final Counter compiled;
    private final Counter executed;
    private volatile boolean enabled;

    public CompiledReads(Sql sql, Clock clock, MeterRegistry meters,
            PlatformSwitches switches,
            @ConfigProperty(name = "quarkus.smallrye-graphql.instrumentation-query-depth") Optional<Integer> maxDepth,
            @ConfigProperty(name = "quarkus.smallrye-graphql.instrumentation-query-complexity") Optional<Integer> maxComplexity,
            GraphQLLimits limits) {
        this.sql = sql;
        this.clock = clock;
        this.enabled = switches.compiledReads();
        this.maxDepth = maxDepth.orElse(Integer.MAX_VALUE);
        this.maxComplexity = maxComplexity.orElse(Integer.MAX_VALUE);
        this.maxCost = limits.maxCost();
        this.bodies = BodyHandler.create(false).setBodyLimit(limits.maxBody().asLongValue());
        this.compiled = Counter.builder("wangge.reads").tag("path", "compiled")
                .description("GraphQL reads answered by one compiled statement or by the executor").register(meters);
        this.executed = Counter.builder("wangge.reads").tag("path", "executed").register(meters);
    }

    void route(@Observes Router router) {
        router.post("/graphql").order(GraphQLRoutes.COMPILED_READS).handler(this::readBody).handler(this::answer);
    }

    /** Turned off, every query goes to the executor (tests compare the two answers). */
    void enabled(boolean on) {
        enabled = on;
    }

    private void readBody(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        boolean eligible = enabled && type != null && type.startsWith("application/json") && utf8(type) && contentType(ctx) != null
                && ctx.request().getHeader(HttpHeaders.CONTENT_ENCODING) == null && ctx.request().params().isEmpty()
                && ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous();
        if (eligible) {
            bodies.handle(ctx);
        } else {
            ctx.put(SKIP, Boolean.TRUE);
            ctx.next();
        }
    }

    private void answer(RoutingContext ctx) {
        if (ctx.get(SKIP) != null) {
            ctx.next();
            return;
        }
        try {
            // read as the executor reads it (a strict JSON-P parser over the UTF-8 text): a body it
            // cannot read must get its answer, not ours
            jakarta.json.JsonObject body;
            try (jakarta.json.JsonReader reader = JSON.createReader(new java.io.StringReader(ctx.body().asString()))) {
                body = reader.readObject();
            }
            if (!(body.get("query") instanceof jakarta.json.JsonString q) || q.getString().length() > MAX_QUERY
                    || !(isNull(body.get("operationName")) || body.get("operationName") instanceof jakarta.json.JsonString)
                    || !(isNull(body.get("variables")) || body.get("variables") instanceof jakarta.json.JsonObject)) {
                throw new NotCompiled("request");
            }
            String query = q.getString();
            String operationName = isNull(body.get("operationName")) ? null : body.getString("operationName");
            Plan plan = plans.get(new Key(operationName, query), k -> {
                try {
                    return ReadCompiler.compile(query, operationName);
                } catch (NotCompiled e) {
                    return NOT_COMPILED;
                }
            });
            if (plan == NOT_COMPILED || plan.depth() >= maxDepth || plan.fieldCount() >= maxComplexity) {
                throw new NotCompiled("plan");
            }
            Map<String, Object> variables = isNull(body.get("variables")) ? Map.of() : plain(body.getJsonObject("variables"));
            // over the cost limit (or before the executor has made its schema): the executor refuses it
            graphql.schema.GraphQLSchema schema = CostLimit.schema();
            if (schema == null || QueryCost.of(schema, plan.document(), operationName, variables) > maxCost) {
                throw new NotCompiled("cost");
            }
            Inputs inputs = new Inputs(variables, clock.today(), clock.now());
            Tuple args = Tuple.tuple();
            for (ReadCompiler.Param p : plan.params()) {
                args.addValue(p.value(inputs));
            }
            Caller caller = CurrentCaller.of(((QuarkusHttpUser) ctx.user()).getSecurityIdentity());
            String contentType = contentType(ctx);
            sql.one(plan.sql(), args, row -> row).subscribe().with(row -> respond(ctx, caller, row, contentType), failure -> pass(ctx));
        } catch (RuntimeException e) {
            // NotCompiled, or a body that is not JSON: the executor answers, with its errors
            pass(ctx);
        }
    }

    private void respond(RoutingContext ctx, Caller caller, Row row, String contentType) {
        // The statement reads the whole subtree's cases and staff: only for callers who may read
        // all of them there (the Case and StaffAssignment rules); everyone else gets the executor.
        String root = row == null ? null : row.getString(0);
        if (root == null || !caller.may(Capability.CASES_READ, root) || !caller.may(Capability.STAFF_READ, root)) {
            pass(ctx);
            return;
        }
        compiled.increment();
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType).end("{\"data\":" + row.getString(1) + "}");
    }

    private void pass(RoutingContext ctx) {
        executed.increment();
        ctx.next();
    }

    /** The response type the executor would give (it echoes an acceptable Accept), null when unsure. */
    private static String contentType(RoutingContext ctx) {
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        if (accept == null || accept.isBlank() || accept.equals("*/*")) {
            return DEFAULT_CONTENT_TYPE;
        }
        if (!accept.contains(",") && utf8(accept)
                && (accept.startsWith("application/json") || accept.startsWith("application/graphql-response+json"))) {
            return accept;
        }
        return null;
    }

    /** No charset named, or UTF-8: the text is read and written as UTF-8 here. */
    private static boolean utf8(String mediaType) {
        int at = mediaType.toLowerCase(java.util.Locale.ROOT).indexOf("charset=");
        return at < 0 || mediaType.substring(at + 8).strip().replace("\"", "").toLowerCase(java.util.Locale.ROOT).startsWith("utf-8");
    }

    private static boolean isNull(jakarta.json.JsonValue value) {
        return value == null || value.getValueType() == jakarta.json.JsonValue.ValueType.NULL;
    }

    /** Variables as plain Java values: ints as Integer (larger or fractional numbers stay as they are, and go to the executor). */
    private static Map<String, Object> plain(jakarta.json.JsonObject object) {
        Map<String, Object> out = new java.util.HashMap<>();
        object.forEach((k, v) -> out.put(k, plain(v)));
        return out;
    }

    private static Object plain(jakarta.json.JsonValue value) {
        return switch (value.getValueType()) {
            case NULL -> null;
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case STRING -> ((jakarta.json.JsonString) value).getString();
            case NUMBER -> {
                jakarta.json.JsonNumber n = (jakarta.json.JsonNumber) value;
                yield n.isIntegral() && n.bigIntegerValue().bitLength() < 32 ? (Object) n.intValue() : n.bigDecimalValue();
            }
            case ARRAY -> ((jakarta.json.JsonArray) value).stream().map(CompiledReads::plain).toList();
            case OBJECT -> plain((jakarta.json.JsonObject) value);
        };
    }
}
