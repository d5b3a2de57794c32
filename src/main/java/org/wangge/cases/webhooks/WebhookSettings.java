package org.wangge.cases.webhooks;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Webhook deliveries: how often endpoints are looked at, how long a receiver may take, how failures are retried. */
@ConfigMapping(prefix = "wangge.webhooks")
public interface WebhookSettings {

    /** Whether this instance delivers at all (every instance may; a lease keeps each endpoint to one). */
    @WithDefault("true")
    boolean enabled();

    /** How often leases are renewed and new or resumed endpoints taken up (new events wake deliveries at once). */
    @WithDefault("PT1S")
    Duration poll();

    /** How long an instance holds an endpoint without renewing it; another takes over after that. */
    @WithDefault("PT30S")
    Duration lease();

    /** A receiver that has not answered by then failed this attempt. */
    @WithDefault("PT10S")
    Duration timeout();

    /** The wait after the first failed attempt; doubled after each further one, up to {@link #maxBackoff()}. */
    @WithDefault("PT1S")
    Duration firstBackoff();

    @WithDefault("PT1H")
    Duration maxBackoff();

    /** An endpoint failing for this long is paused; its backlog is kept until it is resumed. */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** Plain http to a loopback address (a receiver on the same machine, in development and tests); https otherwise. */
    @WithDefault("false")
    boolean allowLoopbackHttp();

    /** How long delivered events stay listed in webhookDeliveries. */
    @WithDefault("P7D")
    Duration keepDelivered();
}
