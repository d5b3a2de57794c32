package org.wangge.ledgers;

import io.smallrye.mutiny.Uni;
import java.util.EnumSet;
import java.util.Set;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.wangge.common.ApiException;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.common.Paging;
import org.wangge.nodes.NodeLoader;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;

/** The audit log of ledger exports (the exports themselves are GET /ledgers/{ledger}.xlsx). */
@GraphQLApi
public class LedgerApi implements NodeLoader {

    private final LedgerReader reader;
    private final CurrentCaller currentCaller;

    public LedgerApi(LedgerReader reader, CurrentCaller currentCaller) {
        this.reader = reader;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("Every ledger exported, newest first (of one actor when given): admin only")
    public Uni<@NonNull LedgerExportConnection> ledgerExports(String actorSubject, Integer first, String after) {
        Caller caller = currentCaller.get();
        int size = Paging.first(first);
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin may read the ledger export log");
        }
        return reader.exports(actorSubject, size, after);
    }

    @Override
    public Set<NodeType> types() {
        return EnumSet.of(NodeType.LEDGER_EXPORT);
    }

    @Override
    public Uni<? extends Node> load(Caller caller, NodeType type, Key key) {
        return reader.export(key.number());
    }
}
