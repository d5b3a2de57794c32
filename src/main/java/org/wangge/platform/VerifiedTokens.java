package org.wangge.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Remembers the identities of bearer tokens the OIDC provider has verified, so a client sending the
 * same token again (every request of a session does) is not verified again: the RSA signature check
 * and the claims' parsing took 13–16% of a small read and a third of a report. Decorates the identity
 * provider of {@code TokenAuthenticationRequest}s (quarkus-oidc's), a plain CDI decorator.
 *
 * <ul>
 * <li>The key is the whole token, signature included: a token altered anywhere is another key
 * and is verified anew. Only verified tokens are kept; a refusal is never remembered.</li>
 * <li>An entry lives until the token expires (with the clock skew the OIDC settings allow), at
 * most {@code wangge.platform.token-cache-ttl} (5 minutes): a signing key withdrawn from the
 * provider stops its tokens within that time, as a revoked token would not be seen before its
 * expiry anyway with locally verified tokens.</li>
 * <li>What the caller answers for (the jurisdiction augmentor) is not kept here: augmentors run on
 * every request, on the remembered identity as on a fresh one.</li>
 * <li>What belongs to one request is not kept: the remembered identity is stored without the
 * routing context and blocking-API marker OIDC puts on it, and handed out with the current
 * request's (a socket's {@code connection_init} is authenticated on its upgrade request, so it is
 * one too).</li>
 * <li>Only what OIDC checks once per token is skipped: identities from introspection or UserInfo
 * (revocation seen per request) are never kept, requests with a DPoP proof or a step-up policy
 * always go to OIDC, and the cache stays off when OIDC is configured for anything it would then
 * skip (further tenants or a tenant resolver, a maximum token age, certificate-bound tokens,
 * required UserInfo, an application type other than {@code service}).</li>
 * </ul>
 */
@Decorator
@Priority(10)
public class VerifiedTokens implements IdentityProvider<TokenAuthenticationRequest> {

    @Inject
    @Delegate
    @Any
    IdentityProvider<TokenAuthenticationRequest> verifier;

    private final boolean on;
    private final long graceSeconds;
    private final Cache<String, SecurityIdentity> verified;
    private final Counter remembered;
    private final Counter checked;

    @Inject
    VerifiedTokens(PlatformSwitches switches, MeterRegistry meters,
            @ConfigProperty(name = "quarkus.oidc.token.lifespan-grace", defaultValue = "0") long graceSeconds,
            jakarta.enterprise.inject.Instance<io.quarkus.oidc.TenantConfigResolver> configResolvers,
            jakarta.enterprise.inject.Instance<io.quarkus.oidc.TenantResolver> tenantResolvers) {
        this.remembered = Counter.builder("wangge.tokens").tag("source", "remembered")
                .description("Bearer tokens of HTTP requests and socket upgrades: identities remembered, or verified by the OIDC provider").register(meters);
        this.checked = Counter.builder("wangge.tokens").tag("source", "verified").register(meters);
        this.on = switches.tokenCache() && configResolvers.isUnsatisfied() && tenantResolvers.isUnsatisfied()
                && onlyPerTokenChecks(org.eclipse.microprofile.config.ConfigProvider.getConfig());
        this.graceSeconds = graceSeconds;
        long ttlNanos = switches.tokenCacheTtl().toNanos();
        this.verified = Caffeine.newBuilder().maximumSize(switches.tokenCacheSize())
                .expireAfter(new Expiry<String, SecurityIdentity>() {
                    @Override
                    public long expireAfterCreate(String token, SecurityIdentity identity, long now) {
                        return Math.min(ttlNanos, untilExpiry(identity));
                    }

                    @Override
                    public long expireAfterUpdate(String token, SecurityIdentity identity, long now, long current) {
                        return current;
                    }

                    @Override
                    public long expireAfterRead(String token, SecurityIdentity identity, long now, long current) {
                        return current;
                    }
                }).build();
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return verifier.getRequestType();
    }

    @Override
    public int priority() {
        return verifier.priority();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        if (!on) {
            return verifier.authenticate(request, context);
        }
        RoutingContext current = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (current == null || current.request().getHeader("DPoP") != null || current.get(STEP_UP) != null) {
            // no request to hand the identity to, or a per-request proof or policy for OIDC to check
            return verifier.authenticate(request, context);
        }
        String token = request.getToken().getToken();
        SecurityIdentity known = verified.getIfPresent(token);
        if (known != null && untilExpiry(known) > 0) {
            remembered.increment();
            return Uni.createFrom().item(forRequest(known, current));
        }
        checked.increment();
        return verifier.authenticate(request, context).invoke(identity -> {
            if (identity != null && !identity.isAnonymous() && identity.getPrincipal() instanceof JsonWebToken
                    && identity.getAttribute("introspection") == null && identity.getAttribute("userinfo") == null) {
                verified.put(token, withoutRequest(identity));
            }
        });
    }

    /** The routing-context key under which quarkus-oidc puts a step-up authentication policy. */
    private static final String STEP_UP = "io.quarkus.oidc.runtime.step-up-auth";

    /**
     * False when the OIDC settings ask for a check made on every request rather than once per
     * token: a further tenant, a maximum token age, certificate binding, required UserInfo, or an
     * application type other than {@code service}.
     */
    static boolean onlyPerTokenChecks(org.eclipse.microprofile.config.Config config) {
        if (!config.getOptionalValue("quarkus.oidc.application-type", String.class).orElse("service").equals("service")
                || config.getOptionalValue("quarkus.oidc.token.age", String.class).isPresent()
                || config.getOptionalValue("quarkus.oidc.token.binding.certificate", Boolean.class).orElse(false)
                || config.getOptionalValue("quarkus.oidc.authentication.user-info-required", Boolean.class).orElse(false)) {
            return false;
        }
        for (String name : config.getPropertyNames()) {
            // quarkus.oidc.<tenant>.auth-server-url, .tenant-enabled, .public-key …: a named tenant
            if (name.startsWith("quarkus.oidc.") && name.substring("quarkus.oidc.".length()).matches("\"?[\\w-]+\"?\\.(auth-server-url|tenant-enabled|public-key|tenant-id)")) {
                return false;
            }
        }
        return true;
    }

    /** The identity without the attributes of the request it was made for. */
    private static SecurityIdentity withoutRequest(SecurityIdentity identity) {
        return QuarkusSecurityIdentity.builder(identity)
                .addAttribute(RoutingContext.class.getName(), null)
                .addAttribute(AuthenticationRequestContext.class.getName(), null)
                .build();
    }

    /** Nanoseconds until the token's expiry plus the allowed skew; 0 when past or unknown. */
    private long untilExpiry(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0) {
            return 0;
        }
        long millis = (jwt.getExpirationTime() + graceSeconds) * 1000 - System.currentTimeMillis();
        return millis <= 0 ? 0 : TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /**
     * The remembered identity with this request's own attributes: OIDC puts the request's routing
     * context and its blocking-API marker on the identity it makes.
     */
    private static SecurityIdentity forRequest(SecurityIdentity known, RoutingContext current) {
        String blocking = AuthenticationRequestContext.class.getName();
        return QuarkusSecurityIdentity.builder(known)
                .addAttribute(RoutingContext.class.getName(), current)
                .addAttribute(blocking, current.get(blocking))
                .build();
    }
}
