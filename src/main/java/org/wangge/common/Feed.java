package org.wangge.common;

import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * One subscription's stream from an {@link Outbox}. While it replays from the table, live items
 * wait in a queue; each item is delivered once, in cursor order, and only if it is wanted.
 */
final class Feed<T> {

    private final MultiEmitter<? super T> emitter;
    private final Predicate<T> wanted;
    private final Consumer<T> sink;
    private final boolean direct;
    private final ToLongFunction<T> seq;
    private final ToLongFunction<T> id;
    private final ArrayDeque<T> waiting = new ArrayDeque<>();
    private final io.vertx.core.Context context;
    /** Until it knows where it starts (a replay, or where the table stood), live items wait. */
    private boolean replaying = true;
    private long last;
    /** Ids, sorted, of rows committed before a subscription "from now" that the relay had not numbered yet: not news to it. */
    private long[] before = new long[0];

    /**
     * {@code sink} sends a wanted item: emits it to the subscription or, when {@code direct},
     * writes it to the socket itself (no GraphQL execution follows, so no need for the
     * subscription's own context).
     */
    Feed(MultiEmitter<? super T> emitter, Predicate<T> wanted, Consumer<T> sink, boolean direct, ToLongFunction<T> seq,
            ToLongFunction<T> id, long after, io.vertx.core.Context context) {
        this.emitter = emitter;
        this.wanted = wanted;
        this.sink = sink;
        this.direct = direct;
        this.seq = seq;
        this.id = id;
        this.last = after;
        this.context = context;
    }

    /**
     * The event loop this subscription runs on: the outbox hands it live items there, so that the
     * per-subscriber work (writing the socket, running the selection) spreads over all loops
     * instead of queueing on the reader's. (Each subscription has its own duplicate of its loop's
     * context; the loop itself is shared, hence the unwrap.)
     */
    Object loop() {
        return org.wangge.platform.EventLoops.of(context);
    }

    /**
     * Live items, in cursor order, on this subscription's loop. Written to the socket at once, or,
     * when a GraphQL execution follows, on the subscription's own context.
     */
    void take(List<T> items) {
        if (direct || context == null) {
            takeNow(items);
        } else {
            context.runOnContext(v -> takeNow(items));
        }
    }

    private synchronized void takeNow(List<T> items) {
        for (T item : items) {
            if (replaying) {
                waiting.add(item);
            } else {
                deliver(item);
            }
        }
    }

    /** An item read back from the table during the replay. */
    synchronized void replayed(T item) {
        deliver(item);
    }

    /** The replay has reached the reader's position: what waited goes out, then live delivery. */
    synchronized void live() {
        while (!waiting.isEmpty()) {
            deliver(waiting.poll());
        }
        replaying = false;
    }

    /**
     * A subscription "from now" starts where the table stood when it began: after cursor
     * {@code numbered}, passing over the rows then committed but not yet numbered ({@code unnumbered},
     * sorted ids: a relay that is down for a while leaves many, and each such subscription keeps them).
     */
    synchronized void startAfter(long numbered, long[] unnumbered) {
        last = Math.max(last, numbered);
        before = unnumbered;
        live();
    }

    synchronized long last() {
        return last;
    }

    boolean cancelled() {
        return emitter.isCancelled();
    }

    private void deliver(T item) {
        long s = seq.applyAsLong(item);
        if (s <= last) {
            return;
        }
        last = s;
        if (before.length > 0 && java.util.Arrays.binarySearch(before, id.applyAsLong(item)) >= 0) {
            return;
        }
        if (wanted.test(item) && !emitter.isCancelled()) {
            sink.accept(item);
        }
    }
}
