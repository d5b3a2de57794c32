package org.wangge.people;

import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

@org.eclipse.microprofile.graphql.Description("A page of CareCase, with cursors (Relay connection)")
public class CareCaseConnection extends Connection<CareCase, CareCaseConnection.CareCaseEdge> {

    @org.eclipse.microprofile.graphql.Type("CareCaseEdge")
    @org.eclipse.microprofile.graphql.Description("A CareCase and its cursor")
    public static class CareCaseEdge extends Connection.Edge<CareCase> {
        public CareCaseEdge() {
        }

        CareCaseEdge(String cursor, CareCase node) {
            super(cursor, node);
        }
    }

    @NonNull
    public int totalCount;

    CareCaseConnection(Page<CareCase> page, int totalCount) {
        super(page, c -> Cursor.encode("cc", Long.toString(c.dbId)), CareCaseEdge::new);
        this.totalCount = totalCount;
    }
}
