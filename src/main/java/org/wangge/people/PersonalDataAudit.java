package org.wangge.people;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Cursor;
import org.wangge.common.Page;
import org.wangge.common.Sql;
import org.wangge.platform.RequestIds;
import org.wangge.security.Caller;

/**
 * Full reads of ID numbers and phones: only for permitted roles within jurisdiction, only with
 * a reason, and each one recorded before the value is released. Exact searches by ID number or
 * phone are recorded the same way before their answer leaves. The log has no update path.
 */
@ApplicationScoped
public class PersonalDataAudit {

    private final Sql sql;
    private final PersonalData pii;
    private final List<String> idNumberRoles;
    private final List<String> phoneRoles;

    public PersonalDataAudit(Sql sql, PersonalData pii,
            PersonalDataSettings settings) {
        this.sql = sql;
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
        return sql.query("INSERT INTO pii_audit (actor_subject, person_id, field, reason, request_id) "
                + "SELECT $1, person, $3, $4, $5 FROM unnest($2::bigint[]) AS person",
                Tuple.of(caller.subject(), persons, field.name(), reason, requestId())).replaceWithVoid();
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
        // The audit row is written before the value is decrypted; a failed write releases nothing.
        return sql.one("SELECT " + column + " AS enc, pii_key_id FROM person WHERE id = $1", Tuple.of(person.dbId),
                row -> new Object[] {row.getBuffer("enc"), row.getString("pii_key_id")})
                .chain(found -> {
                    if (found == null || found[0] == null) {
                        return Uni.createFrom().nullItem();
                    }
                    return sql.query("INSERT INTO pii_audit (actor_subject, person_id, field, reason, request_id) VALUES ($1, $2, $3, $4, $5)",
                            Tuple.of(caller.subject(), person.dbId, field.name(), why, requestId()))
                            .map(done -> pii.decrypt(((io.vertx.mutiny.core.buffer.Buffer) found[0]).getBytes(), (String) found[1]));
                });
    }

    public Uni<PersonalDataReadConnection> reads(Caller caller, Long personId, String actor, int first, String after) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin may read the personal-data audit log");
        }
        List<Object> args = new ArrayList<>();
        StringBuilder where = new StringBuilder("true");
        if (personId != null) {
            args.add(personId);
            where.append(" AND person_id = $").append(args.size());
        }
        if (actor != null) {
            args.add(actor);
            where.append(" AND actor_subject = $").append(args.size());
        }
        Tuple countArgs = Tuple.from(new ArrayList<>(args));
        args.add(after == null ? Long.MAX_VALUE : Cursor.decodeLong("pr", after));
        args.add(first + 1);
        String page = "SELECT " + PersonalDataRead.COLUMNS + " FROM pii_audit WHERE " + where + " AND id < $" + (args.size() - 1)
                + " ORDER BY id DESC LIMIT $" + args.size();
        return sql.list(page, Tuple.from(args), PersonalDataRead::from)
                .chain(rows -> sql.one("SELECT count(*) FROM pii_audit WHERE " + where, countArgs, r -> r.getLong(0).intValue())
                        .map(total -> new PersonalDataReadConnection(Page.of(rows, first, after), total)));
    }

    /** The request's id; a fresh one for work outside a request, so every audit row has one. */
    private static String requestId() {
        String id = RequestIds.current();
        return id != null ? id : RequestIds.fresh();
    }
}
