package org.wangge.cases.live;

import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One subscription's stream. While it replays from the outbox, live updates wait in a queue;
 * each update is delivered once, in cursor order, and only if the subscriber may see it.
 */
final class Feed implements Consumer<CaseUpdate> {

    private final MultiEmitter<? super CaseUpdate> emitter;
    private final Predicate<CaseUpdate> wanted;
    private final ArrayDeque<CaseUpdate> waiting = new ArrayDeque<>();
    private final io.vertx.core.Context context;
    private boolean replaying;
    private long last;

    Feed(MultiEmitter<? super CaseUpdate> emitter, Predicate<CaseUpdate> wanted, long after, boolean replaying,
            io.vertx.core.Context context) {
        this.emitter = emitter;
        this.context = context;
        this.wanted = wanted;
        this.last = after;
        this.replaying = replaying;
    }

    /**
     * A live update from the hub. It is handed to the subscription's own event loop, so that the
     * per-subscriber work (running the selection, writing the socket) spreads over all loops
     * instead of queueing on the hub's; one context runs its tasks in order.
     */
    @Override
    public void accept(CaseUpdate update) {
        if (context == null) {
            take(update);
        } else {
            context.runOnContext(v -> take(update));
        }
    }

    private synchronized void take(CaseUpdate update) {
        if (replaying) {
            waiting.add(update);
        } else {
            deliver(update);
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
            emitter.emit(update);
        }
    }
}
