package org.wangge.reads;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
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
import org.wangge.common.Sql;
import org.wangge.reads.ReadCompiler.Inputs;
import org.wangge.reads.ReadCompiler.NotCompiled;
import org.wangge.reads.ReadCompiler.Plan;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;

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
    private static final Plan NOT_COMPILED = new Plan("", java.util.List.of(), 0, 0);

    private final Sql sql;
    private final Clock clock;
    private final int maxDepth;
    private final int maxComplexity;
    private final BodyHandler bodies;
    private final Cache<String, Plan> plans = Caffeine.newBuilder().maximumSize(2_000).build();
    private final Counter compiled;
    private final Counter executed;
    private volatile boolean enabled;

    public CompiledReads(Sql sql, Clock clock, MeterRegistry meters,
            @ConfigProperty(name = "wangge.reads.compiled", defaultValue = "true") boolean enabled,
            @ConfigProperty(name = "quarkus.smallrye-graphql.instrumentation-query-depth") Optional<Integer> maxDepth,
            @ConfigProperty(name = "quarkus.smallrye-graphql.instrumentation-query-complexity") Optional<Integer> maxComplexity,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10M") MemorySize maxBody) {
        this.sql = sql;
        this.clock = clock;
        this.enabled = enabled;
        this.maxDepth = maxDepth.orElse(Integer.MAX_VALUE);
        this.maxComplexity = maxComplexity.orElse(Integer.MAX_VALUE);
        this.bodies = BodyHandler.create(false).setBodyLimit(maxBody.asLongValue());
        this.compiled = Counter.builder("wangge.reads").tag("path", "compiled")
                .description("GraphQL reads answered by one compiled statement or by the executor").register(meters);
        this.executed = Counter.builder("wangge.reads").tag("path", "executed").register(meters);
    }

    void route(@Observes Router router) {
        // SmallRye's GraphQL route has order -99 (and the socket gate -101)
        router.post("/graphql").order(-100).handler(this::readBody).handler(this::answer);
    }

    /** Turned off, every query goes to the executor (tests compare the two answers). */
    void enabled(boolean on) {
        enabled = on;
    }

    private void readBody(RoutingContext ctx) {
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        boolean eligible = enabled && type != null && type.startsWith("application/json") && contentType(ctx) != null
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
            JsonObject body = ctx.body().asJsonObject();
            if (body == null || !(body.getValue("query") instanceof String query)
                    || !(body.getValue("operationName") == null || body.getValue("operationName") instanceof String)
                    || !(body.getValue("variables") == null || body.getValue("variables") instanceof JsonObject)) {
                throw new NotCompiled("request");
            }
            String operationName = body.getString("operationName");
            Plan plan = plans.get(operationName == null ? query : operationName + "\n" + query, k -> {
                try {
                    return ReadCompiler.compile(query, operationName);
                } catch (NotCompiled e) {
                    return NOT_COMPILED;
                }
            });
            if (plan == NOT_COMPILED || plan.depth() >= maxDepth || plan.fieldCount() >= maxComplexity) {
                throw new NotCompiled("plan");
            }
            JsonObject variables = body.getJsonObject("variables");
            Inputs inputs = new Inputs(variables == null ? Map.of() : variables.getMap(), clock.today(), clock.now());
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
        if (row == null || !caller.covers(row.getString(0))) {
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
        if (!accept.contains(",") && (accept.startsWith("application/json") || accept.startsWith("application/graphql-response+json"))) {
            return accept;
        }
        return null;
    }
}
