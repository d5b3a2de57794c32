package org.wangge.cases;

import io.smallrye.mutiny.Uni;
import java.util.List;
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
import org.wangge.common.NodeType;

/** Partner departments and who works for them (admin keeps the list). */
@GraphQLApi
public class DepartmentApi {

    private final CaseReader cases;
    private final DepartmentService service;
    private final CurrentCaller currentCaller;

    public DepartmentApi(CaseReader cases, DepartmentService service, CurrentCaller currentCaller) {
        this.cases = cases;
        this.service = service;
        this.currentCaller = currentCaller;
    }

    @Query
    @Description("Partner departments cases can be dispatched to")
    public Uni<@NonNull List<@NonNull Department>> departments() {
        currentCaller.get();
        return cases.departments();
    }

    @Mutation
    @Description("Add a partner department (admin)")
    public Uni<@NonNull Department> createDepartment(@NonNull String code, @NonNull String name, @NonNull String kind) {
        Caller caller = currentCaller.get();
        caller.requireAdmin("keeps the department list");
        return service.create(code, name, kind).chain(id -> cases.departmentsById(List.of(id))).map(byId -> byId.values().iterator().next());
    }

    @Mutation
    @Description("Make a person (OIDC subject, role department) a member of a department (admin)")
    public Uni<@NonNull Department> setDepartmentMember(@NonNull String subject, @NonNull String displayName, @NonNull @Id String departmentId) {
        Caller caller = currentCaller.get();
        caller.requireAdmin("keeps the department list");
        long id = NodeType.DEPARTMENT.key("departmentId", departmentId);
        return service.setMember(subject, displayName, id)
                .chain(done -> cases.departmentsById(List.of(id))).map(byId -> {
                    Department d = byId.get(id);
                    if (d == null) {
                        throw ApiException.notFound("Department", departmentId);
                    }
                    return d;
                });
    }
}
