package org.wangge.cases;

import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;
import org.eclipse.microprofile.graphql.Ignore;
import org.wangge.common.Connection;
import org.wangge.common.Cursor;
import org.wangge.common.Page;

/** Cases newest first (by id, which follows filing order); totalCount is counted only when asked for. */
public class CaseConnection extends Connection<CaseFile> {

    @Ignore
    public Supplier<Uni<Integer>> totalCount;

    CaseConnection(Page<CaseFile> page, Supplier<Uni<Integer>> totalCount) {
        super(page, CaseConnection::cursor);
        this.totalCount = totalCount;
    }

    static String cursor(CaseFile c) {
        return Cursor.encode("c", c.id);
    }

    static Long after(String cursor) {
        return cursor == null ? null : Cursor.decodeLong("c", cursor);
    }
}
