package org.wangge.people.roster;

import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

public class ImportErrorConnection extends Connection<ImportError> {

    ImportErrorConnection(Page<ImportError> page) {
        super(page, e -> Cursor.encode("ie", Long.toString(e.dbId)));
    }
}
