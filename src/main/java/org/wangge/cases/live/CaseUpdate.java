package org.wangge.cases.live;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.cases.CaseAction;
import org.wangge.cases.CaseState;
import org.wangge.cases.Priority;
import org.wangge.cases.RiskColour;
import org.wangge.common.NodeType;

@Description("A step on some case's timeline, as delivered live; resume after a disconnect with its cursor")
public class CaseUpdate {

    /** An event's case in the event's county: one partition probed per event, not every county's. */
    public static final String QUERY = """
            SELECT e.seq, e.id AS event_id, e.case_id, e.action, e.from_state, e.to_state, e.actor_subject, e.actor_name, e.note, e.at,
                   c.number, c.kind_code, c.title, c.priority, c.risk_colour, c.state, c.grid_id, g.code AS grid_code, g.path,
                   c.reporter_subject, c.owner_subject, c.handler_subject, c.source,
                   ARRAY(SELECT cd.department_id FROM case_department cd WHERE cd.county_code = c.county_code AND cd.case_id = c.id) AS departments
            FROM case_event e JOIN case_file c ON c.county_code = e.county_code AND c.id = e.case_id JOIN grid g ON g.id = c.grid_id
            """;

    @NonNull
    @Description("Pass it as `after` to resume from here")
    public String cursor;
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
    @Id
    @NonNull
    public String caseId;
    @NonNull
    public String caseNumber;
    @NonNull
    public String kind;
    @NonNull
    public String title;
    @NonNull
    @Description("The case's state now")
    public CaseState caseState;
    @NonNull
    public Priority priority;
    public RiskColour riskColour;
    @Id
    @NonNull
    public String gridId;
    @NonNull
    public String gridCode;

    @Ignore
    public long seq;
    @Ignore
    public long eventId;
    @Ignore
    public String gridPath;
    @Ignore
    public String reporterSubject;
    @Ignore
    public String ownerSubject;
    @Ignore
    public String handlerSubject;
    @Ignore
    public Set<Long> departments;
    @Ignore
    public org.wangge.cases.CaseSource source;

    /** The CaseFile rule, checked on each update: what the caller may read of cases, they receive of updates. */
    public static java.util.function.Predicate<CaseUpdate> visibleTo(org.wangge.security.Caller caller) {
        return u -> caller.isAdmin() || org.wangge.cases.CaseFile.visible(caller, u.gridPath, u.reporterSubject, u.ownerSubject,
                u.handlerSubject, u.departments);
    }

    /** Each field of the type as it appears in a result (for {@link FlatSelection}; enums by name, times in ISO-8601). */
    public static final Map<String, Function<CaseUpdate, Object>> FIELDS = Map.ofEntries(
            Map.entry("cursor", u -> u.cursor), Map.entry("action", u -> name(u.action)), Map.entry("fromState", u -> name(u.fromState)),
            Map.entry("toState", u -> name(u.toState)), Map.entry("actorSubject", u -> u.actorSubject),
            Map.entry("actorName", u -> u.actorName), Map.entry("note", u -> u.note),
            Map.entry("at", u -> u.at == null ? null : u.at.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)),
            Map.entry("caseId", u -> u.caseId), Map.entry("caseNumber", u -> u.caseNumber), Map.entry("kind", u -> u.kind),
            Map.entry("title", u -> u.title), Map.entry("caseState", u -> name(u.caseState)), Map.entry("priority", u -> name(u.priority)),
            Map.entry("riskColour", u -> name(u.riskColour)), Map.entry("gridId", u -> u.gridId), Map.entry("gridCode", u -> u.gridCode));

    /** Rendered results of this update, one per selection: shared by every subscriber that selected the same. */
    private final Map<FlatSelection, String> rendered = new ConcurrentHashMap<>(2);

    String renderedFor(FlatSelection selection) {
        return rendered.computeIfAbsent(selection, s -> s.render(this));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    static CaseUpdate from(Row row) {
        CaseUpdate u = new CaseUpdate();
        u.seq = row.getLong("seq");
        u.eventId = row.getLong("event_id");
        u.cursor = Long.toString(u.seq);
        u.action = CaseAction.valueOf(row.getString("action"));
        String from = row.getString("from_state");
        u.fromState = from == null ? null : CaseState.valueOf(from);
        u.toState = CaseState.valueOf(row.getString("to_state"));
        u.actorSubject = row.getString("actor_subject");
        u.actorName = row.getString("actor_name");
        u.note = row.getString("note");
        u.at = row.getOffsetDateTime("at");
        u.caseId = NodeType.CASE_FILE.id(row.getLong("case_id"));
        u.caseNumber = row.getString("number");
        u.kind = row.getString("kind_code");
        u.title = row.getString("title");
        u.caseState = CaseState.valueOf(row.getString("state"));
        u.priority = Priority.valueOf(row.getString("priority"));
        String colour = row.getString("risk_colour");
        u.riskColour = colour == null ? null : RiskColour.valueOf(colour);
        u.gridId = NodeType.GRID.id(row.getLong("grid_id"));
        u.gridCode = row.getString("grid_code");
        u.gridPath = row.getString("path");
        u.reporterSubject = row.getString("reporter_subject");
        u.ownerSubject = row.getString("owner_subject");
        u.handlerSubject = row.getString("handler_subject");
        u.source = org.wangge.cases.CaseSource.valueOf(row.getString("source"));
        Long[] departments = row.getArrayOfLongs("departments");
        u.departments = departments == null ? Set.of() : Set.of(departments);
        return u;
    }
}
