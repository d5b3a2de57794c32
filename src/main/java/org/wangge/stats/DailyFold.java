package org.wangge.stats;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.wangge.common.Tx;

/**
 * Folds the daily roll-up's deltas into the rows of every tier (see V13) every couple of
 * seconds, on whichever instance gets there first; readers add what is not folded yet. Then
 * recomputes the case cohorts of the counties, cities and provinces whose cases changed (V44).
 */
@ApplicationScoped
public class DailyFold {

    @Scheduled(every = "${wangge.daily.fold-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return fold().chain(this::foldAllCohorts).replaceWithVoid();
    }

    /** Folds what is there now; returns the number of deltas folded (0 if another instance is folding). */
    public Uni<Long> fold() {
        return Tx.run(tx -> tx.one("SELECT fold_daily()", Long.class));
    }

    /** Recomputes the case cohorts the latest changes touched (V44); returns the changes taken (0 if another instance is at it). */
    public Uni<Long> foldCohorts() {
        return Tx.run(tx -> tx.one("SELECT fold_case_cohorts()", Long.class));
    }

    /** As {@link #foldCohorts}, again while a run takes as many changes as it may. */
    private Uni<Long> foldAllCohorts() {
        return foldCohorts().chain(taken -> taken >= COHORT_CHANGES_A_RUN ? foldAllCohorts() : Uni.createFrom().item(taken));
    }

    /** What fold_case_cohorts takes at most. */
    static final long COHORT_CHANGES_A_RUN = 20_000;
}
