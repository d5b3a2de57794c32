package org.wangge.cases.live;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.wangge.common.Notifications;
import org.wangge.common.Outbox;
import org.wangge.common.ReplayWindow;
import org.wangge.common.Sql;
import org.wangge.common.LiveSettings;

/** The case timeline read as an outbox (see V5): one reader per instance, woken by NOTIFY case_events. */
@ApplicationScoped
public class CaseEventHub {

    private final Outbox<CaseUpdate> outbox;
    private final Notifications notifications;
    private final Vertx vertx;
    private final long pollMillis;

    public CaseEventHub(Sql sql, Notifications notifications, Vertx vertx, ReplayWindow window, LiveSettings live) {
        this.outbox = new Outbox<>("case events", sql, CaseUpdate.QUERY + " WHERE e.seq > $1 AND e.seq <= $2 ORDER BY e.seq LIMIT $3",
                CaseUpdate::from, u -> u.seq, u -> u.eventId, "case_event", "at", window);
        this.notifications = notifications;
        this.vertx = vertx;
        this.pollMillis = live.pollMillis();
    }

    void start(@Observes StartupEvent started) {
        outbox.start("SELECT coalesce(max(seq), 0) FROM case_event", notifications, "case_events", vertx, pollMillis);
    }

    void stop(@Observes ShutdownEvent stopping) {
        outbox.stop();
    }

    public Outbox<CaseUpdate> outbox() {
        return outbox;
    }
}
