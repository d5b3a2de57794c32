package org.wangge.people;

import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

public class HouseholdConnection extends Connection<Household> {

    @NonNull
    public int totalCount;

    HouseholdConnection(Page<Household> page, int totalCount) {
        super(page, h -> Cursor.encode("h", h.id));
        this.totalCount = totalCount;
    }
}
