package org.wangge.cases;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Sql;
import org.wangge.security.Caller;
import org.wangge.security.CurrentCaller;

/** Partner departments and who works for them (admin keeps the list). */
@GraphQLApi
public class DepartmentApi {

    private final CaseReader cases;
    private final Sql sql;
    private final CurrentCaller currentCaller;
    private final org.wangge.security.Jurisdictions jurisdictions;

    public DepartmentApi(CaseReader cases, Sql sql, CurrentCaller currentCaller, org.wangge.security.Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
        this.cases = cases;
        this.sql = sql;
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
        requireAdmin(caller);
        return sql.one("INSERT INTO department (code, name, kind) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING id, code, name, kind, active",
                Tuple.of(Check.code("code", code), Check.text("name", name, 200), Check.text("kind", kind, 40)), Department::from)
                .map(d -> {
                    if (d == null) {
                        throw ApiException.conflict("A department with code " + code + " already exists").with("field", "code");
                    }
                    return d;
                });
    }

    @Mutation
    @Description("Make a person (OIDC subject, role department) a member of a department (admin)")
    public Uni<@NonNull Department> setDepartmentMember(@NonNull String subject, @NonNull String displayName, @NonNull @Id String departmentId) {
        Caller caller = currentCaller.get();
        requireAdmin(caller);
        long id = Check.id("departmentId", departmentId);
        return sql.query("""
                WITH acc AS (INSERT INTO account (subject, display_name) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING)
                INSERT INTO department_member (subject, department_id) SELECT $1, d.id FROM department d WHERE d.id = $3
                ON CONFLICT (subject) DO UPDATE SET department_id = EXCLUDED.department_id""",
                Tuple.of(Check.text("subject", subject, 255), Check.text("displayName", displayName, 200), id))
                // what the member may see changes: this instance forgets at once, others on the notification
                .invoke(jurisdictions::changed)
                .chain(done -> cases.departmentsById(List.of(id))).map(byId -> {
                    Department d = byId.get(id);
                    if (d == null) {
                        throw ApiException.notFound("Department", departmentId);
                    }
                    return d;
                });
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ApiException.forbidden("Only an admin keeps the department list");
        }
    }
}
