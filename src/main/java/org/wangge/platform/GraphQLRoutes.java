package org.wangge.platform;

/**
 * Where this package's handlers sit on {@code /graphql}: ahead of the route the smallrye-graphql
 * extension registers (order -99), in this order. The one place that knows SmallRye's number;
 * {@code PlatformSeamTest} fails if a handler no longer runs first.
 */
final class GraphQLRoutes {

    /** The smallrye-graphql extension's route for /graphql (HTTP and WebSocket). */
    static final int SMALLRYE = -99;
    /** Reads a POST body with the GraphQL limit; every later handler reuses that body. */
    static final int BODY_LIMIT = SMALLRYE - 3;
    /** Takes WebSocket upgrades and the schema document. */
    static final int GATES = SMALLRYE - 2;
    /** Answers the common POST requests ({@link GraphQLHttp}). */
    static final int FRONT = SMALLRYE - 1;

    private GraphQLRoutes() {
    }
}
