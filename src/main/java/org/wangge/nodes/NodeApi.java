package org.wangge.nodes;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.wangge.common.ApiException;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.security.Visible;

/** Relay's object identification: any object fetched again by its global id. */
@GraphQLApi
public class NodeApi {

    /** As many ids as a page holds at most. */
    static final int MAX_IDS = 100;

    private final Map<NodeType, NodeLoader> loaders = new EnumMap<>(NodeType.class);
    private final CurrentCaller currentCaller;

    public NodeApi(@Any Instance<NodeLoader> all, CurrentCaller currentCaller) {
        this.currentCaller = currentCaller;
        for (NodeLoader loader : all) {
            for (NodeType type : loader.types()) {
                if (loaders.put(type, loader) != null) {
                    throw new IllegalStateException("Two loaders for " + type);
                }
            }
        }
        if (loaders.size() != NodeType.values().length) {
            java.util.Set<NodeType> missing = java.util.EnumSet.allOf(NodeType.class);
            missing.removeAll(loaders.keySet());
            throw new IllegalStateException("No loader for " + missing);
        }
    }

    @Query
    @Description("Any object by its global id, as you may see it: null when it does not exist or is out of your reach "
            + "(VALIDATION when the text is not a global id)")
    public Uni<Node> node(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        NodeType.Decoded decoded = decode("id", id);
        return load(caller, decoded);
    }

    @Query
    @Description("Objects by their global ids (at most 100), in the order asked: null for each that does not exist or is out of your reach")
    public Uni<@NonNull List<Node>> nodes(@NonNull @Id List<@NonNull String> ids) {
        Caller caller = currentCaller.get();
        if (ids.size() > MAX_IDS) {
            throw ApiException.validation("ids", "at most " + MAX_IDS + " ids");
        }
        List<NodeType.Decoded> decoded = new ArrayList<>(ids.size());
        for (String id : ids) {
            decoded.add(decode("ids", id));
        }
        // one after another: a page of ids must not take a page of connections from the pool
        return Multi.createFrom().iterable(decoded)
                .onItem().transformToUniAndConcatenate(d -> load(caller, d).map(Optional::ofNullable))
                .collect().asList()
                .map(found -> found.stream().map(o -> o.orElse(null)).toList());
    }

    private static NodeType.Decoded decode(String field, String id) {
        NodeType.Decoded decoded = NodeType.decode(id);
        if (decoded == null) {
            String shown = id.length() > 64 ? id.substring(0, 64) + "…" : id;
            throw ApiException.validation(field, field + " is not a global id: " + shown);
        }
        return decoded;
    }

    private Uni<Node> load(Caller caller, NodeType.Decoded id) {
        return loaders.get(id.type()).load(caller, id.type(), new NodeLoader.Key(id.key()))
                .map(node -> node instanceof Visible v && !v.visibleTo(caller) ? null : (Node) node);
    }
}
