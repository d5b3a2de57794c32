package org.wangge.points;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("A proposed award for volunteering, a patrol or a good deed, decided by the grid chief")
public class Award implements org.wangge.security.Visible, org.wangge.common.Node {
    static final String COLUMNS = "id, subject, grid_id, kind, points, note, state, proposed_by, decided_by, decided_at, created_at, "
            + "(SELECT g.path FROM grid g WHERE g.id = grid_id) AS grid_path";

    @org.eclipse.microprofile.graphql.Name("AwardState")
    @org.eclipse.microprofile.graphql.Description("Where an award stands: proposed, then approved or rejected")
    public enum State { PROPOSED, APPROVED, REJECTED }

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
    public String subject;
    @Id
    @NonNull
    public String gridId;
    @NonNull
    public AwardKind kind;
    @NonNull
    public int points;
    public String note;
    @NonNull
    public State state;
    @NonNull
    public String proposedBy;
    public String decidedBy;
    public OffsetDateTime decidedAt;
    @NonNull
    public OffsetDateTime createdAt;

    @org.eclipse.microprofile.graphql.Ignore
    public String gridPath;

    /** Its beneficiary, its proposer, and staff who propose or decide awards over its grid. */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return caller.subject().equals(subject) || caller.subject().equals(proposedBy)
                || caller.may(org.wangge.security.Capability.AWARDS_PROPOSE, gridPath)
                || caller.may(org.wangge.security.Capability.AWARDS_DECIDE, gridPath);
    }

    static Award from(Row row) {
        Award a = new Award();
        a.id = NodeType.AWARD.id(row.getLong("id"));
        a.subject = row.getString("subject");
        a.gridId = NodeType.GRID.id(row.getLong("grid_id"));
        a.kind = AwardKind.valueOf(row.getString("kind"));
        a.points = row.getInteger("points");
        a.note = row.getString("note");
        a.state = State.valueOf(row.getString("state"));
        a.proposedBy = row.getString("proposed_by");
        a.decidedBy = row.getString("decided_by");
        a.decidedAt = row.getOffsetDateTime("decided_at");
        a.createdAt = row.getOffsetDateTime("created_at");
        a.gridPath = row.getString("grid_path");
        return a;
    }
}
