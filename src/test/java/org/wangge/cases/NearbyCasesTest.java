package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.Keys;

/** "Is this already reported?" by place: open cases near a case's point, across grid borders, as the caller may see them. */
@QuarkusTest
class NearbyCasesTest {

    static final Doc CREATE_GRID = Doc.of("grid/CreateGrid");
    static final String REPORT = "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id grid { id } } }";
    static final String NEAR = "query($id: ID!, $r: Int) { case(id: $id) { similarOpenCases { id } "
            + "nearbyOpenCases(radiusMeters: $r) { distanceMeters case { id kind } } } }";

    private static String leaf(String parent, String name, double west, double east) {
        Map<String, Object> input = Fixtures.input(parent, Fixtures.code(name), name, "MICRO_GRID");
        input.put("boundary", "{\"type\":\"Polygon\",\"coordinates\":[[[" + west + ",30.0],[" + east + ",30.0],[" + east + ",30.2],["
                + west + ",30.2],[" + west + ",30.0]]]}");
        return As.admin().field(CREATE_GRID, "input", input).getString("id");
    }

    private static String report(Gql who, String kind, double lng, String expectedGrid) {
        JsonPath r = who.ok(REPORT, "i", Map.of("kind", kind, "title", "附近 " + lng, "location", Map.of("lat", 30.1, "lng", lng)));
        assertEquals(expectedGrid, r.getString("reportCase.grid.id"));
        return r.getString("reportCase.id");
    }

    @Test
    void openCasesNearAPointAreFoundAcrossGridBordersAsTheCallerMaySeeThem() {
        String town = Fixtures.grid(null, "near-town", "TOWNSHIP");
        String west = leaf(town, "near-west", 110.0, 110.1);
        String east = leaf(town, "near-east", 110.1, 110.2);
        Gql resident = As.resident();
        Gql neighbour = As.resident();
        // a degree of longitude at 30° north is about 96.4 km: 0.0001° is about 9.6 m
        String a = report(resident, "ENVIRONMENT", 110.0999, west);
        String b = report(resident, "ENVIRONMENT", 110.1002, east); // ~29 m east, across the border
        String c = report(resident, "ENVIRONMENT", 110.1010, east); // ~106 m
        String d = report(resident, "LIVELIHOOD", 110.0997, west); // ~19 m, another kind
        String e = report(neighbour, "ENVIRONMENT", 110.0998, west); // ~10 m, someone else's

        JsonPath admin = Gql.admin().ok(NEAR, "id", a);
        assertEquals(List.of(e, b), sorted(admin.getList("case.similarOpenCases.id")), "same kind: the same grid or within 50 m");
        assertEquals(List.of(e, d, b), admin.getList("case.nearbyOpenCases.case.id"), "any kind within 50 m, nearest first");
        List<Float> distances = admin.getList("case.nearbyOpenCases.distanceMeters");
        assertTrue(distances.get(0) > 5 && distances.get(0) < 15, distances.toString());
        assertTrue(distances.get(2) > 24 && distances.get(2) < 34, distances.toString());
        assertEquals(List.of(e, d, b, c), Gql.admin().ok(NEAR, "id", a, "r", 200).getList("case.nearbyOpenCases.case.id"));

        // the reporter sees their own cases near it, not the neighbour's
        JsonPath mine = resident.ok(NEAR, "id", a);
        assertEquals(List.of(d, b), mine.getList("case.nearbyOpenCases.case.id"));
        assertEquals(List.of(b), mine.getList("case.similarOpenCases.id"));
        assertEquals("VALIDATION", Gql.admin().errorCode(NEAR, "id", a, "r", 5000));
    }

    private static List<String> sorted(List<String> ids) {
        return ids.stream().sorted((x, y) -> Long.compare(Keys.of(y), Keys.of(x))).toList();
    }
}
