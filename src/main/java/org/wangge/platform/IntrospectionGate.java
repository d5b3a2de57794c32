package org.wangge.platform;

import graphql.introspection.Introspection;
import io.quarkus.arc.Arc;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.spi.EventingService;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.wangge.common.GraphQLLimits;

/**
 * The schema is shown only to callers with a valid token ({@code wangge.graphql.introspection=
 * authenticated}, the default), or to nobody ({@code off}): {@code __schema} and {@code __type}
 * are refused by graphql-java for other requests (on sockets too), and the SDL SmallRye serves
 * at {@code /graphql/schema.graphql} answers 401 (404 when off).
 */
@ApplicationScoped
public class IntrospectionGate {

    static final String KEY = "wangge.graphql.introspection";

    private final boolean off;

    public IntrospectionGate(GraphQLLimits limits) {
        this.off = off(limits.introspection());
    }

    static boolean off(String mode) {
        return switch (mode) {
            case "off" -> true;
            case "authenticated" -> false;
            default -> throw new IllegalStateException(KEY + " must be authenticated or off, not " + mode);
        };
    }

    void route(@Observes Router router, PlatformSwitches switches) {
        if (!switches.introspectionGate()) {
            // without the gate nobody may see the schema: graphql-java's own switch, and no document
            Introspection.enabledJvmWide(false);
        }
        router.get("/graphql/schema.graphql").order(GraphQLRoutes.GATES).handler(ctx -> {
            if (off || !switches.introspectionGate()) {
                ctx.response().setStatusCode(404).end();
            } else if (!(ctx.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous()) {
                ctx.response().setStatusCode(401).putHeader("WWW-Authenticate", "Bearer").end();
            } else {
                ctx.next();
            }
        });
    }

    /** Marks each execution without a valid token (or every one, when off) as one introspection is disabled for. */
    public static final class PerRequest implements EventingService {

        private volatile Boolean off;

        @Override
        public String getConfigKey() {
            // always on: SmallRye enables services without a key
            return null;
        }

        @Override
        public void beforeExecute(Context context) {
            if (context instanceof SmallRyeContext smallRye && smallRye.getExecutionInput() != null && (closed() || anonymous())) {
                smallRye.getExecutionInput().getGraphQLContext().put(Introspection.INTROSPECTION_DISABLED, true);
            }
        }

        private boolean closed() {
            Boolean known = off;
            if (known == null) {
                // read at the first execution, not when SmallRye loads its services
                known = IntrospectionGate.off(ConfigProvider.getConfig().getOptionalValue(KEY, String.class).orElse("authenticated"));
                off = known;
            }
            return known;
        }

        private static boolean anonymous() {
            try {
                SecurityIdentity identity = Arc.container().instance(CurrentIdentityAssociation.class).get().getIdentity();
                return identity == null || identity.isAnonymous();
            } catch (RuntimeException unknown) {
                // no identity to be had here: treat as anonymous, which only withholds the schema
                return true;
            }
        }
    }
}
