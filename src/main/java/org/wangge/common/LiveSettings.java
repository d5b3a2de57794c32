package org.wangge.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Live updates over WebSockets: how outboxes are read, how long a replay may reach back, socket limits. */
@ConfigMapping(prefix = "wangge.live")
public interface LiveSettings {

    /** How often an outbox is read when no NOTIFY has arrived (a missed one costs at most this), in ms. */
    @WithDefault("2000")
    long pollMillis();

    /** A socket whose connection_init has not arrived by then is closed with 4408. */
    @WithDefault("PT10S")
    Duration initTimeout();

    /** Subscriptions one socket may hold open. */
    @WithDefault("20")
    int maxSubscriptionsPerSocket();

    /** How far back a subscription may resume from a cursor. */
    @WithDefault("P7D")
    Duration replayWindow();
}
