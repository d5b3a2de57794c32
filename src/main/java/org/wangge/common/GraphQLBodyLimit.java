package org.wangge.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * GraphQL requests are small: their bodies are read with their own limit ({@code wangge.graphql.max-body},
 * 1 MB), answering 413 above it, while the uploads keep the server's larger one
 * ({@code quarkus.http.limits.max-body-size}). The body read here is the one every later handler of
 * the route uses (a body handler reads a request once).
 */
@Singleton
public class GraphQLBodyLimit {

    void route(@Observes Router router, @ConfigProperty(name = "wangge.graphql.max-body", defaultValue = "1M") MemorySize max) {
        // ahead of the compiled reads (-100) and SmallRye's GraphQL route (-99)
        router.post("/graphql").order(-102).handler(BodyHandler.create(false).setBodyLimit(max.asLongValue()));
    }
}
