package org.wangge.open311;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.nodes.NodeLoader;
import org.wangge.security.Caller;

/** Open311 keys by global id (admins'). */
@ApplicationScoped
public class Open311Nodes implements NodeLoader {

    private final Open311KeyReader keys;

    public Open311Nodes(Open311KeyReader keys) {
        this.keys = keys;
    }

    @Override
    public Set<NodeType> types() {
        return EnumSet.of(NodeType.OPEN311_KEY);
    }

    @Override
    public Uni<? extends Node> load(Caller caller, NodeType type, Key key) {
        return keys.byId(key.number());
    }
}
