package org.wangge.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What one GraphQL request may ask; {@link QueryCost} measures an operation against the last three. */
@ConfigMapping(prefix = "wangge.graphql")
public interface GraphQLLimits {

    /** Largest /graphql body; above it 413. */
    @WithDefault("1M")
    MemorySize maxBody();

    /** Nodes an operation may return ({@link QueryCost}); above it COST_LIMIT before anything runs. */
    @WithDefault("10000")
    long maxCost();

    /** Longest chain of nested fields (a root field is 1); above it DEPTH_LIMIT. */
    @WithDefault("12")
    int maxDepth();

    /** Fields an operation may select, counted where fragments are spread; above it COMPLEXITY_LIMIT. */
    @WithDefault("2000")
    long maxComplexity();

    /** Who may see the schema: {@code authenticated} (any valid token) or {@code off} (nobody). */
    @WithDefault("authenticated")
    String introspection();
}
