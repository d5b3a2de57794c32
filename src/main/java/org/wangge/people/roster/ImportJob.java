package org.wangge.people.roster;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("A roster import job and its progress")
public class ImportJob implements org.wangge.security.Visible, org.wangge.common.Node {

    static final String COLUMNS = "id, file_name, created_by, status, total_rows, done_rows, imported_rows, unchanged_rows, "
            + "error_rows, message, created_at, started_at, finished_at";

    @org.eclipse.microprofile.graphql.Description("Where an import job stands")
    public enum Status { QUEUED, RUNNING, SUCCEEDED, FAILED }

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @org.eclipse.microprofile.graphql.Ignore
    public java.util.UUID key;
    public String fileName;
    @NonNull
    public String createdBy;
    @NonNull
    public Status status;
    @NonNull
    @Description("Data rows in the file")
    public int totalRows;
    @NonNull
    @Description("Rows processed so far")
    public int doneRows;
    @NonNull
    @Description("Residents added")
    public int importedRows;
    @NonNull
    @Description("Valid rows whose resident was already registered (by ID number)")
    public int unchangedRows;
    @NonNull
    @Description("Rows refused; see errors")
    public int errorRows;
    @Description("Why the job failed as a whole, if it did")
    public String message;
    @NonNull
    public OffsetDateTime createdAt;
    public OffsetDateTime startedAt;
    public OffsetDateTime finishedAt;

    boolean finished() {
        return status == Status.SUCCEEDED || status == Status.FAILED;
    }

    /** Whoever started it (and admins): its errors quote the file. */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return caller.isAdmin() || caller.subject().equals(createdBy);
    }

    static ImportJob from(Row row) {
        ImportJob j = new ImportJob();
        j.key = row.getUUID("id");
        j.id = NodeType.IMPORT_JOB.id(j.key);
        j.fileName = row.getString("file_name");
        j.createdBy = row.getString("created_by");
        j.status = Status.valueOf(row.getString("status"));
        j.totalRows = row.getInteger("total_rows");
        j.doneRows = row.getInteger("done_rows");
        j.importedRows = row.getInteger("imported_rows");
        j.unchangedRows = row.getInteger("unchanged_rows");
        j.errorRows = row.getInteger("error_rows");
        j.message = row.getString("message");
        j.createdAt = row.getOffsetDateTime("created_at");
        j.startedAt = row.getOffsetDateTime("started_at");
        j.finishedAt = row.getOffsetDateTime("finished_at");
        return j;
    }
}
