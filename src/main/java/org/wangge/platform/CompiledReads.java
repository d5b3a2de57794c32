package org.wangge.platform;

import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.execution.ExecutionContext;
import graphql.execution.AsyncExecutionStrategy;
import graphql.execution.ExecutionStrategyParameters;
import graphql.language.OperationDefinition;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import graphql.language.Document;
import graphql.language.VariableDefinition;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.Unremovable;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;
import org.wangge.common.Clock;
import org.wangge.common.Sql;
import org.wangge.reads.ReadCompiler;
import org.wangge.reads.ReadCompiler.NotCompiled;
import org.wangge.reads.ReadCompiler.Plan;
import org.wangge.security.Caller;
import org.wangge.security.Capability;

/**
 * Answers the query operations that {@link ReadCompiler} compiles with one SQL statement in which
 * PostgreSQL builds the {@code data}. It runs inside graphql-java, as its query execution strategy:
 * every document has been parsed, validated, limited (depth, complexity, cost) and its operation
 * chosen by then, and fragments, directives and variables are resolved in the normalized
 * operation it compiles. Anything it does not compile, a grid not found, or a caller who may not
 * read the whole subtree goes to the executor unchanged. Counted per path in
 * {@code wangge.reads{path}}.
 *
 * <p>Plans are kept per parsed document (the one SmallRye's document cache hands out again for the
 * same text, held weakly) and per operation and shape of the variables, and so is the finding that
 * an operation is not compiled: the normalized operation and the compile are paid once per
 * document, as parse and validation are.
 */
@Singleton
// nothing injects it: the strategy looks it up, which the build's removal of unused beans does not see
@Unremovable
public class CompiledReads {

    private static final Logger LOG = Logger.getLogger(CompiledReads.class);
    private static final AtomicLong FAILURES = new AtomicLong();

    /**
     * A compiled read that failed (its statement refused, the path broken by an upgrade): the
     * executor answers, and the log says so at the 1st, 2nd, 4th, 8th… failure, never silently and
     * never once per request.
     */
    static void failed(Throwable failure) {
        long n = FAILURES.incrementAndGet();
        if (Long.bitCount(n) == 1) {
            LOG.warnf(failure, "A compiled read failed (%d so far); the executor answered instead", n);
        }
    }

    /** What is known of an operation of a shape: the executor answers it, whatever the values. */
    private static final Object NOT_COMPILED = new Object();
    /** Shapes kept per document: a document has a few (variables given or not, the Booleans of its directives). */
    private static final int SHAPES_PER_DOCUMENT = 32;

    private final Cache<Document, Map<String, Object>> plans = Caffeine.newBuilder().weakKeys().maximumSize(5_000).build();
    private final AtomicLong plansMade = new AtomicLong();
    private final Sql sql;
    private final Clock clock;
    private final Counter compiled;
    private final Counter executed;
    private volatile boolean enabled;

    public CompiledReads(Sql sql, Clock clock, MeterRegistry meters, PlatformSwitches switches) {
        this.sql = sql;
        this.clock = clock;
        this.enabled = switches.compiledReads();
        this.compiled = Counter.builder("wangge.reads").tag("path", "compiled")
                .description("GraphQL reads answered by one compiled statement or by the executor").register(meters);
        this.executed = Counter.builder("wangge.reads").tag("path", "executed").register(meters);
    }

    /** Turned off, every query goes to the executor (tests compare the two answers). */
    void enabled(boolean on) {
        enabled = on;
    }

    /** The compiled answer, or null (at once or when the statement has run) for the executor to give. */
    CompletableFuture<ExecutionResult> answer(ExecutionContext context) {
        if (!enabled || context.getOperationDefinition().getOperation() != OperationDefinition.Operation.QUERY) {
            return null;
        }
        Caller caller = SharedDataFetchers.caller(context.getGraphQLContext());
        if (!caller.mayAnywhere(Capability.CASES_READ) || !caller.mayAnywhere(Capability.STAFF_READ)) {
            // the compiled answer could never be used
            executed.increment();
            return null;
        }
        if (!mayCompile(context.getOperationDefinition().getSelectionSet())) {
            // another root field: graphql-java's normalized operation is not made for nothing (for
            // a case list it is the largest allocation of the request)
            executed.increment();
            return null;
        }
        Map<String, Object> variables = context.getCoercedVariables().toMap();
        Plan plan = plan(context, variables);
        List<Object> params;
        try {
            params = plan == null ? null : plan.params(variables, clock.today(), clock.now());
        } catch (NotCompiled byValue) {
            params = null;
        }
        if (params == null || plan.needs().stream().anyMatch(need -> !caller.mayAnywhere(need))) {
            executed.increment();
            return null;
        }
        return sql.one(plan.sql(), Tuple.from(params), row -> row)
                .map(row -> result(caller, plan, row))
                .onFailure().recoverWithItem(failure -> {
                    failed(failure);
                    return null;
                })
                .subscribeAsCompletionStage();
    }

