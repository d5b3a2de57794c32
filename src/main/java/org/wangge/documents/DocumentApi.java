package org.wangge.documents;

import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.ApiException;
import org.wangge.security.CurrentCaller;

/** First-party clients' manifests of trusted documents (admin). */
@GraphQLApi
public class DocumentApi {

    private final DocumentService service;
    private final CurrentCaller currentCaller;

    public DocumentApi(DocumentService service, CurrentCaller currentCaller) {
        this.service = service;
        this.currentCaller = currentCaller;
    }

    @Mutation
    @Description("Add the manifest a first-party client's build wrote (JSON: hash → document, or Apollo's persisted query manifest; "
            + "SHA-256 hashes) to the documents that client may run by hash (admin). Returns how many documents it holds.")
    public Uni<@NonNull Integer> loadDocumentManifest(@NonNull String clientId, @NonNull String manifest) {
        if (!currentCaller.get().isAdmin()) {
            throw ApiException.forbidden("Only an admin loads document manifests");
        }
        return service.loadManifest(clientId, manifest);
    }
}
