package org.wangge.people;

import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

@org.eclipse.microprofile.graphql.Description("A page of Household, with cursors (Relay connection)")
public class HouseholdConnection extends Connection<Household, HouseholdConnection.HouseholdEdge> {

    @org.eclipse.microprofile.graphql.Type("HouseholdEdge")
    @org.eclipse.microprofile.graphql.Description("A Household and its cursor")
    public static class HouseholdEdge extends Connection.Edge<Household> {
        public HouseholdEdge() {
        }

        HouseholdEdge(String cursor, Household node) {
            super(cursor, node);
        }
    }

    @NonNull
    public int totalCount;

    HouseholdConnection(Page<Household> page, int totalCount) {
        super(page, h -> Cursor.encode("h", Long.toString(h.dbId)), HouseholdEdge::new);
        this.totalCount = totalCount;
    }
}
