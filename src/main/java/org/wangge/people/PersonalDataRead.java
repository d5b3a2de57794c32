package org.wangge.people;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("One full read of a resident's ID number or phone, or one exact search by them (append-only audit log)")
public class PersonalDataRead implements org.wangge.security.Visible, org.wangge.common.Node {

    static final String COLUMNS = "id, read_at, actor_subject, person_id, field, reason, request_id";

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @org.eclipse.microprofile.graphql.Ignore
    public long dbId;

    @NonNull
    public OffsetDateTime readAt;
    @NonNull
    public String actorSubject;
    @Id
    @Description("Whose data was read or found; null for a search that found nobody")
    public String personId;
    @NonNull
    @Description("idNumber or phone (a full read), idNumberSearch or phoneSearch (an exact search)")
    public String field;
    @NonNull
    public String reason;
    @NonNull
    public String requestId;

    /** The audit log is for admins only. */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return caller.isAdmin();
    }

    static PersonalDataRead from(Row row) {
        PersonalDataRead r = new PersonalDataRead();
        r.dbId = row.getLong("id");
        r.id = NodeType.PERSONAL_DATA_READ.id(r.dbId);
        r.readAt = row.getOffsetDateTime("read_at");
        r.actorSubject = row.getString("actor_subject");
        Long person = row.getLong("person_id");
        r.personId = NodeType.PERSON.id(person);
        r.field = row.getString("field");
        r.reason = row.getString("reason");
        r.requestId = row.getString("request_id");
        return r;
    }
}
