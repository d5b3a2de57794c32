package org.wangge.grid;

import io.vertx.mutiny.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("A person account (OIDC subject) holding a role on a grid for a period")
public class StaffAssignment implements org.wangge.security.Visible, org.wangge.common.Node {

    static final String COLUMNS = "a.id, a.grid_id, a.subject, acc.display_name, a.role, a.start_date, a.end_date, "
            + "a.created_at, a.created_by, a.version, a.building, ag.path AS grid_path";
    static final String FROM = " FROM staff_assignment a JOIN account acc ON acc.subject = a.subject JOIN grid ag ON ag.id = a.grid_id";

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
    @Description("OIDC subject of the person")
    public String subject;
    @NonNull
    public String displayName;
    @NonNull
    public StaffRole role;
    @NonNull
    public LocalDate startDate;
    @Description("Last day of the assignment; open-ended when null")
    public LocalDate endDate;
    @NonNull
    @Description("True when today (Asia/Shanghai) lies within the period")
    public boolean active;
    @NonNull
    public OffsetDateTime createdAt;
    @NonNull
    public String createdBy;
    @NonNull
    public int version;
    @Description("The building a building chief (楼栋长) answers for")
    public String building;

    @Ignore
    public long dbId;
    @Ignore
    public long gridId;
    @Ignore
    public String gridPath;

    /**
     * The person themselves; staff who read staff over its grid; and anyone assigned on its grid
     * or below, who sees who stands above them (whom to call).
     */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        if (caller.subject().equals(subject) || caller.may(org.wangge.security.Capability.STAFF_READ, gridPath)) {
            return true;
        }
        for (org.wangge.security.Caller.Grant g : caller.grants()) {
            if (g.path().startsWith(gridPath)) {
                return true;
            }
        }
        return false;
    }

    static StaffAssignment from(Row row, LocalDate today) {
        StaffAssignment a = new StaffAssignment();
        a.dbId = row.getLong("id");
        a.id = NodeType.STAFF_ASSIGNMENT.id(a.dbId);
        a.gridId = row.getLong("grid_id");
        a.subject = row.getString("subject");
        a.displayName = row.getString("display_name");
        a.role = StaffRole.valueOf(row.getString("role"));
        a.startDate = row.getLocalDate("start_date");
        a.endDate = row.getLocalDate("end_date");
        a.active = !a.startDate.isAfter(today) && (a.endDate == null || !a.endDate.isBefore(today));
        a.createdAt = row.getOffsetDateTime("created_at");
        a.createdBy = row.getString("created_by");
        a.version = row.getInteger("version");
        a.building = row.getString("building");
        a.gridPath = row.getString("grid_path");
        return a;
    }
}
