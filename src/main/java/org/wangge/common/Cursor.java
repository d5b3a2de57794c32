package org.wangge.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Opaque Relay cursors: a prefix naming the ordering, then the sort key. */
public final class Cursor {

    private Cursor() {
    }

    public static String encode(String kind, String key) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key of a cursor made by {@link #encode} with the same kind, or a VALIDATION error. */
    public static String decode(String kind, String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith(kind + ":")) {
                return raw.substring(kind.length() + 1);
            }
        } catch (IllegalArgumentException e) {
            // fall through to the validation error
        }
        throw ApiException.validation("after", "Not a cursor of this list: " + cursor);
    }

    public static long decodeLong(String kind, String cursor) {
        String key = decode(kind, cursor);
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw ApiException.validation("after", "Not a cursor of this list: " + cursor);
        }
    }

    /** A live feed's cursor (the outbox position, a plain number), or null; a VALIDATION error if it is not one. */
    public static Long position(String field, String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            long value = Long.parseLong(cursor.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiException.validation(field, "Not a cursor of this feed: " + cursor);
    }
}
