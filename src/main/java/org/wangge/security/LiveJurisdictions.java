package org.wangge.security;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.wangge.common.Notifications;

/**
 * Live subscriptions whose deliveries depend on the caller's jurisdiction, as it was when the
 * socket was opened. When a caller loses part of it (an assignment ended, a grid moved or
 * retired) their subscriptions are revoked: at once on the change's notification (any instance),
 * and at the latest on the next periodic check (lost notifications, assignments ending at
 * midnight), well within a minute. A wider jurisdiction changes nothing until the client
 * subscribes again.
 */
@ApplicationScoped
public class LiveJurisdictions {

    private static final Logger LOG = Logger.getLogger(LiveJurisdictions.class);

    /** What the subscription was allowed on: the grids whose cases the caller read, and their departments. */
    private record Watched(String subject, Set<String> roles, List<String> roots, Set<Long> departments, Runnable revoke) {
    }

    private record Now(List<String> roots, Set<Long> departments) {
    }

    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final Jurisdictions jurisdictions;
    private final Notifications notifications;

    public LiveJurisdictions(Jurisdictions jurisdictions, Notifications notifications) {
        this.jurisdictions = jurisdictions;
        this.notifications = notifications;
    }

    void start(@Observes StartupEvent started) {
        // a change, or a reconnection after which changes may have been missed
        notifications.listen("jurisdictions", payload -> check(true));
    }

    /**
     * Runs {@code revoke} once if the caller loses any grid of their current jurisdiction or any
     * of their departments, until the returned handle runs (when the subscription ends).
     */
    public Runnable watch(Caller caller, Runnable revoke) {
        List<String> reads = caller.paths(Capability.CASES_READ);
        if (reads == null || reads.isEmpty() && caller.departments().isEmpty()) {
            return () -> { };
        }
        Watched w = new Watched(caller.subject(), caller.roles(), reads, caller.departments(), revoke);
        watched.add(w);
        return () -> watched.remove(w);
    }

    /** Assignments that end at midnight send no notification: the day is part of the cache's key, so this reads the new day's. */
    @Scheduled(every = "${wangge.live.jurisdiction-check:20s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void periodically() {
        check(false);
    }

    void check(boolean changed) {
        if (watched.isEmpty()) {
            return;
        }
        if (changed) {
            // this listener may run before the cache's own: empty it first so the change is read
            jurisdictions.changed();
        }
        Map<String, List<Watched>> bySubject = watched.stream().collect(Collectors.groupingBy(Watched::subject));
        bySubject.forEach((subject, subscriptions) -> current(subject, subscriptions.get(0).roles()).subscribe().with(now -> {
            for (Watched w : subscriptions) {
                if ((!within(w.roots(), now.roots()) || !now.departments().containsAll(w.departments())) && watched.remove(w)) {
                    w.revoke().run();
                }
            }
        }, failure -> LOG.warn("Could not check the jurisdiction of " + subject + ": " + failure.getMessage())));
    }

    /** The grids whose cases the subject reads now and their departments, in the same terms as at the start. */
    private Uni<Now> current(String subject, Set<String> roles) {
        return jurisdictions.of(subject, roles).map(reach -> {
            Caller now = CurrentCaller.of(subject, subject, roles, reach);
            return new Now(now.paths(Capability.CASES_READ), now.departments());
        });
    }

    /** Whether every grid under {@code before} is still under one of {@code now}. */
    static boolean within(List<String> before, List<String> now) {
        return before.stream().allMatch(root -> now.stream().anyMatch(root::startsWith));
    }
}
