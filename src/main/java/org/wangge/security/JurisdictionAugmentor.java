package org.wangge.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import org.wangge.common.Clock;
import org.wangge.common.Sql;

/**
 * Loads the caller's jurisdiction once per request, when the token is validated, so that
 * every resolver checks against the same set and none queries it again.
 */
@ApplicationScoped
public class JurisdictionAugmentor implements SecurityIdentityAugmentor {

    public static final String ATTRIBUTE = "wangge.jurisdiction";

    // Maximal paths only: an assignment inside another assigned subtree adds nothing.
    private static final String ACTIVE_PATHS = """
            SELECT DISTINCT g.path FROM staff_assignment a JOIN grid g ON g.id = a.grid_id
            WHERE a.subject = $1 AND a.start_date <= $2 AND (a.end_date IS NULL OR a.end_date >= $2)
              AND g.retired_at IS NULL
            ORDER BY g.path""";

    private final Sql sql;
    private final Clock clock;

    public JurisdictionAugmentor(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        LocalDate today = clock.today();
        return sql.list(ACTIVE_PATHS, Tuple.of(identity.getPrincipal().getName(), today), row -> row.getString(0))
                .map(paths -> {
                    java.util.List<String> roots = new java.util.ArrayList<>();
                    for (String p : paths) {
                        if (roots.isEmpty() || !p.startsWith(roots.get(roots.size() - 1))) {
                            roots.add(p);
                        }
                    }
                    return QuarkusSecurityIdentity.builder(identity)
                            .addAttribute(ATTRIBUTE, java.util.List.copyOf(roots))
                            .build();
                });
    }
}
