package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import org.wangge.common.Tx;

/**
 * Person accounts are created the first time a subject acts or is named, inside the write that
 * names them. One statement each: an account has no version and is never edited by two people.
 */
public final class Accounts {

    private Accounts() {
    }

    /** Makes sure an account exists for the subject. An upsert, because a person's first requests may well arrive together. */
    public static Uni<Void> ensure(Tx tx, String subject, String displayName, OffsetDateTime now) {
        return tx.update("INSERT INTO account (subject, display_name, created_at) VALUES ($1, $2, $3) ON CONFLICT (subject) DO NOTHING",
                subject, displayName, now).replaceWithVoid();
    }

    public static Uni<Boolean> exists(Tx tx, String subject) {
        return tx.one("SELECT count(*) FROM account WHERE subject = $1", Long.class, subject).map(n -> n > 0);
    }
}
