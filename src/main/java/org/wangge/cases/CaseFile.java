package org.wangge.cases;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.grid.GeoPoint;
import org.wangge.common.NodeType;

@Description("A case (事件): a dispute, hazard or request on its way from report to rated closure")
public class CaseFile implements org.wangge.security.Visible, org.wangge.common.Node {

    static final String COLUMNS = "c.id, c.number, c.kind_code, c.item_code, c.title, c.description, c.priority, c.risk_colour, "
            + "c.source, c.grid_id, c.lat, c.lng, c.state, c.reporter_subject, c.reporter_name, c.owner_subject, c.tier_grid_id, "
            + "c.handler_subject, c.handler_department_id, c.due_at, c.rework_count, c.escalation_count, c.duplicate_of, "
            + "c.result, c.rating, c.rating_comment, c.rated_at, c.created_at, c.occurred_at, c.requested_due_at, c.extension_count, c.park_requested, c.stage_due_at, c.address, c.media_url, c.updated_at, c.closed_at, c.version, c.grid_path, c.unit_id, c.county_code, "
            + "ARRAY(SELECT cd.department_id FROM case_department cd WHERE cd.case_id = c.id) AS departments";
    static final String FROM = " FROM case_file c";

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
    @Description("Human-readable number, e.g. C20261123-000042")
    public String number;
    @NonNull
    public String kind;
    @Description("Check item code")
    public String item;
    @NonNull
    public String title;
    public String description;
    @NonNull
    public Priority priority;
    public RiskColour riskColour;
    @NonNull
    public CaseSource source;
    public GeoPoint location;
    @NonNull
    public CaseState state;
    @NonNull
    public String reporterSubject;
    public String reporterName;
    @Description("首问负责: who owns the case now (set on acceptance, changed by hand-over)")
    public String ownerSubject;
    @Description("The staff member handling it, when dispatched to a person")
    public String handlerSubject;
    @NonNull
    public OffsetDateTime dueAt;
    @NonNull
    @Description("Past its deadline and not closed")
    public boolean overdue;
    @Description("The address as the reporter gave it")
    public String address;
    @Description("A link to a photo or video kept elsewhere")
    public String mediaUrl;
    @Description("The deadline of the stage it is in, by the catalogue's limits: 受理 while reported, 派遣 while accepted, 核查 while resolved (handling runs against dueAt)")
    public OffsetDateTime stageDueAt;
    @NonNull
    @Description("Times sent back for rework (返工)")
    public int reworkCount;
    @NonNull
    public int escalationCount;
    @Description("Resolution written by the handler (解单)")
    public String result;
    @Description("评单: 1-5, by the reporter after closure")
    public Integer rating;
    public String ratingComment;
    public OffsetDateTime ratedAt;
    @NonNull
    @Description("When it was reported (recorded here)")
    public OffsetDateTime createdAt;
    @NonNull
    @Description("When it happened: earlier than createdAt for a report recorded offline")
    public OffsetDateTime occurredAt;
    @Description("延期: the later deadline its handler asked for, while a lead has not decided")
    public OffsetDateTime requestedDueAt;
    @NonNull
    @Description("Approved extensions (延期): each moved the deadline")
    public int extensionCount;
    @NonNull
    @Description("挂账: its handler or a lead asked to park it, and a lead has not decided")
    public boolean parkRequested;
    @NonNull
    public OffsetDateTime updatedAt;
    public OffsetDateTime closedAt;
    @NonNull
    public int version;

    /** The unit a case opened from an inspection finding is about. */
    @Ignore
    public Long unitId;
    @Ignore
    public long dbId;
    @Ignore
    public long gridId;
    @Ignore
    public long tierGridId;
    @Ignore
    public Long handlerDepartmentId;
    @Ignore
    public Long duplicateOf;
    @Ignore
    public String gridPath;
    /** The county whose partitions hold the case and its events (V46). */
    @Ignore
    public String countyCode;
    @Ignore
    public java.util.Set<Long> departments = java.util.Set.of();

