package org.wangge.cases.attachments;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.wangge.cases.CaseFile;
import org.wangge.common.Batch;
import org.wangge.common.Sql;

@GraphQLApi
public class AttachmentApi {

    private final Sql sql;
    private final DownloadLinks links;

    public AttachmentApi(Sql sql, DownloadLinks links) {
        this.sql = sql;
        this.links = links;
    }

    @NonNull
    @Description("Photos and videos, oldest first, each with a short-lived download address")
    public Uni<List<@NonNull List<@NonNull Attachment>>> attachments(@Source List<CaseFile> cases) {
        Long[] ids = cases.stream().map(c -> c.dbId).toArray(Long[]::new);
        return sql.list("SELECT " + Attachment.COLUMNS + " FROM case_attachment a WHERE a.case_id = ANY($1) ORDER BY a.case_id, a.created_at, a.id",
                Tuple.of(ids), row -> {
                    Attachment a = Attachment.from(row);
                    a.url = links.url(a.id);
                    return a;
                }).map(list -> Batch.group(cases, c -> c.dbId, list, a -> a.caseId));
    }
}
