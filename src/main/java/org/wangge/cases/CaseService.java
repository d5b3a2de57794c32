package org.wangge.cases;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Clock;
import org.wangge.common.ErrorCode;
import org.wangge.common.Idempotency;
import org.wangge.common.OfflineSettings;
import org.wangge.common.Sql;
import org.wangge.people.PersonalData;
import org.wangge.common.Tx;
import org.wangge.grid.GridLocator;
import org.wangge.grid.GridReader;
import org.wangge.grid.Subtrees;
import org.wangge.points.Ledger;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.people.PeopleReader;
import org.wangge.security.Roles;
import org.wangge.common.NodeType;

/**
 * The closed loop, written with plain statements throughout (reports come by the thousand a
 * second). A report is one statement; every other step is one transaction that checks the
 * transition table ({@link CaseAction}), the caller's right to take the step and the optimistic
 * version the caller read, writes the case back in one UPDATE that checks that version again,
 * and appends the step to the timeline.
 */
@ApplicationScoped
public class CaseService {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd"); // local date, no offset

    private final Clock clock;
    private final GridLocator locator;

    private final Sql sql;
    private final GridReader grids;
    private final PeopleReader people;
    private final PersonalData pii;

    private final OfflineSettings offline;

    public CaseService(Clock clock, GridLocator locator, Sql sql, GridReader grids, PeopleReader people, PersonalData pii,
            OfflineSettings offline) {
        this.pii = pii;
        this.offline = offline;
        this.clock = clock;
        this.locator = locator;
        this.sql = sql;
        this.grids = grids;
        this.people = people;
    }

    /**
     * What a report may bring that the graph's input does not carry: a reporter's contact (sealed),
     * the source to assume, and the inspection finding it is opened for with the finding's unit
     * (the finding takes the case in the same statement; one already taken writes nothing).
     */
    public record Extras(String phone, String email, CaseSource source, Long findingId, Long unitId) {
        static final Extras NONE = new Extras(null, null, null);

        public Extras(String phone, String email, CaseSource source) {
            this(phone, email, source, null, null);
        }
    }

    /** Reports a case; the answer is the case as written (its reporter may always see it). */
    public Uni<CaseFile> report(Caller caller, CaseInputs.Report in, String idempotencyKey) {
        return report(caller, in, idempotencyKey, Extras.NONE);
    }

