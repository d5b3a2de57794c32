package org.wangge.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.wangge.common.Clock;
import org.wangge.common.Notifications;
import org.wangge.common.Sql;

/**
 * Callers' jurisdictions, kept in memory: every request needs its caller's, and they change
 * seldom. A change anywhere (V14: staff assignments, grid moves and retirements, on any instance)
 * is announced on commit and empties the cache; a change made here empties it at once, before
 * the mutation answers. The day is part of the key (assignments start and end on dates), and
 * entries expire after a minute in case a notification is lost.
 */
@ApplicationScoped
public class Jurisdictions {

    // Maximal paths only: an assignment inside another assigned subtree adds nothing.
    private static final String ACTIVE_PATHS = """
            SELECT DISTINCT g.path FROM staff_assignment a JOIN grid g ON g.id = a.grid_id
            WHERE a.subject = $1 AND a.start_date <= $2 AND (a.end_date IS NULL OR a.end_date >= $2)
              AND g.retired_at IS NULL
            ORDER BY g.path""";

    private record Key(String subject, LocalDate day) {
    }

    private final Sql sql;
    private final Clock clock;
    private final Notifications notifications;
    private final Cache<Key, List<String>> known = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(1)).build();
    private final AtomicLong changes = new AtomicLong();

    public Jurisdictions(Sql sql, Clock clock, Notifications notifications) {
        this.sql = sql;
        this.clock = clock;
        this.notifications = notifications;
    }

    void start(@Observes StartupEvent started) {
        // a payload, or null after a reconnection (notifications may have been missed): forget all
        notifications.listen("jurisdictions", payload -> changed());
    }

    /** The maximal grid paths of the subject's current assignments. */
    public Uni<List<String>> of(String subject) {
        Key key = new Key(subject, clock.today());
        List<String> cached = known.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long before = changes.get();
        return sql.list(ACTIVE_PATHS, Tuple.of(subject, key.day()), row -> row.getString(0)).map(paths -> {
            List<String> roots = new ArrayList<>();
            for (String p : paths) {
                if (roots.isEmpty() || !p.startsWith(roots.get(roots.size() - 1))) {
                    roots.add(p);
                }
            }
            List<String> jurisdiction = List.copyOf(roots);
            known.put(key, jurisdiction);
            // read before a change that has been announced since: not to be kept
            if (changes.get() != before) {
                known.invalidate(key);
            }
            return jurisdiction;
        });
    }

    /** Something that may change a jurisdiction has been committed. */
    public void changed() {
        changes.incrementAndGet();
        known.invalidateAll();
    }
}
