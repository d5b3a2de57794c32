package org.wangge.cases.webhooks;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.wangge.cases.live.CaseEventFilter;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Clock;
import org.wangge.common.Tx;
import org.wangge.people.PersonalData;
import org.wangge.security.Caller;
import org.wangge.common.NodeType;

/** Endpoints kept by department admins, and what delivering them records: each change one transaction. */
@ApplicationScoped
public class WebhookService {

    /** One acknowledged delivery, written with the cursor's move. */
    record Delivered(long seq, int attempts, int status, OffsetDateTime firstAttempt, OffsetDateTime at) {
    }

    private final PersonalData keys;
    private final WebhookSettings settings;
    private final Clock clock;

    public WebhookService(PersonalData keys, WebhookSettings settings, Clock clock) {
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    /** Adds an endpoint that starts after the newest case update; returns its id. */
    public Uni<Long> register(Caller caller, WebhookInput in) {
        String url = url(in.url);
        if (in.secret == null || in.secret.length() < 32 || in.secret.length() > 200) {
            throw ApiException.validation("secret", "The secret must be 32 to 200 characters");
        }
        Long department = in.departmentId == null ? null : NodeType.DEPARTMENT.key("departmentId", in.departmentId);
        JsonObject filter = filter(in.filter);
        Long after = org.wangge.common.Cursor.position("after", in.after);
        byte[] secret = keys.encrypt(in.secret);
        return Tx.run(tx -> check(tx, department, filter).chain(() -> tx.one("""
                INSERT INTO webhook_endpoint (audience, department_id, url, secret, secret_key_id, filter, acked_seq, created_by, created_at)
                SELECT $1, $2, $3, $4, $5, $6::text::jsonb, least(coalesce($9::bigint, max(seq), 0), coalesce(max(seq), 0)), $7, $8
                FROM case_event RETURNING id""", Long.class,
                department == null ? WebhookAudience.RESIDENTS.name() : WebhookAudience.DEPARTMENT.name(), department, url, secret,
                keys.currentKeyId(), filter.encode(), caller.subject(), clock.now(), after)));
    }

    /** A paused (or failing) endpoint starts again at once, from the update after its last delivered one. */
    public Uni<Void> resume(long id) {
        return Tx.run(tx -> tx.update("""
                UPDATE webhook_endpoint SET state = 'ACTIVE', attempts = 0, failing_since = NULL, next_attempt_at = NULL, paused_at = NULL
                WHERE id = $1""", id)).replaceWithVoid();
    }

    public Uni<Void> remove(long id) {
        return Tx.run(tx -> tx.update("DELETE FROM webhook_endpoint WHERE id = $1", id)).replaceWithVoid();
    }

    // ---- what delivering records ----

    /** Takes up free active endpoints and renews this instance's leases; the ids now held. */
    Uni<List<Long>> lease(String owner) {
        return Tx.run(tx -> tx.list("""
                UPDATE webhook_endpoint SET lease_owner = $1, lease_until = $2
                WHERE state = 'ACTIVE' AND (lease_owner = $1 OR lease_owner IS NULL OR lease_until < $3) RETURNING id""", Long.class,
                owner, clock.now().plus(settings.lease()), clock.now()));
    }

    /** Gives up this instance's leases (on shutdown: another instance takes over at once). */
    Uni<Void> release(String owner) {
        return Tx.run(tx -> tx.update("UPDATE webhook_endpoint SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1", owner))
                .replaceWithVoid();
    }

    /**
     * Moves the endpoint's cursor to {@code acked} (never back) and records what was delivered;
     * false when this instance no longer holds the endpoint (nothing is written then).
     */
    Uni<Boolean> acknowledge(String owner, long endpoint, long acked, List<Delivered> delivered) {
        return Tx.run(tx -> tx.one("""
                UPDATE webhook_endpoint SET acked_seq = greatest(acked_seq, $3), attempts = 0, failing_since = NULL, next_attempt_at = NULL,
                       last_error = NULL
                WHERE id = $1 AND lease_owner = $2 AND state = 'ACTIVE' RETURNING id""", Long.class, endpoint, owner, acked)
                .chain(held -> held == null || delivered.isEmpty() ? Uni.createFrom().item(held != null) : record(tx, endpoint, delivered)));
    }

    private static Uni<Boolean> record(Tx tx, long endpoint, List<Delivered> delivered) {
        StringBuilder values = new StringBuilder();
        List<Object> args = new ArrayList<>();
        args.add(endpoint);
        for (Delivered d : delivered) {
            int n = args.size();
            values.append(values.length() == 0 ? "" : ", ").append("($1, $").append(n + 1).append(", 'DELIVERED', $").append(n + 2)
                    .append(", $").append(n + 3).append(", NULL, $").append(n + 4).append(", $").append(n + 5).append(", $").append(n + 5).append(')');
            args.add(d.seq());
            args.add(d.attempts());
            args.add(d.status());
            args.add(d.firstAttempt());
            args.add(d.at());
        }
        return tx.update("""
                INSERT INTO webhook_delivery AS d (endpoint_id, seq, status, attempts, last_status, last_error, first_attempt_at, last_attempt_at,
                                                   delivered_at)
                VALUES %s
                ON CONFLICT (endpoint_id, seq) DO UPDATE SET status = 'DELIVERED', attempts = EXCLUDED.attempts,
                    last_status = EXCLUDED.last_status, last_error = NULL, last_attempt_at = EXCLUDED.last_attempt_at,
                    delivered_at = EXCLUDED.delivered_at""".formatted(values), args.toArray()).replaceWith(true);
    }

    /**
     * Records a failed attempt at {@code seq}: retried at {@code next}, or, with {@code pause},
     * not until the endpoint is resumed. False when this instance no longer holds the endpoint.
     */
    Uni<Boolean> failed(String owner, long endpoint, long seq, int attempts, Integer status, String error, OffsetDateTime failingSince,
            OffsetDateTime next, boolean pause) {
        OffsetDateTime now = clock.now();
        String shortError = error.length() > 1000 ? error.substring(0, 1000) : error;
        return Tx.run(tx -> tx.one("""
                UPDATE webhook_endpoint SET attempts = $3, failing_since = $4, next_attempt_at = $5, last_error = $6,
                       state = CASE WHEN $7 THEN 'PAUSED' ELSE state END, paused_at = CASE WHEN $7 THEN $8::timestamptz END,
                       lease_owner = CASE WHEN $7 THEN NULL ELSE lease_owner END
                WHERE id = $1 AND lease_owner = $2 AND state = 'ACTIVE' RETURNING id""", Long.class,
                endpoint, owner, attempts, failingSince, pause ? null : next, shortError, pause, now)
                .chain(held -> held == null ? Uni.createFrom().item(false) : tx.update("""
                        INSERT INTO webhook_delivery AS d (endpoint_id, seq, status, attempts, last_status, last_error, first_attempt_at, last_attempt_at)
                        VALUES ($1, $2, 'FAILED', $3, $4, $5, $6, $6)
                        ON CONFLICT (endpoint_id, seq) DO UPDATE SET status = 'FAILED', attempts = EXCLUDED.attempts,
                            last_status = EXCLUDED.last_status, last_error = EXCLUDED.last_error, last_attempt_at = EXCLUDED.last_attempt_at""",
                        endpoint, seq, attempts, status, shortError, now).replaceWith(true)));
    }

    /** Delivered events are listed for a while, then forgotten (failures stay while their endpoint does). */
    Uni<Integer> forgetDelivered() {
        return Tx.run(tx -> tx.update("DELETE FROM webhook_delivery WHERE status = 'DELIVERED' AND last_attempt_at < $1",
                clock.now().minus(settings.keepDelivered())));
    }

    // ---- input ----

    private String url(String given) {
        String text = Check.text("url", given, 2000);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw ApiException.validation("url", "Not a URL: " + e.getMessage());
        }
        String host = uri.getHost();
        if (host == null || uri.getScheme() == null) {
            throw ApiException.validation("url", "Give an absolute https URL");
        }
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
        boolean https = uri.getScheme().equals("https");
        if (!https && !(uri.getScheme().equals("http") && loopback && settings.allowLoopbackHttp())) {
            throw ApiException.validation("url", "Webhooks are delivered over https only");
        }
        if (!settings.allowLoopbackHttp() && (loopback || internalAddress(host))) {
            // a department's admin must not make this server call its own neighbours
            throw ApiException.validation("url", "Webhooks are not delivered to this server or to addresses of its internal network");
        }
        return text;
    }

