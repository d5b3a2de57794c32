package org.wangge.people;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Clock;
import org.wangge.common.Idempotency;
import org.wangge.common.Tx;
import org.wangge.grid.Accounts;
import org.wangge.grid.GridEntity;
import org.wangge.grid.GridService;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.common.NodeType;

/**
 * Changes to households, residents and care cases, each in one transaction, through their
 * entities (optimistic versions, dirty checking); visits are {@link VisitService}'s.
 */
@ApplicationScoped
public class PeopleService {

    /** A county keeps its residents' records (DEVELOPERS.md, County partitions): moving out is registering anew there. */
    static final String IN_COUNTY = "Households and residents move only within their county; register them anew in the other county";

    private final PersonFields fields;
    private final Clock clock;
    private final PersonalData pii;

    public PeopleService(PersonFields fields, Clock clock, PersonalData pii) {
        this.pii = pii;
        this.fields = fields;
        this.clock = clock;
    }

    // ---- households ----

    public Uni<Long> createHousehold(Caller caller, PeopleInputs.HouseholdData in, String idempotencyKey) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        long gridId = NodeType.GRID.key("gridId", in.gridId);
        String address = Check.text("address", in.address, 300);
        Idempotency.Key key = Idempotency.of(caller.subject(), idempotencyKey, "createHousehold", in, pii::hash);
        return Tx.run(tx -> Idempotency.once(tx, key, () -> leafGrid(tx, caller, gridId, "gridId").chain(grid -> {
            HouseholdEntity h = new HouseholdEntity();
            h.gridId = gridId;
            h.countyCode = grid.countyCode;
            h.address = address;
            h.building = optional("building", in.building, 50);
            h.unit = optional("unit", in.unit, 50);
            h.room = optional("room", in.room, 50);
            h.createdAt = clock.now();
            h.updatedAt = h.createdAt;
            return tx.persist(h).chain(() -> PeopleHistory.householdGrid(tx, h.id, gridId, h.createdAt)).replaceWith(() -> h.id);
        })));
    }

    public Uni<Long> updateHousehold(Caller caller, long id, PeopleInputs.HouseholdData in) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        return Tx.run(tx -> household(tx, caller, Capability.RESIDENTS_WRITE, id, "id").chain(h -> {
            GridService.requireVersion(in.version, h.version);
            if (in.address != null) {
                h.address = Check.text("address", in.address, 300);
            }
            if (in.building != null) {
                h.building = optional("building", in.building, 50);
            }
            if (in.unit != null) {
                h.unit = optional("unit", in.unit, 50);
            }
            if (in.room != null) {
                h.room = optional("room", in.room, 50);
            }
            h.updatedAt = clock.now();
            return tx.flush().replaceWith(id);
        }));
    }

    /** Moves a household to another leaf grid; the grid history keeps where it was. */
    public Uni<Long> moveHousehold(Caller caller, long id, long gridId, Integer version) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        return Tx.run(tx -> household(tx, caller, Capability.RESIDENTS_WRITE, id, "id").chain(h -> {
            GridService.requireVersion(version, h.version);
            if (h.gridId == gridId) {
                return Uni.createFrom().item(id);
            }
            return leafGrid(tx, caller, gridId, "gridId").chain(grid -> {
                if (!grid.countyCode.equals(h.countyCode)) {
                    throw ApiException.validation("gridId", IN_COUNTY);
                }
                h.gridId = gridId;
                h.updatedAt = clock.now();
                return tx.flush().chain(() -> PeopleHistory.householdGrid(tx, id, gridId, h.updatedAt)).replaceWith(id);
            });
        }));
    }

    // ---- persons ----

    public Uni<Long> registerPerson(Caller caller, PeopleInputs.PersonData in, String idempotencyKey) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        long householdId = NodeType.HOUSEHOLD.key("householdId", in.householdId);
        if (in.residenceType == null) {
            throw ApiException.validation("residenceType", "residenceType is required");
        }
        PersonEntity p = new PersonEntity();
        p.name = Check.text("name", in.name, 100);
        p.idType = (in.idType == null ? IdType.RESIDENT_ID : in.idType).name();
        p.gender = Gender.UNKNOWN.name();
        fields.apply(p, in);
        Relation relation = in.relation == null ? Relation.OTHER : in.relation;
        p.relation = relation.name();
        Idempotency.Key key = Idempotency.of(caller.subject(), idempotencyKey, "registerPerson", in, pii::hash);
        return Tx.run(tx -> Idempotency.once(tx, key, () -> household(tx, caller, Capability.RESIDENTS_WRITE, householdId, "householdId")
                .chain(h -> refuseRegistered(tx, p).chain(() -> {
                    p.householdId = householdId;
                    p.countyCode = h.countyCode;
                    p.createdAt = clock.now();
                    p.updatedAt = p.createdAt;
                    return tx.persist(p)
                            .chain(() -> PeopleHistory.membership(tx, p.id, householdId, p.relation, p.createdAt))
                            .chain(() -> relation == Relation.HOUSEHOLDER ? becomeHouseholder(tx, h, p.id) : Uni.createFrom().voidItem())
                            .replaceWith(() -> p.id);
                }))));
    }

    public Uni<Long> updatePerson(Caller caller, long id, PeopleInputs.PersonData in) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        if (in.householdId != null) {
            throw ApiException.validation("householdId", "Use transferPerson to change households");
        }
        return Tx.run(tx -> person(tx, caller, Capability.RESIDENTS_WRITE, id).chain(p -> {
            GridService.requireVersion(in.version, p.version);
            byte[] oldHash = p.idNumberHash;
            String oldType = p.idType;
            if (in.name != null) {
                p.name = Check.text("name", in.name, 100);
            }
            if (in.idType != null) {
                p.idType = in.idType.name();
            }
            fields.apply(p, in);
            p.updatedAt = clock.now();
            boolean identityChanged = !java.util.Arrays.equals(oldHash, p.idNumberHash) || !oldType.equals(p.idType);
            Uni<Void> unique = identityChanged ? refuseRegistered(tx, p) : Uni.createFrom().voidItem();
            if (in.relation != null && in.relation != Relation.valueOf(p.relation)) {
                throw ApiException.validation("relation", "Use transferPerson to change the relation to the householder");
            }
            return unique.chain(tx::flush).replaceWith(id);
        }));
    }

    /** Moves a person into another household (membership history kept). */
    public Uni<Long> transferPerson(Caller caller, long personId, long householdId, Relation relation) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        Relation rel = relation == null ? Relation.OTHER : relation;
        return Tx.run(tx -> person(tx, caller, Capability.RESIDENTS_WRITE, personId).chain(p -> household(tx, caller, Capability.RESIDENTS_WRITE, householdId, "householdId").chain(target -> {
            if (!target.countyCode.equals(p.countyCode)) {
                throw ApiException.validation("householdId", IN_COUNTY);
            }
            OffsetDateTime now = clock.now();
            Uni<Void> leaveOld = p.householdId == null ? Uni.createFrom().voidItem()
                    : tx.find(HouseholdEntity.class, p.householdId).chain(old -> {
                        if (old != null && Long.valueOf(personId).equals(old.householderId) && old.id != householdId) {
                            old.householderId = null;
                        }
                        return Uni.createFrom().voidItem();
                    });
            return leaveOld.chain(() -> {
                p.householdId = householdId;
                p.relation = rel.name();
                p.updatedAt = now;
                return tx.flush();
            }).chain(() -> PeopleHistory.membership(tx, personId, householdId, rel.name(), now))
                    .chain(() -> rel == Relation.HOUSEHOLDER ? becomeHouseholder(tx, target, personId) : Uni.createFrom().voidItem())
                    .replaceWith(personId);
        })));
    }

    // ---- care cases ----

    public Uni<Long> addCareCase(Caller caller, PeopleInputs.CareCaseData in, String idempotencyKey) {
        caller.requireAnywhere(Capability.CARE_WRITE);
        long personId = NodeType.PERSON.key("personId", in.personId);
        if (in.visitIntervalDays != null && (in.visitIntervalDays < 1 || in.visitIntervalDays > 366)) {
            throw ApiException.validation("visitIntervalDays", "visitIntervalDays must be between 1 and 366");
        }
        LocalDate start = in.startDate == null ? clock.today() : in.startDate;
        Idempotency.Key key = Idempotency.of(caller.subject(), idempotencyKey, "addCareCase", in, pii::hash);
        return Tx.run(tx -> Idempotency.once(tx, key, () -> person(tx, caller, Capability.CARE_WRITE, personId)
                .chain(p -> tx.one("SELECT count(*) FROM care_category WHERE code = $1 AND active", Long.class, in.category))
                .chain(found -> {
                    if (found == 0) {
                        throw ApiException.validation("category", "No active care category " + in.category);
                    }
                    return in.helperSubject == null ? Uni.createFrom().item(true) : Accounts.exists(tx, in.helperSubject);
                }).chain(helperKnown -> {
                    if (!helperKnown) {
                        throw ApiException.validation("helperSubject", "The helper must be a known staff account");
                    }
                    PersonCareEntity c = new PersonCareEntity();
                    c.personId = personId;
                    c.categoryCode = in.category;
                    c.level = in.level.name();
                    c.startDate = start;
                    c.helperSubject = in.helperSubject;
                    c.visitIntervalDays = in.visitIntervalDays;
                    c.note = optional("note", in.note, 500);
                    c.createdAt = clock.now();
                    return tx.persist(c).replaceWith(() -> c.id);
                })));
    }

    public Uni<Long> endCareCase(Caller caller, long id, LocalDate endDate) {
        caller.requireAnywhere(Capability.CARE_WRITE);
        LocalDate end = endDate == null ? clock.today() : endDate;
        return Tx.run(tx -> tx.find(PersonCareEntity.class, id, LockModeType.PESSIMISTIC_WRITE).chain(c -> {
            if (c == null) {
                throw ApiException.notFound("Care case", id);
            }
            if (end.isBefore(c.startDate)) {
                throw ApiException.validation("endDate", "endDate is before the case's start " + c.startDate);
            }
            return person(tx, caller, Capability.CARE_WRITE, c.personId).chain(p -> {
                c.endDate = end;
                return tx.flush().replaceWith(id);
            });
        }));
    }

    // ---- helpers ----

    private static Uni<Void> refuseRegistered(Tx tx, PersonEntity p) {
        if (p.idNumberHash == null) {
            return Uni.createFrom().voidItem();
        }
        return tx.one("SELECT count(*) FROM person WHERE id_type = $1 AND id_number_hash = $2 AND id <> $3", Long.class,
                p.idType, p.idNumberHash, p.id == null ? -1L : p.id).map(n -> {
                    if (n > 0) {
                        throw ApiException.conflict("A person with this ID number is already registered").with("field", "idNumber");
                    }
                    return null;
                });
    }

    private static Uni<Void> becomeHouseholder(Tx tx, HouseholdEntity h, long personId) {
        if (h.householderId != null && h.householderId != personId) {
            throw ApiException.validation("relation", "The household already has a householder");
        }
        h.householderId = personId;
        return tx.flush();
    }

    /** A grid that can own households: in jurisdiction, active, and without active children. */
    private static Uni<GridEntity> leafGrid(Tx tx, Caller caller, long gridId, String field) {
        return GridService.lockParent(tx, gridId, field, LockModeType.PESSIMISTIC_READ).chain(grid -> {
            caller.require(Capability.RESIDENTS_WRITE, grid.path, gridId);
            if (grid.retiredAt != null) {
                throw ApiException.validation(field, "Grid " + gridId + " is retired");
            }
            return tx.one("SELECT count(*) FROM grid WHERE parent_id = $1 AND retired_at IS NULL", Long.class, gridId).map(children -> {
                if (children > 0) {
                    throw ApiException.validation(field, "Households belong to leaf grids; grid " + gridId + " has child grids");
                }
                return grid;
            });
        });
    }

    /** A household the caller may change this way; one they may not even read is not found, as one that does not exist. */
    private static Uni<HouseholdEntity> household(Tx tx, Caller caller, Capability change, long id, String field) {
        return tx.find(HouseholdEntity.class, id, LockModeType.PESSIMISTIC_WRITE).chain(h -> {
            if (h == null) {
                throw ApiException.notFound("Household", id).with("field", field);
            }
            return tx.find(GridEntity.class, h.gridId).map(grid -> {
                mayChangeHousehold(caller, change, id, field, grid.path, grid.id, h.building);
                return h;
            });
        });
    }

    /** The rule of {@link #household}, for writers that read the household with SQL. */
    static void mayChangeHousehold(Caller caller, Capability change, long id, String field, String gridPath, long gridId, String building) {
        if (!caller.mayReadResidents(gridPath, building)) {
            throw ApiException.notFound("Household", id).with("field", field);
        }
        caller.require(change, gridPath, gridId);
    }

    /** A resident the caller may change this way; one they may not even read is not found, as one that does not exist. */
    private static Uni<PersonEntity> person(Tx tx, Caller caller, Capability change, long id) {
        return tx.find(PersonEntity.class, id, LockModeType.PESSIMISTIC_WRITE).chain(p -> {
            if (p == null) {
                throw ApiException.notFound("Person", id);
            }
            return tx.find(HouseholdEntity.class, p.householdId)
                    .chain(h -> tx.find(GridEntity.class, h.gridId).map(grid -> {
                        if (!caller.mayReadResidents(grid.path, h.building)) {
                            throw ApiException.notFound("Person", id);
                        }
                        caller.require(change, grid.path, grid.id);
                        return p;
                    }));
        });
    }

    private static String optional(String field, String value, int max) {
        return Check.optional(field, value, max);
    }
}
