package org.wangge.cases;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;
import org.eclipse.microprofile.graphql.Ignore;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

/** Cases newest first (by id, which follows filing order); totalCount is counted only when asked for. */
@org.eclipse.microprofile.graphql.Description("A page of CaseFile, with cursors (Relay connection)")
@org.eclipse.microprofile.graphql.Type("CaseFileConnection")
public class CaseConnection extends Connection<CaseFile, CaseConnection.CaseFileEdge> {

    @org.eclipse.microprofile.graphql.Type("CaseFileEdge")
    @org.eclipse.microprofile.graphql.Description("A CaseFile and its cursor")
    public static class CaseFileEdge extends Connection.Edge<CaseFile> {
        public CaseFileEdge() {
        }

        CaseFileEdge(String cursor, CaseFile node) {
            super(cursor, node);
        }
    }

    @Ignore
    public Supplier<Uni<Integer>> totalCount;

    CaseConnection(Page<CaseFile> page, Supplier<Uni<Integer>> totalCount) {
        super(page, CaseConnection::cursor, CaseFileEdge::new);
        this.totalCount = totalCount;
    }

    static String cursor(CaseFile c) {
        return Cursor.encode("c", Long.toString(c.dbId));
    }

    static Long after(String cursor) {
        return cursor == null ? null : Cursor.decodeLong("c", cursor);
    }
}
