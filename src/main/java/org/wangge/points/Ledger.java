package org.wangge.points;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.wangge.common.ApiException;

/**
 * The points ledger, written only here and only inside the caller's transaction: each change
 * is a new entry carrying the balance after it, and the account's balance moves in the same
 * statement, guarded so that it never goes below zero.
 */
public final class Ledger {

    public enum Reason { VERIFIED_REPORT, VOLUNTEERING, PATROL, GOOD_DEED, REDEMPTION, REFUND, EXPIRY, CORRECTION }

    /** Moves the balance (never below zero) and appends the entry with the balance after it. */
    static final String POST = """
            WITH acc AS (UPDATE points_account SET balance = balance + cast($2 AS bigint)
                         WHERE subject = $1 AND balance + cast($2 AS bigint) >= 0 RETURNING balance)
            INSERT INTO points_entry (subject, amount, balance_after, reason, case_id, order_id, award_id, note, approved_by)
            SELECT $1, $2, acc.balance, $3, cast($4 AS bigint), cast($5 AS bigint), cast($6 AS bigint),
                   cast($7 AS varchar), cast($8 AS varchar)
            FROM acc RETURNING balance_after""";

    private Ledger() {
    }

    /** Posts one entry; fails with CONFLICT (reason INSUFFICIENT_POINTS) when it would go negative. */
    public static Uni<Long> post(String subject, long amount, Reason reason, Long caseId, Long orderId, Long awardId, String note,
            String approvedBy) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                "INSERT INTO points_account (subject) VALUES (?1) ON CONFLICT (subject) DO NOTHING")
                .setParameter(1, subject).executeUpdate()
                .chain(() -> s.createNativeQuery(POST.replace('$', '?'), Long.class)
                        .setParameter(1, subject).setParameter(2, amount).setParameter(3, reason.name())
                        .setParameter(4, caseId).setParameter(5, orderId).setParameter(6, awardId)
                        .setParameter(7, note).setParameter(8, approvedBy).getResultList()))
                .map((List<Long> balance) -> {
                    if (balance.isEmpty()) {
                        throw ApiException.conflict("Not enough points").with("reason", "INSUFFICIENT_POINTS");
                    }
                    return balance.get(0);
                });
    }

    /**
     * Earns the reporter of a case that reached VERIFIED the points of its kind's rule, once per
     * case: called inside the VERIFY transition's transaction.
     */
    public static Uni<Void> verifiedReport(long caseId, String reporter, String kind) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                SELECT r.points FROM earning_rule r WHERE r.kind_code = ?1 AND r.active
                  AND NOT EXISTS (SELECT 1 FROM points_entry e WHERE e.case_id = ?2 AND e.reason = 'VERIFIED_REPORT')""", Integer.class)
                .setParameter(1, kind).setParameter(2, caseId).getResultList())
                .chain(points -> points.isEmpty() ? Uni.createFrom().voidItem()
                        : post(reporter, points.get(0), Reason.VERIFIED_REPORT, caseId, null, null, "核查通过的上报", null).replaceWithVoid());
    }
}