    /** The operation's plan, kept or made now; null when the executor answers it. */
    private Plan plan(ExecutionContext context, Map<String, Object> variables) {
        Map<String, Object> known = plans.get(context.getDocument(), document -> new ConcurrentHashMap<>());
        String shape = shape(context.getOperationDefinition(), variables);
        Object kept = known.get(shape);
        if (kept != null) {
            return kept == NOT_COMPILED ? null : (Plan) kept;
        }
        plansMade.incrementAndGet();
        Object made;
        try {
            made = ReadCompiler.compile(context.getNormalizedQueryTree().get(), variables);
        } catch (NotCompiled notCompiled) {
            if (notCompiled.byValue()) {
                // another value of that variable may compile: nothing is kept
                return null;
            }
            made = NOT_COMPILED;
        } catch (RuntimeException notNormalized) {
            // a document the normalizer does not take: the executor answers, with its errors
            return null;
        }
        if (known.size() < SHAPES_PER_DOCUMENT && (made == NOT_COMPILED || ((Plan) made).reusable())) {
            known.put(shape, made);
        }
        return made == NOT_COMPILED ? null : (Plan) made;
    }

    /**
     * What a plan depends on besides the document: the operation, and per declared variable
     * whether it is given, null, an empty list, which Boolean or which number, and which type a
     * global id names unless a grid (directives, the filters written and the page sizes follow
     * these; every other value is a parameter of the statement).
     */
    static String shape(OperationDefinition operation, Map<String, Object> variables) {
        StringBuilder out = new StringBuilder(operation.getName() == null ? "" : operation.getName()).append(' ');
        for (VariableDefinition v : operation.getVariableDefinitions()) {
            Object value = variables.get(v.getName());
            out.append(value instanceof Boolean b ? (b ? 't' : 'f') : value instanceof java.util.Collection<?> c && c.isEmpty() ? 'e'
                    : value != null ? 'v' : variables.containsKey(v.getName()) ? 'n' : 'a');
            if (value instanceof Number n) {
                // page sizes are written into the statement
                out.append(n).append(';');
            }
            if (value instanceof String text) {
                // the type a global id names, but a grid's: node(id:) compiles for a grid's only, and
                // another type's is known once per document and type
                org.wangge.common.NodeType.Decoded id = org.wangge.common.NodeType.decode(text);
                if (id != null && id.type() != org.wangge.common.NodeType.GRID) {
                    out.append(id.type().ordinal()).append(';');
                }
            }
        }
        return out.toString();
    }

    /** A kept plan of the operation of that name, or null (tests: what PostgreSQL makes of its statement). */
    Plan kept(String operationName) {
        for (Map<String, Object> shapes : plans.asMap().values()) {
            for (Map.Entry<String, Object> shape : shapes.entrySet()) {
                if (shape.getKey().startsWith(operationName + " ") && shape.getValue() instanceof Plan plan) {
                    return plan;
                }
            }
        }
        return null;
    }

    /** How many plans were made (tests: a document's second request makes none). */
    long plansMade() {
        return plansMade.get();
    }

    /** False when a root field written in the operation is one the compiler never takes; fragments decide later. */
    private static boolean mayCompile(graphql.language.SelectionSet roots) {
        for (graphql.language.Selection<?> selection : roots.getSelections()) {
            if (selection instanceof graphql.language.Field field && !ReadCompiler.ROOT_FIELDS.contains(field.getName())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The statement reads the whole subtree's cases and staff, and the houses and units when asked:
     * used only for callers who may read all of them there (the Case, StaffAssignment and resident
     * rules), only when every grid was found, and only when the caller reads residents wherever a
     * resident or household it shows lies outside the roots (the Person and Household rules).
     */
    private ExecutionResult result(Caller caller, Plan plan, Row row) {
        List<String> roots = row == null ? null : java.util.Arrays.asList(row.getArrayOfStrings(0));
        if (roots == null || roots.contains(null)) {
            executed.increment();
            return null;
        }
        for (String root : roots) {
            if (!caller.may(Capability.CASES_READ, root) || !caller.may(Capability.STAFF_READ, root)
                    || plan.needs().stream().anyMatch(need -> !caller.may(need, root))) {
                executed.increment();
                return null;
            }
        }
        for (String path : row.getArrayOfStrings(2)) {
            if (path == null || !caller.may(Capability.RESIDENTS_READ, path)) {
                executed.increment();
                return null;
            }
        }
        compiled.increment();
        // a JSON-P value (a map would be converted value by value), written out as built by GraphQLHttp
        return new ExecutionResultImpl(new CompiledJson(row.getString(1)), List.of());
    }

    /**
     * The query strategy: the compiled answer when there is one, else graphql-java's own (what the
     * engine SmallRye builds uses), with SmallRye's exception handler. It must be that strategy
     * itself, not a wrapper around it: graphql-java resolves every nested object, of queries and
     * mutations alike, through the query strategy's {@code executeObject}.
     */
    static final class Strategy extends AsyncExecutionStrategy {
        private volatile CompiledReads reads;

        Strategy() {
            super(new ExceptionHandler());
        }

        @Override
        public CompletableFuture<ExecutionResult> execute(ExecutionContext context, ExecutionStrategyParameters parameters) {
            CompletableFuture<ExecutionResult> answer;
            try {
                answer = reads().answer(context);
            } catch (RuntimeException e) {
                // never an error of this path's own: the executor answers, and the log says so
                failed(e);
                answer = null;
            }
            if (answer == null) {
                return super.execute(context, parameters);
            }
            return answer.thenCompose(result -> result != null ? CompletableFuture.completedFuture(result) : super.execute(context, parameters));
        }

        private CompiledReads reads() {
            CompiledReads known = reads;
            if (known == null) {
                // the engine is built before the bean container is asked for anything
                known = Arc.container().instance(CompiledReads.class).get();
                reads = known;
            }
            return known;
        }
    }
}
