package org.wangge.people.roster;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.wangge.common.Page;
import org.wangge.common.Sql;

/** Reads of import jobs and their refused rows. */
@ApplicationScoped
public class ImportReader {

    private final Sql sql;

    public ImportReader(Sql sql) {
        this.sql = sql;
    }

    /** The job, or null. */
    public Uni<ImportJob> job(UUID id) {
        return sql.one("SELECT " + ImportJob.COLUMNS + " FROM import_job WHERE id = $1", Tuple.of(id), ImportJob::from);
    }

    /** A page of a job's refused rows, by line, after the error {@code afterId}. */
    public Uni<ImportErrorConnection> errors(UUID job, long afterId, int limit, String after) {
        return sql.list("SELECT id, sheet, line, column_name, message FROM import_job_error WHERE job_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                Tuple.of(job, afterId, limit + 1), ImportError::from)
                .map(rows -> new ImportErrorConnection(Page.of(rows, limit, after)));
    }

    /** A grid an import names: where it is and whether it can own households (active, no active children). */
    public record Grid(long id, String code, String path, boolean usable) {
    }

    /** The grids with these codes (unknown codes are left out). */
    public Uni<java.util.List<Grid>> grids(java.util.List<String> codes) {
        return sql.list("""
                SELECT g.id, g.code, g.path, g.retired_at IS NULL
                       AND NOT EXISTS (SELECT 1 FROM grid c WHERE c.parent_id = g.id AND c.retired_at IS NULL) AS usable
                FROM grid g WHERE g.code = ANY($1)""", Tuple.of(codes.toArray(String[]::new)),
                row -> new Grid(row.getLong("id"), row.getString("code"), row.getString("path"), row.getBoolean("usable")));
    }

    /** A resident a sheet names by ID number: their key, and the grid they live in (null without a household). */
    public record Resident(long id, String gridPath) {
    }

    /** The residents with these ID numbers' keyed hashes (hex), by hash; resident IDs only. */
    public Uni<java.util.Map<String, Resident>> residentsByIdHash(java.util.Collection<String> hashes) {
        return sql.list("""
                SELECT encode(p.id_number_hash, 'hex') AS hash, p.id, g.path FROM person p LEFT JOIN household h ON h.id = p.household_id
                LEFT JOIN grid g ON g.id = h.grid_id
                WHERE p.id_type = 'RESIDENT_ID' AND p.id_number_hash = ANY(ARRAY(SELECT decode(x, 'hex') FROM unnest($1::text[]) x))""",
                Tuple.of((Object) hashes.toArray(String[]::new)), row -> java.util.Map.entry(row.getString("hash"),
                        new Resident(row.getLong("id"), row.getString("path"))))
                .map(list -> list.stream().collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
    }

    /** Risk tags by their code and by their Chinese name, to their code. */
    public Uni<java.util.Map<String, String>> riskTags() {
        return sql.list("SELECT code, name_zh FROM unit_risk_tag", Tuple.tuple(), row -> row).map(rows -> {
            java.util.Map<String, String> tags = new java.util.HashMap<>();
            rows.forEach(r -> {
                tags.put(r.getString("code"), r.getString("code"));
                tags.put(r.getString("name_zh"), r.getString("code"));
            });
            return tags;
        });
    }
}
