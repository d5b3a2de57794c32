package org.wangge.open311;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.wangge.common.Check;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.common.NodeType;

/** Partners' Open311 api_keys, kept by an admin. */
@GraphQLApi
public class Open311Api {

    private final Open311KeyReader reader;
    private final Open311KeyService service;
    private final CurrentCaller currentCaller;

    public Open311Api(Open311KeyReader reader, Open311KeyService service, CurrentCaller currentCaller) {
        this.reader = reader;
        this.service = service;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("Partners' Open311 api_keys, revoked ones too (admin)")
    public Uni<@NonNull List<@NonNull Open311Key>> open311Keys() {
        currentCaller.get().requireAdmin("keeps the Open311 keys");
        return reader.all();
    }

    @Mutation
    @Description("Issue an Open311 api_key to a partner (admin); the answer's key is shown this once")
    public Uni<@NonNull Open311Key> issueOpen311Key(@NonNull String name) {
        Caller caller = currentCaller.get();
        caller.requireAdmin("keeps the Open311 keys");
        return service.issue(caller, name).chain(issued -> reader.byId(issued.id()).map(k -> {
            k.key = issued.key();
            return k;
        }));
    }

    @Mutation
    @Description("Revoke an Open311 api_key (admin): requests with it are refused from now on")
    public Uni<@NonNull Open311Key> revokeOpen311Key(@NonNull @Id String id) {
        currentCaller.get().requireAdmin("keeps the Open311 keys");
        long keyId = NodeType.OPEN311_KEY.key("id", id);
        return service.revoke(keyId).chain(() -> reader.byId(keyId));
    }
}
