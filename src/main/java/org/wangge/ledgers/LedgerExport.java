package org.wangge.ledgers;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.security.Caller;
import org.wangge.security.Visible;

@Description("One ledger (台账) exported: who, which, over which grid, with which filter, how many rows (append-only audit log)")
public class LedgerExport implements Node, Visible {

    static final String COLUMNS = "e.id, e.actor_subject, e.ledger, e.grid_id, e.filter::text AS filter, e.request_id, e.started_at, "
            + "e.finished_at, e.row_count";

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    public String actorSubject;
    @NonNull
    @Description("cases, risks, visits, units or points")
    public String ledger;
    @Id
    @Description("The grid whose ledger it is (none for points)")
    public String gridId;
    @NonNull
    @Description("The filter as given, as JSON")
    public String filter;
    public String requestId;
    @NonNull
    public OffsetDateTime startedAt;
    @Description("When its last row left; null for an export that did not finish")
    public OffsetDateTime finishedAt;
    @Description("How many rows it held; null for an export that did not finish")
    public Integer rowCount;

    @Ignore
    public long dbId;

    /** The audit log is for admins only. */
    @Override
    public boolean visibleTo(Caller caller) {
        return caller.isAdmin();
    }

    static LedgerExport from(Row row) {
        LedgerExport e = new LedgerExport();
        e.dbId = row.getLong("id");
        e.id = NodeType.LEDGER_EXPORT.id(e.dbId);
        e.actorSubject = row.getString("actor_subject");
        e.ledger = row.getString("ledger");
        Long grid = row.getLong("grid_id");
        e.gridId = grid == null ? null : NodeType.GRID.id(grid);
        e.filter = row.getString("filter");
        e.requestId = row.getString("request_id");
        e.startedAt = row.getOffsetDateTime("started_at");
        e.finishedAt = row.getOffsetDateTime("finished_at");
        e.rowCount = row.getInteger("row_count");
        return e;
    }
}
