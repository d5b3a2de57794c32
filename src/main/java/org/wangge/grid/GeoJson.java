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
