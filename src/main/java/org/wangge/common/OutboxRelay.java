package org.wangge.common;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Numbers the outboxes' rows (case events, points entries) in the order they committed: one relay
 * in the whole deployment, the instance whose session holds advisory lock {@link #LOCK}. Each batch
 * is one statement per table on that session, so a batch never runs without the lock, and batches
 * run one after another: a row committed while one runs is numbered by the next, after everything
 * the first numbered, and a reader that has seen cursor N never finds a row numbered below N later
 * (V43). One NOTIFY per table and batch tells every instance's readers. The leader is woken by
 * writers' NOTIFY outbox_written and every {@code wangge.live.poll-millis}; the others try for the
 * lock at that pace, so a leader that stops is followed within it, and nothing it left is lost:
 * unnumbered rows wait in the table.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    static final long LOCK = 7429100;
    static final int BATCH = 1000;
    /** Longer than any batch should take: a run that has not ended by then is given up (it must never hold up the next). */
    static final java.time.Duration STUCK = java.time.Duration.ofSeconds(30);

    /** Each outbox table with the channel its readers listen on. */
    private static final List<String[]> OUTBOXES = List.of(new String[] {"case_event", "case_events"},
            new String[] {"points_entry", "points_entries"});

    private final Sql sql;
    private final Notifications notifications;
    private final Vertx vertx;
    private final long pollMillis;
    private final Counter numbered;
    private final OneAtATime runner = new OneAtATime(this::run);
    private volatile Sql.Leader leader;
    private Runnable unlisten = () -> { };
    private long timer = -1;

    public OutboxRelay(Sql sql, Notifications notifications, Vertx vertx, LiveSettings live, MeterRegistry registry) {
        this.sql = sql;
        this.notifications = notifications;
        this.vertx = vertx;
        this.pollMillis = live.pollMillis();
        this.numbered = Counter.builder("wangge.outbox.numbered").description("Outbox rows numbered by this instance's relay")
                .register(registry);
    }

    void start(@Observes @Priority(2) StartupEvent started) {
        // only the leader acts on writes; the others would only ask for the lock again
        unlisten = notifications.listen("outbox_written", payload -> {
            if (leader != null) {
                runner.request();
            }
        });
        timer = vertx.setPeriodic(pollMillis, id -> runner.request());
        runner.request();
    }

    void stop(@Observes ShutdownEvent stopping) {
        runner.stop();
        unlisten.run();
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        Sql.Leader current = leader;
        leader = null;
        if (current != null) {
            current.close();
        }
    }

    /** Whether this instance relays now. */
    public boolean leading() {
        Sql.Leader current = leader;
        return current != null && !current.lost();
    }

    /** Numbers what there is (or first tries to become the relay); answers whether a batch was full. */
    private Uni<Boolean> run() {
        Sql.Leader current = leader;
        if (current != null && !current.lost()) {
            return relay(current);
        }
        leader = null;
        return sql.lead(LOCK).chain(taken -> {
            if (taken == null) {
                return Uni.createFrom().item(false);
            }
            LOG.info("This instance relays the outboxes");
            leader = taken;
            return relay(taken);
        }).onFailure().recoverWithItem(failure -> {
            LOG.debugf("Could not ask for the relay's lock: %s", failure.getMessage());
            return false;
        });
    }

    private Uni<Boolean> relay(Sql.Leader on) {
        Uni<Boolean> more = Uni.createFrom().item(false);
        for (String[] outbox : OUTBOXES) {
            more = more.chain(full -> number(on, outbox[0], outbox[1]).map(rows -> full || rows == BATCH));
        }
        return more.ifNoItem().after(STUCK).fail().onFailure().recoverWithItem(failure -> {
            // the session may be gone, and the lock with it: let go, and ask again on the next run
            LOG.warnf("The outbox relay stopped (%s); asking for its lock again", failure.getMessage());
            if (leader == on) {
                leader = null;
            }
            on.close();
            return false;
        });
    }

    /** One batch of one table: the oldest rows without a cursor get the next ones, in the order they were written. */
    private Uni<Long> number(Sql.Leader on, String table, String channel) {
        return on.list("""
                WITH next AS (SELECT id, row_number() OVER (ORDER BY id) AS rank
                              FROM (SELECT id FROM %1$s WHERE seq IS NULL ORDER BY id LIMIT $1) x),
                     top AS (SELECT coalesce(max(seq), 0) AS seq FROM %1$s),
                     numbered AS (UPDATE %1$s t SET seq = top.seq + next.rank FROM next, top
                                  WHERE t.id = next.id AND t.seq IS NULL RETURNING t.seq),
                     done AS (SELECT count(*) AS rows, max(seq) AS last FROM numbered)
                SELECT d.rows, CASE WHEN d.rows > 0 THEN (SELECT true FROM pg_notify('%2$s', d.last::text)) END AS told
                FROM done d""".formatted(table, channel), Tuple.of(BATCH), row -> row.getLong(0))
                .map(rows -> {
                    long n = rows.get(0);
                    numbered.increment(n);
                    return n;
                });
    }
}
