package org.wangge.people.roster;

import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

@org.eclipse.microprofile.graphql.Description("A page of ImportError, with cursors (Relay connection)")
public class ImportErrorConnection extends Connection<ImportError, ImportErrorConnection.ImportErrorEdge> {

    @org.eclipse.microprofile.graphql.Type("ImportErrorEdge")
    @org.eclipse.microprofile.graphql.Description("A ImportError and its cursor")
    public static class ImportErrorEdge extends Connection.Edge<ImportError> {
        public ImportErrorEdge() {
        }

        ImportErrorEdge(String cursor, ImportError node) {
            super(cursor, node);
        }
    }

    ImportErrorConnection(Page<ImportError> page) {
        super(page, e -> Cursor.encode("ie", Long.toString(e.dbId)), ImportErrorEdge::new);
    }
}
