package org.wangge.people;

import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

public class PersonConnection extends Connection<Person> {

    @NonNull
    public int totalCount;

    PersonConnection(Page<Person> page, int totalCount) {
        super(page, p -> Cursor.encode("p", p.id));
        this.totalCount = totalCount;
    }
}
