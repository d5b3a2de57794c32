package org.wangge.people;

import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

@org.eclipse.microprofile.graphql.Description("A page of Person, with cursors (Relay connection)")
public class PersonConnection extends Connection<Person, PersonConnection.PersonEdge> {

    @org.eclipse.microprofile.graphql.Type("PersonEdge")
    @org.eclipse.microprofile.graphql.Description("A Person and its cursor")
    public static class PersonEdge extends Connection.Edge<Person> {
        public PersonEdge() {
        }

        PersonEdge(String cursor, Person node) {
            super(cursor, node);
        }
    }

    @NonNull
    public int totalCount;

    static Long after(String cursor) {
        return cursor == null ? null : Cursor.decodeLong("p", cursor);
    }

    PersonConnection(Page<Person> page, int totalCount) {
        super(page, p -> Cursor.encode("p", Long.toString(p.dbId)), PersonEdge::new);
        this.totalCount = totalCount;
    }
}
