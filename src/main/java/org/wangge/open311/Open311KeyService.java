package org.wangge.open311;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Tx;
import org.wangge.security.Caller;

/** Issues and revokes partners' api_keys; a key is random (256 bits), so a plain SHA-256 of it is what is kept. */
@ApplicationScoped
public class Open311KeyService {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The new key's id and the key itself (never stored). */
    public record Issued(long id, String key) {
    }

    public Uni<Issued> issue(Caller caller, String name) {
        String n = Check.text("name", name, 100);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String key = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return Tx.run(tx -> tx.one("INSERT INTO open311_key (name, key_hash, created_by) VALUES ($1, $2, $3) RETURNING id", Long.class,
                n, hash(key), caller.subject())).map(id -> new Issued(id, key));
    }

    public Uni<Void> revoke(long id) {
        return Tx.run(tx -> tx.update("UPDATE open311_key SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1", id)).map(n -> {
            if (n == 0) {
                throw ApiException.notFound("Open311Key", id);
            }
            return null;
        });
    }

    static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