    public Uni<CaseFile> report(Caller caller, CaseInputs.Report in, String idempotencyKey, Extras extras) {
        caller.requireRole(Roles.COMMANDER, Roles.GRID_CHIEF, Roles.GRID_WORKER, Roles.REPORTER, Roles.RESIDENT);
        String title = Check.text("title", in.title, 200);
        String description = in.description == null || in.description.isBlank() ? null : Check.text("description", in.description, 10_000);
        Priority priority = in.priority == null ? Priority.NORMAL : in.priority;
        boolean staff = caller.mayAnywhere(Capability.CASES_REPORT_AS_STAFF);
        CaseSource source = in.source != null ? in.source : extras.source() != null ? extras.source()
                : staff ? CaseSource.PATROL : caller.hasRole(Roles.REPORTER) ? CaseSource.SNAPSHOT : CaseSource.RESIDENT;
        boolean involves = in.personIds != null && !in.personIds.isEmpty() || in.householdIds != null && !in.householdIds.isEmpty();
        // links, priority and source are staff's to set, over the case's grid (checked below)
        boolean asStaff = involves || in.priority != null || in.source != null;
        if (asStaff && !staff) {
            throw ApiException.forbidden("Only staff over the grid link residents or set a priority or source")
                    .with("field", involves ? "personIds" : in.priority != null ? "priority" : "source");
        }
        if ((in.gridId == null) == (in.location == null)) {
            throw ApiException.validation("gridId", "Give the grid or the location (exactly one)");
        }
        if (in.location != null) {
            Check.range("location.lat", in.location.lat, -90, 90);
            Check.range("location.lng", in.location.lng, -180, 180);
        }
        String address = in.address == null || in.address.isBlank() ? null : Check.text("address", in.address, 500);
        String mediaUrl = in.mediaUrl == null || in.mediaUrl.isBlank() ? null : Check.url("mediaUrl", in.mediaUrl, 2000);
        io.vertx.core.buffer.Buffer phone = sealed(extras.phone());
        io.vertx.core.buffer.Buffer email = sealed(extras.email());
        Long[] persons = NodeType.PERSON.keys("personIds", in.personIds);
        Long[] households = NodeType.HOUSEHOLD.keys("householdIds", in.householdIds);
        Idempotency.Key key = Idempotency.of(caller.subject(), idempotencyKey, "reportCase", in, pii::hash);
        Uni<Long> gridId = in.gridId != null ? Uni.createFrom().item(NodeType.GRID.key("gridId", in.gridId))
                : locator.leafGridAt(in.location.lat, in.location.lng);
        Uni<Long> checked = !asStaff ? gridId : gridId.call(grid -> mayReportAsStaff(caller, grid, persons, households));
        return checked.chain(grid -> {
            OffsetDateTime now = clock.now();
            Tuple args = Tuple.tuple().addLong(grid).addString(in.item).addString(priority.name()).addString(in.kind)
                    .addString(in.riskColour == null ? null : in.riskColour.name()).addString(caller.subject()).addString(caller.name())
                    .addOffsetDateTime(now).addString("C" + now.format(DAY) + "-").addString(title).addString(description)
                    .addString(source.name()).addValue(in.location == null ? null : in.location.lat)
                    .addValue(in.location == null ? null : in.location.lng).addArrayOfLong(persons).addArrayOfLong(households)
                    .addString(description == null ? title : title + " — " + description)
                    .addString(key == null ? null : key.key()).addString(key == null ? null : key.fingerprint())
                    .addOffsetDateTime(offline.occurredAt("occurredAt", in.occurredAt, now))
                    .addString(address).addString(mediaUrl).addValue(phone).addValue(email).addString(pii.currentKeyId())
                    .addValue(extras.findingId()).addValue(extras.unitId());
            return sql.write(REPORT, args, row -> row).chain(row -> {
                if (row.getLong("found_grid") == null) {
                    throw ApiException.notFound("Grid", grid).with("field", "gridId");
                }
                if (row.getBoolean("retired")) {
                    throw ApiException.validation("gridId", "Grid " + grid + " is retired");
                }
                Boolean dispute = row.getBoolean("is_dispute");
                if (dispute == null) {
                    throw ApiException.validation("kind", "No active case kind " + in.kind);
                }
                if (in.item != null && row.getLong("items") == 0) {
                    throw ApiException.validation("item", "No active check item " + in.item + " of kind " + in.kind);
                }
                if (in.riskColour != null && !dispute) {
                    throw ApiException.validation("riskColour", "Only disputes carry a risk colour");
                }
                if (row.getLong("persons") != persons.length) {
                    throw ApiException.validation("personIds", "Some person ids are not residents you may link");
                }
                if (row.getLong("households") != households.length) {
                    throw ApiException.validation("householdIds", "Some household ids are not households you may link");
                }
                if (row.getLong("id") != null) {
                    return Uni.createFrom().item(CaseFile.from(row, now));
                }
                if (extras.findingId() != null) {
                    // the finding had its case already (a retry, or another inspector's just before): that case;
                    // read afresh, as the statement's snapshot predates a case committed while it waited
                    return sql.one("SELECT c.* FROM inspection_finding f JOIN case_file c ON c.id = f.case_id WHERE f.id = $1",
                            Tuple.of(extras.findingId()), r -> CaseFile.from(r, clock.now())).map(earlier -> {
                                if (earlier == null) {
                                    throw ApiException.conflict("The finding has been put right; it opens no case").with("field", "findingId");
                                }
                                return earlier;
                            });
                }
                // the key was claimed before (by a retry of this report, perhaps on another instance,
                // whose statement this one waited for): the case it made, or a refusal
                return sql.list(Idempotency.EARLIER, Tuple.of(caller.subject(), key.key()),
                        r -> new Object[] {r.getString(0), r.getString(1), r.getLong(2)}).chain(rows -> {
                            long first = Idempotency.earlier(key, rows);
                            return sql.one("SELECT * FROM case_file WHERE id = $1", Tuple.of(first), r -> CaseFile.from(r, clock.now()));
                        });
            });
        });
    }

