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
        return sql.list("SELECT id, line, column_name, message FROM import_job_error WHERE job_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                Tuple.of(job, afterId, limit + 1), ImportError::from)
                .map(rows -> new ImportErrorConnection(Page.of(rows, limit, after)));
    }
}
