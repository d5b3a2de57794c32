package org.wangge.common;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The database beyond what Quarkus's datasource settings say: the statement timeout and the read replica. */
@ConfigMapping(prefix = "wangge.db")
public interface DatabaseSettings {

    /** A statement running longer is cancelled by PostgreSQL (its units: 500ms, 5s, 1min). */
    String statementTimeout();

    Replica replica();

    /**
     * A streaming replica (or a pooler in front of several) that answers GraphQL queries. Without a
     * URL every statement goes to the primary, as on a single box.
     */
    interface Replica {

        /** {@code postgresql://host:port/database}; user and password are the primary's unless given here. */
        Optional<String> url();

        /** Connections to the replica, at most. */
        @WithDefault("20")
        int poolSize();

        /**
         * How often the primary's and the replica's WAL positions are compared. A caller who wrote
         * reads from the primary until the replica has replayed their write, found out at most this
         * much later.
         */
        @WithDefault("PT0.1S")
        Duration poll();

        /**
         * A replica further behind than this, or not answering, is left aside: everything goes to
         * the primary until it catches up. Bounds how stale a read may be for callers whose write
         * went through another instance.
         */
        Duration maxLag();

        /**
         * A writer reads the primary at least this long after their write, however soon the polled
         * replica has it. Zero where the URL reaches one replica; behind a pooler that spreads
         * connections over several, the time the slowest of them needs (the poll sees one).
         */
        Duration writeWindow();
    }
}
