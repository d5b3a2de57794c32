package org.wangge.people;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Clock;
import org.wangge.common.Idempotency;
import org.wangge.common.OfflineSettings;
import org.wangge.common.Tx;
import org.wangge.grid.Accounts;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.common.NodeType;

/**
 * Visits (走访) are appended, never edited: plain statements, no entity (nothing to version or
 * check for changes), each visit one transaction.
 */
@ApplicationScoped
public class VisitService {

    private final Clock clock;
    private final PersonalData pii;
    private final OfflineSettings offline;

    public VisitService(Clock clock, PersonalData pii, OfflineSettings offline) {
        this.clock = clock;
        this.pii = pii;
        this.offline = offline;
    }

    public Uni<Long> recordVisit(Caller caller, PeopleInputs.VisitData in, String idempotencyKey) {
        caller.requireAnywhere(Capability.VISITS_WRITE);
        long householdId = NodeType.HOUSEHOLD.key("householdId", in.householdId);
        Long personId = in.personId == null ? null : NodeType.PERSON.key("personId", in.personId);
        OffsetDateTime occurred = offline.occurredAt("occurredAt", in.occurredAt, clock.now());
        OffsetDateTime at = occurred == null ? clock.now() : occurred;
        // the household is share-locked: it cannot move to a grid out of the visitor's reach meanwhile
        Idempotency.Key key = Idempotency.of(caller.subject(), idempotencyKey, "recordVisit", in, pii::hash);
        return Tx.run(tx -> Idempotency.once(tx, key, () -> tx.rows("""
                SELECT g.path, g.id, h.building FROM household h JOIN grid g ON g.id = h.grid_id WHERE h.id = $1 FOR SHARE OF h""",
                householdId).chain(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.notFound("Household", householdId).with("field", "householdId");
                    }
                    Object[] h = found.get(0);
                    PeopleService.mayChangeHousehold(caller, Capability.VISITS_WRITE, householdId, "householdId", (String) h[0],
                            ((Number) h[1]).longValue(), (String) h[2]);
                    return personId == null ? Uni.createFrom().voidItem()
                            : tx.one("SELECT household_id FROM person WHERE id = $1", Long.class, personId).map(household -> {
                                if (household == null || household != householdId) {
                                    throw ApiException.validation("personId", "The person is not a member of this household");
                                }
                                return null;
                            }).replaceWithVoid();
                })
                .chain(() -> Accounts.ensure(tx, caller.subject(), caller.name(), clock.now()))
                .chain(() -> tx.one("""
                        INSERT INTO visit (visitor_subject, household_id, person_id, visited_at, notes, findings, created_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""", Long.class,
                        caller.subject(), householdId, personId, at, Check.optional("notes", in.notes, 4000),
                        Check.optional("findings", in.findings, 4000), clock.now()))));
    }
}
