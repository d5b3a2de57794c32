package org.wangge.common;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.jboss.logging.Logger;

/**
 * The reader of one outbox table for this instance. Rows carry a cursor ({@code seq}) given in
 * commit order by the deployment's one {@link OutboxRelay}, so a reader that has seen N has seen
 * everything below. The relay's NOTIFY after each batch, from whichever instance relays, says
 * there is something to read; the reader reads what is new, in order, once, and hands it to the
 * subscriptions here. After a reconnection, and every few seconds anyway, it reads again, so a
 * lost notification delays an item but never loses it.
 */
public final class Outbox<T> {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    public static final int PAGE = 500;

    /** Reads one page of a subscription's own replay: items after a cursor up to another. */
    public interface Replay<T> {
        Uni<List<T>> page(long after, long upTo, int limit);
    }

    private final String name;
    private final Sql sql;
    private final String readQuery;
    private final String windowQuery;
    private final ReplayWindow window;
    private final Function<Row, T> mapper;
    private final ToLongFunction<T> seq;
    private final ToLongFunction<T> id;
    private final String startQuery;
    /** Subscriptions by the event loop they run on: a batch is one task per loop, not one per subscription. */
    private final Map<Object, Set<Feed<T>>> feeds = new ConcurrentHashMap<>();
    private final AtomicLong published = new AtomicLong(-1);
    private final OneAtATime reader = new OneAtATime(this::readNew);
    private final List<Runnable> onPublished = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Runnable unlisten = () -> { };
    private Vertx vertx;
    private long timer = -1;

    /**
     * @param readQuery rows after {@code $1} up to {@code $2}, in cursor order, at most {@code $3}
     * @param table the outbox table (cursor column {@code seq}, key {@code id}, which {@code id} reads off an item), and
     *     {@code timeColumn} its rows' time, for the replay window
     */
    public Outbox(String name, Sql sql, String readQuery, Function<Row, T> mapper, ToLongFunction<T> seq, ToLongFunction<T> id,
            String table, String timeColumn, ReplayWindow window) {
        this.name = name;
        this.sql = sql;
        this.readQuery = readQuery;
        this.window = window;
        // is the first row after the cursor older than the window; and the cursor before the first row inside it
        // (or the last cursor when none is): both one index step
        this.windowQuery = "SELECT (SELECT " + timeColumn + " FROM " + table + " WHERE seq > $1 ORDER BY seq LIMIT 1) < x.since,"
                + " coalesce((SELECT seq - 1 FROM " + table + " WHERE " + timeColumn + " >= x.since AND seq IS NOT NULL ORDER BY " + timeColumn + " LIMIT 1),"
                + " (SELECT max(seq) FROM " + table + "), 0)"
                + " FROM (SELECT clock_timestamp() - $2 * interval '1 millisecond' AS since) x";
        // where a subscription "from now" starts, in one snapshot: the last cursor, and the rows committed
        // but not numbered yet (they will be numbered above it); both read from an index
        this.startQuery = "SELECT coalesce((SELECT max(seq) FROM " + table + "), 0), ARRAY(SELECT id FROM " + table
                + " WHERE seq IS NULL ORDER BY id)";
        this.mapper = mapper;
        this.seq = seq;
        this.id = id;
    }

    /** Starts from the table's end ({@code endQuery}: its highest cursor), woken by {@code channel} and every {@code pollMillis}. */
    public void start(String endQuery, Notifications notifications, String channel, Vertx vertx, long pollMillis) {
        published.set(sql.one(endQuery, Tuple.tuple(), row -> row.getLong(0)).await().indefinitely());
        this.vertx = vertx;
        unlisten = notifications.listen(channel, payload -> poke());
        timer = vertx.setPeriodic(pollMillis, id -> poke());
    }

