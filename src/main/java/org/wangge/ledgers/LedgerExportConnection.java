package org.wangge.ledgers;

import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

@org.eclipse.microprofile.graphql.Description("A page of LedgerExport, with cursors (Relay connection)")
public class LedgerExportConnection extends Connection<LedgerExport, LedgerExportConnection.LedgerExportEdge> {

    @org.eclipse.microprofile.graphql.Type("LedgerExportEdge")
    @org.eclipse.microprofile.graphql.Description("A LedgerExport and its cursor")
    public static class LedgerExportEdge extends Connection.Edge<LedgerExport> {
        public LedgerExportEdge() {
        }

        LedgerExportEdge(String cursor, LedgerExport node) {
            super(cursor, node);
        }
    }

    @NonNull
    public int totalCount;

    LedgerExportConnection(Page<LedgerExport> page, int totalCount) {
        super(page, r -> Cursor.encode("le", Long.toString(r.dbId)), LedgerExportEdge::new);
        this.totalCount = totalCount;
    }

    static long before(String cursor) {
        return cursor == null ? Long.MAX_VALUE : org.wangge.common.Cursor.decodeLong("le", cursor);
    }
}
