package org.wangge.cases;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A partner department (派出所, 法院, 卫健, 民政…) that cases are dispatched to (街乡吹哨、部门报到)")
public class Department {
    @Id
    @NonNull
    public String id;
    @NonNull
    public String code;
    @NonNull
    public String name;
    @NonNull
    public String kind;
    @NonNull
    public boolean active;
    @Ignore
    public long dbId;

    static Department from(Row row) {
        Department d = new Department();
        d.dbId = row.getLong("id");
        d.id = Long.toString(d.dbId);
        d.code = row.getString("code");
        d.name = row.getString("name");
        d.kind = row.getString("kind");
        d.active = row.getBoolean("active");
        return d;
    }
}
