package org.wangge.points;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.wangge.common.Notifications;
import org.wangge.common.Outbox;
import org.wangge.common.ReplayWindow;
import org.wangge.common.Sql;
import org.wangge.common.LiveSettings;

/** The points ledger read as an outbox (see V12): one reader per instance, woken by NOTIFY points_entries. */
@ApplicationScoped
public class PointsLive {

    private static final String READ = "SELECT " + PointsEntry.COLUMNS + " FROM points_entry WHERE seq > $1 AND seq <= $2";

    private final Sql sql;
    private final Outbox<PointsEntry> outbox;
    private final Notifications notifications;
    private final Vertx vertx;
    private final long pollMillis;

    public PointsLive(Sql sql, Notifications notifications, Vertx vertx, ReplayWindow window, LiveSettings live) {
        this.sql = sql;
        this.outbox = new Outbox<>("points entries", sql, READ + " ORDER BY seq LIMIT $3", PointsEntry::from, e -> e.seq, e -> e.dbId,
                "points_entry", "created_at", window);
        this.notifications = notifications;
        this.vertx = vertx;
        this.pollMillis = live.pollMillis();
    }

    void start(@Observes StartupEvent started) {
        outbox.start("SELECT coalesce(max(seq), 0) FROM points_entry", notifications, "points_entries", vertx, pollMillis);
    }

    void stop(@Observes ShutdownEvent stopping) {
        outbox.stop();
    }

    /** One person's new ledger entries, after a cursor (replayed from their own entries) or from now. */
    Multi<PointsEntry> of(String subject, Long after, Runnable onEnd) {
        return outbox.subscribe(e -> subject.equals(e.subject), null, after,
                (from, upTo, limit) -> sql.list(READ + " AND subject = $4 ORDER BY seq LIMIT $3", Tuple.of(from, upTo, limit, subject),
                        PointsEntry::from),
                onEnd);
    }
}
