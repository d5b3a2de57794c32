package org.wangge.cases.live;

import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Subscriptions open on one socket. The request context of a GraphQL WebSocket lives as long as
 * the socket, so a request-scoped bean counts per socket.
 */
@RequestScoped
public class SocketSubscriptions {

    private final AtomicInteger open = new AtomicInteger();

    /** Takes a place if fewer than {@code max} are open. */
    public boolean take(int max) {
        while (true) {
            int now = open.get();
            if (now >= max) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void release() {
        open.decrementAndGet();
    }
}
