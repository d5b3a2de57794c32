package org.wangge.ledgers;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * A ledger as it is read: a sheet title, its column headers, and its rows page after page in the
 * order of a two-part key, so that no more than a page is ever held.
 */
record Sheet(String title, List<String> headers, Pages pages) {

    /** One row: its key and its cells (text, numbers or null), in the headers' order. */
    record Line(long key1, long key2, List<Object> cells) {
    }

    /** The rows after a key, at most {@code limit} of them, read in the export's snapshot. */
    interface Pages {
        Uni<List<Line>> after(org.wangge.common.Sql.Snapshot read, long key1, long key2, int limit);
    }
}
