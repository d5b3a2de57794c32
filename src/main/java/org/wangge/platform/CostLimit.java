package org.wangge.platform;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.AbortExecutionException;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.schema.GraphQLSchema;
import io.smallrye.graphql.spi.EventingService;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import io.smallrye.config.SmallRyeConfig;
import org.wangge.common.ApiException;
import org.wangge.common.GraphQLLimits;
import org.wangge.common.QueryCost;

/**
 * Puts {@link QueryCost} in front of the GraphQL executor: an operation deeper, wider or costlier
 * than {@link GraphQLLimits} allow is refused before anything runs (DEPTH_LIMIT, COMPLEXITY_LIMIT,
 * COST_LIMIT), measured in one walk that spreads each fragment once (graphql-java's own depth and
 * complexity instrumentations walk the document twice more, every fragment at every spread); and
 * {@link CompiledReads} in as the query strategy. This is the one place that knows how SmallRye
 * builds graphql-java: its build hook is given a builder whose
 * instrumentation (depth, complexity, its query cache) cannot be read, so the builder is built once
 * to read it, and a builder of the same engine comes back with the cost check chained in front.
 * Registered in META-INF/services; SmallRye enables a service without a config key always.
 */
public class CostLimit implements EventingService {

    private static volatile GraphQLSchema schema;

    /** The executor's schema once built; the compiled read path counts with it (null before). */
    public static GraphQLSchema schema() {
        return schema;
    }

    /** The limits (a service loaded by SmallRye, outside the bean container, reads them from the configuration). */
    public static GraphQLLimits limits() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(GraphQLLimits.class);
    }

    @Override
    public String getConfigKey() {
        return null;
    }

    @Override
    public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
        GraphQL built = builder.build();
        GraphQLSchema loaded = SharedDataFetchers.loadedFields(built.getGraphQLSchema());
        schema = loaded;
        boolean costCheck = PlatformSwitches.on("cost-check");
        // in place of graphql-java's default strategy only (the one SmallRye leaves it to build)
        boolean compiledReads = PlatformSwitches.on("compiled-reads")
                && built.getQueryStrategy().getClass() == graphql.execution.AsyncExecutionStrategy.class;
        if (!costCheck && !compiledReads) {
            return loaded == built.getGraphQLSchema() ? builder : builder.schema(loaded);
        }
        Instrumentation theirs = built.getInstrumentation();
        Check check = new Check(limits());
        GraphQL.Builder[] rebuilt = new GraphQL.Builder[1];
        // transform copies the strategies, instrumentation and document provider of the built engine
        built.transform(b -> {
            b.schema(loaded);
            if (costCheck) {
                b.instrumentation(OperationInstrumentation.prepend(check, theirs));
            }
            if (compiledReads) {
                b.queryExecutionStrategy(new CompiledReads.Strategy());
            }
            rebuilt[0] = b;
        });
        return rebuilt[0];
    }

    /** Counts each operation once it is parsed, validated and chosen, before it executes. */
    private static final class Check extends OperationInstrumentation {
        private final GraphQLLimits limits;

        Check(GraphQLLimits limits) {
            this.limits = limits;
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            ExecutionContext context = parameters.getExecutionContext();
            QueryCost.Measure measure = QueryCost.measure(context.getGraphQLSchema(), context.getOperationDefinition(),
                    context.getFragmentsByName(), context.getCoercedVariables().toMap());
            ApiException refusal = QueryCost.refusal(measure, limits);
            if (refusal != null) {
                throw new AbortExecutionException(List.of(refusal));
            }
            return SimpleInstrumentationContext.noOp();
        }
    }
}
