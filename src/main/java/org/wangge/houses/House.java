package org.wangge.houses;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.Visible;

@Description("An actual house (实有房屋) at a standard address: its use, owner and area; rented ones have tenancies")
public class House implements Node, Visible {

    static final String COLUMNS = "ho.id, ho.address_id, ho.use, ho.owner_person_id, ho.area, ho.created_at, ho.version, ho.grid_path";
    static final String FROM = " FROM house ho";
    static final org.wangge.grid.Subtrees.Listing LISTING = new org.wangge.grid.Subtrees.Listing(COLUMNS, FROM.substring(" FROM ".length()), "ho.grid_path", "ho.id");

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
    public HouseUse use;
    @Description("Floor area in square metres")
    public Double area;
    @NonNull
    public OffsetDateTime createdAt;
    @NonNull
    public int version;

    @Ignore
    public long dbId;
    @Ignore
    public long addressId;
    @Ignore
    public Long ownerId;
    @Ignore
    public String gridPath;

    /** As its address: those who read the residents of the grid it lies in. */
    @Override
    public boolean visibleTo(Caller caller) {
        return caller.may(Capability.RESIDENTS_READ, gridPath);
    }

    static House from(Row row) {
        House h = new House();
        h.dbId = row.getLong("id");
        h.id = NodeType.HOUSE.id(h.dbId);
        h.addressId = row.getLong("address_id");
        h.use = HouseUse.valueOf(row.getString("use"));
        h.ownerId = row.getLong("owner_person_id");
        Object area = row.getValue("area");
        h.area = area == null ? null : ((Number) area).doubleValue();
        h.createdAt = row.getOffsetDateTime("created_at");
        h.version = row.getInteger("version");
        h.gridPath = row.getString("grid_path");
        return h;
    }
}
