package org.wangge.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Calendar dates (assignment periods, daily figures) are reckoned in the deployment's zone. */
@ApplicationScoped
public class Clock {

    private final ZoneId zone;

    public Clock(@ConfigProperty(name = "wangge.time-zone", defaultValue = "Asia/Shanghai") String zone) {
        this.zone = ZoneId.of(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return LocalDate.now(zone);
    }

    public OffsetDateTime now() {
        return OffsetDateTime.now(zone);
    }
}
