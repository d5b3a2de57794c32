package org.wangge.points;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import org.wangge.common.Clock;
import org.wangge.common.Sql;

/**
 * Expiry, a policy of each shop ({@code shop.expiry_years}): points earned in a grid (where the
 * verified report's case or the award belongs) follow the nearest active shop at or above that
 * grid, and expire that many years after they were earned with an EXPIRY entry. Spending is
 * counted against the points due to expire first, so only what is due and unspent expires, and a
 * run that finds nothing left to expire writes nothing: running it again is harmless.
 */
@ApplicationScoped
public class PointsExpiry {

    /**
     * Per person: earned points whose shop policy has run out ($1 = now), less everything spent
     * (redemptions net of refunds, earlier expiries, negative corrections), capped by the balance.
     */
    private static final String DUE = """
            WITH lot AS (
              SELECT e.subject, e.amount FROM points_entry e
              LEFT JOIN case_file c ON e.reason = 'VERIFIED_REPORT' AND c.id = e.case_id
              LEFT JOIN points_award w ON e.reason <> 'VERIFIED_REPORT' AND w.id = e.award_id
              JOIN grid g ON g.id = coalesce(c.grid_id, w.grid_id)
              CROSS JOIN LATERAL (SELECT s.expiry_years FROM shop s JOIN grid sg ON sg.id = s.grid_id
                                  WHERE s.active AND starts_with(g.path, sg.path)
                                  ORDER BY length(sg.path) DESC, s.id LIMIT 1) policy
              WHERE e.amount > 0 AND e.reason IN ('VERIFIED_REPORT', 'VOLUNTEERING', 'PATROL', 'GOOD_DEED')
                AND e.created_at <= cast($1 AS timestamptz) - interval '1 year' %s
                AND e.created_at + make_interval(years => policy.expiry_years) <= cast($1 AS timestamptz)
            ), due AS (SELECT subject, sum(amount) AS due FROM lot GROUP BY subject),
            spent AS (SELECT e.subject, -sum(e.amount) AS spent FROM points_entry e JOIN due USING (subject)
                      WHERE e.reason IN ('REDEMPTION', 'REFUND', 'EXPIRY') OR (e.reason = 'CORRECTION' AND e.amount < 0)
                      GROUP BY e.subject)
            SELECT a.subject, least(a.balance, d.due - coalesce(s.spent, 0)) AS expire
            FROM due d JOIN points_account a USING (subject) LEFT JOIN spent s USING (subject)
            WHERE d.due - coalesce(s.spent, 0) > 0 AND a.balance > 0""";

    private final Sql sql;
    private final Clock clock;

    public PointsExpiry(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Scheduled(cron = "${wangge.points.expiry-cron:0 30 2 * * ?}", timeZone = Clock.ZONE_NAME, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> nightly() {
        return run().replaceWithVoid();
    }

    /** Expires what is due now; returns how many accounts lost points. */
    public Uni<Integer> run() {
        OffsetDateTime now = clock.now();
        // one account after another: a night's worth of expiries must not take every pooled connection
        return sql.list(DUE.formatted(""), Tuple.of(now), (Row row) -> row.getString("subject"))
                .onItem().transformToMulti(subjects -> Multi.createFrom().iterable(subjects))
                .onItem().transformToUniAndConcatenate(subject -> sql.pool().withTransaction(conn -> expire(conn, subject, now)))
                .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum());
    }

    /** One person, with their account locked so that a redemption in between cannot make the figure stale. */
    private static Uni<Integer> expire(SqlConnection conn, String subject, OffsetDateTime now) {
        return conn.preparedQuery("SELECT balance FROM points_account WHERE subject = $1 FOR UPDATE").execute(Tuple.of(subject))
                .chain(() -> conn.preparedQuery(DUE.formatted("AND e.subject = $2")).execute(Tuple.of(now, subject)))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(0);
                    }
                    long amount = rows.iterator().next().getLong("expire");
                    return conn.preparedQuery(Ledger.POST)
                            .execute(Tuple.tuple().addString(subject).addLong(-amount).addString(Ledger.Reason.EXPIRY.name())
                                    .addValue(null).addValue(null).addValue(null).addString("积分过期（积分超市有效期已满）").addValue(null))
                            .map(posted -> posted.size());
                });
    }
}
