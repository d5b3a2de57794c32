package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.wangge.common.Tx;

/** Changes to accounts made on their own, outside another write (which uses {@link Accounts}). */
@ApplicationScoped
public class AccountService {

    /**
     * Records the token roles an account last came with, which assignments are checked against
     * (an account that does not exist yet records nothing).
     */
    public Uni<Void> recordRoles(String subject, String[] roles) {
        return Tx.run(tx -> tx.update("UPDATE account SET roles = $2::text[] WHERE subject = $1 AND roles IS DISTINCT FROM $2::text[]",
                subject, roles)).replaceWithVoid();
    }
}
