package org.wangge.people;

import io.vertx.mutiny.sqlclient.Row;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("One person in one care group, with a one-to-one helper (一对一结对帮扶) and a visit interval")
public class CareCase implements org.wangge.security.Visible, org.wangge.common.Node {

    static final String COLUMNS = "c.id, c.person_id, c.category_code, cat.name_zh, cat.name_en, cat.active, c.level, "
            + "c.start_date, c.end_date, c.helper_subject, acc.display_name AS helper_name, c.visit_interval_days, c.note, "
            + "c.version, (SELECT max(v.visited_at) FROM visit v WHERE v.person_id = c.person_id AND v.visited_at >= c.start_date) AS last_visit_at, cg.path AS grid_path";
    static final String FROM = " FROM person_care c JOIN care_category cat ON cat.code = c.category_code"
            + " LEFT JOIN account acc ON acc.subject = c.helper_subject"
            + " JOIN person cp ON cp.id = c.person_id LEFT JOIN household ch ON ch.id = cp.household_id LEFT JOIN grid cg ON cg.id = ch.grid_id";

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
    public CareCategory category;
    @NonNull
    public CareLevel level;
    @NonNull
    public LocalDate startDate;
    public LocalDate endDate;
    @NonNull
    public boolean active;
    @Description("Subject of the helper")
    public String helperSubject;
    public String helperName;
    public Integer visitIntervalDays;
    public OffsetDateTime lastVisitAt;
    @Description("When the next visit is due: the last visit (or the start) plus the interval")
    public LocalDate nextVisitDue;
    @NonNull
    public boolean visitOverdue;
    public String note;
    @NonNull
    public int version;

    @Ignore
    public long dbId;
    @Ignore
    public long personId;
    @Ignore
    public String gridPath;

    /** Staff who read care groups over the person's grid. Not the person, not their neighbours. */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return caller.may(org.wangge.security.Capability.CARE_READ, gridPath);
    }

    static CareCase from(Row row, LocalDate today, java.time.ZoneId zone) {
        CareCase c = new CareCase();
        c.dbId = row.getLong("id");
        c.gridPath = row.getString("grid_path");
        c.id = NodeType.CARE_CASE.id(c.dbId);
        c.personId = row.getLong("person_id");
        c.category = CareCategory.from(row.getString("category_code"), row);
        c.level = CareLevel.valueOf(row.getString("level"));
        c.startDate = row.getLocalDate("start_date");
        c.endDate = row.getLocalDate("end_date");
        c.active = !c.startDate.isAfter(today) && (c.endDate == null || !c.endDate.isBefore(today));
        c.helperSubject = row.getString("helper_subject");
        c.helperName = row.getString("helper_name");
        c.visitIntervalDays = row.getInteger("visit_interval_days");
        c.lastVisitAt = row.getOffsetDateTime("last_visit_at");
        c.note = row.getString("note");
        c.version = row.getInteger("version");
        if (c.visitIntervalDays != null) {
            LocalDate from = c.lastVisitAt == null ? c.startDate : c.lastVisitAt.atZoneSameInstant(zone).toLocalDate();
            c.nextVisitDue = from.plusDays(c.visitIntervalDays);
            c.visitOverdue = c.active && c.nextVisitDue.isBefore(today);
        }
        return c;
    }
}
