package org.wangge.cases;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("One step on a case's timeline (append-only)")
public class CaseEvent implements org.wangge.common.Node {

    static final String COLUMNS = "e.id, e.case_id, e.action, e.from_state, e.to_state, e.actor_subject, e.actor_name, e.note, e.at";

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
    public CaseAction action;
    public CaseState fromState;
    @NonNull
    public CaseState toState;
    @NonNull
    public String actorSubject;
    public String actorName;
    public String note;
    @NonNull
    public OffsetDateTime at;
    @Ignore
    public long caseId;

    static CaseEvent from(Row row) {
        CaseEvent e = new CaseEvent();
        e.id = NodeType.CASE_EVENT.id(row.getLong("id"));
        e.caseId = row.getLong("case_id");
        e.action = CaseAction.valueOf(row.getString("action"));
        String from = row.getString("from_state");
        e.fromState = from == null ? null : CaseState.valueOf(from);
        e.toState = CaseState.valueOf(row.getString("to_state"));
        e.actorSubject = row.getString("actor_subject");
        e.actorName = row.getString("actor_name");
        e.note = row.getString("note");
        e.at = row.getOffsetDateTime("at");
        return e;
    }
}
