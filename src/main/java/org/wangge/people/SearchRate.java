package org.wangge.people;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.wangge.common.ApiException;
import org.wangge.common.ErrorCode;

/**
 * How many exact searches by ID number or phone a caller may run: at most
 * {@code wangge.pii.search-rate-per-minute} in any 60 seconds, each search field of a request
 * counted on its own (aliases too), so the searches cannot enumerate numbers. Kept in memory on
 * each instance: with n replicas a caller spread over all of them gets up to n times the rate.
 */
@ApplicationScoped
public class SearchRate {

    private static final long WINDOW_NANOS = Duration.ofMinutes(1).toNanos();

    private final int perMinute;
    // a caller's last searches, idle callers forgotten after the window
    private final Cache<String, Window> callers = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(2)).build();

    public SearchRate(PersonalDataSettings settings) {
        this.perMinute = settings.searchRatePerMinute();
    }

    /** Counts one search for the subject, or refuses it with RATE_LIMITED (it is not counted then). */
    public void take(String subject) {
        if (!callers.get(subject, s -> new Window(perMinute)).take(System.nanoTime())) {
            throw new ApiException(ErrorCode.RATE_LIMITED, "At most " + perMinute + " searches by ID number or phone a minute")
                    .with("limit", perMinute);
        }
    }

    /** The times of the last {@code size} searches in a ring: one may run when the oldest is a minute old. */
    private static final class Window {
        private final long[] times;
        private int next;
        private int used;

        Window(int size) {
            times = new long[Math.max(1, size)];
        }

        synchronized boolean take(long now) {
            if (used == times.length && now - times[next] < WINDOW_NANOS) {
                return false;
            }
            times[next] = now;
            next = (next + 1) % times.length;
            used = Math.min(used + 1, times.length);
            return true;
        }
    }
}
