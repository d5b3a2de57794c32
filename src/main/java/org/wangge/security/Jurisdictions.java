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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.wangge.common.Clock;
import org.wangge.common.Notifications;
import org.wangge.common.Sql;
import org.wangge.grid.AccountService;
import org.wangge.grid.StaffRole;

/**
 * What callers answer for, kept in memory: their current assignments (grid path, role,
 * building), their departments and their own household. Every request needs its caller's, and
 * they change seldom. A change anywhere (V14, V15: staff assignments, grid moves and
 * retirements, department members, linked resident records, on any instance) is announced on
 * commit and empties the cache; a change made here empties it at once, before the mutation
 * answers. The day is part of the key (assignments start and end on dates), and entries expire
 * after a minute in case a notification is lost. Loading also records the token roles the
 * account came with, which assignments are checked against (a write only when they changed).
 */
@ApplicationScoped
public class Jurisdictions {

    /** What a subject answers for, before the token's roles are applied. */
    public record Reach(List<Caller.Grant> grants, Set<Long> departments, Long ownHousehold) {
    }

    // a row of kind 'r' says the account's recorded token roles differ from these (recorded then)
    private static final String REACH = """
            SELECT 'g' AS kind, g.path AS path, a.role AS role, a.building AS building, NULL::bigint AS id
            FROM staff_assignment a JOIN grid g ON g.id = a.grid_id
            WHERE a.subject = $1 AND a.start_date <= $2 AND (a.end_date IS NULL OR a.end_date >= $2) AND g.retired_at IS NULL
            UNION ALL SELECT 'd', NULL, NULL, NULL, department_id FROM department_member WHERE subject = $1
            UNION ALL SELECT 'h', NULL, NULL, NULL, household_id FROM person WHERE account_subject = $1 AND household_id IS NOT NULL
            UNION ALL SELECT 'r', NULL, NULL, NULL, NULL FROM account WHERE subject = $1 AND roles IS DISTINCT FROM $3""";

    private record Key(String subject, LocalDate day) {
    }

    private final Sql sql;
    private final AccountService accounts;
    private final Clock clock;
    private final Notifications notifications;
    private final Cache<Key, Reach> known = Caffeine.newBuilder().maximumSize(50_000).expireAfterWrite(Duration.ofMinutes(1)).build();
    private final AtomicLong changes = new AtomicLong();

    public Jurisdictions(Sql sql, AccountService accounts, Clock clock, Notifications notifications) {
        this.sql = sql;
        this.accounts = accounts;
        this.clock = clock;
        this.notifications = notifications;
    }

    void start(@Observes StartupEvent started) {
        // a payload, or null after a reconnection (notifications may have been missed): forget all
        notifications.listen("jurisdictions", payload -> changed());
    }

    /** What the subject answers for today; {@code tokenRoles} are recorded on the account when loaded. */
    public Uni<Reach> of(String subject, Set<String> tokenRoles) {
        Key key = new Key(subject, clock.today());
        Reach cached = known.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        long before = changes.get();
        String[] roles = tokenRoles.stream().sorted().toArray(String[]::new);
        return sql.list(REACH, Tuple.of(subject, key.day(), roles), row -> row).call(rows -> {
            boolean rolesChanged = false;
            for (var row : rows) {
                rolesChanged |= row.getString("kind").equals("r");
            }
            return rolesChanged ? accounts.recordRoles(subject, roles) : Uni.createFrom().voidItem();
        }).map(rows -> {
            List<Caller.Grant> grants = new ArrayList<>();
            Set<Long> departments = new HashSet<>();
            Long household = null;
            for (var row : rows) {
                switch (row.getString("kind")) {
                    case "g" -> grants.add(new Caller.Grant(row.getString("path"), StaffRole.valueOf(row.getString("role")), row.getString("building")));
                    case "d" -> departments.add(row.getLong("id"));
                    case "h" -> household = row.getLong("id");
                    default -> { }
                }
            }
            Reach reach = new Reach(List.copyOf(grants), Set.copyOf(departments), household);
            known.put(key, reach);
            // read before a change that has been announced since: not to be kept
            if (changes.get() != before) {
                known.invalidate(key);
            }
            return reach;
        });
    }

    /** Something that may change a reach has been committed. */
    public void changed() {
        changes.incrementAndGet();
        known.invalidateAll();
    }
}
