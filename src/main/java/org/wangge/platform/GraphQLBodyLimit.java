package org.wangge.platform;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.wangge.common.GraphQLLimits;

/**
 * GraphQL requests are small: their bodies are read with their own limit ({@code wangge.graphql.max-body},
 * 1 MB), answering 413 above it, while the uploads keep the server's larger one
 * ({@code quarkus.http.limits.max-body-size}). The body read here is the one every later handler of
 * the route uses (a body handler reads a request once).
 */
@Singleton
public class GraphQLBodyLimit {

    void route(@Observes Router router, PlatformSwitches switches, GraphQLLimits limits) {
        if (switches.bodyLimit()) {
            router.post("/graphql").order(GraphQLRoutes.BODY_LIMIT).handler(BodyHandler.create(false).setBodyLimit(limits.maxBody().asLongValue()));
        }
    }
}
