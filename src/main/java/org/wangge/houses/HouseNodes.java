package org.wangge.houses;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.nodes.NodeLoader;
import org.wangge.security.Caller;

/** Houses and tenancies by global id (their own rule: as their address). */
@ApplicationScoped
public class HouseNodes implements NodeLoader {

    private final HouseReader houses;

    public HouseNodes(HouseReader houses) {
        this.houses = houses;
    }

    @Override
    public Set<NodeType> types() {
        return EnumSet.of(NodeType.HOUSE, NodeType.TENANCY);
    }

    @Override
    public Uni<? extends Node> load(Caller caller, NodeType type, Key key) {
        return type == NodeType.HOUSE ? houses.byId(key.number()) : houses.tenancy(key.number());
    }
}
