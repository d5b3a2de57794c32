package org.wangge.security;

import jakarta.enterprise.context.RequestScoped;
import java.util.concurrent.atomic.AtomicInteger;
import org.wangge.common.ApiException;
import org.wangge.common.LiveSettings;

/**
 * Subscriptions open on one socket, at most {@code wangge.live.max-subscriptions-per-socket}.
 * The request context of a GraphQL WebSocket lives as long as the socket, so a request-scoped
 * bean counts per socket.
 */
@RequestScoped
public class SocketSubscriptions {

    private final AtomicInteger open = new AtomicInteger();
    private final int max;

    public SocketSubscriptions(LiveSettings live) {
        this.max = live.maxSubscriptionsPerSocket();
    }

    /** Takes a place, or refuses (VALIDATION) when the socket has all it may have; {@link #release} gives it back. */
    public void take() {
        while (true) {
            int now = open.get();
            if (now >= max) {
                throw ApiException.validation(null, "At most " + max + " subscriptions per connection").with("limit", max);
            }
            if (open.compareAndSet(now, now + 1)) {
                return;
            }
        }
    }

    public void release() {
        open.decrementAndGet();
    }
}
