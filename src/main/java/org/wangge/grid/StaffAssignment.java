package org.wangge.grid;

import io.vertx.mutiny.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A person account (OIDC subject) holding a role on a grid for a period")
public class StaffAssignment {

    static final String COLUMNS = "a.id, a.grid_id, a.subject, acc.display_name, a.role, a.start_date, a.end_date, "
            + "a.created_at, a.created_by, a.version";
    static final String FROM = " FROM staff_assignment a JOIN account acc ON acc.subject = a.subject";

    @Id
    @NonNull
    public String id;
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

    @Ignore
    public long dbId;
    @Ignore
    public long gridId;
    @Ignore
    public String gridPath;

    static StaffAssignment from(Row row, LocalDate today) {
        StaffAssignment a = new StaffAssignment();
        a.dbId = row.getLong("id");
        a.id = Long.toString(a.dbId);
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
        return a;
    }
}
