package org.wangge.houses;

import java.util.List;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

@org.eclipse.microprofile.graphql.Description("A page of House, with cursors (Relay connection)")
public class HouseConnection extends Connection<House, HouseConnection.HouseEdge> {

    @org.eclipse.microprofile.graphql.Type("HouseEdge")
    @org.eclipse.microprofile.graphql.Description("A House and its cursor")
    public static class HouseEdge extends Connection.Edge<House> {
        public HouseEdge() {
        }

        HouseEdge(String cursor, House node) {
            super(cursor, node);
        }
    }

    @NonNull
    public int totalCount;

    HouseConnection(Page<House> page, int totalCount) {
        super(page, h -> Cursor.encode("ho", Long.toString(h.dbId)), HouseEdge::new);
        this.totalCount = totalCount;
    }

    static HouseConnection empty() {
        return new HouseConnection(new Page<>(List.of(), false, false), 0);
    }

    static long after(String cursor) {
        return cursor == null ? 0L : Cursor.decodeLong("ho", cursor);
    }
}
