package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the replica may answer whom, with the clock and WAL positions given by hand. */
class ReadYourWritesTest {

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final ReadYourWrites freshness = new ReadYourWrites(clock::get, 5_000, 0);

    @Test
    void nobodyIsAnsweredByAReplicaNotHeardFromYet() {
        assertFalse(freshness.replicaServes("a"));
        freshness.primaryAt(clock.get(), 100);
        freshness.replicaAt(100);
        assertTrue(freshness.replicaServes("a"));
        assertTrue(freshness.replicaServes(null));
    }

    @Test
    void aWriterReadsThePrimaryUntilTheReplicaHasReplayedPastASampleTakenAfterTheWrite() {
        freshness.primaryAt(clock.get(), 100);
        freshness.replicaAt(100);
        tick(10);
        freshness.wrote("writer");
        tick(10);
        long sampled = clock.get();
        freshness.primaryAt(sampled, 180);
        freshness.replicaAt(150);
        assertFalse(freshness.replicaServes("writer"), "the replica is behind the position sampled after the write");
        assertTrue(freshness.replicaServes("other"), "others read the replica meanwhile");
        freshness.replicaAt(180);
        assertTrue(freshness.replicaServes("writer"));
    }

    @Test
    void aSampleTakenBeforeTheWriteIsNotEnough() {
        long before = clock.get();
        tick(1);
        freshness.wrote("writer");
        // the position was asked for before the write was acknowledged: it may lie below the write
        freshness.primaryAt(before, 200);
        freshness.replicaAt(200);
        assertFalse(freshness.replicaServes("writer"));
        tick(1);
        freshness.primaryAt(clock.get(), 210);
        freshness.replicaAt(210);
        assertTrue(freshness.replicaServes("writer"));
    }

    @Test
    void aReplicaTooFarBehindOrDownServesNobody() {
        freshness.primaryAt(clock.get(), 100);
        freshness.replicaAt(100);
        tick(6_000);
        assertFalse(freshness.replicaServes("a"), "not caught up for longer than the lag allowed");
        freshness.primaryAt(clock.get(), 100);
        freshness.replicaAt(100);
        assertTrue(freshness.replicaServes("a"));
        assertEquals(0, freshness.lagNanos());
        freshness.replicaDown();
        assertFalse(freshness.replicaServes("a"));
        freshness.primaryAt(clock.get(), 100);
        freshness.replicaAt(100);
        assertTrue(freshness.replicaServes("a"), "back once it answers");
    }

    @Test
    void aWindowKeepsAWriterOnThePrimaryAtLeastThatLong() {
        ReadYourWrites windowed = new ReadYourWrites(clock::get, 5_000, 1_000);
        windowed.wrote("writer");
        tick(1);
        windowed.primaryAt(clock.get(), 100);
        windowed.replicaAt(100);
        assertFalse(windowed.replicaServes("writer"), "the polled replica has the write, the window is not over");
        tick(998);
        windowed.primaryAt(clock.get(), 100);
        windowed.replicaAt(100);
        assertFalse(windowed.replicaServes("writer"));
        tick(1);
        assertTrue(windowed.replicaServes("writer"));
    }

    @Test
    void samplesAreBoundedWhileTheReplicaIsBehind() {
        for (int i = 0; i < ReadYourWrites.MAX_SAMPLES + 50; i++) {
            tick(1);
            freshness.primaryAt(clock.get(), 1_000 + i);
        }
        freshness.replicaAt(1_000 + ReadYourWrites.MAX_SAMPLES + 49);
        assertTrue(freshness.replicaServes("a"));
    }

    private void tick(long nanos) {
        clock.addAndGet(nanos);
    }
}
