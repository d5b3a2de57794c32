package org.wangge.points;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import org.wangge.common.Clock;
import org.wangge.common.Tx;

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

    private final Clock clock;

    public PointsExpiry(Clock clock) {
        this.clock = clock;
    }

    @Scheduled(cron = "${wangge.points.expiry-cron:0 30 2 * * ?}", timeZone = Clock.ZONE_NAME, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> nightly() {
        return run().replaceWithVoid();
    }

    /** Expires what is due now; returns how many accounts lost points. */
    public Uni<Integer> run() {
        OffsetDateTime now = clock.now();
        // one account after another, each its own transaction: a night's worth of expiries must not
        // take every pooled connection, nor hold every account locked until the last
        return Tx.run(tx -> tx.rows(DUE.formatted(""), now))
                .onItem().transformToMulti(due -> Multi.createFrom().iterable(due.stream().map(row -> (String) row[0]).toList()))
                .onItem().transformToUniAndConcatenate(subject -> Tx.run(tx -> expire(tx, subject, now)))
                .collect().asList().map(done -> done.stream().mapToInt(Integer::intValue).sum());
    }

    /** One person, with their account locked so that a redemption in between cannot make the figure stale. */
    private static Uni<Integer> expire(Tx tx, String subject, OffsetDateTime now) {
        return tx.rows("SELECT balance FROM points_account WHERE subject = $1 FOR UPDATE", subject)
                .chain(() -> tx.rows(DUE.formatted("AND e.subject = $2"), now, subject))
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(0)
                        : Ledger.post(tx, subject, -((Number) due.get(0)[1]).longValue(), Ledger.Reason.EXPIRY, null, null, null,
                                "积分过期（积分超市有效期已满）", null).replaceWith(1));
    }
}
