package org.wangge.grid;

import java.util.List;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Cursor;
import org.wangge.common.Page;
import org.wangge.common.PageInfo;

public class StaffConnection {

    @NonNull
    public List<@NonNull StaffEdge> edges;
    @NonNull
    public PageInfo pageInfo;
    @NonNull
    public int totalCount;

    public static class StaffEdge {
        @NonNull
        public String cursor;
        @NonNull
        public StaffAssignment node;

        StaffEdge(String cursor, StaffAssignment node) {
            this.cursor = cursor;
            this.node = node;
        }
    }

    static StaffConnection of(Page<StaffAssignment> page, int totalCount) {
        StaffConnection c = new StaffConnection();
        c.edges = page.edges(StaffConnection::cursor, StaffEdge::new);
        c.pageInfo = page.pageInfo(StaffConnection::cursor);
        c.totalCount = totalCount;
        return c;
    }

    static String cursor(StaffAssignment a) {
        return Cursor.encode("sa", Long.toString(a.dbId));
    }

    static Long after(String cursor) {
        return cursor == null ? null : Cursor.decodeLong("sa", cursor);
    }
}
