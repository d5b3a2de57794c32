package org.wangge.people;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One full read of a resident's ID number or phone, or one exact search by them (append-only audit log)")
public class PersonalDataRead implements org.wangge.security.Visible {

    static final String COLUMNS = "id, read_at, actor_subject, person_id, field, reason, request_id";

    @Id
    @NonNull
    public String id;
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
        r.id = row.getLong("id").toString();
        r.readAt = row.getOffsetDateTime("read_at");
        r.actorSubject = row.getString("actor_subject");
        Long person = row.getLong("person_id");
        r.personId = person == null ? null : person.toString();
        r.field = row.getString("field");
        r.reason = row.getString("reason");
        r.requestId = row.getString("request_id");
        return r;
    }
}
