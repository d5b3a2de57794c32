package org.wangge.people;

import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

public class CareCaseConnection extends Connection<CareCase> {

    @NonNull
    public int totalCount;

    CareCaseConnection(Page<CareCase> page, int totalCount) {
        super(page, c -> Cursor.encode("cc", c.id));
        this.totalCount = totalCount;
    }
}
