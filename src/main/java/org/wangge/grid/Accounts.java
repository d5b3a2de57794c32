package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/** Person accounts are created the first time a subject acts or is named. */
public final class Accounts {

    private Accounts() {
    }

    /** Makes sure an account exists for the subject (inside the current transaction). */
    public static Uni<Void> ensure(String subject, String displayName, OffsetDateTime now) {
        return AccountEntity.<AccountEntity>findById(subject).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            AccountEntity account = new AccountEntity();
            account.subject = subject;
            account.displayName = displayName;
            account.createdAt = now;
            // flushed at once: native statements that follow (ledger, orders) refer to it
            return account.persist().chain(io.quarkus.hibernate.reactive.panache.Panache::flush).replaceWithVoid();
        });
    }

    public static Uni<Boolean> exists(String subject) {
        return AccountEntity.count("subject", subject).map(n -> n > 0);
    }
}
