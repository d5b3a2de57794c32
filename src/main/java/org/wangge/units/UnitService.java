package org.wangge.units;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.NodeType;
import org.wangge.common.Tx;
import org.wangge.people.PeopleReader;
import org.wangge.people.Person;
import org.wangge.security.Caller;
import org.wangge.security.Capability;

/** Writes units with statements: the staff who register residents where the unit lies. */
@ApplicationScoped
public class UnitService {

    private final PeopleReader people;

    public UnitService(PeopleReader people) {
        this.people = people;
    }

    /** A unit's fields, checked, with its address and contacts as keys. */
    record Checked(long address, String name, String creditCode, UnitKind kind, Long legalPerson, Long contactPerson, Integer employees,
            String openingHours, String[] riskTags) {
    }

    public Uni<Long> register(Caller caller, UnitInputs.UnitData in) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        Checked u = check(in);
        return contactsVisible(caller, u).chain(() -> Tx.run(tx -> addressPath(tx, u.address(), in.addressId).chain(path -> {
            caller.require(Capability.RESIDENTS_WRITE, path, in.addressId);
            return riskTagsExist(tx, u.riskTags());
        }).chain(() -> tx.one("""
                INSERT INTO unit (name, credit_code, kind, address_id, legal_person_id, contact_person_id, employees, opening_hours, created_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id""", Long.class, u.name(), u.creditCode(), u.kind().name(), u.address(),
                u.legalPerson(), u.contactPerson(), u.employees(), u.openingHours(), caller.subject()))
                .call(id -> tx.update("INSERT INTO unit_risk (unit_id, tag_code) SELECT $1, unnest($2::text[])", id, u.riskTags()))));
    }

    /** Every field written anew, from the version the change was based on; the unit may move to another address. */
    public Uni<Long> update(Caller caller, String unitId, int version, UnitInputs.UnitData in) {
        caller.requireAnywhere(Capability.RESIDENTS_WRITE);
        long id = NodeType.UNIT.key("id", unitId);
        Checked u = check(in);
        return contactsVisible(caller, u).chain(() -> Tx.run(tx -> tx.rows("""
                SELECT g.path FROM unit u JOIN address a ON a.id = u.address_id JOIN grid g ON g.id = a.grid_id WHERE u.id = $1 FOR UPDATE OF u""",
                id).chain(found -> {
                    if (found.isEmpty()) {
                        throw ApiException.notFound("Unit", unitId);
                    }
                    caller.require(Capability.RESIDENTS_WRITE, (String) found.get(0)[0], unitId);
                    return addressPath(tx, u.address(), in.addressId);
                }).chain(path -> {
                    caller.require(Capability.RESIDENTS_WRITE, path, in.addressId);
                    return riskTagsExist(tx, u.riskTags());
                }).chain(() -> tx.updateVersioned("""
                        UPDATE unit SET name = $3, credit_code = $4, kind = $5, address_id = $6, legal_person_id = $7, contact_person_id = $8,
                               employees = $9, opening_hours = $10, updated_at = now(), version = version + 1
                        WHERE id = $1 AND version = $2""", id, version, u.name(), u.creditCode(), u.kind().name(), u.address(), u.legalPerson(),
                        u.contactPerson(), u.employees(), u.openingHours()))
                .chain(() -> tx.update("DELETE FROM unit_risk WHERE unit_id = $1 AND NOT tag_code = ANY($2::text[])", id, u.riskTags()))
                .chain(() -> tx.update("INSERT INTO unit_risk (unit_id, tag_code) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING", id,
                        u.riskTags()))
                .replaceWith(id)));
    }

    static Checked check(UnitInputs.UnitData in) {
        long address = NodeType.ADDRESS.key("addressId", in.addressId);
        String name = Check.text("name", in.name, 200);
        String creditCode = null;
        if (in.creditCode != null && !in.creditCode.isBlank()) {
            creditCode = CreditCodes.normalised(in.creditCode);
            if (creditCode == null) {
                throw ApiException.validation("creditCode",
                        "Not a 统一社会信用代码: 18 characters of 0-9 and A-Y without I, O, Z, S, V, the last a check character that must match");
            }
        }
        Long legal = in.legalRepresentativeId == null ? null : NodeType.PERSON.key("legalRepresentativeId", in.legalRepresentativeId);
        Long contact = in.contactId == null ? null : NodeType.PERSON.key("contactId", in.contactId);
        if (in.employees != null && (in.employees < 0 || in.employees > 1_000_000)) {
            throw ApiException.validation("employees", "employees is a head count, 0 or more");
        }
        String hours = in.openingHours == null || in.openingHours.isBlank() ? null : Check.text("openingHours", in.openingHours, 100);
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(in.riskTags == null ? List.of() : in.riskTags));
        return new Checked(address, name, creditCode, in.kind, legal, contact, in.employees, hours, tags.toArray(String[]::new));
    }

    /** Contacts are residents the caller may see: one out of reach is refused as one that does not exist. */
    private Uni<Void> contactsVisible(Caller caller, Checked u) {
        List<Long> ids = java.util.stream.Stream.of(u.legalPerson(), u.contactPerson()).filter(Objects::nonNull).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return people.persons(ids).map(found -> {
            for (Long id : ids) {
                Person p = found.get(id);
                if (p == null || !p.visibleTo(caller)) {
                    boolean legal = id.equals(u.legalPerson());
                    throw ApiException.validation(legal ? "legalRepresentativeId" : "contactId", "Not a resident you may see");
                }
            }
            return null;
        });
    }

    private static Uni<String> addressPath(Tx tx, long address, String addressId) {
        return tx.rows("SELECT g.path FROM address a JOIN grid g ON g.id = a.grid_id WHERE a.id = $1", address).map(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("Address", addressId).with("field", "addressId");
            }
            return (String) found.get(0)[0];
        });
    }

    private static Uni<Void> riskTagsExist(Tx tx, String[] tags) {
        if (tags.length == 0) {
            return Uni.createFrom().voidItem();
        }
        return tx.list("SELECT code FROM unit_risk_tag WHERE code = ANY($1::text[])", String.class, (Object) tags).map(known -> {
            for (String tag : tags) {
                if (!known.contains(tag)) {
                    throw ApiException.validation("riskTags", "No risk tag " + tag + " (see unitRiskTags)");
                }
            }
            return null;
        });
    }
}
