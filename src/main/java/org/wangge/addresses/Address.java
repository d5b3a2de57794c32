package org.wangge.addresses;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.Node;
import org.wangge.common.NodeType;
import org.wangge.grid.GeoPoint;
import org.wangge.security.Caller;
import org.wangge.security.Capability;
import org.wangge.security.Visible;

@Description("A standard address (标准地址): a place, building, unit or room, in the grid it lies in")
public class Address implements Node, Visible {

    static final String COLUMNS = "a.id, a.code, a.kind, a.name, a.parent_id, a.grid_id, a.lat, a.lng, a.created_at, a.version, a.grid_path";
    static final String FROM = " FROM address a";
    static final org.wangge.grid.Subtrees.Listing LISTING = new org.wangge.grid.Subtrees.Listing(COLUMNS, FROM.substring(" FROM ".length()), "a.grid_path", "a.id");

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
    @Description("Unique; it begins with the county's six-digit code")
    public String code;
    @NonNull
    public AddressKind kind;
    @NonNull
    @Description("This level's own name: 幸福小区, 3栋, 2单元, 502")
    public String name;
    public GeoPoint location;
    @NonNull
    public OffsetDateTime createdAt;
    @NonNull
    public int version;

    @Ignore
    public long dbId;
    @Ignore
    public Long parentId;
    @Ignore
    public long gridId;
    @Ignore
    public String gridPath;

    /** Those who read the residents of the grid it lies in: an address names where people live. */
    @Override
    public boolean visibleTo(Caller caller) {
        return caller.may(Capability.RESIDENTS_READ, gridPath);
    }

    static Address from(Row row) {
        Address a = new Address();
        a.dbId = row.getLong("id");
        a.id = NodeType.ADDRESS.id(a.dbId);
        a.code = row.getString("code");
        a.kind = AddressKind.valueOf(row.getString("kind"));
        a.name = row.getString("name");
        a.parentId = row.getLong("parent_id");
        a.gridId = row.getLong("grid_id");
        Double lat = row.getDouble("lat");
        a.location = lat == null ? null : new GeoPoint(lat, row.getDouble("lng"));
        a.createdAt = row.getOffsetDateTime("created_at");
        a.version = row.getInteger("version");
        a.gridPath = row.getString("grid_path");
        return a;
    }
}
