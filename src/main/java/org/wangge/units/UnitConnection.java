package org.wangge.units;

import java.util.List;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

@org.eclipse.microprofile.graphql.Description("A page of Unit, with cursors (Relay connection)")
public class UnitConnection extends Connection<Unit, UnitConnection.UnitEdge> {

    @org.eclipse.microprofile.graphql.Type("UnitEdge")
    @org.eclipse.microprofile.graphql.Description("A Unit and its cursor")
    public static class UnitEdge extends Connection.Edge<Unit> {
        public UnitEdge() {
        }

        UnitEdge(String cursor, Unit node) {
            super(cursor, node);
        }
    }

    @NonNull
    public int totalCount;

    UnitConnection(Page<Unit> page, int totalCount) {
        super(page, h -> Cursor.encode("un", Long.toString(h.dbId)), UnitEdge::new);
        this.totalCount = totalCount;
    }

    static UnitConnection empty() {
        return new UnitConnection(new Page<>(List.of(), false, false), 0);
    }

    static long after(String cursor) {
        return cursor == null ? 0L : Cursor.decodeLong("un", cursor);
    }
}
