package org.wangge.cases.webhooks;

import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.cases.CaseState;
import org.wangge.cases.Priority;
import org.wangge.security.Caller;
import org.wangge.security.Roles;
import org.wangge.common.NodeType;

@Description("Where case updates are POSTed for a partner without a socket. The secret is never shown again.")
public class WebhookEndpoint implements org.wangge.security.Visible, org.wangge.common.Node {

    static final String COLUMNS = "w.id, w.audience, w.department_id, w.url, w.filter, w.state, w.acked_seq, w.attempts, w.failing_since, "
            + "w.next_attempt_at, w.last_error, w.paused_at, w.created_by, w.created_at";

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
    public WebhookAudience audience;
    @Id
    @Description("The department whose view it receives (DEPARTMENT endpoints)")
    public String departmentId;
    @NonNull
    public String url;
    @NonNull
    public WebhookFilter filter;
    @NonNull
    public WebhookState state;
    @NonNull
    @Description("The cursor of the last update delivered, or passed over as not for this endpoint; a resumed endpoint goes on after it")
    public String lastDeliveredCursor;
    @NonNull
    @Description("Failed attempts at the update now being delivered")
    public int attempts;
    public OffsetDateTime failingSince;
    public OffsetDateTime nextAttemptAt;
    public String lastError;
    public OffsetDateTime pausedAt;
    @NonNull
    public String createdBy;
    @NonNull
    public OffsetDateTime createdAt;

    @Ignore
    public long dbId;
    @Ignore
    public Long departmentDbId;

    /** Admins, and the admins of its department (token role department_admin, members of it). */
    @Override
    public boolean visibleTo(Caller caller) {
        return managedBy(caller, departmentDbId);
    }

    static boolean managedBy(Caller caller, Long department) {
        return caller.isAdmin() || department != null && caller.hasRole(Roles.DEPARTMENT_ADMIN) && caller.departments().contains(department);
    }

    @Description("The conditions an update must meet, as in caseEvents")
    public static class WebhookFilter {
        @Id
        public String gridId;
        @Id
        public String departmentId;
        public List<@NonNull String> kinds;
        public List<@NonNull CaseState> states;
        public List<@NonNull Priority> priorities;
    }

    static WebhookEndpoint from(Row row) {
        WebhookEndpoint w = new WebhookEndpoint();
        w.dbId = row.getLong("id");
        w.id = NodeType.WEBHOOK_ENDPOINT.id(w.dbId);
        w.audience = WebhookAudience.valueOf(row.getString("audience"));
        w.departmentDbId = row.getLong("department_id");
        w.departmentId = NodeType.DEPARTMENT.id(w.departmentDbId);
        w.url = row.getString("url");
        w.filter = filter((JsonObject) row.getValue("filter"));
        w.state = WebhookState.valueOf(row.getString("state"));
        w.lastDeliveredCursor = Long.toString(row.getLong("acked_seq"));
        w.attempts = row.getInteger("attempts");
        w.failingSince = row.getOffsetDateTime("failing_since");
        w.nextAttemptAt = row.getOffsetDateTime("next_attempt_at");
        w.lastError = row.getString("last_error");
        w.pausedAt = row.getOffsetDateTime("paused_at");
        w.createdBy = row.getString("created_by");
        w.createdAt = row.getOffsetDateTime("created_at");
        return w;
    }

    static WebhookFilter filter(JsonObject json) {
        WebhookFilter f = new WebhookFilter();
        f.gridId = NodeType.GRID.id(json.getString("gridId"));
        f.departmentId = NodeType.DEPARTMENT.id(json.getString("departmentId"));
        f.kinds = strings(json, "kinds");
        f.states = strings(json, "states") == null ? null : strings(json, "states").stream().map(CaseState::valueOf).toList();
        f.priorities = strings(json, "priorities") == null ? null : strings(json, "priorities").stream().map(Priority::valueOf).toList();
        return f;
    }

    private static List<String> strings(JsonObject json, String key) {
        return json.getJsonArray(key) == null ? null : json.getJsonArray(key).stream().map(String::valueOf).toList();
    }
}
