package org.wangge.cases.live;

import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One subscription's stream. While it replays from the outbox, live updates wait in a queue;
 * each update is delivered once, in cursor order, and only if the subscriber may see it.
 */
final class Feed {

    private final MultiEmitter<? super CaseUpdate> emitter;
    private final Predicate<CaseUpdate> wanted;
    private final Consumer<CaseUpdate> sink;
    private final boolean direct;
    private final ArrayDeque<CaseUpdate> waiting = new ArrayDeque<>();
    private final io.vertx.core.Context context;
    private boolean replaying;
    private long last;

    /** {@code sink} sends a wanted update: emits it to the subscription or writes it to the socket (see {@link FlatSelection}). */
    Feed(MultiEmitter<? super CaseUpdate> emitter, Predicate<CaseUpdate> wanted, Consumer<CaseUpdate> sink, boolean direct, long after,
            boolean replaying, io.vertx.core.Context context) {
        this.emitter = emitter;
        this.sink = sink;
        this.direct = direct;
        this.context = context;
        this.wanted = wanted;
        this.last = after;
        this.replaying = replaying;
    }

    /**
     * The event loop this subscription runs on: the hub hands it live updates there, so that the
     * per-subscriber work (writing the socket, running the selection) spreads over all loops
     * instead of queueing on the hub's. (Each subscription has its own duplicate of its loop's
     * context; the loop itself is shared, hence the unwrap.)
     */
    Object loop() {
        return context == null ? Feed.class : ((io.vertx.core.impl.ContextInternal) context).unwrap();
    }

    /**
     * Live updates from the hub, in cursor order, on this subscription's loop. Written to the
     * socket at once, or, when a GraphQL execution follows, on the subscription's own context.
     */
    void take(List<CaseUpdate> updates) {
        if (direct || context == null) {
            takeNow(updates);
        } else {
            context.runOnContext(v -> takeNow(updates));
        }
    }

    private synchronized void takeNow(List<CaseUpdate> updates) {
        for (CaseUpdate update : updates) {
            if (replaying) {
                waiting.add(update);
            } else {
                deliver(update);
            }
        }
    }

    /** An update read back from the outbox during the replay. */
    synchronized void replayed(CaseUpdate update) {
        deliver(update);
    }

    /** The replay has reached the hub's position: what waited goes out, then live delivery. */
    synchronized void live() {
        while (!waiting.isEmpty()) {
            deliver(waiting.poll());
        }
        replaying = false;
    }

    synchronized long last() {
        return last;
    }

    private void deliver(CaseUpdate update) {
        if (update.seq <= last) {
            return;
        }
        last = update.seq;
        if (wanted.test(update) && !emitter.isCancelled()) {
            sink.accept(update);
        }
    }
}
