package org.wangge.houses;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import org.wangge.common.ApiException;
import org.wangge.common.NodeType;
import org.wangge.common.Tx;
import org.wangge.security.Caller;
import org.wangge.security.Capability;

/** Writes houses and tenancies with statements; the staff who register residents where the house lies. */
@ApplicationScoped
public class HouseService {

    public Uni<Long> register(Caller caller, String addressId, HouseUse use, String ownerId, Double area) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        long address = NodeType.ADDRESS.key("addressId", addressId);
        Long owner = ownerId == null ? null : NodeType.PERSON.key("ownerId", ownerId);
        if (area != null && !(area > 0 && area < 1_000_000)) {
            throw ApiException.validation("area", "area is square metres, more than 0");
        }
        return Tx.run(tx -> tx.rows("SELECT g.path FROM address a JOIN grid g ON g.id = a.grid_id WHERE a.id = $1", address).chain(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("Address", addressId).with("field", "addressId");
            }
            caller.require(Capability.RESIDENTS_WRITE, (String) found.get(0)[0], addressId);
            return (owner == null ? Uni.createFrom().item(1L) : tx.one("SELECT count(*) FROM person WHERE id = $1", Long.class, owner))
                    .chain(n -> {
                        if (n == 0) {
                            throw ApiException.notFound("Person", ownerId).with("field", "ownerId");
                        }
                        return tx.one("""
                                INSERT INTO house (address_id, use, owner_person_id, area, created_by) VALUES ($1, $2, $3, $4, $5)
                                RETURNING id""", Long.class, address, use.name(), owner, area, caller.subject());
                    });
        }));
    }

    /** A household or a resident (exactly one) moves into a house. */
    public Uni<Long> startTenancy(Caller caller, String houseId, String householdId, String personId, LocalDate start) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        long house = NodeType.HOUSE.key("houseId", houseId);
        if ((householdId == null) == (personId == null)) {
            throw ApiException.validation(householdId == null ? "personId" : "householdId", "Give a household or a resident, not both");
        }
        Long household = householdId == null ? null : NodeType.HOUSEHOLD.key("householdId", householdId);
        Long person = personId == null ? null : NodeType.PERSON.key("personId", personId);
        return Tx.run(tx -> path(tx, house, houseId).chain(path -> {
            caller.require(Capability.RESIDENTS_WRITE, path, houseId);
            return tx.one(household != null ? "SELECT count(*) FROM household WHERE id = $1" : "SELECT count(*) FROM person WHERE id = $1",
                    Long.class, household != null ? household : person).chain(n -> {
                        if (n == 0) {
                            throw ApiException.notFound(household != null ? "Household" : "Person", household != null ? householdId : personId)
                                    .with("field", household != null ? "householdId" : "personId");
                        }
                        return tx.one("""
                                INSERT INTO tenancy (house_id, household_id, person_id, start_date, created_by) VALUES ($1, $2, $3, $4, $5)
                                RETURNING id""", Long.class, house, household, person, start, caller.subject());
                    });
        }));
    }

    /** A tenancy ends: on {@code end}, never before it began. */
    public Uni<Long> endTenancy(Caller caller, String tenancyId, LocalDate end) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        long tenancy = NodeType.TENANCY.key("id", tenancyId);
        return Tx.run(tx -> tx.rows("""
                SELECT g.path, t.start_date, t.end_date FROM tenancy t JOIN house h ON h.id = t.house_id JOIN address a ON a.id = h.address_id
                JOIN grid g ON g.id = a.grid_id WHERE t.id = $1 FOR UPDATE OF t""", tenancy).chain(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("Tenancy", tenancyId);
            }
            Object[] t = found.get(0);
            caller.require(Capability.RESIDENTS_WRITE, (String) t[0], tenancyId);
            if (t[2] != null) {
                throw ApiException.conflict("The tenancy has ended already");
            }
            if (end.isBefore(t[1] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) t[1])) {
                throw ApiException.validation("endDate", "A tenancy ends on or after the day it began");
            }
            return tx.update("UPDATE tenancy SET end_date = $2, version = version + 1 WHERE id = $1", tenancy, end).replaceWith(tenancy);
        }));
    }

    private static Uni<String> path(Tx tx, long house, String houseId) {
        return tx.rows("SELECT g.path FROM house h JOIN address a ON a.id = h.address_id JOIN grid g ON g.id = a.grid_id WHERE h.id = $1", house)
                .map(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.notFound("House", houseId).with("field", "houseId");
                    }
                    return (String) found.get(0)[0];
                });
    }
}
