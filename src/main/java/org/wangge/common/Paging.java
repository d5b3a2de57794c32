package org.wangge.common;

/** Limits for Relay pagination arguments, shared by every connection. */
public final class Paging {

    public static final int DEFAULT_FIRST = 50;
    public static final int MAX_FIRST = 500;

    private Paging() {
    }

    public static int first(Integer first) {
        if (first == null) {
            return DEFAULT_FIRST;
        }
        if (first < 0 || first > MAX_FIRST) {
            throw ApiException.validation("first", "first must be between 0 and " + MAX_FIRST);
        }
        return first;
    }
}
