package org.wangge.grid;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.wangge.common.ApiException;

/** Checks a grid boundary: a GeoJSON Polygon or MultiPolygon with closed WGS-84 rings. */
final class GeoJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeoJson() {
    }

    /** The boundary, normalised to compact JSON, or a VALIDATION error on {@code field}. */
    static String boundary(String field, String text) {
        JsonNode geometry;
        try {
            geometry = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw ApiException.validation(field, "boundary is not valid JSON");
        }
        if (geometry == null || !geometry.isObject()) {
            throw ApiException.validation(field, "boundary must be a GeoJSON geometry object");
        }
        String type = geometry.path("type").asText();
        JsonNode coordinates = geometry.path("coordinates");
        switch (type) {
            case "Polygon" -> polygon(field, coordinates);
            case "MultiPolygon" -> {
                if (!coordinates.isArray() || coordinates.isEmpty()) {
                    throw ApiException.validation(field, "MultiPolygon needs at least one polygon");
                }
                coordinates.forEach(p -> polygon(field, p));
            }
            default -> throw ApiException.validation(field, "boundary must be a GeoJSON Polygon or MultiPolygon");
        }
        return geometry.toString();
    }

    /** The bounding box of a checked boundary: min lat, max lat, min lng, max lng. */
    static double[] bbox(String boundary) {
        double[] box = {90, -90, 180, -180};
        try {
            positions(JSON.readTree(boundary).path("coordinates"), box);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return box;
    }

    private static void positions(JsonNode node, double[] box) {
        if (node.isArray() && node.size() >= 2 && node.get(0).isNumber()) {
            double lng = node.get(0).asDouble();
            double lat = node.get(1).asDouble();
            box[0] = Math.min(box[0], lat);
            box[1] = Math.max(box[1], lat);
            box[2] = Math.min(box[2], lng);
            box[3] = Math.max(box[3], lng);
        } else if (node.isArray()) {
            node.forEach(child -> positions(child, box));
        }
    }

    /** The boundary as a JTS geometry, for point-in-polygon tests. */
    static org.locationtech.jts.geom.Geometry geometry(String boundary, org.locationtech.jts.geom.GeometryFactory factory) {
        try {
            JsonNode g = JSON.readTree(boundary);
            JsonNode coordinates = g.path("coordinates");
            if ("Polygon".equals(g.path("type").asText())) {
                return polygonOf(coordinates, factory);
            }
            org.locationtech.jts.geom.Polygon[] parts = new org.locationtech.jts.geom.Polygon[coordinates.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = polygonOf(coordinates.get(i), factory);
            }
            return factory.createMultiPolygon(parts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static org.locationtech.jts.geom.Polygon polygonOf(JsonNode rings, org.locationtech.jts.geom.GeometryFactory factory) {
        org.locationtech.jts.geom.LinearRing shell = ring(rings.get(0), factory);
        org.locationtech.jts.geom.LinearRing[] holes = new org.locationtech.jts.geom.LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i), factory);
        }
        return factory.createPolygon(shell, holes);
    }

    private static org.locationtech.jts.geom.LinearRing ring(JsonNode positions, org.locationtech.jts.geom.GeometryFactory factory) {
        org.locationtech.jts.geom.Coordinate[] coords = new org.locationtech.jts.geom.Coordinate[positions.size()];
        for (int i = 0; i < coords.length; i++) {
            coords[i] = new org.locationtech.jts.geom.Coordinate(positions.get(i).get(0).asDouble(), positions.get(i).get(1).asDouble());
        }
        return factory.createLinearRing(coords);
    }

    private static void polygon(String field, JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw ApiException.validation(field, "a polygon needs at least one ring");
        }
        for (JsonNode ring : rings) {
            if (!ring.isArray() || ring.size() < 4) {
                throw ApiException.validation(field, "each ring needs at least 4 positions");
            }
            for (JsonNode position : ring) {
                if (!position.isArray() || position.size() < 2 || !position.get(0).isNumber() || !position.get(1).isNumber()) {
                    throw ApiException.validation(field, "each position must be [longitude, latitude]");
                }
                double lng = position.get(0).asDouble();
                double lat = position.get(1).asDouble();
                if (lng < -180 || lng > 180 || lat < -90 || lat > 90) {
                    throw ApiException.validation(field, "position out of range: [" + lng + ", " + lat + "]");
                }
            }
            JsonNode first = ring.get(0);
            JsonNode last = ring.get(ring.size() - 1);
            if (first.get(0).asDouble() != last.get(0).asDouble() || first.get(1).asDouble() != last.get(1).asDouble()) {
                throw ApiException.validation(field, "each ring must be closed (last position equals the first)");
            }
        }
    }
}
