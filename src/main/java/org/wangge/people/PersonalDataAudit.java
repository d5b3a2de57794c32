package org.wangge.people;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Tx;
import org.wangge.platform.RequestIds;
import org.wangge.security.Caller;

/**
 * Full reads of ID numbers and phones: only for permitted roles within jurisdiction, only with
 * a reason, and each one recorded before the value is released. Exact searches by ID number or
 * phone are recorded the same way before their answer leaves. The log has no update path.
 */
@ApplicationScoped
public class PersonalDataAudit {

    private final PersonalData pii;
    private final List<String> idNumberRoles;
    private final List<String> phoneRoles;

    public PersonalDataAudit(PersonalData pii, PersonalDataSettings settings) {
        this.pii = pii;
        this.idNumberRoles = settings.fullIdNumberRoles();
        this.phoneRoles = settings.fullPhoneRoles();
    }

    /** What was read: a full value, or who has a given ID number or phone (a search). */
    public enum Field { idNumber, phone, idNumberSearch, phoneSearch }

    /** Whether the caller's role reads birth dates (and exact ages) at all, where they read the residents. */
    public boolean mayReadBirthDates(Caller caller) {
        return caller.hasRole(idNumberRoles.toArray(String[]::new));
    }

    /** The birth date is part of the ID number: it shows to those who may read that in full, and to the person. */
    public boolean mayReadBirthDate(Caller caller, Person person) {
        if (person.accountSubject != null && person.accountSubject.equals(caller.subject())) {
            return true;
        }
        return mayReadBirthDates(caller) && caller.may(org.wangge.security.Capability.RESIDENTS_READ, person.gridPath);
    }

    /** The reason given for reading personal data, checked. */
    public static String reason(String reason) {
        String why = Check.text("reason", reason, 500);
        if (why.length() < 4) {
            throw ApiException.validation("reason", "Give a real reason for reading personal data");
        }
        return why;
    }

    /**
     * Records an exact search before its answer is released: a row per person found, or one
     * without a person when nobody was.
     */
    public Uni<Void> searched(Caller caller, Field field, String reason, List<Person> found) {
        Long[] persons = found.isEmpty() ? new Long[] {null} : found.stream().map(p -> p.dbId).toArray(Long[]::new);
        String request = requestId();
        return Tx.run(tx -> tx.update("INSERT INTO pii_audit (actor_subject, person_id, field, reason, request_id) "
                + "SELECT $1, person, $3, $4, $5 FROM unnest($2::bigint[]) AS person",
                caller.subject(), persons, field.name(), reason, request)).replaceWithVoid();
    }

    public Uni<String> readFull(Caller caller, Person person, Field field, String reason) {
        List<String> roles = field == Field.idNumber ? idNumberRoles : phoneRoles;
        if (!caller.hasRole(roles.toArray(String[]::new))) {
            throw ApiException.forbidden("Reading the full " + field + " needs one of the roles " + roles);
        }
        if (!caller.may(org.wangge.security.Capability.RESIDENTS_READ, person.gridPath)) {
            throw ApiException.forbidden("Person " + person.id + " is outside your jurisdiction");
        }
        String why = reason(reason);
        String column = field == Field.idNumber ? "id_number_enc" : "phone_enc";
        String request = requestId();
        // The audit row is committed before the value is decrypted; a failed write releases nothing.
        return Tx.run(tx -> tx.rows("SELECT " + column + ", pii_key_id FROM person WHERE id = $1", person.dbId).chain(found -> {
            if (found.isEmpty() || found.get(0)[0] == null) {
                return Uni.createFrom().<Object[]>nullItem();
            }
            return tx.update("INSERT INTO pii_audit (actor_subject, person_id, field, reason, request_id) VALUES ($1, $2, $3, $4, $5)",
                    caller.subject(), person.dbId, field.name(), why, request).replaceWith(found.get(0));
        })).map(sealed -> sealed == null ? null : pii.decrypt((byte[]) sealed[0], (String) sealed[1]));
    }

    /** The request's id; a fresh one for work outside a request, so every audit row has one. */
    private static String requestId() {
        String id = RequestIds.current();
        return id != null ? id : RequestIds.fresh();
    }
}
