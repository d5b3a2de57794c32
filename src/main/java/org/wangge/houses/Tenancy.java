package org.wangge.houses;

import io.vertx.mutiny.sqlclient.Row;
import java.time.LocalDate;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.Visible;

@Description("A household or a resident living in a house (租住) over a period")
public class Tenancy implements Node, Visible {

    static final String COLUMNS = "t.id, t.house_id, t.household_id, t.person_id, t.start_date, t.end_date, th.grid_path";
    static final String FROM = " FROM tenancy t JOIN house th ON th.id = t.house_id";

    @Id
    @NonNull
    public String id;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @NonNull
    public LocalDate startDate;
    @Description("Null while they live there")
    public LocalDate endDate;

    @Ignore
    public long dbId;
    @Ignore
    public long houseId;
    @Ignore
    public Long householdId;
    @Ignore
    public Long personId;
    @Ignore
    public String gridPath;

    /** As the house. */
    @Override
    public boolean visibleTo(Caller caller) {
        return caller.may(Capability.RESIDENTS_READ, gridPath);
    }

    static Tenancy from(Row row) {
        Tenancy t = new Tenancy();
        t.dbId = row.getLong("id");
        t.id = NodeType.TENANCY.id(t.dbId);
        t.houseId = row.getLong("house_id");
        t.householdId = row.getLong("household_id");
        t.personId = row.getLong("person_id");
        t.startDate = row.getLocalDate("start_date");
        t.endDate = row.getLocalDate("end_date");
        t.gridPath = row.getString("grid_path");
        return t;
    }
}
