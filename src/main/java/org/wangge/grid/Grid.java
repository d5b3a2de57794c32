package org.wangge.grid;

import io.vertx.mutiny.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.NonNull;
import org.wangge.common.NodeType;

@Description("A grid (网格): one node of the tree that covers the territory. Leaf grids own households.")
public class Grid implements org.wangge.common.Node {

    static final String COLUMNS = "g.id, g.code, g.name, g.kind, g.level, g.parent_id, g.path, g.layers, "
            + "g.boundary::text AS boundary, g.centre_lat, g.centre_lng, g.retired_at, g.created_at, g.updated_at, g.version, "
            // the county the whole subtree lies in (V48), or null
            + "CASE WHEN g.kind IN ('PROVINCE', 'CITY') OR EXISTS (SELECT 1 FROM grid x WHERE x.kind IN ('PROVINCE', 'CITY')"
            + " AND x.path > g.path AND x.path < left(g.path, -1) || '0') THEN NULL ELSE g.county_code END AS subtree_county";

    @Id
    @NonNull
    public String id;
    @NonNull
    @Description("Unique hierarchical code, e.g. 411321001002")
    public String code;
    @NonNull
    public String name;
    @NonNull
    public GridKind kind;
    @NonNull
    @Description("Depth in the tree; the top grid is level 1")
    public int level;
    @NonNull
    public List<@NonNull NetworkLayer> layers;
    @Description("Boundary as a GeoJSON Polygon or MultiPolygon geometry")
    public String boundary;
    public GeoPoint centre;
    @NonNull
    @Description("False once retired; a retired grid still resolves for the records that point at it")
    public boolean active;
    public OffsetDateTime retiredAt;
    @NonNull
    public OffsetDateTime createdAt;
    @NonNull
    public OffsetDateTime updatedAt;
    @NonNull
    @Description("Optimistic version: pass it back on update to detect concurrent changes")
    public int version;

    @Ignore
    public long dbId;

    @Override
    @Id
    @NonNull
    public String getId() {
        return id;
    }

    @Ignore
    public Long parentId;
    @Ignore
    public String path;
    /** The county every grid below lies in, or null when the subtree spans counties. */
    @Ignore
    public String subtreeCounty;

    /** This grid's subtree, as reads scope to it. */
    public Subtree subtree() {
        return new Subtree(path, subtreeCounty);
    }

    static Grid from(Row row) {
        Grid g = new Grid();
        g.dbId = row.getLong("id");
        g.id = NodeType.GRID.id(g.dbId);
        g.code = row.getString("code");
        g.name = row.getString("name");
        g.kind = GridKind.valueOf(row.getString("kind"));
        g.level = row.getInteger("level");
        g.parentId = row.getLong("parent_id");
        g.path = row.getString("path");
        g.subtreeCounty = row.getString("subtree_county");
        String[] layers = row.getArrayOfStrings("layers");
        g.layers = new ArrayList<>(layers.length);
        for (String layer : layers) {
            g.layers.add(NetworkLayer.valueOf(layer));
        }
        g.boundary = row.getString("boundary");
        Double lat = row.getDouble("centre_lat");
        g.centre = lat == null ? null : new GeoPoint(lat, row.getDouble("centre_lng"));
        g.retiredAt = row.getOffsetDateTime("retired_at");
        g.active = g.retiredAt == null;
        g.createdAt = row.getOffsetDateTime("created_at");
        g.updatedAt = row.getOffsetDateTime("updated_at");
        g.version = row.getInteger("version");
        return g;
    }

    /** Ids of the ancestors, root first, read off the materialized path. */
    List<Long> ancestorIds() {
        String[] parts = path.split("/");
        List<Long> ids = new ArrayList<>(parts.length);
        for (String part : parts) {
            if (!part.isEmpty()) {
                long id = Long.parseLong(part);
                if (id != dbId) {
                    ids.add(id);
                }
            }
        }
        return ids;
    }
}
