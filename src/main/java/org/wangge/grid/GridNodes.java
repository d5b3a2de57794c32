package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.nodes.NodeLoader;
import org.wangge.security.Caller;

/** Grids (within the caller's jurisdiction, as {@code grid(id:)}) and staff assignments by global id. */
@ApplicationScoped
public class GridNodes implements NodeLoader {

    private final GridReader grids;
    private final StaffReader staff;

    public GridNodes(GridReader grids, StaffReader staff) {
        this.grids = grids;
        this.staff = staff;
    }

    @Override
    public Set<NodeType> types() {
        return EnumSet.of(NodeType.GRID, NodeType.STAFF_ASSIGNMENT);
    }

    @Override
    public Uni<? extends Node> load(Caller caller, NodeType type, Key key) {
        return switch (type) {
            case GRID -> grids.byId(key.number()).map(g -> g != null && caller.covers(g.path) ? g : null);
            case STAFF_ASSIGNMENT -> staff.byId(key.number());
            default -> throw new IllegalArgumentException(type.name());
        };
    }
}
