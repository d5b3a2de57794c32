package org.wangge.platform;

import io.vertx.core.Context;
import io.vertx.core.impl.ContextInternal;

/**
 * The event loop a Vert.x context runs on. Each subscription has its own duplicate of its loop's
 * context, and only Vert.x's internal context type tells which loop a duplicate belongs to; the
 * live feeds group their subscribers by it so that a batch of items is handed to each loop once.
 * With {@code wangge.platform.loop-affinity=false} every context counts as one loop: delivery
 * still works, only on the outbox reader's loop instead of spread over all of them.
 */
public final class EventLoops {

    private static final Object ONE = EventLoops.class;
    private static final boolean LOOP_AFFINITY = PlatformSwitches.on("loop-affinity");

    private EventLoops() {
    }

    /** A key equal for all contexts on the same event loop; one key for all when unknown or switched off. */
    public static Object of(Context context) {
        if (context == null || !LOOP_AFFINITY) {
            return ONE;
        }
        return context instanceof ContextInternal internal ? internal.unwrap() : ONE;
    }
}
