package org.wangge.common;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/** Resolver helpers. */
public final class Async {

    private Async() {
    }

    /**
     * Runs a resolver body lazily, so that a client error thrown while preparing the query
     * (a bad cursor, a missing token) travels as a failure with its code. Batch resolvers
     * that throw synchronously lose the error's code on the way out.
     */
    public static <T> Uni<T> defer(Supplier<Uni<? extends T>> body) {
        return Uni.createFrom().deferred(body);
    }
}
