package org.wangge.cases.webhooks;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One update sent to an endpoint: delivered, or failing (retried while the endpoint is active)")
public class WebhookDelivery implements org.wangge.security.Visible {

    @NonNull
    @Description("The update's cursor: the delivery's id, sent in the Wangge-Event-Id header")
    public String cursor;
    @NonNull
    public WebhookDeliveryStatus status;
    @NonNull
    public int attempts;
    @Description("The HTTP status of the last answer, if there was one")
    public Integer lastStatus;
    public String lastError;
    @NonNull
    public OffsetDateTime firstAttemptAt;
    @NonNull
    public OffsetDateTime lastAttemptAt;
    public OffsetDateTime deliveredAt;

    @Ignore
    public Long departmentDbId;

    /** The endpoint's rule. */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return WebhookEndpoint.managedBy(caller, departmentDbId);
    }

    static WebhookDelivery from(Row row) {
        WebhookDelivery d = new WebhookDelivery();
        d.cursor = Long.toString(row.getLong("seq"));
        d.status = WebhookDeliveryStatus.valueOf(row.getString("status"));
        d.attempts = row.getInteger("attempts");
        d.lastStatus = row.getInteger("last_status");
        d.lastError = row.getString("last_error");
        d.firstAttemptAt = row.getOffsetDateTime("first_attempt_at");
        d.lastAttemptAt = row.getOffsetDateTime("last_attempt_at");
        d.deliveredAt = row.getOffsetDateTime("delivered_at");
        d.departmentDbId = row.getLong("department_id");
        return d;
    }
}
