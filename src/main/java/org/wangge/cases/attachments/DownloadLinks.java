package org.wangge.cases.attachments;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signed, expiring download addresses: the graph (which checked the caller may see the case)
 * hands them out, and the download endpoint needs no token, so images load in a browser.
 */
@ApplicationScoped
public class DownloadLinks {

    private final SecretKeySpec key;
    private final Duration lifetime;

    public DownloadLinks(StorageSettings storage) {
        byte[] bytes = Base64.getDecoder().decode(storage.urlKey().strip());
        if (bytes.length < 32) {
            throw new IllegalStateException("wangge.storage.url-key must be at least 32 bytes");
        }
        this.key = new SecretKeySpec(bytes, "HmacSHA256");
        this.lifetime = storage.urlLifetime();
    }

    public String url(String attachmentId) {
        long expires = Instant.now().plus(lifetime).getEpochSecond();
        return "/attachments/" + attachmentId + "?expires=" + expires + "&sig=" + sign(attachmentId, expires);
    }

    public boolean valid(String attachmentId, long expires, String signature) {
        if (signature == null || Instant.now().getEpochSecond() > expires) {
            return false;
        }
        return MessageDigest.isEqual(sign(attachmentId, expires).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    /** What is left of a valid address's lifetime (at least a second): a store's own address lives no longer. */
    public Duration remaining(long expires) {
        return Duration.ofSeconds(Math.max(1, expires - Instant.now().getEpochSecond()));
    }

    private String sign(String attachmentId, long expires) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] sig = mac.doFinal((attachmentId + "|" + expires).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
