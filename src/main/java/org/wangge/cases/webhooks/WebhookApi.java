package org.wangge.cases.webhooks;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;
import org.wangge.security.Roles;
import org.wangge.common.NodeType;

/** Webhook endpoints, kept by admins and by each department's admins for their department. */
@GraphQLApi
public class WebhookApi {

    private final WebhookReader reader;
    private final WebhookService service;
    private final CurrentCaller currentCaller;

    public WebhookApi(WebhookReader reader, WebhookService service, CurrentCaller currentCaller) {
        this.reader = reader;
        this.service = service;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("Webhook endpoints of a department (admins: of all when none is given)")
    public Uni<@NonNull List<@NonNull WebhookEndpoint>> webhookEndpoints(@Id String departmentId) {
        Caller caller = currentCaller.get();
        Long department = departmentId == null ? null : NodeType.DEPARTMENT.key("departmentId", departmentId);
        if (department == null && !caller.isAdmin()) {
            if (!caller.hasRole(Roles.DEPARTMENT_ADMIN) || caller.departments().size() != 1) {
                throw ApiException.forbidden("Only admins list every department's endpoints; give your department");
            }
            department = caller.departments().iterator().next();
        }
        if (!WebhookEndpoint.managedBy(caller, department)) {
            throw ApiException.forbidden("Only the department's admins keep its endpoints");
        }
        return reader.list(department);
    }

    @Query
    @Description("What was sent to an endpoint, newest first: status, attempts, the last error")
    public Uni<@NonNull List<@NonNull WebhookDelivery>> webhookDeliveries(@NonNull @Id String endpointId, @DefaultValue("50") int first) {
        Caller caller = currentCaller.get();
        long id = NodeType.WEBHOOK_ENDPOINT.key("endpointId", endpointId);
        if (first < 1 || first > 500) {
            throw ApiException.validation("first", "first must be 1 to 500");
        }
        return kept(caller, id, "endpointId").chain(endpoint -> reader.deliveries(id, first));
    }

    @Mutation
    @Description("Adds an endpoint; it receives the updates from now on that its department (or, without one, the reporting residents) "
            + "may read and that match the filter, each POSTed and signed (README, Webhooks)")
    public Uni<@NonNull WebhookEndpoint> registerWebhook(@NonNull WebhookInput input) {
        Caller caller = currentCaller.get();
        Long department = input.departmentId == null ? null : NodeType.DEPARTMENT.key("departmentId", input.departmentId);
        if (department == null ? !caller.isAdmin() : !WebhookEndpoint.managedBy(caller, department)) {
            throw ApiException.forbidden(department == null ? "Only an admin adds the residents' endpoint"
                    : "Only the department's admins add its endpoints").with("field", "departmentId");
        }
        return service.register(caller, input).chain(reader::byId);
    }

    @Mutation
    @Description("Starts a paused endpoint again: it receives everything after its last delivered update, in order")
    public Uni<@NonNull WebhookEndpoint> resumeWebhook(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        long endpoint = NodeType.WEBHOOK_ENDPOINT.key("id", id);
        return kept(caller, endpoint, "id").chain(found -> service.resume(endpoint)).chain(() -> reader.byId(endpoint));
    }

    @Mutation
    @Description("Removes an endpoint and its delivery record; answers its id")
    @Id
    public Uni<@NonNull String> removeWebhook(@NonNull @Id String id) {
        Caller caller = currentCaller.get();
        long endpoint = NodeType.WEBHOOK_ENDPOINT.key("id", id);
        return kept(caller, endpoint, "id").chain(found -> service.remove(endpoint)).replaceWith(id);
    }

    /** The endpoint, if the caller keeps it; one they do not is NOT_FOUND, as one that does not exist. */
    private Uni<WebhookEndpoint> kept(Caller caller, long id, String field) {
        return reader.byId(id).map(found -> {
            if (found == null || !found.visibleTo(caller)) {
                throw ApiException.notFound("WebhookEndpoint", id).with("field", field);
            }
            return found;
        });
    }
}
