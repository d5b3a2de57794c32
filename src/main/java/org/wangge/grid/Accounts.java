package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/** Person accounts are created the first time a subject acts or is named. */
public final class Accounts {

    private Accounts() {
    }

    /**
     * Makes sure an account exists for the subject (inside the current transaction). An upsert,
     * because a person's first requests may well arrive together.
     */
    public static Uni<Void> ensure(String subject, String displayName, OffsetDateTime now) {
        return io.quarkus.hibernate.reactive.panache.Panache.getSession().chain(s -> s.createNativeQuery(
                "INSERT INTO account (subject, display_name, created_at) VALUES (?1, ?2, ?3) ON CONFLICT (subject) DO NOTHING")
                .setParameter(1, subject).setParameter(2, displayName).setParameter(3, now).executeUpdate()).replaceWithVoid();
    }

    public static Uni<Boolean> exists(String subject) {
        return AccountEntity.count("subject", subject).map(n -> n > 0);
    }
}
