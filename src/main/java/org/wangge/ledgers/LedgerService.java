package org.wangge.ledgers;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.wangge.common.Tx;
import org.wangge.platform.RequestIds;
import org.wangge.security.Caller;

/** The audit of ledger exports: a row before the first line leaves, its count once the last has. */
@ApplicationScoped
public class LedgerService {

    Uni<Long> started(Caller caller, Ledger ledger, Long gridId, String filterJson) {
        String request = RequestIds.current() != null ? RequestIds.current() : RequestIds.fresh();
        return Tx.run(tx -> tx.one("""
                INSERT INTO ledger_export (actor_subject, ledger, grid_id, filter, request_id) VALUES ($1, $2, $3, cast($4 AS jsonb), $5)
                RETURNING id""", Long.class, caller.subject(), ledger.name(), gridId, filterJson, request));
    }

    Uni<Void> finished(long export, long rows) {
        return Tx.run(tx -> tx.update("UPDATE ledger_export SET finished_at = now(), row_count = $2 WHERE id = $1", export, (int) rows))
                .replaceWithVoid();
    }
}
