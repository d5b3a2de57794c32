package org.wangge.platform;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.OperationDefinition;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.spi.EventingService;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.wangge.common.ReadRoute;

/**
 * Gives every HTTP request its {@link ReadRoute} (a socket upgrade none: what a socket reads
 * follows notifications from the primary), naming its caller by the authenticated identity;
 * {@link Operations} marks a GraphQL query's reads as ones the replica may answer.
 */
@Singleton
public class ReadRoutes {

    /** After the request id (500), before authentication (200) refuses anything. */
    static final int PRIORITY = 400;

    void register(@Observes Filters filters) {
        filters.register(ReadRoutes::install, PRIORITY);
    }

    static void install(RoutingContext ctx) {
        if (!ctx.request().headers().contains(HttpHeaders.UPGRADE)) {
            ReadRoute.install(() -> ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()
                    ? user.getSecurityIdentity().getPrincipal().getName() : null);
        }
        ctx.next();
    }

    /** Marks each operation's reads: a query's may go to the replica. Registered in META-INF/services. */
    public static final class Operations implements EventingService {

        @Override
        public String getConfigKey() {
            return null;
        }

        @Override
        public GraphQL.Builder beforeGraphQLBuild(GraphQL.Builder builder) {
            GraphQL built = builder.build();
            Instrumentation theirs = built.getInstrumentation();
            GraphQL.Builder[] rebuilt = new GraphQL.Builder[1];
            built.transform(b -> {
                b.instrumentation(OperationInstrumentation.prepend(new Mark(), theirs));
                rebuilt[0] = b;
            });
            return rebuilt[0];
        }
    }

    private static final class Mark extends OperationInstrumentation {
        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            ReadRoute route = ReadRoute.current();
            if (route != null) {
                route.operation(parameters.getExecutionContext().getOperationDefinition().getOperation() == OperationDefinition.Operation.QUERY);
            }
            return null;
        }
    }
}
