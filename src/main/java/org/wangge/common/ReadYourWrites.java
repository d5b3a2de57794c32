package org.wangge.common;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * When a replica may answer a caller. The primary's WAL insert position is sampled, each sample
 * with the time taken just before asking; once the replica has replayed past a sample's position,
 * every transaction acknowledged before that time is visible there ({@link #caughtUpTo}). A
 * caller whose last write was acknowledged later reads from the primary. Nothing is asked per
 * request: two small statements per poll, for every caller together.
 */
final class ReadYourWrites {

    /** Samples kept while the replica is behind; older ones are dropped (which only delays catching up). */
    static final int MAX_SAMPLES = 10_000;

    private final LongSupplier clock;
    private final long maxLagNanos;
    private final long windowNanos;
    /** Callers by subject: when their last write was acknowledged (clock nanos). */
    private final Map<String, Long> lastWrite = new ConcurrentHashMap<>();
    /** (time, primary position) pairs not yet replayed, oldest first. */
    private final ArrayDeque<long[]> samples = new ArrayDeque<>();
    private volatile long caughtUpTo;
    private volatile boolean reachable;

    /**
     * @param windowNanos how long a writer reads the primary at least, however soon the replica
     *        polled has the write (other replicas behind one pooler may not)
     */
    ReadYourWrites(LongSupplier clock, long maxLagNanos, long windowNanos) {
        this.clock = clock;
        this.maxLagNanos = maxLagNanos;
        this.windowNanos = windowNanos;
        this.caughtUpTo = clock.getAsLong() - maxLagNanos - 1;
    }

    long now() {
        return clock.getAsLong();
    }

    /** {@code subject}'s write was acknowledged just now. */
    void wrote(String subject) {
        if (subject != null) {
            lastWrite.put(subject, clock.getAsLong());
        }
    }

    /** The primary's insert position was {@code position} when asked at {@code at} or after. */
    synchronized void primaryAt(long at, long position) {
        if (samples.size() == MAX_SAMPLES) {
            samples.removeFirst();
        }
        samples.addLast(new long[] {at, position});
    }

    /** The replica answered, having replayed up to {@code position}. */
    void replicaAt(long position) {
        long upTo = Long.MIN_VALUE;
        synchronized (this) {
            while (!samples.isEmpty() && samples.peekFirst()[1] <= position) {
                upTo = samples.removeFirst()[0];
            }
        }
        if (upTo != Long.MIN_VALUE && upTo - caughtUpTo > 0) {
            caughtUpTo = upTo;
            long safe = upTo;
            long now = clock.getAsLong();
            // callers whose writes are on the replica now need no entry
            lastWrite.values().removeIf(t -> t - safe < 0 && now - t >= windowNanos);
        }
        reachable = true;
    }

    /** The replica did not answer: leave it aside until it does. */
    void replicaDown() {
        reachable = false;
    }

    /** Whether the replica is reachable and close enough behind to answer anyone. */
    boolean usable() {
        return reachable && clock.getAsLong() - caughtUpTo <= maxLagNanos;
    }

    /** Whether the replica may answer {@code subject} (null: an anonymous caller, who wrote nothing). */
    boolean replicaServes(String subject) {
        if (!usable()) {
            return false;
        }
        Long wrote = subject == null ? null : lastWrite.get(subject);
        return wrote == null || wrote - caughtUpTo < 0 && clock.getAsLong() - wrote >= windowNanos;
    }

    /** How far behind the replica is known to be, in nanoseconds. */
    long lagNanos() {
        return Math.max(0, clock.getAsLong() - caughtUpTo);
    }
}
