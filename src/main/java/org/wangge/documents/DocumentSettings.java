package org.wangge.documents;

import io.smallrye.config.ConfigMapping;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/** Persisted and trusted documents. */
@ConfigMapping(prefix = "wangge.documents")
public interface DocumentSettings {

    /**
     * First-party clients (the token's {@code azp}, else {@code client_id}) that may run only the
     * documents of their manifest, asked by hash; anything else from them is refused with
     * PERSISTED_QUERY_REQUIRED.
     */
    Optional<Set<String>> trustedClients();

    /** A directory of manifests loaded at start-up, one per client: {@code <client id>.json}. */
    Optional<Path> manifests();
}
