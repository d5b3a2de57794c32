package org.wangge.cases;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Tx;
import org.wangge.security.Jurisdictions;

/** Changes to the partner departments and their members, each one statement in its transaction. */
@ApplicationScoped
public class DepartmentService {

    private final Jurisdictions jurisdictions;

    public DepartmentService(Jurisdictions jurisdictions) {
        this.jurisdictions = jurisdictions;
    }

    /** Adds a department; returns its id. */
    public Uni<Long> create(String code, String name, String kind) {
        String c = Check.code("code", code);
        String n = Check.text("name", name, 200);
        String k = Check.text("kind", kind, 40);
        return Tx.run(tx -> tx.one("INSERT INTO department (code, name, kind) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING id",
                Long.class, c, n, k)).map(id -> {
                    if (id == null) {
                        throw ApiException.conflict("A department with code " + code + " already exists").with("field", "code");
                    }
                    return id;
                });
    }

    /** Makes the subject a member of the department (of that one only); the account is made when new. */
    public Uni<Void> setMember(String subject, String displayName, long departmentId) {
        String s = Check.text("subject", subject, 255);
        String name = Check.text("displayName", displayName, 200);
        return Tx.run(tx -> tx.update("""
                WITH acc AS (INSERT INTO account (subject, display_name) VALUES ($1, $2) ON CONFLICT (subject) DO NOTHING)
                INSERT INTO department_member (subject, department_id) SELECT $1, d.id FROM department d WHERE d.id = $3
                ON CONFLICT (subject) DO UPDATE SET department_id = EXCLUDED.department_id""", s, name, departmentId))
                // what the member may see changes: this instance forgets at once, others on the notification
                .invoke(jurisdictions::changed)
                .replaceWithVoid();
    }
}