    /**
     * A report is one statement: it checks the grid, kind, item, risk colour and linked people,
     * and only when all hold makes sure of the reporter's account, writes the case, its links and
     * its first event (the timeline's outbox entry, numbered later by the outbox relay). The
     * flags come back so that a refusal names its reason (nothing is written then), and with them
     * the case as written.
     *
     * <p>The one write not made in {@code Tx.run} (DEVELOPERS.md, Writes): PostgreSQL runs a single
     * statement as its own transaction, committed as it ends: one round trip where
     * {@code BEGIN … COMMIT} would take three. Its errors are mapped as in {@code Tx} (through
     * {@link Sql}).
     */
    private static final String REPORT = """
            WITH finding AS (
              SELECT f.id FROM inspection_finding f WHERE f.id = $26::bigint AND f.case_id IS NULL AND f.resolved_at IS NULL FOR UPDATE
            ), v AS (
              SELECT g.id AS grid_id, g.county_code, g.retired_at IS NOT NULL AS retired, k.is_dispute,
                     (SELECT count(*) FROM case_item i WHERE i.code = $2::text AND i.kind_code = k.code AND i.active) AS items,
                     h.amount AS handle_amount, h.unit AS handle_unit, a.amount AS accept_amount, a.unit AS accept_unit,
                     (SELECT count(*) FROM person p WHERE p.id = ANY($15::bigint[]) AND p.county_code = g.county_code) AS persons,
                     (SELECT count(*) FROM household h WHERE h.id = ANY($16::bigint[]) AND h.county_code = g.county_code) AS households
              FROM (SELECT 1) one LEFT JOIN grid g ON g.id = $1::bigint LEFT JOIN case_kind k ON k.code = $4::text AND k.active
                   LEFT JOIN LATERAL stage_limit_of(k.code, $2::text, 'HANDLE', $3::text) h ON true
                   LEFT JOIN LATERAL stage_limit_of(k.code, $2::text, 'ACCEPT', $3::text) a ON true
            ), ok AS (
              SELECT v.* FROM v WHERE v.grid_id IS NOT NULL AND NOT v.retired AND v.is_dispute IS NOT NULL
                AND ($2::text IS NULL OR v.items > 0) AND ($5::text IS NULL OR v.is_dispute)
                AND v.persons = cardinality($15::bigint[]) AND v.households = cardinality($16::bigint[])
                AND ($26::bigint IS NULL OR EXISTS (SELECT 1 FROM finding))
            ), account AS (
              INSERT INTO account (subject, display_name, created_at) SELECT $6::text, $7::text, $8::timestamptz FROM ok
              ON CONFLICT (subject) DO NOTHING
            ), claim AS (
              INSERT INTO idempotency_key (subject, key, operation, fingerprint, result_id)
              SELECT $6::text, $18::text, 'reportCase', $19::text, nextval('case_file_id_seq') FROM ok WHERE $18::text IS NOT NULL
              %s
              RETURNING result_id
            ), c AS (
              INSERT INTO case_file (county_code, id, number, kind_code, item_code, title, description, priority, risk_colour, source, grid_id,
                                     tier_grid_id, lat, lng, state, reporter_subject, reporter_name, due_at, created_at, updated_at,
                                     occurred_at, due_working, stage_due_at, stage_working, address, media_url, unit_id)
              SELECT ok.county_code, coalesce((SELECT result_id FROM claim), nextval('case_file_id_seq')),
                     $9::text || lpad(n::text, greatest(6, length(n::text)), '0'), $4::text, $2::text, $10::text, $11::text, $3::text,
                     CASE WHEN ok.is_dispute THEN coalesce($5::text, 'GREEN') END, $12::text, ok.grid_id, ok.grid_id,
                     $13::float8, $14::float8, 'REPORTED', $6::text, $7::text,
                     deadline_after($8::timestamptz, ok.handle_amount, ok.handle_unit), $8::timestamptz, $8::timestamptz, $20::timestamptz,
                     ok.handle_unit LIKE 'WORKING%%', deadline_after($8::timestamptz, ok.accept_amount, ok.accept_unit),
                     coalesce(ok.accept_unit LIKE 'WORKING%%', false), $21::text, $22::text, $27::bigint
              FROM ok, nextval('case_number_seq') n
              WHERE $18::text IS NULL OR EXISTS (SELECT 1 FROM claim)
              RETURNING *
            ), persons AS (
              INSERT INTO case_person (county_code, case_id, person_id) SELECT c.county_code, c.id, x FROM c, unnest($15::bigint[]) x
            ), households AS (
              INSERT INTO case_household (county_code, case_id, household_id) SELECT c.county_code, c.id, x FROM c, unnest($16::bigint[]) x
            ), contact AS (
              INSERT INTO case_contact (county_code, case_id, phone_cipher, email_cipher, key_id)
              SELECT c.county_code, c.id, $23::bytea, $24::bytea, $25::text FROM c WHERE $23::bytea IS NOT NULL OR $24::bytea IS NOT NULL
            ), event AS (
              INSERT INTO case_event (county_code, case_id, action, from_state, to_state, actor_subject, actor_name, note)
              SELECT c.county_code, c.id, 'REPORT', NULL, c.state, $6::text, $7::text, $17::text FROM c
            ), taken AS (
              UPDATE inspection_finding f SET case_id = c.id FROM c WHERE f.id = $26::bigint
            )
            SELECT v.grid_id AS found_grid, v.retired, v.is_dispute, v.items, v.persons, v.households, c.*
            FROM v LEFT JOIN c ON true""".formatted(Idempotency.TAKE_OVER_EXPIRED);

    private io.vertx.core.buffer.Buffer sealed(String value) {
        return value == null ? null : io.vertx.core.buffer.Buffer.buffer(pii.encrypt(value));
    }

    /**
     * Staff over the grid may link residents they may see: one out of reach is refused like one
     * that does not exist, so the answer tells nothing about who lives where.
     */
    private Uni<Void> mayReportAsStaff(Caller caller, long gridId, Long[] persons, Long[] households) {
        return grids.byId(gridId)
                .chain(grid -> {
                    if (grid != null && !caller.may(Capability.CASES_REPORT_AS_STAFF, grid.path)) {
                        throw ApiException.forbidden("Only staff over the grid link residents or set a priority or source")
                                .with("gridId", String.valueOf(gridId));
                    }
                    return people.persons(List.of(persons));
                }).chain(found -> {
                    for (Long id : persons) {
                        if (found.get(id) == null || !found.get(id).visibleTo(caller)) {
                            throw ApiException.validation("personIds", "Some person ids are not residents you may link");
                        }
                    }
                    return people.households(List.of(households));
                }).map(found -> {
                    for (Long id : households) {
                        if (found.get(id) == null || !found.get(id).visibleTo(caller)) {
                            throw ApiException.validation("householdIds", "Some household ids are not households you may link");
                        }
                    }
                    return null;
                });
    }

