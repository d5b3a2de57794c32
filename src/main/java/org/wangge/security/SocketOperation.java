package org.wangge.security;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The graphql-transport-ws operation being started on this thread, if any: set by
 * {@link org.wangge.platform.GraphQLSocketGate} around SmallRye's handling of a {@code subscribe} message, whose
 * root resolver runs synchronously inside it. A subscription resolver may use it to write its
 * own {@code next} messages straight to the socket (see the live case feed); without it, or
 * when the resolver runs elsewhere, everything goes through SmallRye as usual. {@code close}
 * closes the whole socket with a code and reason.
 */
public record SocketOperation(String id, String query, String operationName, Consumer<String> socket, BiConsumer<Short, String> close) {

    private static final ThreadLocal<SocketOperation> CURRENT = new ThreadLocal<>();

    /** The operation whose root field is being resolved on this thread, or null. */
    public static SocketOperation current() {
        return CURRENT.get();
    }

    public static void run(SocketOperation operation, Runnable start) {
        CURRENT.set(operation);
        try {
            start.run();
        } finally {
            CURRENT.remove();
        }
    }
}
