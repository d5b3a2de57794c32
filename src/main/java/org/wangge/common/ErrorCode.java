package org.wangge.common;

/** The stable codes every GraphQL error carries in {@code extensions.code}. Clients switch on these. */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    VALIDATION,
    CONFLICT,
    INVALID_TRANSITION,
    RATE_LIMITED,
    INTERNAL
}