    /** Takes one step of the loop on a case, as the transition table allows. */
    public Uni<Long> step(Caller caller, long caseId, CaseAction action, int version, CaseInputs.Step in, String idempotencyKey) {
        Idempotency.Key key = Idempotency.of(caller.subject(), idempotencyKey, "step", java.util.Arrays.asList(caseId, action, version, in), pii::hash);
        return Tx.run(tx -> Idempotency.once(tx, key, caseId, () -> tx.rows(CaseRow.SELECT, caseId).chain(found -> {
            if (found.isEmpty()) {
                throw ApiException.notFound("Case", caseId);
            }
            CaseRow c = new CaseRow(found.get(0));
            CaseState state = CaseState.valueOf(c.state);
            if (c.version != version) {
                throw ApiException.conflict("The case changed meanwhile (version " + c.version + ", you sent " + version
                        + "); reload and try again").with("currentVersion", c.version).with("state", state.name());
            }
            action.check(state);
            authorize(caller, c, state, action);
            // one instant for the step: the stage that ends and the one that starts, and the case's update time
            OffsetDateTime now = clock.now();
            return apply(tx, caller, c, state, action, in).call(note -> stages(tx, c, action, now)).chain(note -> {
                if (action.to != null) {
                    c.state = action.to.name();
                }
                // the event last, as the timeline's order
                return c.write(tx, now).chain(() -> event(tx, c, action, state, caller, note));
            });
        }).replaceWith(caseId)));
    }

    /**
     * What a step reads of a case and may change, with its tier grid and grid; written back by one
     * UPDATE whose WHERE checks the version read, so that a step taken meanwhile makes this one a
     * CONFLICT (the same as a stale entity's). Columns no step changes are left alone.
     */
    private static final class CaseRow {
        static final String SELECT = """
                SELECT c.id, c.state, c.version, c.kind_code, c.priority, c.risk_colour, c.reporter_subject, c.owner_subject,
                       c.handler_subject, c.handler_department_id, c.tier_grid_id, c.duplicate_of, c.result, c.rework_count,
                       c.escalation_count, c.rating, c.rating_comment, t.path, t.code, t.parent_id, g.path, g.code,
                       extract(epoch FROM c.requested_due_at) * 1000000, c.extension_count, extract(epoch FROM c.due_at) * 1000000,
                       c.park_requested, c.parked_from, extract(epoch FROM c.parked_at) * 1000000, c.item_code, c.due_working,
                       extract(epoch FROM c.stage_due_at) * 1000000, c.stage_working, c.accepted_on_time, c.dispatched_on_time,
                       c.resolved_on_time, c.verified_on_time, extract(epoch FROM c.created_at) * 1000000, c.county_code
                FROM case_file c JOIN grid t ON t.id = c.tier_grid_id JOIN grid g ON g.id = c.grid_id
                WHERE c.id = $1""";
        static final String UPDATE = """
                UPDATE case_file SET state = $2, owner_subject = $3, risk_colour = $4, priority = $5,
                       duplicate_of = $6, handler_subject = $7, handler_department_id = $8, result = $9, rework_count = $10,
                       escalation_count = $11, tier_grid_id = $12, rating = $13, rating_comment = $14,
                       closed_at = coalesce($15, closed_at), rated_at = coalesce($16, rated_at), updated_at = $17,
                       requested_due_at = $19::timestamptz, extension_count = $20,
                       due_at = coalesce($21::timestamptz, due_at), due_working = $22,
                       park_requested = $23, parked_from = $24, parked_at = $25::timestamptz,
                       stage_due_at = $26::timestamptz, stage_working = $27, accepted_on_time = $28::boolean,
                       dispatched_on_time = $29::boolean, resolved_on_time = $30::boolean, verified_on_time = $31::boolean,
                       version = version + 1
                WHERE id = $1 AND version = $18""";

        final long id;
        final int version;
        final String kindCode;
        final String reporterSubject;
        final String tierPath;
        final String tierCode;
        final Long tierParentId;
        final String gridPath;
        final String gridCode;
        String state;
        String priority;
        String riskColour;
        String ownerSubject;
        String handlerSubject;
        Long handlerDepartmentId;
        long tierGridId;
        Long duplicateOf;
        String result;
        int reworkCount;
        int escalationCount;
        Integer rating;
        String ratingComment;
        OffsetDateTime closedAt;
        OffsetDateTime ratedAt;
        /** A pending request for a later deadline (延期), or null. */
        OffsetDateTime requestedDueAt;
        int extensionCount;
        final OffsetDateTime dueAt;
        /** A deadline set by a change of priority or an approved extension, or moved on after parking. */
        OffsetDateTime newDueAt;
        /** Whether the deadline is reckoned in working time (parking then moves it on in working time). */
        boolean dueWorking;
        final String itemCode;
        final OffsetDateTime createdAt;
        final String countyCode;
        /** The deadline of the stage the case is in when that is not handling: accept, dispatch, verify (null: none). */
        OffsetDateTime stageDueAt;
        boolean stageWorking;
        Boolean acceptedOnTime;
        Boolean dispatchedOnTime;
        Boolean resolvedOnTime;
        Boolean verifiedOnTime;
        boolean parkRequested;
        String parkedFrom;
        OffsetDateTime parkedAt;

