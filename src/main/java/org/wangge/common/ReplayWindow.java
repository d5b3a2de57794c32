package org.wangge.common;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * How far back a live feed replays ({@code wangge.live.replay-window}, default 7 days): a resumed
 * subscription whose cursor is older is refused, so that no one can make an instance read a whole
 * outbox. Clients that were away longer reload by query and subscribe afresh.
 */
@ApplicationScoped
public class ReplayWindow {

    private volatile Duration length;

    public ReplayWindow(LiveSettings live) {
        this.length = live.replayWindow();
    }

    public Duration length() {
        return length;
    }

    /** Tests shorten it to see a cursor fall out of it. */
    void set(Duration length) {
        this.length = length;
    }
}
