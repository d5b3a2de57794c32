package org.wangge.addresses;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.nodes.NodeLoader;
import org.wangge.security.Caller;

/** Addresses by global id (their own rule: staff over their grid). */
@ApplicationScoped
public class AddressNodes implements NodeLoader {

    private final AddressReader addresses;

    public AddressNodes(AddressReader addresses) {
        this.addresses = addresses;
    }

    @Override
    public Set<NodeType> types() {
        return EnumSet.of(NodeType.ADDRESS);
    }

    @Override
    public Uni<? extends Node> load(Caller caller, NodeType type, Key key) {
        return addresses.byId(key.number());
    }
}