        CaseRow(Object[] r) {
            id = ((Number) r[0]).longValue();
            state = (String) r[1];
            version = ((Number) r[2]).intValue();
            kindCode = (String) r[3];
            priority = (String) r[4];
            riskColour = (String) r[5];
            reporterSubject = (String) r[6];
            ownerSubject = (String) r[7];
            handlerSubject = (String) r[8];
            handlerDepartmentId = r[9] == null ? null : ((Number) r[9]).longValue();
            tierGridId = ((Number) r[10]).longValue();
            duplicateOf = r[11] == null ? null : ((Number) r[11]).longValue();
            result = (String) r[12];
            reworkCount = ((Number) r[13]).intValue();
            escalationCount = ((Number) r[14]).intValue();
            rating = r[15] == null ? null : ((Number) r[15]).intValue();
            ratingComment = (String) r[16];
            tierPath = (String) r[17];
            tierCode = (String) r[18];
            tierParentId = r[19] == null ? null : ((Number) r[19]).longValue();
            gridPath = (String) r[20];
            gridCode = (String) r[21];
            requestedDueAt = r[22] == null ? null : instant(r[22]);
            extensionCount = ((Number) r[23]).intValue();
            dueAt = instant(r[24]);
            parkRequested = (Boolean) r[25];
            parkedFrom = (String) r[26];
            parkedAt = r[27] == null ? null : instant(r[27]);
            itemCode = (String) r[28];
            dueWorking = (Boolean) r[29];
            stageDueAt = r[30] == null ? null : instant(r[30]);
            stageWorking = (Boolean) r[31];
            acceptedOnTime = (Boolean) r[32];
            dispatchedOnTime = (Boolean) r[33];
            resolvedOnTime = (Boolean) r[34];
            verifiedOnTime = (Boolean) r[35];
            createdAt = instant(r[36]);
            countyCode = (String) r[37];
        }

        /** The deadline as it stands after this step. */
        OffsetDateTime due() {
            return newDueAt != null ? newDueAt : dueAt;
        }

        /** A timestamp read as microseconds since the epoch: exact, so that what a step writes back is what it read. */
        private static OffsetDateTime instant(Object epochMicros) {
            long micros = epochMicros instanceof java.math.BigDecimal d ? d.setScale(0, java.math.RoundingMode.FLOOR).longValueExact()
                    : (long) Math.floor(((Number) epochMicros).doubleValue());
            return java.time.Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L)
                    .atOffset(java.time.ZoneOffset.UTC);
        }

