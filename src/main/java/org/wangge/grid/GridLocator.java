package org.wangge.grid;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.wangge.common.ApiException;
import org.wangge.common.Sql;

/**
 * Finds the leaf grid whose boundary contains a point: the bounding-box index narrows the
 * candidates in PostgreSQL, JTS decides (no PostGIS needed on the database).
 */
@ApplicationScoped
public class GridLocator {

    private final Sql sql;
    private final GeometryFactory factory = new GeometryFactory();

    public GridLocator(Sql sql) {
        this.sql = sql;
    }

    public Uni<Long> leafGridAt(double lat, double lng) {
        Point point = factory.createPoint(new Coordinate(lng, lat));
        return sql.list("""
                SELECT g.id, g.level, g.boundary::text AS boundary FROM grid g
                WHERE g.boundary IS NOT NULL AND g.retired_at IS NULL
                  AND g.bbox_min_lat <= $1 AND g.bbox_max_lat >= $1 AND g.bbox_min_lng <= $2 AND g.bbox_max_lng >= $2
                ORDER BY g.level DESC""", Tuple.of(lat, lng),
                row -> new Object[] {row.getLong("id"), row.getString("boundary")}).map(candidates -> {
                    // deepest first: the first grid that contains the point is the leaf-most one
                    for (Object[] c : candidates) {
                        if (GeoJson.geometry((String) c[1], factory).covers(point)) {
                            return (Long) c[0];
                        }
                    }
                    throw ApiException.validation("location", "No grid contains the point " + lat + ", " + lng);
                });
    }
}
