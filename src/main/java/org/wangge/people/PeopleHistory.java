package org.wangge.people;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;

/** The append-only histories kept beside households and persons (grid moves, memberships). */
final class PeopleHistory {

    private PeopleHistory() {
    }

    static Uni<Void> householdGrid(long householdId, long gridId, OffsetDateTime at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                UPDATE household_grid_history SET valid_to = ?2 WHERE household_id = ?1 AND valid_to IS NULL""")
                .setParameter(1, householdId).setParameter(2, at).executeUpdate()
                .chain(() -> s.createNativeQuery("""
                        INSERT INTO household_grid_history (household_id, grid_id, valid_from) VALUES (?1, ?2, ?3)""")
                        .setParameter(1, householdId).setParameter(2, gridId).setParameter(3, at).executeUpdate()))
                .replaceWithVoid();
    }

    static Uni<Void> membership(long personId, Long householdId, String relation, OffsetDateTime at) {
        return Panache.getSession().chain(s -> s.createNativeQuery("""
                UPDATE household_member SET valid_to = ?2 WHERE person_id = ?1 AND valid_to IS NULL""")
                .setParameter(1, personId).setParameter(2, at).executeUpdate()
                .chain(() -> householdId == null ? Uni.createFrom().item(0) : s.createNativeQuery("""
                        INSERT INTO household_member (household_id, person_id, relation, valid_from) VALUES (?1, ?2, ?3, ?4)""")
                        .setParameter(1, householdId).setParameter(2, personId).setParameter(3, relation)
                        .setParameter(4, at).executeUpdate()))
                .replaceWithVoid();
    }
}
