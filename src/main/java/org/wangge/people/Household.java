package org.wangge.people;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("A household (户) at an address in a leaf grid")
public class Household implements org.wangge.security.Visible, org.wangge.common.Node {

    static final String COLUMNS = "h.id, h.grid_id, h.address, h.building, h.unit, h.room, h.householder_id, "
            + "h.created_at, h.updated_at, h.version, g.path AS grid_path, h.county_code";
    static final String FROM = " FROM household h JOIN grid g ON g.id = h.grid_id";

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
    public String address;
    @Description("Building (楼栋), where urban")
    public String building;
    public String unit;
    public String room;
    @NonNull
    public OffsetDateTime createdAt;
    @NonNull
    public OffsetDateTime updatedAt;
    @NonNull
    public int version;

    @Ignore
    public long dbId;
    @Ignore
    public long gridId;
    @Ignore
    public Long householderId;
    @Ignore
    public String gridPath;
    /** The county whose partitions hold the household and its residents (V46). */
    @Ignore
    public String countyCode;

    /** Staff whose assignment reads residents over its grid (a building chief: of their building), and its own members. */
    @Override
    public boolean visibleTo(org.wangge.security.Caller caller) {
        return caller.isAdmin() || Long.valueOf(dbId).equals(caller.ownHousehold()) || caller.mayReadResidents(gridPath, building);
    }

    static Household from(Row row) {
        Household h = new Household();
        h.dbId = row.getLong("id");
        h.id = NodeType.HOUSEHOLD.id(h.dbId);
        h.gridId = row.getLong("grid_id");
        h.address = row.getString("address");
        h.building = row.getString("building");
        h.unit = row.getString("unit");
        h.room = row.getString("room");
        h.householderId = row.getLong("householder_id");
        h.createdAt = row.getOffsetDateTime("created_at");
        h.updatedAt = row.getOffsetDateTime("updated_at");
        h.version = row.getInteger("version");
        h.gridPath = row.getString("grid_path");
        h.countyCode = row.getString("county_code");
        return h;
    }
}