    /**
     * Staff who read cases over its grid; its reporter, owner and handler; members of every
     * department it was ever dispatched to. A reporter sees their case with its timeline and
     * attachments, but the residents linked to it only as far as the Person rule lets them.
     */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return visible(caller, gridPath, reporterSubject, ownerSubject, handlerSubject, departments);
    }

    /** The rule itself, over a case's facts: live updates carry the same ones and use it too. */
    public static boolean visible(org.wangge.security.Caller caller, String gridPath, String reporter, String owner, String handler,
            java.util.Set<Long> departments) {
        if (caller.may(org.wangge.security.Capability.CASES_READ, gridPath)) {
            return true;
        }
        String me = caller.subject();
        if (me.equals(reporter) || me.equals(owner) || me.equals(handler)) {
            return true;
        }
        for (Long d : caller.departments()) {
            if (departments.contains(d)) {
                return true;
            }
        }
        return false;
    }

    static CaseFile from(Row row, OffsetDateTime now) {
        CaseFile c = new CaseFile();
        c.unitId = row.getColumnIndex("unit_id") < 0 ? null : row.getLong("unit_id");
        c.dbId = row.getLong("id");
        c.id = NodeType.CASE_FILE.id(c.dbId);
        c.number = row.getString("number");
        c.kind = row.getString("kind_code");
        c.item = row.getString("item_code");
        c.title = row.getString("title");
        c.description = row.getString("description");
        c.priority = Priority.valueOf(row.getString("priority"));
        String colour = row.getString("risk_colour");
        c.riskColour = colour == null ? null : RiskColour.valueOf(colour);
        c.source = CaseSource.valueOf(row.getString("source"));
        Double lat = row.getDouble("lat");
        c.location = lat == null ? null : new GeoPoint(lat, row.getDouble("lng"));
        c.state = CaseState.valueOf(row.getString("state"));
        c.gridId = row.getLong("grid_id");
        c.tierGridId = row.getLong("tier_grid_id");
        c.reporterSubject = row.getString("reporter_subject");
        c.reporterName = row.getString("reporter_name");
        c.ownerSubject = row.getString("owner_subject");
        c.handlerSubject = row.getString("handler_subject");
        c.handlerDepartmentId = row.getLong("handler_department_id");
        c.dueAt = row.getOffsetDateTime("due_at");
        c.overdue = c.state.deadlineRuns() && c.dueAt.isBefore(now);
        c.reworkCount = row.getInteger("rework_count");
        c.escalationCount = row.getInteger("escalation_count");
        c.duplicateOf = row.getLong("duplicate_of");
        c.result = row.getString("result");
        c.rating = row.getInteger("rating");
        c.ratingComment = row.getString("rating_comment");
        c.ratedAt = row.getOffsetDateTime("rated_at");
        c.createdAt = row.getOffsetDateTime("created_at");
        OffsetDateTime occurred = row.getOffsetDateTime("occurred_at");
        c.occurredAt = occurred == null ? c.createdAt : occurred;
        c.requestedDueAt = row.getOffsetDateTime("requested_due_at");
        c.extensionCount = row.getInteger("extension_count");
        c.parkRequested = row.getBoolean("park_requested");
        c.stageDueAt = row.getOffsetDateTime("stage_due_at");
        c.address = row.getString("address");
        c.mediaUrl = row.getString("media_url");
        c.updatedAt = row.getOffsetDateTime("updated_at");
        c.closedAt = row.getOffsetDateTime("closed_at");
        c.version = row.getInteger("version");
        c.gridPath = row.getString("grid_path");
        c.countyCode = row.getString("county_code");
        if (row.getColumnIndex("departments") >= 0) {
            Long[] ids = row.getArrayOfLongs("departments");
            c.departments = ids == null ? java.util.Set.of() : java.util.Set.of(ids);
        }
        return c;
    }
}
