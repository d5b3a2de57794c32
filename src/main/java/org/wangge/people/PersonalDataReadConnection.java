package org.wangge.people;

import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

@org.eclipse.microprofile.graphql.Description("A page of PersonalDataRead, with cursors (Relay connection)")
public class PersonalDataReadConnection extends Connection<PersonalDataRead, PersonalDataReadConnection.PersonalDataReadEdge> {

    @org.eclipse.microprofile.graphql.Type("PersonalDataReadEdge")
    @org.eclipse.microprofile.graphql.Description("A PersonalDataRead and its cursor")
    public static class PersonalDataReadEdge extends Connection.Edge<PersonalDataRead> {
        public PersonalDataReadEdge() {
        }

        PersonalDataReadEdge(String cursor, PersonalDataRead node) {
            super(cursor, node);
        }
    }

    @NonNull
    public int totalCount;

    PersonalDataReadConnection(Page<PersonalDataRead> page, int totalCount) {
        super(page, r -> Cursor.encode("pr", Long.toString(r.dbId)), PersonalDataReadEdge::new);
        this.totalCount = totalCount;
    }
}
