package org.wangge.points;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.nodes.NodeLoader;
import org.wangge.security.Caller;

/** Shops and their items (public), orders, awards and ledger entries (each with its own rule) by global id. */
@ApplicationScoped
public class PointsNodes implements NodeLoader {

    private final PointsReader points;

    public PointsNodes(PointsReader points) {
        this.points = points;
    }

    @Override
    public Set<NodeType> types() {
        return EnumSet.of(NodeType.SHOP, NodeType.SHOP_ITEM, NodeType.SHOP_ORDER, NodeType.AWARD, NodeType.POINTS_ENTRY);
    }

    @Override
    public Uni<? extends Node> load(Caller caller, NodeType type, Key key) {
        return switch (type) {
            case SHOP -> points.shop(key.number());
            case SHOP_ITEM -> points.item(key.number());
            case SHOP_ORDER -> points.order(key.number());
            case AWARD -> points.award(key.number());
            case POINTS_ENTRY -> points.entry(key.number());
            default -> throw new IllegalArgumentException(type.name());
        };
    }
}
