package org.wangge.stats;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.wangge.common.Sql;

/**
 * Folds the daily roll-up's deltas into the rows of every tier (see V13) every couple of
 * seconds, on whichever instance gets there first; readers add what is not folded yet.
 */
@ApplicationScoped
public class DailyFold {

    private final Sql sql;

    public DailyFold(Sql sql) {
        this.sql = sql;
    }

    @Scheduled(every = "${wangge.daily.fold-every:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return fold().replaceWithVoid();
    }

    /** Folds what is there now; returns the number of deltas folded (0 if another instance is folding). */
    public Uni<Long> fold() {
        return sql.one("SELECT fold_daily()", Tuple.tuple(), row -> row.getLong(0));
    }
}
