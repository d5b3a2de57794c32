package org.wangge.people;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import jakarta.inject.Inject;

/**
 * Protection of sensitive personal data (ID numbers, phones): AES-256-GCM at rest under a
 * named key (so keys can rotate: rows keep the id of the key that sealed them), an HMAC for
 * exact search without decrypting, and the masks shown by default.
 */
@ApplicationScoped
public class PersonalData {

    /** A value as stored: ciphertext, search hash and mask, sealed under {@code keyId}. */
    public record Sealed(byte[] cipher, byte[] hash, String mask, String keyId) {
    }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String currentKeyId;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public PersonalData(PersonalDataSettings settings) {
        this(settings.keys(), settings.currentKey(), settings.hashKey());
    }

    public PersonalData(String keyList, String currentKeyId, String hashKey) {
        // "k2=base64,k1=base64": every key that may still seal rows, and the one new writes use.
        for (String entry : keyList.split(",")) {
            String[] parts = entry.strip().split("=", 2);
            if (parts.length != 2) {
                throw new IllegalStateException("wangge.pii.keys entries must look like id=base64key");
            }
            keys.put(parts[0].strip(), aesKey(parts[1].strip()));
        }
        if (!keys.containsKey(currentKeyId)) {
            throw new IllegalStateException("wangge.pii.current-key names no key in wangge.pii.keys");
        }
        this.currentKeyId = currentKeyId;
        byte[] hashBytes = Base64.getDecoder().decode(hashKey.strip());
        if (hashBytes.length < 32) {
            throw new IllegalStateException("wangge.pii.hash-key must be at least 32 bytes");
        }
        this.hashKey = new SecretKeySpec(hashBytes, "HmacSHA256");
    }

    public Sealed seal(String normalised, String mask) {
        if (normalised == null) {
            return new Sealed(null, null, null, null);
        }
        return new Sealed(encrypt(normalised), hash(normalised), mask, currentKeyId);
    }

    public byte[] encrypt(String plain) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Encryption failed", e);
        }
    }

    public String decrypt(byte[] stored, String keyId) {
        if (stored == null) {
            return null;
        }
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("No key " + keyId + " configured to open personal data");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, stored, 0, IV_BYTES));
            return new String(cipher.doFinal(stored, IV_BYTES, stored.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Decryption failed", e);
        }
    }

    /** Keyed hash for exact search; the same normalised value always hashes the same. */
    public byte[] hash(String normalised) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(hashKey);
            return mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Hashing failed", e);
        }
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    /**
     * What a mask may show (DEVELOPERS.md has the arithmetic): of a resident ID the first three
     * digits only ({@code 411***************}), never the birth date, sequence or check digit; of
     * another document its first character; short documents not at all.
     */
    public static String maskIdNumber(IdType type, String value) {
        int shown = type == IdType.RESIDENT_ID ? 3 : value.length() >= 8 ? 1 : 0;
        return value.substring(0, Math.min(shown, value.length())) + "*".repeat(Math.max(0, value.length() - shown));
    }

    /**
     * At least six digits hidden, so at least 1,000,000 numbers fit: the first three and at most
     * the last two ({@code 138******78}, a landline {@code 037*******67}).
     */
    public static String maskPhone(String value) {
        int keep = value.length() - 6;
        if (keep < 4) {
            return "*".repeat(value.length());
        }
        int tail = Math.min(2, keep - 3);
        return value.substring(0, 3) + "*".repeat(value.length() - 3 - tail) + value.substring(value.length() - tail);
    }

    private static SecretKeySpec aesKey(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        if (bytes.length != 32) {
            throw new IllegalStateException("Personal-data keys must be 32 bytes (AES-256)");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
