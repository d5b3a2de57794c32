package org.wangge.points;

import io.smallrye.mutiny.Uni;
import org.wangge.common.ApiException;
import org.wangge.common.Tx;

/**
 * The points ledger, written only here and only inside the caller's transaction: each change
 * is a new entry carrying the balance after it, and the account's balance moves in the same
 * statement, guarded so that it never goes below zero.
 */
public final class Ledger {

    @org.eclipse.microprofile.graphql.Description("Why points were added or taken")
    public enum Reason { VERIFIED_REPORT, VOLUNTEERING, PATROL, GOOD_DEED, REDEMPTION, REFUND, EXPIRY, CORRECTION }

    /** Moves the balance (never below zero) and appends the entry with the balance after it. */
    private static final String POST = """
            WITH acc AS (UPDATE points_account SET balance = balance + cast($2 AS bigint)
                         WHERE subject = $1 AND balance + cast($2 AS bigint) >= 0 RETURNING balance)
            INSERT INTO points_entry (subject, amount, balance_after, reason, case_id, order_id, award_id, note, approved_by)
            SELECT $1, $2, acc.balance, $3, cast($4 AS bigint), cast($5 AS bigint), cast($6 AS bigint),
                   cast($7 AS varchar), cast($8 AS varchar)
            FROM acc RETURNING balance_after""";

    private Ledger() {
    }

    /** Posts one entry; fails with CONFLICT (reason INSUFFICIENT_POINTS) when it would go negative. */
    public static Uni<Long> post(Tx tx, String subject, long amount, Reason reason, Long caseId, Long orderId, Long awardId, String note,
            String approvedBy) {
        return tx.update("INSERT INTO points_account (subject) VALUES ($1) ON CONFLICT (subject) DO NOTHING", subject)
                .chain(() -> tx.one(POST, Long.class, subject, amount, reason.name(), caseId, orderId, awardId, note, approvedBy))
                .map(balance -> {
                    if (balance == null) {
                        throw ApiException.conflict("Not enough points").with("reason", "INSUFFICIENT_POINTS");
                    }
                    return balance;
                });
    }

    /**
     * Earns the reporter of a case that reached VERIFIED the points of its kind's rule, once per
     * case: called inside the VERIFY transition's transaction.
     */
    public static Uni<Void> verifiedReport(Tx tx, long caseId, String reporter, String kind) {
        return tx.one("""
                SELECT r.points FROM earning_rule r WHERE r.kind_code = $1 AND r.active
                  AND NOT EXISTS (SELECT 1 FROM points_entry e WHERE e.case_id = $2 AND e.reason = 'VERIFIED_REPORT')""",
                Integer.class, kind, caseId)
                .chain(points -> points == null ? Uni.createFrom().voidItem()
                        : post(tx, reporter, points, Reason.VERIFIED_REPORT, caseId, null, null, "核查通过的上报", null).replaceWithVoid());
    }
}