    public void stop() {
        unlisten.run();
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Called after each batch handed to subscriptions (readers of the table on their own, e.g. webhook deliveries, wake up). */
    public void onPublished(Runnable listener) {
        onPublished.add(listener);
    }

    /** The cursor of the last item handed to subscriptions on this instance. */
    public long published() {
        return published.get();
    }

    public int subscriptions() {
        return feeds.values().stream().mapToInt(Set::size).sum();
    }

    /** Items after a cursor up to another, in order. */
    public Uni<List<T>> read(long after, long upTo, int limit) {
        // a row that cannot be read is logged and passed over: it must not stop every feed behind it
        return sql.list(readQuery, Tuple.of(after, upTo, limit), row -> {
            try {
                return mapper.apply(row);
            } catch (RuntimeException e) {
                LOG.error("Passing over an unreadable row of " + name, e);
                return null;
            }
        }).map(items -> items.stream().filter(java.util.Objects::nonNull).toList());
    }

    /**
     * A subscription to the wanted items: with {@code after}, first those since that cursor
     * ({@code replay} reads them), then live, with no gap and no repeat at the switch. A cursor
     * older than the replay window is refused (VALIDATION, with {@code oldestCursor}).
     * {@code direct}, when given, sends each item itself instead of emitting it.
     */
    public Multi<T> subscribe(Predicate<T> wanted, Consumer<T> direct, Long after, Replay<T> replay, Runnable onEnd) {
        if (after == null) {
            return feed(wanted, direct, null, replay, onEnd);
        }
        long windowMillis = window.length().toMillis();
        return sql.one(windowQuery, Tuple.of(after, windowMillis), row -> row)
                .onItem().transformToMulti(row -> {
                    if (Boolean.TRUE.equals(row.getBoolean(0))) {
                        String oldest = String.valueOf(row.getLong(1));
                        throw ApiException.validation("after", "Cursor " + after + " is older than the " + window.length()
                                + " replayed; resume from " + oldest + " (after reloading what changed) or subscribe without a cursor")
                                .with("oldestCursor", oldest);
                    }
                    return feed(wanted, direct, after, replay, onEnd);
                });
    }

    private Multi<T> feed(Predicate<T> wanted, Consumer<T> direct, Long after, Replay<T> replay, Runnable onEnd) {
        return Multi.createFrom().<T>emitter(emitter -> {
            // Listen first, then read the table up to where the reader is: nothing falls between.
            Feed<T> feed = new Feed<>(emitter, wanted, direct != null ? direct : emitter::emit, direct != null, seq, id,
                    after == null ? 0 : after, io.vertx.core.Vertx.currentContext());
            feeds.computeIfAbsent(feed.loop(), k -> ConcurrentHashMap.newKeySet()).add(feed);
            emitter.onTermination(() -> {
                Set<Feed<T>> loop = feeds.get(feed.loop());
                if (loop != null) {
                    loop.remove(feed);
                }
                onEnd.run();
            });
            if (after == null) {
                // "from now" means after what had committed when it began, whether or not the relay had numbered it
                sql.one(startQuery, Tuple.tuple(), row -> row).subscribe().with(row -> {
                    Long[] unnumbered = row.getArrayOfLongs(1);
                    feed.startAfter(row.getLong(0), unnumbered == null ? new long[0]
                            : java.util.Arrays.stream(unnumbered).mapToLong(Long::longValue).toArray());
                }, failure -> {
                    LOG.warn("Starting a subscription to " + name + " failed: " + failure.getMessage());
                    emitter.fail(failure);
                });
                return;
            }
            replay(feed, replay, published.get()).subscribe().with(done -> feed.live(), failure -> {
                LOG.warn("Replaying " + name + " failed: " + failure.getMessage());
                emitter.fail(failure);
            });
        });
    }

    private Uni<Void> replay(Feed<T> feed, Replay<T> replay, long upTo) {
        long from = feed.last();
        if (from >= upTo) {
            return Uni.createFrom().voidItem();
        }
        return replay.page(from, upTo, PAGE).chain(page -> {
            page.forEach(feed::replayed);
            // a subscriber gone mid-replay stops it (a replay from 0 may be long)
            return page.size() < PAGE || feed.cancelled() ? Uni.createFrom().voidItem() : replay(feed, replay, upTo);
        });
    }

    /** Reads and publishes what is new; one read at a time, repeated if poked meanwhile. */
    public void poke() {
        reader.request();
    }

    private Uni<Boolean> readNew() {
        return read(published.get(), Long.MAX_VALUE, PAGE).map(items -> {
            if (!items.isEmpty()) {
                // advance first: a subscription that registers now replays up to here from the table
                // (and drops what it then also receives live: each feed delivers a cursor once)
                published.set(seq.applyAsLong(items.get(items.size() - 1)));
                dispatch(items);
                onPublished.forEach(Runnable::run);
            }
            return items.size() == PAGE;
        }).onFailure().invoke(failure -> LOG.warn("Reading " + name + " failed: " + failure.getMessage())); // the poll tries again
    }

    /** Hands a batch to every subscription, on its own loop (in order: one context runs its tasks in order). */
    private void dispatch(List<T> items) {
        feeds.forEach((loop, members) -> {
            Runnable deliver = () -> {
                for (Feed<T> feed : members) {
                    try {
                        feed.take(items);
                    } catch (RuntimeException e) {
                        LOG.warn("A subscriber of " + name + " failed", e);
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
}
