package org.wangge.cases.attachments;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("A photo or short video attached to a case")
public class Attachment implements org.wangge.common.Node {

    static final String COLUMNS = "a.id, coalesce(a.case_id, (SELECT fc.case_id FROM inspection_finding fc WHERE fc.id = a.finding_id)) AS case_id, "
            + "a.finding_id, a.file_name, a.content_type, a.size_bytes, a.uploaded_by, a.created_at, "
            + "(SELECT g.path FROM inspection_finding f JOIN inspection i ON i.id = f.inspection_id JOIN unit u ON u.id = i.unit_id"
            + " JOIN address ad ON ad.id = u.address_id JOIN grid g ON g.id = ad.grid_id WHERE f.id = a.finding_id) AS finding_grid_path";

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    public String fileName;
    @NonNull
    public String contentType;
    @NonNull
    public long sizeBytes;
    @NonNull
    public String uploadedBy;
    @NonNull
    public OffsetDateTime createdAt;
    @NonNull
    @Description("A download address valid for a short while; it works without a token (for <img src>)")
    public String url;
    /** The case it belongs to (a finding's photo: the case the finding opened); null for a finding's photo before that. */
    @Ignore
    public Long caseId;
    @Ignore
    public Long findingId;
    /** Where the finding's unit lies (its photo is seen as the finding is). */
    @Ignore
    public String findingGridPath;
    @Ignore
    public java.util.UUID key;

    static Attachment from(Row row) {
        Attachment a = new Attachment();
        a.key = row.getUUID("id");
        a.id = NodeType.ATTACHMENT.id(a.key);
        a.caseId = row.getLong("case_id");
        a.findingId = row.getLong("finding_id");
        a.findingGridPath = row.getString("finding_grid_path");
        a.fileName = row.getString("file_name");
        a.contentType = row.getString("content_type");
        a.sizeBytes = row.getLong("size_bytes");
        a.uploadedBy = row.getString("uploaded_by");
        a.createdAt = row.getOffsetDateTime("created_at");
        return a;
    }
}
