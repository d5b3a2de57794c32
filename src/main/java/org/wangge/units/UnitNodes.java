package org.wangge.units;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.nodes.NodeLoader;
import org.wangge.security.Caller;

/** Units, their inspections and findings by global id (each with the unit's rule). */
@ApplicationScoped
public class UnitNodes implements NodeLoader {

    private final UnitReader units;
    private final InspectionReader inspections;

    public UnitNodes(UnitReader units, InspectionReader inspections) {
        this.units = units;
        this.inspections = inspections;
    }

    @Override
    public Set<NodeType> types() {
        return EnumSet.of(NodeType.UNIT, NodeType.INSPECTION, NodeType.INSPECTION_FINDING);
    }

    @Override
    public Uni<? extends Node> load(Caller caller, NodeType type, Key key) {
        return switch (type) {
            case UNIT -> units.byId(key.number());
            case INSPECTION -> inspections.inspection(key.number());
            default -> inspections.finding(key.number());
        };
    }
}
