package org.wangge.cases;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.nodes.NodeLoader;
import org.wangge.security.Caller;
import org.wangge.cases.attachments.AttachmentReader;
import org.wangge.cases.webhooks.WebhookReader;

/** Cases, their timelines and attachments (seen with their case), departments and webhook endpoints by global id. */
@ApplicationScoped
public class CaseNodes implements NodeLoader {

    private final CaseReader cases;
    private final AttachmentReader attachments;
    private final WebhookReader webhooks;

    public CaseNodes(CaseReader cases, AttachmentReader attachments, WebhookReader webhooks) {
        this.cases = cases;
        this.attachments = attachments;
        this.webhooks = webhooks;
    }

    @Override
    public Set<NodeType> types() {
        return EnumSet.of(NodeType.CASE_FILE, NodeType.CASE_EVENT, NodeType.ATTACHMENT, NodeType.DEPARTMENT, NodeType.WEBHOOK_ENDPOINT);
    }

    @Override
    public Uni<? extends Node> load(Caller caller, NodeType type, Key key) {
        return switch (type) {
            case CASE_FILE -> cases.byId(caller, key.number());
            case CASE_EVENT -> cases.event(key.number()).chain(e -> e == null ? Uni.createFrom().nullItem() : withCase(caller, e.caseId, e));
            case ATTACHMENT -> key.uuid() == null ? Uni.createFrom().nullItem()
                    : attachments.byId(key.uuid()).chain(a -> a == null ? Uni.createFrom().nullItem()
                            // with its case; a finding's photo also as the finding: those who read the residents where the unit lies
                            : (a.caseId != null ? withCase(caller, a.caseId, a) : Uni.createFrom().<org.wangge.cases.attachments.Attachment>nullItem())
                                    .map(seen -> seen != null || a.findingGridPath != null
                                            && caller.may(org.wangge.security.Capability.RESIDENTS_READ, a.findingGridPath) ? a : null));
            case DEPARTMENT -> cases.departmentsById(Set.of(key.number())).map(found -> found.get(key.number()));
            case WEBHOOK_ENDPOINT -> webhooks.byId(key.number());
            default -> throw new IllegalArgumentException(type.name());
        };
    }

    /** {@code part} when its case is the caller's to see. */
    private <T extends Node> Uni<T> withCase(Caller caller, long caseId, T part) {
        return cases.byId(caller, caseId).map(c -> c == null ? null : part);
    }
}
