package org.wangge.addresses;

import java.util.List;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

@org.eclipse.microprofile.graphql.Description("A page of Address, with cursors (Relay connection)")
public class AddressConnection extends Connection<Address, AddressConnection.AddressEdge> {

    @org.eclipse.microprofile.graphql.Type("AddressEdge")
    @org.eclipse.microprofile.graphql.Description("An Address and its cursor")
    public static class AddressEdge extends Connection.Edge<Address> {
        public AddressEdge() {
        }

        AddressEdge(String cursor, Address node) {
            super(cursor, node);
        }
    }

    @NonNull
    public int totalCount;

    AddressConnection(Page<Address> page, int totalCount) {
        super(page, a -> Cursor.encode("ad", Long.toString(a.dbId)), AddressEdge::new);
        this.totalCount = totalCount;
    }

    static AddressConnection empty() {
        return new AddressConnection(new Page<>(List.of(), false, false), 0);
    }

    static long after(String cursor) {
        return cursor == null ? 0L : Cursor.decodeLong("ad", cursor);
    }
}
