package org.wangge.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start without an expected token issuer. Quarkus reads {@code quarkus.oidc.token.issuer}
 * as optional, so an unset {@code OIDC_ISSUER} would not stop it by itself: the check would then
 * rest on the discovery document, or on nothing when keys are configured directly.
 */
@ApplicationScoped
public class TokenIssuer {

    static final String KEY = "quarkus.oidc.token.issuer";

    void check(@Observes StartupEvent started) {
        require(ConfigProvider.getConfig());
    }

    /** The issuer tokens must name; never absent, blank or {@code any}. */
    public static String require(Config config) {
        String issuer;
        try {
            issuer = config.getValue(KEY, String.class);
        } catch (NoSuchElementException e) {
            throw new IllegalStateException("Set OIDC_ISSUER (" + KEY + ") to the identity provider's issuer: " + e.getMessage());
        }
        if (issuer.isBlank() || issuer.strip().equalsIgnoreCase("any")) {
            throw new IllegalStateException(KEY + " must name the identity provider's issuer, not \"" + issuer + "\"");
        }
        return issuer;
    }
}
