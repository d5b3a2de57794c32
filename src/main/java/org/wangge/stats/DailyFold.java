package org.wangge.stats;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.wangge.common.Tx;

/**
 * Folds the daily roll-up's deltas into the rows of every tier (see V13) every couple of
 * seconds, on whichever instance gets there first; readers add what is not folded yet.
 */
@ApplicationScoped
public class DailyFold {

    @Scheduled(every = "${wangge.daily.fold-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return fold().replaceWithVoid();
    }

    /** Folds what is there now; returns the number of deltas folded (0 if another instance is folding). */
    public Uni<Long> fold() {
        return Tx.run(tx -> tx.one("SELECT fold_daily()", Long.class));
    }
}