    /** A literal address of a private, link-local or unique-local network (names are not resolved here). */
    static boolean internalAddress(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+") && !h.contains(":")) {
            return false;
        }
        try {
            java.net.InetAddress address = java.net.InetAddress.getByName(h); // a literal: no lookup
            byte[] b = address.getAddress();
            return address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || b.length == 16 && (b[0] & 0xfe) == 0xfc // fc00::/7
                    || b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64; // 100.64.0.0/10, carrier-grade NAT
        } catch (java.net.UnknownHostException notAnAddress) {
            return false;
        }
    }

    private static JsonObject filter(CaseEventFilter f) {
        JsonObject json = new JsonObject();
        if (f == null) {
            return json;
        }
        if (f.gridId != null) {
            json.put("gridId", Long.toString(NodeType.GRID.key("filter.gridId", f.gridId)));
        }
        if (f.departmentId != null) {
            json.put("departmentId", Long.toString(NodeType.DEPARTMENT.key("filter.departmentId", f.departmentId)));
        }
        if (f.kinds != null && !f.kinds.isEmpty()) {
            json.put("kinds", new JsonArray(f.kinds.stream().map(k -> (Object) Check.code("filter.kinds", k)).toList()));
        }
        if (f.states != null && !f.states.isEmpty()) {
            json.put("states", new JsonArray(f.states.stream().map(s -> (Object) s.name()).toList()));
        }
        if (f.priorities != null && !f.priorities.isEmpty()) {
            json.put("priorities", new JsonArray(f.priorities.stream().map(p -> (Object) p.name()).toList()));
        }
        return json;
    }

    private static Uni<Void> check(Tx tx, Long department, JsonObject filter) {
        Uni<Void> departmentKnown = department == null ? Uni.createFrom().voidItem()
                : tx.one("SELECT id FROM department WHERE id = $1", Long.class, department).map(found -> {
                    if (found == null) {
                        throw ApiException.notFound("Department", department).with("field", "departmentId");
                    }
                    return null;
                });
        String grid = filter.getString("gridId");
        return grid == null ? departmentKnown : departmentKnown.chain(() -> tx.one("SELECT id FROM grid WHERE id = $1", Long.class, Long.parseLong(grid))
                .map(found -> {
                    if (found == null) {
                        throw ApiException.notFound("Grid", grid).with("field", "filter.gridId");
                    }
                    return null;
                }));
    }
}
