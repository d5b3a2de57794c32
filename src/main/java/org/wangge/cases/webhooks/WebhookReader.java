package org.wangge.cases.webhooks;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.wangge.common.Sql;

@ApplicationScoped
public class WebhookReader {

    /** What an instance needs to deliver an endpoint it holds. */
    record Target(long id, WebhookAudience audience, Long department, String url, byte[] secret, String secretKeyId, JsonObject filter,
            String gridPath, long acked, int attempts, java.time.OffsetDateTime failingSince, java.time.OffsetDateTime nextAttemptAt) {
    }

    private final Sql sql;

    public WebhookReader(Sql sql) {
        this.sql = sql;
    }

    public Uni<WebhookEndpoint> byId(long id) {
        return sql.one("SELECT " + WebhookEndpoint.COLUMNS + " FROM webhook_endpoint w WHERE w.id = $1", Tuple.of(id), WebhookEndpoint::from);
    }

    /** Endpoints of a department, or all of them (null). */
    public Uni<List<WebhookEndpoint>> list(Long department) {
        return sql.list("SELECT " + WebhookEndpoint.COLUMNS + " FROM webhook_endpoint w WHERE $1::bigint IS NULL OR w.department_id = $1"
                + " ORDER BY w.id", Tuple.of(department), WebhookEndpoint::from);
    }

    /** The newest deliveries of an endpoint first. */
    public Uni<List<WebhookDelivery>> deliveries(long endpoint, int first) {
        return sql.list("""
                SELECT d.*, w.department_id FROM webhook_delivery d JOIN webhook_endpoint w ON w.id = d.endpoint_id
                WHERE d.endpoint_id = $1 ORDER BY d.seq DESC LIMIT $2""", Tuple.of(endpoint, first), WebhookDelivery::from);
    }

    /** The endpoints this instance holds the lease of, as they are now (the filter's grid by its current path). */
    Uni<List<Target>> targets(List<Long> ids) {
        return sql.list("""
                SELECT w.id, w.audience, w.department_id, w.url, w.secret, w.secret_key_id, w.filter, g.path, w.acked_seq, w.attempts,
                       w.failing_since, w.next_attempt_at
                FROM webhook_endpoint w LEFT JOIN grid g ON g.id = (w.filter ->> 'gridId')::bigint
                WHERE w.id = ANY($1)""", Tuple.of(ids.toArray(Long[]::new)), row -> new Target(row.getLong("id"),
                WebhookAudience.valueOf(row.getString("audience")), row.getLong("department_id"), row.getString("url"),
                row.getBuffer("secret").getBytes(), row.getString("secret_key_id"), (JsonObject) row.getValue("filter"), row.getString("path"),
                row.getLong("acked_seq"), row.getInteger("attempts"), row.getOffsetDateTime("failing_since"),
                row.getOffsetDateTime("next_attempt_at")));
    }
}
