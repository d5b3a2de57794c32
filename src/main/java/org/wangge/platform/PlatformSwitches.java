package org.wangge.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * One switch per piece of this package, each on by default. After an upgrade of Quarkus, SmallRye
 * GraphQL or Vert.x breaks a piece (its test in {@code PlatformSeamTest} says which), turning it
 * off keeps the service running without what the piece adds; DEVELOPERS.md, <i>Upgrading</i>,
 * says what each switch costs.
 */
@ConfigMapping(prefix = "wangge.platform")
public interface PlatformSwitches {

    /** {@link GraphQLSocketGate}: init timeout (4408) and no credentials (4403) on sockets, shared rendering of live updates. */
    @WithDefault("true")
    boolean socketGate();

    /** {@link SharedDataFetchers}' shortcuts (fetchers shared across requests, plain fields read directly); visibility stays. */
    @WithDefault("true")
    boolean fetcherShortcuts();

    /** {@link CostLimit}: the node-count check before execution (COST_LIMIT). */
    @WithDefault("true")
    boolean costCheck();

    /** {@link GraphQLBodyLimit}: /graphql bodies over 1 MB refused with 413. */
    @WithDefault("true")
    boolean bodyLimit();

    /** {@link IntrospectionGate}: schema for valid tokens only; off hides it from everybody. */
    @WithDefault("true")
    boolean introspectionGate();

    /** {@link EventLoops}: live items handed to each subscriber's own event loop. */
    @WithDefault("true")
    boolean loopAffinity();

    /** {@link CompiledReads}: one-statement answers for the grid queries it compiles. */
    @WithDefault("true")
    boolean compiledReads();

    /** {@link GraphQLHttp}: POSTed JSON requests answered ahead of the extension's handler, compiled answers written as built. */
    @WithDefault("true")
    boolean httpFront();

    /** {@link VerifiedTokens}: a bearer token verified once is not verified again until it expires. */
    @WithDefault("true")
    boolean tokenCache();

    /** Verified tokens remembered at most (the least recently used go first). */
    @WithDefault("20000")
    long tokenCacheSize();

    /** How long a verified token is remembered at most (never past its expiry). */
    @WithDefault("5m")
    java.time.Duration tokenCacheTtl();

    /**
     * A switch read by name, for the pieces SmallRye loads as services: it builds the schema while
     * the application starts (static init), before configuration mappings exist. Every switch is on
     * unless set to false.
     */
    static boolean on(String name) {
        return ConfigProvider.getConfig().getOptionalValue("wangge.platform." + name, Boolean.class).orElse(true);
    }
}
