package org.wangge.common;

/** The stable codes every GraphQL error carries in {@code extensions.code}. Clients switch on these. */
public enum ErrorCode {
    UNAUTHENTICATED,
    FORBIDDEN,
    NOT_FOUND,
    VALIDATION,
    CONFLICT,
    INVALID_TRANSITION,
    /** Not a GraphQL request: a member of the request body has the wrong type (HTTP 400). */
    BAD_REQUEST,
    /** A persisted query's hash that no instance has seen: send the document with it (HTTP 404; message {@code PersistedQueryNotFound}). */
    PERSISTED_QUERY_NOT_FOUND,
    /** This client runs only the documents of its manifest, asked by hash (HTTP 403). */
    PERSISTED_QUERY_REQUIRED,
    /** The operation would return more nodes than allowed ({@code extensions.cost}, {@code extensions.limit}). */
    COST_LIMIT,
    /** The operation nests fields deeper than allowed ({@code extensions.depth}, {@code extensions.limit}). */
    DEPTH_LIMIT,
    /** The operation selects more fields than allowed ({@code extensions.fields}, {@code extensions.limit}). */
    COMPLEXITY_LIMIT,
    /** A database statement ran longer than allowed and was cancelled. */
    TIMEOUT,
    /** The server has no room for this work now; try again later. */
    BUSY,
    /** Too many requests from this caller; try again later. */
    RATE_LIMITED,
    INTERNAL
}
