package org.wangge.points;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.wangge.common.Clock;
import org.wangge.common.Sql;

/**
 * Yearly expiry (optional, `wangge.points.expiry-years`): points earned longer ago than the
 * policy and not spent since expire with an EXPIRY entry. Spending is counted first-in,
 * first-out, so a run that finds nothing left to expire writes nothing: running it again is harmless.
 */
@ApplicationScoped
public class PointsExpiry {

    private final Sql sql;
    private final Clock clock;
    private final Optional<Integer> years;

    public PointsExpiry(Sql sql, Clock clock, @ConfigProperty(name = "wangge.points.expiry-years") Optional<Integer> years) {
        this.sql = sql;
        this.clock = clock;
        this.years = years;
    }

    @Scheduled(cron = "${wangge.points.expiry-cron:0 30 2 * * ?}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> nightly() {
        return run().replaceWithVoid();
    }

    /** Expires what is due now; returns how many accounts lost points. */
    public Uni<Integer> run() {
        if (years.isEmpty() || years.get() <= 0) {
            return Uni.createFrom().item(0);
        }
        OffsetDateTime cutoff = clock.now().minusYears(years.get());
        return sql.list("""
                SELECT a.subject, least(a.balance, x.old_earned - x.spent) AS expire FROM points_account a JOIN (
                  SELECT e.subject,
                         coalesce(sum(e.amount) FILTER (WHERE e.amount > 0 AND e.reason NOT IN ('REFUND', 'CORRECTION') AND e.created_at < $1), 0) AS old_earned,
                         -coalesce(sum(e.amount) FILTER (WHERE e.reason IN ('REDEMPTION', 'REFUND', 'EXPIRY')
                                                          OR (e.reason = 'CORRECTION' AND e.amount < 0)), 0) AS spent
                  FROM points_entry e GROUP BY e.subject) x ON x.subject = a.subject
                WHERE x.old_earned - x.spent > 0 AND a.balance > 0""", Tuple.of(cutoff),
                (Row row) -> new Object[] {row.getString("subject"), row.getLong("expire")})
                .chain(due -> {
                    List<Uni<Integer>> posts = new ArrayList<>();
                    for (Object[] d : due) {
                        posts.add(sql.pool().withTransaction(conn -> conn.preparedQuery(Ledger.POST)
                                .execute(Tuple.tuple().addString((String) d[0]).addLong(-(Long) d[1]).addString(Ledger.Reason.EXPIRY.name())
                                        .addValue(null).addValue(null).addValue(null)
                                        .addString("积分过期 (earned before " + cutoff.toLocalDate() + ")").addValue(null)))
                                .map(rows -> rows.size()));
                    }
                    return posts.isEmpty() ? Uni.createFrom().item(0)
                            : Uni.join().all(posts).andCollectFailures().map(done -> done.stream().mapToInt(Integer::intValue).sum());
                });
    }
}
