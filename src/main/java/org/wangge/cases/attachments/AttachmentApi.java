package org.wangge.cases.attachments;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.wangge.cases.CaseFile;

@GraphQLApi
public class AttachmentApi {

    private final AttachmentReader attachments;

    public AttachmentApi(AttachmentReader attachments) {
        this.attachments = attachments;
    }

    @NonNull
    @Description("Photos and videos, oldest first, each with a short-lived download address")
    public Uni<List<@NonNull List<@NonNull Attachment>>> attachments(@Source List<CaseFile> cases) {
        return attachments.ofCases(cases);
    }
}
