package org.wangge;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The row keys behind global ids, for tests that look at the database, and global ids made from
 * keys, for tests that seed rows with SQL. Written apart from the server's codec on purpose: a
 * change to the id format shows here.
 */
public final class Keys {

    private Keys() {
    }

    /** The numeric row key of a global id. */
    public static long of(String globalId) {
        return Long.parseLong(text(globalId));
    }

    /** The key text (a number or a UUID) of a global id. */
    public static String text(String globalId) {
        String decoded = new String(Base64.getUrlDecoder().decode(globalId), StandardCharsets.UTF_8);
        return decoded.substring(decoded.indexOf(':') + 1);
    }

    /** The global id of row {@code key} of the GraphQL type {@code type}. */
    public static String id(String type, Object key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }
}
