package org.wangge.people.roster;

import io.smallrye.mutiny.Multi;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.wangge.common.ApiException;
import org.wangge.common.Async;
import org.wangge.common.Cursor;
import org.wangge.common.Page;
import org.wangge.common.Paging;
import org.wangge.common.Sql;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;

/** Progress and results of roster imports, for the uploader (and admins). */
@GraphQLApi
public class ImportApi {

    private static final Duration POLL = Duration.ofMillis(250);

    private final Sql sql;
    private final CurrentCaller currentCaller;

    public ImportApi(Sql sql, CurrentCaller currentCaller) {
        this.sql = sql;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("An import job you started (any job for an admin)")
    public Uni<ImportJob> importJob(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        return load(caller, jobId(id));
    }

    @Subscription
    @Description("The job's progress: its state now, then each change, until it has finished")
    public Multi<ImportJob> importJobProgress(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        UUID job = jobId(id);
        // The job may run on another instance: the table is the shared truth, read a few times a second.
        AtomicBoolean finished = new AtomicBoolean();
        int[] lastDone = {-1};
        ImportJob.Status[] lastStatus = {null};
        return Multi.createFrom().ticks().startingAfter(Duration.ofMillis(1)).every(POLL)
                .onOverflow().drop()
                .select().first(tick -> !finished.get())
                .onItem().transformToUniAndConcatenate(tick -> load(caller, job))
                .invoke(j -> finished.set(j.finished()))
                .select().where(j -> {
                    boolean changed = j.doneRows != lastDone[0] || j.status != lastStatus[0];
                    lastDone[0] = j.doneRows;
                    lastStatus[0] = j.status;
                    return changed;
                });
    }

    @Description("Refused rows, by line")
    public Uni<@NonNull ImportErrorConnection> errors(@Source ImportJob job, Integer first, String after) {
        return Async.defer(() -> {
            int limit = Paging.first(first);
            long afterId = after == null ? 0 : Cursor.decodeLong("ie", after);
            return sql.list("SELECT id, line, column_name, message FROM import_job_error WHERE job_id = $1 AND id > $2 ORDER BY id LIMIT $3",
                    Tuple.of(UUID.fromString(job.id), afterId, limit + 1), ImportError::from)
                    .map(rows -> new ImportErrorConnection(Page.of(rows, limit, after)));
        });
    }

    private Uni<ImportJob> load(Caller caller, UUID id) {
        return sql.one("SELECT " + ImportJob.COLUMNS + " FROM import_job WHERE id = $1", Tuple.of(id), ImportJob::from).map(job -> {
            if (job == null) {
                throw ApiException.notFound("Import job", id);
            }
            if (!caller.isAdmin() && !caller.subject().equals(job.createdBy)) {
                throw ApiException.forbidden("Import job " + id + " is not yours");
            }
            return job;
        });
    }

    private static UUID jobId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.validation("id", "Not an import job id: " + id);
        }
    }
}
