package org.wangge.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.wangge.common.ApiException;

/** The caller of the current request; anonymous callers get UNAUTHENTICATED. */
@ApplicationScoped
public class CurrentCaller {

    @Inject
    SecurityIdentity identity;

    public Caller get() {
        return of(identity);
    }

    /** The caller an authenticated identity stands for. */
    public static Caller of(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            throw ApiException.unauthenticated();
        }
        String subject = identity.getPrincipal().getName();
        String name = subject;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object claimed = jwt.getClaim("name");
            if (claimed == null) {
                claimed = jwt.getClaim("preferred_username");
            }
            if (claimed != null) {
                name = claimed.toString().replace("\"", "");
            }
        }
        Jurisdictions.Reach reach = identity.getAttribute(JurisdictionAugmentor.ATTRIBUTE);
        return of(subject, name, Set.copyOf(identity.getRoles()), reach);
    }

    /** The caller a subject with these token roles is, given what they answer for. */
    public static Caller of(String subject, String name, Set<String> roles, Jurisdictions.Reach reach) {
        if (reach == null) {
            return Caller.of(subject, name, roles);
        }
        // an assignment gives nothing to a token whose roles may not hold it
        List<Caller.Grant> grants = reach.grants().stream().filter(g -> Capabilities.mayHold(roles, g.role())).toList();
        return new Caller(subject, name, roles, grants, reach.departments(), reach.ownHousehold());
    }
}
