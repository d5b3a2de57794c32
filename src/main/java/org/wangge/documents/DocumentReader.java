package org.wangge.documents;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.wangge.common.Sql;

/**
 * Persisted documents by their hash: from memory when this instance has seen one, else from the
 * database (where another instance may have kept it). A document never changes under its hash, so
 * what is remembered is never stale.
 */
@ApplicationScoped
public class DocumentReader {

    private final Sql sql;
    private final Cache<String, String> known = Caffeine.newBuilder().maximumSize(10_000).build();
    /** Client and hash → document; a manifest only grows, so a hit is never stale. */
    private final Cache<String, String> manifests = Caffeine.newBuilder().maximumSize(10_000).build();

    public DocumentReader(Sql sql) {
        this.sql = sql;
    }

    /** The document, when this instance already holds it in memory; else null (ask {@link #find}). */
    public String remembered(String hash) {
        return known.getIfPresent(hash);
    }

    /** The document with this hash, or null. */
    public Uni<String> find(String hash) {
        String document = known.getIfPresent(hash);
        if (document != null) {
            return Uni.createFrom().item(document);
        }
        return sql.one("SELECT document FROM persisted_document WHERE hash = $1", Tuple.of(hash), row -> row.getString(0))
                .invoke(found -> {
                    if (found != null) {
                        known.put(hash, found);
                    }
                });
    }

    /** The document with this hash when it is in the client's manifest, else null. */
    public Uni<String> inManifest(String clientId, String hash) {
        String key = clientId + ' ' + hash;
        String document = manifests.getIfPresent(key);
        if (document != null) {
            return Uni.createFrom().item(document);
        }
        return sql.one("SELECT d.document FROM client_document c JOIN persisted_document d ON d.hash = c.hash"
                + " WHERE c.client_id = $1 AND c.hash = $2", Tuple.of(clientId, hash), row -> row.getString(0))
                .invoke(found -> {
                    if (found != null) {
                        manifests.put(key, found);
                    }
                });
    }

    void remember(String hash, String document) {
        known.put(hash, document);
    }
}
