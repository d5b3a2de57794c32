package org.wangge.people;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("A home visit (入户走访)")
public class Visit implements org.wangge.security.Visible, org.wangge.common.Node {

    static final String COLUMNS = "v.id, v.visitor_subject, acc.display_name AS visitor_name, v.household_id, v.person_id, "
            + "v.visited_at, v.created_at, v.notes, v.findings, vg.path AS grid_path";
    static final String FROM = " FROM visit v JOIN account acc ON acc.subject = v.visitor_subject"
            + " JOIN household vh ON vh.id = v.household_id JOIN grid vg ON vg.id = vh.grid_id";

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
    @Description("The staff member who visited")
    public String staffSubject;
    @NonNull
    public String staffName;
    @NonNull
    @Description("When the visit happened")
    public OffsetDateTime occurredAt;
    @NonNull
    @Description("When it was recorded: later than occurredAt for a visit recorded offline")
    public OffsetDateTime recordedAt;
    public String notes;
    public String findings;

    @Ignore
    public long dbId;
    @Ignore
    public long householdId;
    @Ignore
    public Long personId;
    @Ignore
    public String gridPath;

    /** Staff who read visit notes over the household's grid now, and the visitor. Residents never see them. */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return caller.may(org.wangge.security.Capability.VISITS_READ, gridPath) || caller.subject().equals(staffSubject);
    }

    static Visit from(Row row) {
        Visit v = new Visit();
        v.dbId = row.getLong("id");
        v.id = NodeType.VISIT.id(v.dbId);
        v.staffSubject = row.getString("visitor_subject");
        v.staffName = row.getString("visitor_name");
        v.householdId = row.getLong("household_id");
        v.personId = row.getLong("person_id");
        v.gridPath = row.getString("grid_path");
        v.occurredAt = row.getOffsetDateTime("visited_at");
        v.recordedAt = row.getOffsetDateTime("created_at");
        v.notes = row.getString("notes");
        v.findings = row.getString("findings");
        return v;
    }
}
