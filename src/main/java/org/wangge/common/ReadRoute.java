package org.wangge.common;

import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import java.util.function.Supplier;

/**
 * Where one HTTP request's reads may go. Installed for every request (not for socket upgrades:
 * a socket's reads follow notifications from the primary); a GraphQL query makes its reads
 * eligible for the replica, and anything written in the request sends the rest of its reads
 * to the primary. Without a route (background work, sockets, REST) reads go to the primary.
 */
public final class ReadRoute {

    private static final String KEY = ReadRoute.class.getName();

    private final Supplier<String> subject;
    private volatile boolean query;
    private volatile boolean wrote;

    private ReadRoute(Supplier<String> subject) {
        this.subject = subject;
    }

    /** Gives the request on this context its route; {@code subject} names the caller once authenticated (null if anonymous). */
    public static void install(Supplier<String> subject) {
        if (VertxContext.isOnDuplicatedContext()) {
            ContextLocals.put(KEY, new ReadRoute(subject));
        }
    }

    /** The route of the request being handled here, or null. */
    public static ReadRoute current() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return null;
        }
        return ContextLocals.<ReadRoute>get(KEY).orElse(null);
    }

    /** The operation now running only reads (a GraphQL query), or not. */
    public void operation(boolean onlyReads) {
        query = onlyReads;
    }

    /** A write has begun in this request: its later reads go to the primary. */
    void writing() {
        wrote = true;
    }

    boolean mayUseReplica() {
        return query && !wrote;
    }

    String subject() {
        return subject.get();
    }
}