        Uni<Void> write(Tx tx, OffsetDateTime now) {
            return tx.updateVersioned(UPDATE, id, state, ownerSubject, riskColour, priority, duplicateOf, handlerSubject,
                    handlerDepartmentId, result, reworkCount, escalationCount, tierGridId, rating, ratingComment, closedAt, ratedAt,
                    now, version, requestedDueAt, extensionCount, newDueAt, dueWorking, parkRequested, parkedFrom, parkedAt,
                    stageDueAt, stageWorking, acceptedOnTime, dispatchedOnTime, resolvedOnTime, verifiedOnTime);
        }
    }

    private void authorize(Caller caller, CaseRow c, CaseState state, CaseAction action) {
        CaseAction.Facts facts = new CaseAction.Facts(c.reporterSubject, c.ownerSubject, c.handlerSubject, c.handlerDepartmentId, c.tierPath, c.gridPath);
        if (!action.actor.permits(caller, facts)) {
            throw ApiException.forbidden("You may not " + action + " this case (" + switch (action.actor) {
                case REPORTER -> "only its reporter may";
                case TIER_LEAD -> "it needs a commander or grid chief over grid " + c.tierCode;
                case HANDLER -> "only its handler may";
                case HANDLER_OR_TIER_LEAD -> "only its handler or a lead over grid " + c.tierCode + " may";
                case VERIFIER -> "it needs staff over grid " + c.gridCode + " other than the handler";
                case OWNER_OR_TIER_LEAD -> "only its owner or a lead over grid " + c.tierCode + " may";
                default -> "not allowed";
            } + ")").with("state", state.name()).with("action", action.name());
        }
    }

    /** The effect of an action on the case; returns the timeline note. */
    private Uni<String> apply(Tx tx, Caller caller, CaseRow c, CaseState state, CaseAction action, CaseInputs.Step in) {
        String note = in.note == null || in.note.isBlank() ? null : Check.text("note", in.note, 4000);
        switch (action) {
            case ACCEPT -> {
                c.ownerSubject = caller.subject();
                if (in.riskColour != null) {
                    if (c.riskColour == null) {
                        throw ApiException.validation("riskColour", "Only disputes carry a risk colour");
                    }
                    c.riskColour = in.riskColour.name();
                }
                if (in.priority != null && !in.priority.name().equals(c.priority)) {
                    c.priority = in.priority.name();
                    // the deadline is reckoned anew from the report, by the new priority's limit
                    return limit(tx, c, "HANDLE", c.createdAt).map(due -> {
                        if (due[0] == null) {
                            throw new IllegalStateException("No handling limit for " + c.kindCode + " at " + c.priority);
                        }
                        c.newDueAt = (OffsetDateTime) due[0];
                        c.dueWorking = (Boolean) due[1];
                        return note;
                    });
                }
                return Uni.createFrom().item(note);
            }
            case REJECT -> {
                requireNote(note, "A rejection needs a reason");
                if (in.duplicateOf != null) {
                    if (in.duplicateOf.equals(c.id)) {
                        throw ApiException.validation("duplicateOf", "A case cannot duplicate itself");
                    }
                    return tx.one("SELECT count(*) FROM case_file WHERE id = $1", Long.class, in.duplicateOf).map(n -> {
                        if (n == 0) {
                            throw ApiException.validation("duplicateOf", "No case " + in.duplicateOf);
                        }
                        c.duplicateOf = in.duplicateOf;
                        return note + " (duplicate of case " + in.duplicateOf + ")";
                    });
                }
                return Uni.createFrom().item(note);
            }
            case DISPATCH -> {
                if ((in.toSubject == null) == (in.toDepartmentId == null)) {
                    throw ApiException.validation("toSubject", "Dispatch to a staff member or to a department (exactly one)");
                }
                if (in.toDepartmentId != null) {
                    return tx.list("SELECT name FROM department WHERE id = $1 AND active", String.class, in.toDepartmentId).chain(names -> {
                        if (names.isEmpty()) {
                            throw ApiException.validation("toDepartmentId", "No active department " + in.toDepartmentId);
                        }
                        c.handlerDepartmentId = in.toDepartmentId;
                        c.handlerSubject = null;
                        return tx.update("INSERT INTO case_department (case_id, department_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                                c.id, in.toDepartmentId).replaceWith(join("→ " + names.get(0), note));
                    });
                }
                return staffWithin(tx, in.toSubject, c.tierPath, "toSubject").map(name -> {
                    c.handlerSubject = in.toSubject;
                    c.handlerDepartmentId = null;
                    return join("→ " + name, note);
                });
            }
            case RESOLVE -> {
                if (in.result == null || in.result.isBlank()) {
                    throw ApiException.validation("result", "Say how it was resolved");
                }
                c.result = Check.text("result", in.result, 4000);
                c.requestedDueAt = null; // done: no more time needed
                return Uni.createFrom().item(join(c.result, note));
            }
            case VERIFY -> {
                // the reporter's points for a verified report, in this same transaction, once per case
                return Ledger.verifiedReport(tx, c.id, c.reporterSubject, c.kindCode).replaceWith(note);
            }
            case REWORK -> {
                requireNote(note, "Say why it goes back for rework");
                c.reworkCount++;
                return Uni.createFrom().item(note);
            }
            case CLOSE -> {
                c.closedAt = clock.now();
                return Uni.createFrom().item(note);
            }
            case ESCALATE -> {
                requireNote(note, "Say why it is escalated");
                if (c.tierParentId == null) {
                    throw new ApiException(ErrorCode.INVALID_TRANSITION, "Grid " + c.tierCode + " has no higher tier to escalate to")
                            .with("state", state.name()).with("action", action.name());
                }
                return tx.rows("SELECT id, name, code FROM grid WHERE id = $1", c.tierParentId).map(parents -> {
                    Object[] parent = parents.get(0);
                    c.tierGridId = ((Number) parent[0]).longValue();
                    c.handlerSubject = null;
                    c.handlerDepartmentId = null;
                    c.requestedDueAt = null; // the next handler asks for themselves
                    c.escalationCount++;
                    return join("→ " + parent[1] + " (" + parent[2] + ")", note);
                });
            }
            case HAND_OVER -> {
                if (in.toSubject == null) {
                    throw ApiException.validation("toSubject", "Hand over to whom?");
                }
                return staffOver(tx, in.toSubject, c.gridPath, "toSubject").map(name -> {
                    c.ownerSubject = in.toSubject;
                    return join("→ " + name, note);
                });
            }
            case REQUEST_EXTENSION -> {
                requireNote(note, "Say why more time is needed");
                if (c.requestedDueAt != null) {
                    throw new ApiException(ErrorCode.INVALID_TRANSITION, "An extension to " + c.requestedDueAt + " is already waiting for a decision")
                            .with("state", state.name()).with("action", action.name());
                }
                c.requestedDueAt = laterDeadline(in.dueAt, c);
                return Uni.createFrom().item(join("→ " + local(c.requestedDueAt), note));
            }
            case APPROVE_EXTENSION, REFUSE_EXTENSION -> {
                if (c.requestedDueAt == null) {
                    throw new ApiException(ErrorCode.INVALID_TRANSITION, "No extension is waiting for a decision")
                            .with("state", state.name()).with("action", action.name());
                }
                if (action == CaseAction.REFUSE_EXTENSION) {
                    requireNote(note, "Say why the extension is refused");
                    c.requestedDueAt = null;
                    return Uni.createFrom().item(note);
                }
                // the lead may grant less (or more) than was asked
                c.newDueAt = in.dueAt == null ? c.requestedDueAt : laterDeadline(in.dueAt, c);
                c.requestedDueAt = null;
                c.extensionCount++;
                return Uni.createFrom().item(join("→ " + local(c.newDueAt), note));
            }
            case REQUEST_PARK -> {
                requireNote(note, "Say why it cannot be solved now");
                if (c.parkRequested) {
                    throw new ApiException(ErrorCode.INVALID_TRANSITION, "Parking is already waiting for a decision")
                            .with("state", state.name()).with("action", action.name());
                }
                c.parkRequested = true;
                return Uni.createFrom().item(note);
            }
            case APPROVE_PARK, REFUSE_PARK -> {
                if (!c.parkRequested) {
                    throw new ApiException(ErrorCode.INVALID_TRANSITION, "No parking is waiting for a decision")
                            .with("state", state.name()).with("action", action.name());
                }
                c.parkRequested = false;
                if (action == CaseAction.REFUSE_PARK) {
                    requireNote(note, "Say why it is not parked");
                    return Uni.createFrom().item(note);
                }
                c.parkedFrom = state.name();
                c.parkedAt = clock.now();
                c.requestedDueAt = null; // no deadline runs: nothing to extend
                return Uni.createFrom().item(note);
            }
            case UNPARK -> {
                // the deadline moves on by the time parked: the time left is what it was when parked
                // (in working time for a limit in working time), and so does the stage's
                return tx.rows("""
                        SELECT extract(epoch FROM deadline_resumed($1::timestamptz, $2::timestamptz, $3::timestamptz, $4)) * 1000000,
                               CASE WHEN $5::timestamptz IS NOT NULL
                                    THEN extract(epoch FROM deadline_resumed($5::timestamptz, $2::timestamptz, $3::timestamptz, $6)) * 1000000 END""",
                        c.dueAt, c.parkedAt, clock.now(), c.dueWorking, c.stageDueAt, c.stageWorking).map(rows -> {
                            c.newDueAt = CaseRow.instant(rows.get(0)[0]);
                            c.stageDueAt = rows.get(0)[1] == null ? null : CaseRow.instant(rows.get(0)[1]);
                            c.state = c.parkedFrom;
                            c.parkedFrom = null;
                            c.parkedAt = null;
                            return join("→ " + c.state + ", due " + local(c.newDueAt), note);
                        });
            }
            case RATE -> {
                if (c.rating != null) {
                    throw new ApiException(ErrorCode.INVALID_TRANSITION, "The case is already rated").with("state", state.name())
                            .with("action", action.name());
                }
                if (in.rating == null || in.rating < 1 || in.rating > 5) {
                    throw ApiException.validation("rating", "Rate from 1 to 5");
                }
                c.rating = in.rating;
                c.ratingComment = note;
                c.ratedAt = clock.now();
                return Uni.createFrom().item(join(in.rating + "/5", note));
            }
            default -> {
                return Uni.createFrom().item(note);
            }
        }
    }

    /**
     * The stages' time limits (the catalogue's 时限): a stage that ends is marked on time or late
     * against its deadline (按时受理, 按时派遣, 按期处置, 按时核查), and the next stage's deadline
     * starts now. Handling runs against the case's own deadline, which extensions and parking move.
     */
    private Uni<Void> stages(Tx tx, CaseRow c, CaseAction action, OffsetDateTime now) {
        switch (action) {
            case ACCEPT, REJECT -> {
                c.acceptedOnTime = onTime(c.stageDueAt, now);
                return action == CaseAction.ACCEPT ? nextStage(tx, c, "DISPATCH", now) : endStage(c);
            }
            case ESCALATE -> {
                return nextStage(tx, c, "DISPATCH", now); // to be dispatched anew at the higher tier
            }
            case DISPATCH -> {
                c.dispatchedOnTime = onTime(c.stageDueAt, now);
                return endStage(c);
            }
            case RESOLVE -> {
                c.resolvedOnTime = !now.isAfter(c.due());
                return nextStage(tx, c, "VERIFY", now);
            }
            case VERIFY -> {
                c.verifiedOnTime = onTime(c.stageDueAt, now);
                return endStage(c);
            }
            case REWORK, WITHDRAW -> {
                return endStage(c);
            }
            default -> {
                return Uni.createFrom().voidItem();
            }
        }
    }

    private static Boolean onTime(OffsetDateTime due, OffsetDateTime at) {
        return due == null ? null : !at.isAfter(due);
    }

    private Uni<Void> nextStage(Tx tx, CaseRow c, String stage, OffsetDateTime start) {
        return limit(tx, c, stage, start).invoke(due -> {
            c.stageDueAt = (OffsetDateTime) due[0];
            c.stageWorking = (Boolean) due[1];
        }).replaceWithVoid();
    }

    private static Uni<Void> endStage(CaseRow c) {
        c.stageDueAt = null;
        c.stageWorking = false;
        return Uni.createFrom().voidItem();
    }

    /** The catalogue's limit of a stage for the case, counted from start: {deadline, in working time}, or {null, false} when none is set. */
    private static Uni<Object[]> limit(Tx tx, CaseRow c, String stage, OffsetDateTime start) {
        return tx.rows("""
                SELECT extract(epoch FROM deadline_after($1::timestamptz, l.amount, l.unit)) * 1000000, coalesce(l.unit LIKE 'WORKING%', false)
                FROM stage_limit_of($2, $3::text, $4, $5) l""", start, c.kindCode, c.itemCode, stage, c.priority)
                .map(rows -> {
                    Object[] r = rows.get(0);
                    return new Object[] {r[0] == null ? null : CaseRow.instant(r[0]), r[1]};
                });
    }

    /** Records OVERDUE once for each open case past its deadline; safe to run on every replica. */
    public Uni<Integer> recordOverdue(int limit) {
        return Tx.run(tx -> tx.update("""
                WITH due AS (
                  SELECT county_code, id, state FROM case_file
                  WHERE NOT overdue_recorded AND due_at < now() AND state NOT IN ('CLOSED', 'REJECTED', 'WITHDRAWN') AND state <> 'PARKED'
                  ORDER BY due_at LIMIT $1 FOR UPDATE SKIP LOCKED),
                marked AS (UPDATE case_file c SET overdue_recorded = true FROM due
                           WHERE c.county_code = due.county_code AND c.id = due.id RETURNING c.county_code, c.id, c.state, c.due_at)
                INSERT INTO case_event (county_code, case_id, action, from_state, to_state, actor_subject, actor_name, note)
                SELECT county_code, id, 'OVERDUE', state, state, 'system', '系统', 'due ' || to_char(due_at AT TIME ZONE $2, 'YYYY-MM-DD HH24:MI')
                FROM marked""", limit, clock.zone().getId()));
    }

    /** A staff member with a current assignment inside the subtree (dispatch stays within the tier). */
    private Uni<String> staffWithin(Tx tx, String subject, String tierPath, String field) {
        return tx.list("""
                SELECT acc.display_name FROM staff_assignment a JOIN grid g ON g.id = a.grid_id JOIN account acc ON acc.subject = a.subject
                WHERE a.subject = $1 AND g.path >= $2 AND g.path < $3 AND a.start_date <= $4 AND (a.end_date IS NULL OR a.end_date >= $4)
                LIMIT 1""", String.class, subject, tierPath, Subtrees.end(tierPath), clock.today())
                .map(names -> {
                    if (names.isEmpty()) {
                        throw ApiException.validation(field, subject + " has no current assignment in this tier's grids");
                    }
                    return names.get(0);
                });
    }

    /** A staff member whose current assignment covers the grid (an ancestor-or-self of it). */
    private Uni<String> staffOver(Tx tx, String subject, String gridPath, String field) {
        return tx.list("""
                SELECT acc.display_name FROM staff_assignment a JOIN grid g ON g.id = a.grid_id JOIN account acc ON acc.subject = a.subject
                WHERE a.subject = $1 AND starts_with($2, g.path) AND a.start_date <= $3 AND (a.end_date IS NULL OR a.end_date >= $3)
                LIMIT 1""", String.class, subject, gridPath, clock.today())
                .map(names -> {
                    if (names.isEmpty()) {
                        throw ApiException.validation(field, subject + " is not staff over this case's grid");
                    }
                    return names.get(0);
                });
    }

    private static Uni<Void> event(Tx tx, CaseRow c, CaseAction action, CaseState from, Caller caller, String note) {
        return tx.update("""
                INSERT INTO case_event (county_code, case_id, action, from_state, to_state, actor_subject, actor_name, note)
                VALUES ($8, $1, $2, $3, $4, $5, $6, $7)""", c.id, action.name(), from.name(), c.state, caller.subject(), caller.name(), note,
                c.countyCode)
                .replaceWithVoid();
    }

    /** A new deadline: given, later than the current one and than now, within a year. */
    private OffsetDateTime laterDeadline(OffsetDateTime given, CaseRow c) {
        if (given == null) {
            throw ApiException.validation("dueAt", "Give the new deadline");
        }
        if (!given.isAfter(c.dueAt) || !given.isAfter(clock.now())) {
            throw ApiException.validation("dueAt", "The new deadline must be later than the current one (" + local(c.dueAt) + ") and than now");
        }
        if (given.isAfter(clock.now().plusDays(365))) {
            throw ApiException.validation("dueAt", "An extension reaches at most a year ahead; park the case instead");
        }
        return given;
    }

    private String local(OffsetDateTime at) {
        return at.atZoneSameInstant(clock.zone()).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }

    private static void requireNote(String note, String message) {
        if (note == null) {
            throw ApiException.validation("note", message);
        }
    }

    private static String join(String a, String b) {
        return b == null ? a : a + " — " + b;
    }
}
