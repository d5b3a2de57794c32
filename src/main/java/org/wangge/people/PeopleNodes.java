package org.wangge.people;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.nodes.NodeLoader;
import org.wangge.security.Caller;
import org.wangge.people.roster.ImportReader;

/** Households, residents, visits, care cases, the personal-data audit log and import jobs by global id (each with its own rule). */
@ApplicationScoped
public class PeopleNodes implements NodeLoader {

    private final PeopleReader people;
    private final ImportReader imports;

    public PeopleNodes(PeopleReader people, ImportReader imports) {
        this.people = people;
        this.imports = imports;
    }

    @Override
    public Set<NodeType> types() {
        return EnumSet.of(NodeType.HOUSEHOLD, NodeType.PERSON, NodeType.VISIT, NodeType.CARE_CASE, NodeType.PERSONAL_DATA_READ,
                NodeType.IMPORT_JOB);
    }

    @Override
    public Uni<? extends Node> load(Caller caller, NodeType type, Key key) {
        return switch (type) {
            case HOUSEHOLD -> people.household(key.number());
            case PERSON -> people.person(key.number());
            case VISIT -> people.visit(key.number());
            case CARE_CASE -> people.careCase(key.number());
            case PERSONAL_DATA_READ -> people.personalDataRead(key.number());
            case IMPORT_JOB -> key.uuid() == null ? Uni.createFrom().nullItem() : imports.job(key.uuid());
            default -> throw new IllegalArgumentException(type.name());
        };
    }
}
