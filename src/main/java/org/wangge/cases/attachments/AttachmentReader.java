package org.wangge.cases.attachments;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.wangge.cases.CaseFile;
import org.wangge.common.Batch;
import org.wangge.common.Sql;

/** Reads of case attachments, each with a short-lived download address. */
@ApplicationScoped
public class AttachmentReader {

    private final Sql sql;
    private final DownloadLinks links;

    public AttachmentReader(Sql sql, DownloadLinks links) {
        this.sql = sql;
        this.links = links;
    }

    /** Each case's attachments (with the photos of the finding it was opened for), oldest first, in the cases' order. */
    public Uni<List<List<Attachment>>> ofCases(List<CaseFile> cases) {
        Long[] ids = cases.stream().map(c -> c.dbId).toArray(Long[]::new);
        return sql.list("SELECT " + Attachment.COLUMNS + " FROM case_attachment a WHERE a.case_id = ANY($1)"
                // two index ranges, not one OR the planner would answer with a scan of every attachment
                + " UNION ALL SELECT " + Attachment.COLUMNS + " FROM inspection_finding f JOIN case_attachment a ON a.finding_id = f.id"
                + " WHERE f.case_id = ANY($1) AND a.case_id IS NULL ORDER BY created_at, id",
                Tuple.of(ids), this::attachment).map(list -> Batch.group(cases, c -> c.dbId, list, a -> a.caseId));
    }

    /** Each finding's photos, oldest first, in the findings' order. */
    public Uni<List<List<Attachment>>> ofFindings(List<Long> findings) {
        return sql.list("SELECT " + Attachment.COLUMNS + " FROM case_attachment a WHERE a.finding_id = ANY($1) ORDER BY a.finding_id, a.created_at, a.id",
                Tuple.of((Object) findings.toArray(Long[]::new)), this::attachment).map(list -> Batch.group(findings, f -> f, list, a -> a.findingId));
    }

    /** A finding a photo is sent for: where its unit lies, and whether it is put right or has its case. */
    public record Finding(String gridPath, boolean resolved, Long caseId) {
    }

    public Uni<Finding> finding(long id) {
        return sql.one("""
                SELECT g.path, f.resolved_at IS NOT NULL AS resolved, f.case_id FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id
                JOIN unit u ON u.id = i.unit_id JOIN address ad ON ad.id = u.address_id JOIN grid g ON g.id = ad.grid_id WHERE f.id = $1""",
                Tuple.of(id), row -> new Finding(row.getString("path"), row.getBoolean("resolved"), row.getLong("case_id")));
    }

    /** One attachment, or null. */
    public Uni<Attachment> byId(java.util.UUID id) {
        return sql.one("SELECT " + Attachment.COLUMNS + " FROM case_attachment a WHERE a.id = $1", Tuple.of(id), this::attachment);
    }

    private Attachment attachment(io.vertx.mutiny.sqlclient.Row row) {
        Attachment a = Attachment.from(row);
        a.url = links.url(a.key.toString());
        return a;
    }

    /** Where a stored attachment is and what it is, for its download. */
    public record Stored(String fileName, String contentType, String storageKey, long sizeBytes) {
    }

    /** What an idempotency key recorded ({@link org.wangge.common.Idempotency#EARLIER}): [operation, fingerprint, id], or none. */
    public Uni<List<Object[]>> idempotencyKey(String subject, String key) {
        return sql.list(org.wangge.common.Idempotency.EARLIER, Tuple.of(subject, key),
                row -> new Object[] {row.getString(0), row.getString(1), row.getLong(2)});
    }

    /** The attachment's stored file, or null. */
    public Uni<Stored> stored(java.util.UUID id) {
        return sql.one("SELECT file_name, content_type, storage_key, size_bytes FROM case_attachment WHERE id = $1", Tuple.of(id),
                row -> new Stored(row.getString("file_name"), row.getString("content_type"), row.getString("storage_key"), row.getLong("size_bytes")));
    }
}
