package org.wangge.security;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Adds what the caller answers for to the identity once per request, when the token is validated,
 * so that every resolver checks against the same grants ({@link Jurisdictions} keeps them).
 */
@ApplicationScoped
public class JurisdictionAugmentor implements SecurityIdentityAugmentor {

    public static final String ATTRIBUTE = "wangge.reach";

    private final Jurisdictions jurisdictions;

    public JurisdictionAugmentor(Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return jurisdictions.of(identity.getPrincipal().getName(), identity.getRoles())
                .map(reach -> QuarkusSecurityIdentity.builder(identity).addAttribute(ATTRIBUTE, reach).build());
    }
}
