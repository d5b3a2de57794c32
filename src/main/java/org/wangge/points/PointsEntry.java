package org.wangge.points;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("One change of a points balance (append-only)")
public class PointsEntry implements org.wangge.security.Visible, org.wangge.common.Node {
    /**
     * An entry the outbox relay has not numbered yet (just written) shows the last cursor so far:
     * resuming after it delivers the entry once it is numbered.
     */
    static final String COLUMNS = "id, coalesce(seq, (SELECT coalesce(max(seq), 0) FROM points_entry)) AS seq, subject, amount, "
            + "balance_after, reason, case_id, order_id, award_id, note, approved_by, created_at";

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    public int amount;
    @NonNull
    public int balanceAfter;
    @NonNull
    public Ledger.Reason reason;
    @Id
    public String caseId;
    @Id
    public String orderId;
    @Id
    public String awardId;
    public String note;
    public String approvedBy;
    @NonNull
    public OffsetDateTime createdAt;
    @NonNull
    @Description("Position in the ledger's commit order: pass it as `after` to myPointsUpdates to resume from here")
    public String cursor;
    @Ignore
    public long dbId;
    @Ignore
    public long seq;
    @Ignore
    public String subject;

    /** As its account: its holder only (and admins). */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return caller.isAdmin() || caller.subject().equals(subject);
    }

    static PointsEntry from(Row row) {
        PointsEntry e = new PointsEntry();
        e.dbId = row.getLong("id");
        e.id = NodeType.POINTS_ENTRY.id(e.dbId);
        e.seq = row.getLong("seq");
        e.cursor = Long.toString(e.seq);
        e.subject = row.getString("subject");
        e.amount = row.getLong("amount").intValue();
        e.balanceAfter = row.getLong("balance_after").intValue();
        e.reason = Ledger.Reason.valueOf(row.getString("reason"));
        e.caseId = NodeType.CASE_FILE.id(row.getLong("case_id"));
        e.orderId = NodeType.SHOP_ORDER.id(row.getLong("order_id"));
        e.awardId = NodeType.AWARD.id(row.getLong("award_id"));
        e.note = row.getString("note");
        e.approvedBy = row.getString("approved_by");
        e.createdAt = row.getOffsetDateTime("created_at");
        return e;
    }
}
