package org.wangge.cases;

import io.vertx.mutiny.sqlclient.Row;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("A partner department (派出所, 法院, 卫健, 民政…) that cases are dispatched to (街乡吹哨、部门报到)")
public class Department implements org.wangge.common.Node {
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

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    static Department from(Row row) {
        Department d = new Department();
        d.dbId = row.getLong("id");
        d.id = NodeType.DEPARTMENT.id(d.dbId);
        d.code = row.getString("code");
        d.name = row.getString("name");
        d.kind = row.getString("kind");
        d.active = row.getBoolean("active");
        return d;
    }
}
