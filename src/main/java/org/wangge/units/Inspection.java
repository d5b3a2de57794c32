package org.wangge.units;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.Visible;

@Description("An inspection (检查) of a unit against a checklist; its findings are the items that failed")
public class Inspection implements Node, Visible {

    static final String COLUMNS = "i.id, i.unit_id, i.checklist_code, i.inspector_subject, iacc.display_name AS inspector_name, i.inspected_at, "
            + "i.notes, i.created_at, iu.grid_path";
    static final String FROM = " FROM inspection i JOIN account iacc ON iacc.subject = i.inspector_subject JOIN unit iu ON iu.id = i.unit_id";

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
    @Description("The staff member who inspected")
    public String inspectorSubject;
    @NonNull
    public String inspectorName;
    @NonNull
    @Description("When the inspection happened")
    public OffsetDateTime occurredAt;
    @NonNull
    @Description("When it was recorded: later than occurredAt for one recorded offline")
    public OffsetDateTime recordedAt;
    public String notes;

    @Ignore
    public long dbId;
    @Ignore
    public long unitId;
    @Ignore
    public String checklistCode;
    @Ignore
    public String gridPath;

    /** As its unit. */
    @Override
    public boolean visibleTo(Caller caller) {
        return caller.may(Capability.RESIDENTS_READ, gridPath);
    }

    static Inspection from(Row row) {
        Inspection i = new Inspection();
        i.dbId = row.getLong("id");
        i.id = NodeType.INSPECTION.id(i.dbId);
        i.unitId = row.getLong("unit_id");
        i.checklistCode = row.getString("checklist_code");
        i.inspectorSubject = row.getString("inspector_subject");
        i.inspectorName = row.getString("inspector_name");
        i.occurredAt = row.getOffsetDateTime("inspected_at");
        i.recordedAt = row.getOffsetDateTime("created_at");
        i.notes = row.getString("notes");
        i.gridPath = row.getString("grid_path");
        return i;
    }
}
