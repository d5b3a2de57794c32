package org.wangge.people.roster;

import io.smallrye.mutiny.Multi;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.util.UUID;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.wangge.common.ApiException;
import org.wangge.common.Async;
import org.wangge.common.Cursor;
import org.wangge.common.Paging;
import org.wangge.common.Notifications;
import org.wangge.common.OneAtATime;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.security.SocketSubscriptions;
import org.wangge.common.NodeType;

/** Progress and results of roster imports, for the uploader (and admins). */
@GraphQLApi
public class ImportApi {

    private static final long SAFETY_POLL_MILLIS = 2000;

    private final ImportReader imports;
    private final CurrentCaller currentCaller;
    private final Notifications notifications;
    private final SocketSubscriptions socket;
    private final Vertx vertx;

    public ImportApi(ImportReader imports, CurrentCaller currentCaller, Notifications notifications, SocketSubscriptions socket, Vertx vertx) {
        this.imports = imports;
        this.currentCaller = currentCaller;
        this.notifications = notifications;
        this.socket = socket;
        this.vertx = vertx;
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
        socket.take();
        // The job may run on another instance: each committed change is announced (V12) and the row
        // is the truth, read again on each announcement (and now and then, should one be lost).
        return Multi.createFrom().emitter(emitter -> {
            Object[] last = {null, null};
            OneAtATime[] check = new OneAtATime[1];
            check[0] = new OneAtATime(() -> load(caller, job).map(j -> {
                if (!Integer.valueOf(j.doneRows).equals(last[0]) || j.status != last[1]) {
                    last[0] = j.doneRows;
                    last[1] = j.status;
                    emitter.emit(j);
                }
                if (j.finished()) {
                    check[0].stop(); // nothing more to read
                    emitter.complete();
                }
                return false;
            }).onFailure().invoke(failure -> {
                check[0].stop();
                emitter.fail(failure);
            }));
            String key = job.toString();
            Runnable unlisten = notifications.listen("import_jobs", payload -> {
                if (payload == null || payload.equals(key)) {
                    check[0].request();
                }
            });
            long timer = vertx.setPeriodic(SAFETY_POLL_MILLIS, t -> check[0].request());
            emitter.onTermination(() -> {
                unlisten.run();
                vertx.cancelTimer(timer);
                socket.release();
            });
            check[0].request();
        });
    }

    @Description("Refused rows, by line")
    public Uni<@NonNull ImportErrorConnection> errors(@Source ImportJob job, Integer first, String after) {
        return Async.defer(() -> {
            int limit = Paging.first(first);
            long afterId = after == null ? 0 : Cursor.decodeLong("ie", after);
            return imports.errors(job.key, afterId, limit, after);
        });
    }

    private Uni<ImportJob> load(Caller caller, UUID id) {
        return imports.job(id).map(job -> {
            // someone else's job is not found, as one that does not exist
            if (job == null || !job.visibleTo(caller)) {
                throw ApiException.notFound("Import job", id);
            }
            return job;
        });
    }

    private static UUID jobId(String id) {
        return NodeType.IMPORT_JOB.uuid("id", id);
    }
}
