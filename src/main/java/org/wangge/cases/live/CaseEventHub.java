package org.wangge.cases.live;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.wangge.common.Sql;

/**
 * One reader of the case-event outbox per instance. PostgreSQL NOTIFY (from any instance) says
 * there is something new; the hub then reads every event after the last one it published, in
 * cursor order, once, and hands each to the subscriptions on this instance. After the database
 * comes back, and every few seconds anyway, it reads again, so a lost notification delays an
 * event but never loses it.
 */
@ApplicationScoped
public class CaseEventHub {

    private static final Logger LOG = Logger.getLogger(CaseEventHub.class);
    static final int PAGE = 500;

    private final Sql sql;
    private final Vertx vertx;
    /** Subscriptions by the event loop they run on: a batch of updates is one task per loop, not one per subscription. */
    private final Map<Object, Set<Feed>> feeds = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong(-1);
    private final AtomicBoolean reading = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final String url;
    private final Optional<String> user;
    private final Optional<String> password;
    private final long pollMillis;
    private PgSubscriber subscriber;
    private long timer = -1;

    public CaseEventHub(Sql sql, Vertx vertx,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "wangge.live.poll-millis", defaultValue = "2000") long pollMillis) {
        this.sql = sql;
        this.vertx = vertx;
        this.url = url;
        this.user = user;
        this.password = password;
        this.pollMillis = pollMillis;
    }

    void start(@Observes StartupEvent started) {
        published.set(sql.one("SELECT coalesce(max(seq), 0) FROM case_event", Tuple.tuple(), row -> row.getLong(0))
                .await().indefinitely());
        PgConnectOptions options = PgConnectOptions.fromUri(url.replaceFirst("^vertx-reactive:", ""));
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        subscriber = PgSubscriber.subscriber(vertx, options)
                // keep trying while the database is away; each reconnection re-subscribes the channel
                .reconnectPolicy(retries -> 1000L);
        subscriber.channel("case_events")
                .subscribeHandler(v -> poke())
                .handler(payload -> poke());
        subscriber.closeHandler(v -> LOG.warn("Lost the case-event notification connection; reconnecting"));
        subscriber.connect().onFailure(e -> LOG.warn("Case-event notifications not connected yet: " + e.getMessage()));
        timer = vertx.setPeriodic(pollMillis, id -> poke());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    /** The cursor of the last event handed to subscriptions on this instance. */
    public long published() {
        return published.get();
    }

    void add(Feed feed) {
        feeds.computeIfAbsent(loopOf(feed), k -> ConcurrentHashMap.newKeySet()).add(feed);
    }

    void remove(Feed feed) {
        Set<Feed> loop = feeds.get(loopOf(feed));
        if (loop != null) {
            loop.remove(feed);
        }
    }

    public int subscriptions() {
        return feeds.values().stream().mapToInt(Set::size).sum();
    }

    private static Object loopOf(Feed feed) {
        return feed.loop();
    }

    /** Hands a batch to every subscription, on its own loop (in order: one context runs its tasks in order). */
    private void dispatch(List<CaseUpdate> updates) {
        feeds.forEach((loop, members) -> {
            Runnable deliver = () -> {
                for (Feed feed : members) {
                    try {
                        feed.take(updates);
                    } catch (RuntimeException e) {
                        LOG.warn("A case-event subscriber failed", e);
                    }
                }
            };
            if (loop instanceof io.vertx.core.Context context) {
                context.runOnContext(v -> deliver.run());
            } else {
                deliver.run();
            }
        });
    }

    /** Events after a cursor up to another, in order (for replays). */
    public Uni<List<CaseUpdate>> read(long after, long upTo, int limit) {
        return sql.list(CaseUpdate.QUERY + " WHERE e.seq > $1 AND e.seq <= $2 ORDER BY e.seq LIMIT $3",
                Tuple.of(after, upTo, limit), CaseUpdate::from);
    }

    /** Reads and publishes what is new; one read at a time, repeated if poked meanwhile. */
    void poke() {
        if (!reading.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        long from = published.get();
        read(from, Long.MAX_VALUE, PAGE).subscribe().with(updates -> {
            if (!updates.isEmpty()) {
                // advance first: a subscription that registers now replays up to here from the table
                // (and drops what it then also receives live: each feed delivers a cursor once)
                published.set(updates.get(updates.size() - 1).seq);
                dispatch(updates);
            }
            reading.set(false);
            if (updates.size() == PAGE || again.get()) {
                poke();
            }
        }, failure -> {
            reading.set(false);
            LOG.warn("Reading case events failed: " + failure.getMessage());
        });
    }
}
