package org.wangge.people;

import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

public class PersonalDataReadConnection extends Connection<PersonalDataRead> {

    @NonNull
    public int totalCount;

    PersonalDataReadConnection(Page<PersonalDataRead> page, int totalCount) {
        super(page, r -> Cursor.encode("pr", r.id));
        this.totalCount = totalCount;
    }
}
