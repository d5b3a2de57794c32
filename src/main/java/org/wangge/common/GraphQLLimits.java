package org.wangge.common;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What one GraphQL request may ask (depth and complexity are SmallRye's own settings). */
@ConfigMapping(prefix = "wangge.graphql")
public interface GraphQLLimits {

    /** Largest /graphql body; above it 413. */
    @WithDefault("1M")
    MemorySize maxBody();

    /** Nodes an operation may return ({@link QueryCost}); above it COST_LIMIT before anything runs. */
    @WithDefault("10000")
    long maxCost();

    /** Who may see the schema: {@code authenticated} (any valid token) or {@code off} (nobody). */
    @WithDefault("authenticated")
    String introspection();
}
