package org.wangge.cases.live;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.cases.CaseAction;
import org.wangge.cases.CaseState;
import org.wangge.cases.Priority;
import org.wangge.cases.RiskColour;

@Description("A step on some case's timeline, as delivered live; resume after a disconnect with its cursor")
public class CaseUpdate {

    static final String QUERY = """
            SELECT e.seq, e.case_id, e.action, e.from_state, e.to_state, e.actor_subject, e.actor_name, e.note, e.at,
                   c.number, c.kind_code, c.title, c.priority, c.risk_colour, c.state, c.grid_id, g.code AS grid_code, g.path,
                   c.reporter_subject, c.owner_subject, c.handler_subject,
                   ARRAY(SELECT cd.department_id FROM case_department cd WHERE cd.case_id = c.id) AS departments
            FROM case_event e JOIN case_file c ON c.id = e.case_id JOIN grid g ON g.id = c.grid_id
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
    public String gridPath;
    @Ignore
    public String reporterSubject;
    @Ignore
    public String ownerSubject;
    @Ignore
    public String handlerSubject;
    @Ignore
    public Set<Long> departments;

    static CaseUpdate from(Row row) {
        CaseUpdate u = new CaseUpdate();
        u.seq = row.getLong("seq");
        u.cursor = Long.toString(u.seq);
        u.action = CaseAction.valueOf(row.getString("action"));
        String from = row.getString("from_state");
        u.fromState = from == null ? null : CaseState.valueOf(from);
        u.toState = CaseState.valueOf(row.getString("to_state"));
        u.actorSubject = row.getString("actor_subject");
        u.actorName = row.getString("actor_name");
        u.note = row.getString("note");
        u.at = row.getOffsetDateTime("at");
        u.caseId = row.getLong("case_id").toString();
        u.caseNumber = row.getString("number");
        u.kind = row.getString("kind_code");
        u.title = row.getString("title");
        u.caseState = CaseState.valueOf(row.getString("state"));
        u.priority = Priority.valueOf(row.getString("priority"));
        String colour = row.getString("risk_colour");
        u.riskColour = colour == null ? null : RiskColour.valueOf(colour);
        u.gridId = row.getLong("grid_id").toString();
        u.gridCode = row.getString("grid_code");
        u.gridPath = row.getString("path");
        u.reporterSubject = row.getString("reporter_subject");
        u.ownerSubject = row.getString("owner_subject");
        u.handlerSubject = row.getString("handler_subject");
        Long[] departments = row.getArrayOfLongs("departments");
        u.departments = departments == null ? Set.of() : Set.of(departments);
        return u;
    }
}
