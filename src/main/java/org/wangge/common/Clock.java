package org.wangge.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/**
 * wangge runs in China Standard Time: calendar dates (assignment periods, daily figures, the
 * points expiry job) are Asia/Shanghai days. It is not a setting: the database's roll-up triggers
 * (migrations V8, V13) reckon days in the same zone, and a deployment could not change one without
 * the other; {@code OneTimeZoneTest} keeps them equal.
 */
@ApplicationScoped
public class Clock {

    /** For annotations ({@code @Scheduled(timeZone = ...)}) and SQL. */
    public static final String ZONE_NAME = "Asia/Shanghai";
    public static final ZoneId ZONE = ZoneId.of(ZONE_NAME);

    public ZoneId zone() {
        return ZONE;
    }

    public LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(ZONE);
    }
}
