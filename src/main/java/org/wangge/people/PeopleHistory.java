package org.wangge.people;

import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import org.wangge.common.Tx;

/**
 * The append-only histories kept beside households and persons (grid moves, memberships),
 * written in the transaction of the change they record: the open period is closed and the new
 * one appended, a statement each.
 */
final class PeopleHistory {

    private PeopleHistory() {
    }

    static Uni<Void> householdGrid(Tx tx, long householdId, long gridId, OffsetDateTime at) {
        return tx.update("UPDATE household_grid_history SET valid_to = $2 WHERE household_id = $1 AND valid_to IS NULL", householdId, at)
                .chain(() -> tx.update("INSERT INTO household_grid_history (household_id, grid_id, valid_from) VALUES ($1, $2, $3)",
                        householdId, gridId, at))
                .replaceWithVoid();
    }

    static Uni<Void> membership(Tx tx, long personId, Long householdId, String relation, OffsetDateTime at) {
        return tx.update("UPDATE household_member SET valid_to = $2 WHERE person_id = $1 AND valid_to IS NULL", personId, at)
                .chain(() -> householdId == null ? Uni.createFrom().item(0) : tx.update("""
                        INSERT INTO household_member (household_id, person_id, relation, valid_from) VALUES ($1, $2, $3, $4)""",
                        householdId, personId, relation, at))
                .replaceWithVoid();
    }
}
