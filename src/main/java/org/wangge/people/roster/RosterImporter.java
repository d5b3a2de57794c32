package org.wangge.people.roster;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import org.jboss.logging.Logger;
import org.wangge.common.ApiException;
import org.wangge.common.Clock;
import org.wangge.common.ErrorCode;
import org.wangge.common.Tx;
import org.wangge.people.Gender;
import org.wangge.people.IdType;
import org.wangge.people.PeopleInputs;
import org.wangge.people.PersonEntity;
import org.wangge.people.PersonFields;
import org.wangge.people.PersonalData;
import org.wangge.people.Relation;
import org.wangge.people.ResidenceType;
import org.wangge.security.Caller;

/**
 * Imports a roster of households and residents as a background job. Rows are checked one by
 * one (format, jurisdiction, duplicates); valid rows are written in batches, each batch in one
 * transaction with the job's progress, so a row is either fully in or reported. Residents are
 * keyed by their ID number's hash: importing the same file again changes nothing.
 */
@ApplicationScoped
public class RosterImporter {

    private static final Logger LOG = Logger.getLogger(RosterImporter.class);
    /** Names this instance on the jobs it runs. */
    private static final String RUNNER = UUID.randomUUID().toString();
    static final int BATCH = 500;

    private final ImportReader reader;
    private final PersonFields fields;
    private final PersonalData pii;
    private final Clock clock;
    // Imports are heavy: one at a time per instance, queued behind each other.
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "roster-import");
        t.setDaemon(true);
        return t;
    });
    // and only so many waiting: each holds a copy of its file on disk until it ends
    private final Semaphore slots;

    public RosterImporter(ImportReader reader, PersonFields fields, Clock clock, ImportSettings settings, PersonalData pii) {
        this.pii = pii;
        this.reader = reader;
        this.fields = fields;
        this.clock = clock;
        this.slots = new Semaphore(settings.maxQueued());
    }

    /** This instance's jobs are alive: say so, so that no other instance gives up on them. */
    @Scheduled(every = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> heartbeat() {
        return Tx.run(tx -> tx.update("UPDATE import_job SET heartbeat_at = now() WHERE runner = $1 AND status IN ('QUEUED', 'RUNNING')",
                RUNNER)).replaceWithVoid();
    }

    /** A job whose instance stopped refreshing it (a crash, a restart) will never finish: say so. */
    @Scheduled(every = "60s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> failAbandoned() {
        return Tx.run(tx -> tx.update("UPDATE import_job SET status = 'FAILED', finished_at = now(), "
                + "message = 'Interrupted: the server running it stopped; import the file again (rows already in are kept)' "
                + "WHERE status IN ('QUEUED', 'RUNNING') AND coalesce(heartbeat_at, created_at) < now() - interval '2 minutes'"))
                .replaceWithVoid();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * Registers the job and queues it with its own copy of {@code source} (deleted when it ends);
     * BUSY, with nothing kept, when this instance already has its most jobs queued or running.
     */
    public UUID start(Caller caller, String fileName, Path source, RosterFile.Format format) throws IOException {
        if (!slots.tryAcquire()) {
            throw new ApiException(ErrorCode.BUSY, "Too many imports are waiting on this server; send the file again in a minute")
                    .with("retryAfter", 60);
        }
        Path copy = null;
        try {
            copy = Files.createTempFile("roster-", format == RosterFile.Format.XLSX ? ".xlsx" : ".csv");
            Files.copy(source, copy, StandardCopyOption.REPLACE_EXISTING);
            UUID id = UUID.randomUUID();
            Tx.run(tx -> tx.update("INSERT INTO import_job (id, kind, file_name, created_by, status, runner, heartbeat_at) "
                    + "VALUES ($1, 'ROSTER', $2, $3, 'QUEUED', $4, now())", id, fileName, caller.subject(), RUNNER)).await().indefinitely();
            Path file = copy;
            worker.submit(() -> run(id, caller, file, format));
            return id;
        } catch (IOException | RuntimeException e) {
            slots.release();
            if (copy != null) {
                Files.deleteIfExists(copy);
            }
            throw e;
        }
    }

    private void run(UUID job, Caller caller, Path file, RosterFile.Format format) {
        try {
            // every sheet's columns checked before anything is written; the rows of the sheets to import counted
            int[] total = {0};
            int[] sheets = {0};
            boolean[] counted = {false};
            RosterFile.readSheets(file, format, (name, header) -> counted[0] = SheetKind.of(sheets[0]++ == 0, name, header) != null,
                    row -> total[0] += counted[0] ? 1 : 0);
            Tx.run(tx -> tx.update("UPDATE import_job SET status = 'RUNNING', started_at = now(), total_rows = $2 WHERE id = $1",
                    job, total[0])).await().indefinitely();
            Run run = new Run(job, caller);
            RosterFile.readSheets(file, format, run::header, row -> {
                if (run.skipping) {
                    return;
                }
                run.pending.add(row);
                if (run.pending.size() >= BATCH) {
                    run.flush();
                }
            });
            run.flush();
            finish(job, "SUCCEEDED", null);
        } catch (MissingColumns e) {
            finish(job, "FAILED", e.getMessage());
        } catch (IllegalArgumentException | IOException e) {
            finish(job, "FAILED", "The file could not be read: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Roster import " + job + " failed", e);
            finish(job, "FAILED", "The import stopped on an internal error; rows already imported are kept");
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("Could not delete " + file, e);
            }
            slots.release();
        }
    }

    /** What a sheet holds, told by its header: residents (base null) or base data; null for a later sheet of no known kind. */
    private record SheetKind(BaseDataRows.Kind base) {

        /** The sheet's kind; MissingColumns when it lacks a column its kind needs, or when the first sheet is of no kind. */
        static SheetKind of(boolean first, String name, List<String> header) {
            Cells cells = new Cells(header);
            BaseDataRows.Kind kind = BaseDataRows.Kind.of(cells);
            boolean residents = cells.has(RosterColumns.ID_NUMBER) || cells.has(RosterColumns.NAME);
            if (kind == null && !residents && !first) {
                return null;
            }
            List<RosterColumns> required = switch (kind == null ? "RESIDENTS" : kind.name()) {
                case "UNITS" -> List.of(RosterColumns.GRID_CODE, RosterColumns.ADDRESS, RosterColumns.UNIT_NAME, RosterColumns.UNIT_KIND);
                case "HOUSES" -> List.of(RosterColumns.GRID_CODE, RosterColumns.ADDRESS, RosterColumns.HOUSE_USE);
                case "ADDRESSES" -> List.of(RosterColumns.GRID_CODE, RosterColumns.ADDRESS);
                default -> java.util.Arrays.stream(RosterColumns.values()).filter(c -> c.required).toList();
            };
            List<String> missing = required.stream().filter(c -> !cells.has(c)).map(RosterColumns::heading).toList();
            if (!missing.isEmpty()) {
                throw new MissingColumns((name == null ? "" : "Sheet " + name + ": ") + "Missing columns: " + String.join(", ", missing));
            }
            return new SheetKind(kind);
        }
    }

    private static final class MissingColumns extends RuntimeException {
        MissingColumns(String message) {
            super(message, null, false, false);
        }
    }

    private void finish(UUID job, String status, String message) {
        Tx.run(tx -> tx.update("UPDATE import_job SET status = $2, message = $3, finished_at = now() WHERE id = $1",
                job, status, ErrorText.safe(message))).await().indefinitely();
    }

    private record Failure(int line, String column, String message) {
    }

    /** A row that passed every check, ready to write. */
    private record Valid(int line, long gridId, String address, String building, String unit, String room, PersonEntity person) {
        String householdKey() {
            return gridId + "\u0000" + address + "\u0000" + nz(building) + "\u0000" + nz(unit) + "\u0000" + nz(room);
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The state of one job while it runs. */
    private final class Run {
        final UUID job;
        final Caller caller;
        Cells cells;
        /** Sheets seen, and whether this one is read past (a later sheet of no known kind: notes, lists for drop-downs). */
        int sheets;
        boolean skipping;
        /** The sheet being read (null for a CSV file), and its rows' kind when it is not a residents sheet. */
        String sheet;
        BaseDataRows base;
        Map<String, String> riskTags;
        final List<RosterFile.RawRow> pending = new ArrayList<>();
        final Map<String, ImportReader.Grid> grids = new HashMap<>();
        final Map<String, Integer> idSeenAt = new HashMap<>();
        final Map<String, Integer> householderAt = new HashMap<>();
        int done;

        Run(UUID job, Caller caller) {
            this.job = job;
            this.caller = caller;
        }

        void header(String name, List<String> header) {
            flush();
            sheet = name;
            cells = new Cells(header);
            SheetKind of = SheetKind.of(sheets++ == 0, name, header);
            skipping = of == null;
            BaseDataRows.Kind kind = of == null ? null : of.base();
            if (kind != null && riskTags == null) {
                riskTags = reader.riskTags().await().indefinitely();
            }
            base = kind == null ? null : new BaseDataRows(kind, cells, pii, riskTags);
        }

        void flush() {
            if (pending.isEmpty()) {
                return;
            }
            loadGrids();
            if (base != null) {
                flushBaseData();
                return;
            }
            List<Valid> valid = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            for (RosterFile.RawRow row : pending) {
                try {
                    valid.add(check(row));
                } catch (RowError e) {
                    failures.add(new Failure(row.line(), e.column, e.getMessage()));
                }
            }
            done += pending.size();
            pending.clear();
            write(valid, failures);
        }

        private void loadGrids() {
            List<String> unknown = pending.stream().map(r -> cells.cell(r, RosterColumns.GRID_CODE)).filter(c -> !c.isEmpty())
                    .distinct().filter(c -> !grids.containsKey(c)).toList();
            if (unknown.isEmpty()) {
                return;
            }
            for (ImportReader.Grid grid : reader.grids(unknown).await().indefinitely()) {
                grids.put(grid.code(), grid);
            }
        }

        /** The batch of an addresses, houses or units sheet: each row checked, the residents it names looked up, the valid ones written. */
        private void flushBaseData() {
            List<BaseDataRows.Valid> checked = new ArrayList<>();
            List<Failure> failures = new ArrayList<>();
            for (RosterFile.RawRow row : pending) {
                try {
                    checked.add(base.check(row, grid(row).id()));
                } catch (RowError e) {
                    failures.add(new Failure(row.line(), e.column, e.getMessage()));
                }
            }
            done += pending.size();
            pending.clear();
            Map<String, ImportReader.Resident> residents = reader.residentsByIdHash(BaseDataRows.hashes(checked)).await().indefinitely();
            List<BaseDataRows.Valid> valid = new ArrayList<>();
            for (BaseDataRows.Valid v : checked) {
                try {
                    BaseDataRows.residentsKnown(v, residents, caller);
                    valid.add(v);
                } catch (RowError e) {
                    failures.add(new Failure(v.line(), e.column, e.getMessage()));
                }
            }
            failures.sort(java.util.Comparator.comparingInt(Failure::line));
            Tx.run(tx -> base.write(tx, valid, residents, caller.subject())
                    .chain(imported -> errors(tx, failures).replaceWith(imported))
                    .chain(imported -> progress(tx, imported, valid.size() - imported, failures.size())))
                    .await().indefinitely();
        }

        private Uni<Integer> progress(Tx tx, int imported, int unchanged, int refused) {
            return tx.update("""
                    UPDATE import_job SET done_rows = $2, imported_rows = imported_rows + $3,
                           unchanged_rows = unchanged_rows + $4, error_rows = error_rows + $5 WHERE id = $1""",
                    job, done, imported, unchanged, refused);
        }

        /** The row's grid: known, in the caller's jurisdiction, a leaf in use. */
        private ImportReader.Grid grid(RosterFile.RawRow row) {
            String code = cells.cell(row, RosterColumns.GRID_CODE);
            if (code.isEmpty()) {
                throw new RowError(RosterColumns.GRID_CODE, "required");
            }
            ImportReader.Grid grid = grids.get(code);
            if (grid == null) {
                throw new RowError(RosterColumns.GRID_CODE, "no grid with code " + code);
            }
            if (!caller.may(org.wangge.security.Capability.RESIDENTS_WRITE, grid.path())) {
                throw new RowError(RosterColumns.GRID_CODE, "grid " + code + " is outside your jurisdiction");
            }
            if (!grid.usable()) {
                throw new RowError(RosterColumns.GRID_CODE, "grid " + code + " is retired or is not a leaf grid");
            }
            return grid;
        }

        private Valid check(RosterFile.RawRow row) {
            ImportReader.Grid grid = grid(row);
            String address = cells.required(row, RosterColumns.ADDRESS);
            PeopleInputs.PersonData in = new PeopleInputs.PersonData();
            in.name = cells.required(row, RosterColumns.NAME);
            in.idType = cells.word(row, RosterColumns.ID_TYPE, RosterColumns.ID_TYPES, IdType.class);
            in.idNumber = cells.required(row, RosterColumns.ID_NUMBER);
            in.gender = cells.word(row, RosterColumns.GENDER, RosterColumns.GENDERS, Gender.class);
            in.birthDate = cells.date(row, RosterColumns.BIRTH_DATE);
            in.phone = blankToNull(cells.cell(row, RosterColumns.PHONE));
            in.ethnicity = blankToNull(cells.cell(row, RosterColumns.ETHNICITY));
            in.residenceType = cells.word(row, RosterColumns.RESIDENCE_TYPE, RosterColumns.RESIDENCE_TYPES, ResidenceType.class);
            if (in.residenceType == null) {
                throw new RowError(RosterColumns.RESIDENCE_TYPE, "required: 户籍, 常住 or 流动");
            }
            in.moveInDate = cells.date(row, RosterColumns.MOVE_IN_DATE);
            in.moveOutDate = cells.date(row, RosterColumns.MOVE_OUT_DATE);
            in.origin = blankToNull(cells.cell(row, RosterColumns.ORIGIN));
            Relation relation = cells.word(row, RosterColumns.RELATION, RosterColumns.RELATIONS, Relation.class);
            if (in.idNumber.matches("\\d(\\.\\d+)?E\\d+")) {
                throw new RowError(RosterColumns.ID_NUMBER, "stored as a number and lost digits; format the column as text");
            }

            PersonEntity p = new PersonEntity();
            p.name = in.name;
            p.idType = (in.idType == null ? IdType.RESIDENT_ID : in.idType).name();
            p.gender = Gender.UNKNOWN.name();
            try {
                fields.apply(p, in);
            } catch (ApiException e) {
                throw new RowError(columnOf(e), e.getMessage());
            }
            if (p.name.length() > 100) {
                throw new RowError(RosterColumns.NAME, "at most 100 characters");
            }
            p.relation = (relation == null ? Relation.OTHER : relation).name();
            Valid valid = new Valid(row.line(), grid.id(), Cells.limit(address, 300, RosterColumns.ADDRESS),
                    Cells.limit(blankToNull(cells.cell(row, RosterColumns.BUILDING)), 50, RosterColumns.BUILDING),
                    Cells.limit(blankToNull(cells.cell(row, RosterColumns.UNIT)), 50, RosterColumns.UNIT),
                    Cells.limit(blankToNull(cells.cell(row, RosterColumns.ROOM)), 50, RosterColumns.ROOM), p);

            String idKey = p.idType + ":" + HexFormat.of().formatHex(p.idNumberHash);
            Integer first = idSeenAt.putIfAbsent(idKey, row.line());
            if (first != null) {
                throw new RowError(RosterColumns.ID_NUMBER, "the same ID number is on line " + first);
            }
            if (relation == Relation.HOUSEHOLDER) {
                Integer head = householderAt.putIfAbsent(valid.householdKey(), row.line());
                if (head != null) {
                    idSeenAt.remove(idKey);
                    throw new RowError(RosterColumns.RELATION, "the household already has its householder on line " + head);
                }
            }
            return valid;
        }

        private void write(List<Valid> valid, List<Failure> failures) {
            Tx.run(tx -> households(tx, valid)
                    .chain(ids -> persons(tx, valid, ids))
                    .chain(imported -> errors(tx, failures).replaceWith(imported))
                    .chain(imported -> progress(tx, imported, valid.size() - imported, failures.size())))
                    .await().indefinitely();
        }

        /** Finds or creates the households of the batch; returns their ids by household key. */
        private Uni<Map<String, Long>> households(Tx tx, List<Valid> valid) {
            Map<String, Valid> distinct = new HashMap<>();
            valid.forEach(v -> distinct.putIfAbsent(v.householdKey(), v));
            List<Valid> keys = new ArrayList<>(distinct.values());
            return tx.rows("""
                    WITH input AS (SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[])
                                   AS t(grid_id, address, building, unit, room)),
                    ins AS (INSERT INTO household (county_code, grid_id, address, building, unit, room)
                            SELECT g.county_code, i.grid_id, i.address, i.building, i.unit, i.room FROM input i JOIN grid g ON g.id = i.grid_id
                            ON CONFLICT (county_code, grid_id, address, (coalesce(building, '')), (coalesce(unit, '')), (coalesce(room, '')))
                            DO NOTHING RETURNING id, grid_id, address, building, unit, room),
                    hist AS (INSERT INTO household_grid_history (household_id, grid_id, valid_from)
                             SELECT id, grid_id, now() FROM ins)
                    SELECT id, grid_id, address, building, unit, room FROM ins
                    UNION ALL
                    SELECT h.id, h.grid_id, h.address, h.building, h.unit, h.room FROM household h JOIN input i
                      ON h.grid_id = i.grid_id AND h.address = i.address AND coalesce(h.building, '') = coalesce(i.building, '')
                     AND coalesce(h.unit, '') = coalesce(i.unit, '') AND coalesce(h.room, '') = coalesce(i.room, '')""",
                    keys.stream().map(Valid::gridId).toArray(Long[]::new), keys.stream().map(Valid::address).toArray(String[]::new),
                    keys.stream().map(Valid::building).toArray(String[]::new), keys.stream().map(Valid::unit).toArray(String[]::new),
                    keys.stream().map(Valid::room).toArray(String[]::new)).map(rows -> {
                        Map<String, Long> ids = new HashMap<>();
                        for (Object[] r : rows) {
                            String key = r[1] + "\u0000" + r[2] + "\u0000" + nz((String) r[3]) + "\u0000" + nz((String) r[4])
                                    + "\u0000" + nz((String) r[5]);
                            ids.put(key, ((Number) r[0]).longValue());
                        }
                        return ids;
                    });
        }

        /** Inserts the residents not yet known (by ID hash); returns how many were new. */
        private Uni<Integer> persons(Tx tx, List<Valid> valid, Map<String, Long> households) {
            if (valid.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            int n = valid.size();
            String[] names = new String[n];
            String[] genders = new String[n];
            LocalDate[] births = new LocalDate[n];
            String[] idTypes = new String[n];
            // bytea travels as hex: Hibernate Reactive binds no bytea arrays
            String[] idEnc = new String[n];
            String[] idHash = new String[n];
            String[] idMask = new String[n];
            String[] phoneEnc = new String[n];
            String[] phoneHash = new String[n];
            String[] phoneMask = new String[n];
            String[] keyIds = new String[n];
            String[] ethnicities = new String[n];
            String[] residence = new String[n];
            LocalDate[] moveIn = new LocalDate[n];
            LocalDate[] moveOut = new LocalDate[n];
            String[] origins = new String[n];
            Long[] householdIds = new Long[n];
            String[] relations = new String[n];
            for (int i = 0; i < n; i++) {
                PersonEntity p = valid.get(i).person();
                names[i] = p.name;
                genders[i] = p.gender;
                births[i] = p.birthDate;
                idTypes[i] = p.idType;
                idEnc[i] = hex(p.idNumberEnc);
                idHash[i] = hex(p.idNumberHash);
                idMask[i] = p.idNumberMask;
                phoneEnc[i] = hex(p.phoneEnc);
                phoneHash[i] = hex(p.phoneHash);
                phoneMask[i] = p.phoneMask;
                keyIds[i] = p.piiKeyId;
                ethnicities[i] = p.ethnicity;
                residence[i] = p.residenceType;
                moveIn[i] = p.moveInDate;
                moveOut[i] = p.moveOutDate;
                origins[i] = p.origin;
                householdIds[i] = households.get(valid.get(i).householdKey());
                relations[i] = p.relation;
            }
            return tx.one("""
                    WITH ins AS (
                      INSERT INTO person (county_code, name, gender, birth_date, id_type, id_number_enc, id_number_hash, id_number_mask,
                                          phone_enc, phone_hash, phone_mask, pii_key_id, ethnicity, residence_type,
                                          move_in_date, move_out_date, origin, household_id, relation)
                      SELECT h.county_code, name, gender, birth_date, id_type, decode(id_enc, 'hex'), decode(id_hash, 'hex'), id_mask,
                             decode(phone_enc, 'hex'), decode(phone_hash, 'hex'), phone_mask, pii_key_id, ethnicity, residence_type,
                             move_in_date, move_out_date, origin, household_id, relation
                      FROM unnest($1::text[], $2::text[], $3::date[], $4::text[], $5::text[], $6::text[], $7::text[],
                                  $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
                                  $14::date[], $15::date[], $16::text[], $17::bigint[], $18::text[])
                           AS t(name, gender, birth_date, id_type, id_enc, id_hash, id_mask, phone_enc, phone_hash, phone_mask,
                                pii_key_id, ethnicity, residence_type, move_in_date, move_out_date, origin, household_id, relation)
                           JOIN household h ON h.id = t.household_id
                      -- known anywhere in the province: skipped, as a resident known in this county is
                      WHERE NOT EXISTS (SELECT 1 FROM person_identity k WHERE k.id_type = t.id_type AND k.id_number_hash = decode(t.id_hash, 'hex'))
                      ON CONFLICT (county_code, id_type, id_number_hash) DO NOTHING
                      RETURNING id, household_id, relation),
                    members AS (INSERT INTO household_member (household_id, person_id, relation, valid_from)
                                SELECT household_id, id, relation, now() FROM ins),
                    heads AS (UPDATE household h SET householder_id = ins.id FROM ins
                              WHERE ins.relation = 'HOUSEHOLDER' AND h.id = ins.household_id AND h.householder_id IS NULL)
                    SELECT count(*) FROM ins""", Long.class, names, genders, births, idTypes, idEnc, idHash, idMask, phoneEnc, phoneHash,
                    phoneMask, keyIds, ethnicities, residence, moveIn, moveOut, origins, householdIds, relations).map(Long::intValue);
        }

        private Uni<Void> errors(Tx tx, List<Failure> failures) {
            if (failures.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return tx.update("""
                    INSERT INTO import_job_error (job_id, sheet, line, column_name, message)
                    SELECT $1, $5, * FROM unnest($2::int[], $3::text[], $4::text[])""",
                    job, failures.stream().map(Failure::line).toArray(Integer[]::new),
                    failures.stream().map(Failure::column).toArray(String[]::new),
                    failures.stream().map(f -> ErrorText.safe(f.message())).map(m -> m.length() > 500 ? m.substring(0, 500) : m)
                            .toArray(String[]::new), sheet)
                    .replaceWithVoid();
        }
    }

    private static String columnOf(ApiException e) {
        Object field = e.details().get("field");
        if (field == null) {
            return null;
        }
        for (RosterColumns c : RosterColumns.values()) {
            if (c.names.contains(field.toString())) {
                return c.heading();
            }
        }
        return field.toString();
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
