package org.wangge.grid;

import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

@org.eclipse.microprofile.graphql.Description("A page of StaffAssignment, with cursors (Relay connection)")
@org.eclipse.microprofile.graphql.Type("StaffAssignmentConnection")
public class StaffConnection extends Connection<StaffAssignment, StaffConnection.StaffAssignmentEdge> {

    @org.eclipse.microprofile.graphql.Type("StaffAssignmentEdge")
    @org.eclipse.microprofile.graphql.Description("A StaffAssignment and its cursor")
    public static class StaffAssignmentEdge extends Connection.Edge<StaffAssignment> {
        public StaffAssignmentEdge() {
        }

        StaffAssignmentEdge(String cursor, StaffAssignment node) {
            super(cursor, node);
        }
    }

    @NonNull
    public int totalCount;

    StaffConnection(Page<StaffAssignment> page, int totalCount) {
        super(page, StaffConnection::cursor, StaffAssignmentEdge::new);
        this.totalCount = totalCount;
    }

    static StaffConnection of(Page<StaffAssignment> page, int totalCount) {
        return new StaffConnection(page, totalCount);
    }

    static String cursor(StaffAssignment a) {
        return Cursor.encode("sa", Long.toString(a.dbId));
    }

    static Long after(String cursor) {
        return cursor == null ? null : Cursor.decodeLong("sa", cursor);
    }
}
