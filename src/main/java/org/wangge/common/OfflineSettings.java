package org.wangge.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.OffsetDateTime;

/** Work recorded offline: how far back its {@code occurredAt} may lie. */
@ConfigMapping(prefix = "wangge.offline")
public interface OfflineSettings {

    /** A report or visit that happened longer ago than this is refused (it belongs in a correction, not a late upload). */
    @WithDefault("P7D")
    Duration window();

    /** Clocks of phones drift: a time this far ahead of the server's still counts as now. */
    Duration SKEW = Duration.ofMinutes(5);

    /** {@code given} if it lies inside the window (VALIDATION on {@code field} otherwise), or null when not given. */
    default OffsetDateTime occurredAt(String field, OffsetDateTime given, OffsetDateTime now) {
        if (given == null) {
            return null;
        }
        if (given.isAfter(now.plus(SKEW))) {
            throw ApiException.validation(field, "It cannot have happened in the future");
        }
        if (given.isBefore(now.minus(window()))) {
            throw ApiException.validation(field, "It happened more than " + window().toDays() + " days ago; record it as a correction")
                    .with("window", window().toString());
        }
        return given;
    }
}
