package org.wangge.cases;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Sql;
import org.wangge.security.Jurisdictions;

/** Changes to the partner departments and their members, each one statement. */
@ApplicationScoped
public class DepartmentService {

    private final Sql sql;
    private final Jurisdictions jurisdictions;

    public DepartmentService(Sql sql, Jurisdictions jurisdictions) {
        this.sql = sql;
        this.jurisdictions = jurisdictions;
    }

    public Uni<Department> create(String code, String name, String kind) {
        return sql.one("INSERT INTO department (code, name, kind) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING id, code, name, kind, active",
                Tuple.of(Check.code("code", code), Check.text("name", name, 200), Check.text("kind", kind, 40)), Department::from)
                .map(d -> {
                    if (d == null) {
                        throw ApiException.conflict("A department with code " + code + " already exists").with("field", "code");
                    }
                    return d;
                });
    }

    /** Makes the subject a member of the department (of that one only); the account is made when new. */
    public Uni<Void> setMember(String subject, String displayName, long departmentId) {
        return sql.query("""
                WITH acc AS (INSERT INTO account (subject, display_name) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING)
                INSERT INTO department_member (subject, department_id) SELECT $1, d.id FROM department d WHERE d.id = $3
                ON CONFLICT (subject) DO UPDATE SET department_id = EXCLUDED.department_id""",
                Tuple.of(Check.text("subject", subject, 255), Check.text("displayName", displayName, 200), departmentId))
                // what the member may see changes: this instance forgets at once, others on the notification
                .invoke(jurisdictions::changed)
                .replaceWithVoid();
    }
}
