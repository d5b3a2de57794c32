package org.wangge.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.Keys;

/** Limits on documents built to exceed them (not client documents): they run against a grid of their own. */
@QuarkusTest
class LimitsAndErrorsTest {

    @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.management.test-port", defaultValue = "9001")
    int managementPort;

    /** A top-level grid's code. */
    private static String grid() {
        String code = Fixtures.code("limits");
        Fixtures.grid(null, code, "限额", "COUNTY");
        return code;
    }

    @Test
    void aTooDeepQueryIsRefusedWithAClearError() {
        String code = grid();
        String deep = "{ grid(code: \"" + code + "\") { " + "parent { ".repeat(14) + "id" + " }".repeat(14) + " } }";
        Response response = Gql.admin().post(deep);
        assertEquals("DEPTH_LIMIT", response.jsonPath().getString("errors[0].extensions.code"), response.asString());
        assertEquals(16, response.jsonPath().getInt("errors[0].extensions.depth"), response.asString());
        assertEquals(12, response.jsonPath().getInt("errors[0].extensions.limit"), response.asString());
        assertTrue(response.jsonPath().getString("errors[0].message").contains("maximum query depth exceeded"), response.asString());
        assertTrue(response.jsonPath().get("data") == null, "nothing ran: " + response.asString());
        // within the limit, the same shape runs; depth 12 exactly is allowed
        String fine = "{ grid(code: \"" + code + "\") { " + "parent { ".repeat(10) + "id" + " }".repeat(10) + " } }";
        Gql.admin().ok(fine);
    }

    /** Fragments count where they are spread, nested inside one another; a skipped selection counts nothing. */
    @Test
    void depthCountsThroughFragmentsAndSkippedSelectionsDoNot() {
        String code = grid();
        String fragments = "fragment A on Grid { parent { parent { parent { ...B } } } } "
                + "fragment B on Grid { parent { parent { parent { ... on Grid { parent { parent { id } } } } } } } ";
        // B is 6 deep (the inline fragment adds nothing), A 3 + 6 = 9; grid + deep + parent + parent + A = 13
        String deep = "query Deep($skip: Boolean!) { grid(code: \"" + code + "\") { id "
                + "deep: parent @skip(if: $skip) { parent { parent { ...A } } } } } " + fragments;
        Response refused = Gql.admin().post(deep, "skip", false);
        assertEquals("DEPTH_LIMIT", refused.jsonPath().getString("errors[0].extensions.code"), refused.asString());
        assertEquals(13, refused.jsonPath().getInt("errors[0].extensions.depth"), refused.asString());
        Response skipped = Gql.admin().post(deep, "skip", true);
        assertTrue(skipped.jsonPath().get("errors") == null, skipped.asString());
        assertTrue(skipped.jsonPath().getString("data.grid.id") != null, skipped.asString());
    }

    @Test
    void aTooComplexQueryIsRefused() {
        String code = grid();
        StringBuilder wide = new StringBuilder("{ ");
        for (int i = 0; i < 120; i++) {
            wide.append("g").append(i).append(": grid(code: \"" + code + "\") { id code name level kind layers active version createdAt updatedAt code name level kind layers active version createdAt updatedAt } ");
        }
        Response response = Gql.admin().post(wide.append("}").toString());
        assertEquals("COMPLEXITY_LIMIT", response.jsonPath().getString("errors[0].extensions.code"), response.asString());
        assertEquals(120 * 20, response.jsonPath().getInt("errors[0].extensions.fields"), response.asString());
        assertTrue(response.jsonPath().getString("errors[0].message").contains("maximum query complexity exceeded"), response.asString());
        // the same fields inside a fragment spread at every alias count the same
        StringBuilder spread = new StringBuilder("{ ");
        for (int i = 0; i < 120; i++) {
            spread.append("g").append(i).append(": grid(code: \"" + code + "\") { ...F } ");
        }
        spread.append("} fragment F on Grid { id code name level kind layers active version createdAt updatedAt code name level kind layers active version createdAt updatedAt }");
        Response viaFragment = Gql.admin().post(spread.toString());
        assertEquals("COMPLEXITY_LIMIT", viaFragment.jsonPath().getString("errors[0].extensions.code"), viaFragment.asString());
        assertEquals(120 * 20, viaFragment.jsonPath().getInt("errors[0].extensions.fields"), viaFragment.asString());
    }

    @Test
    void errorsCarryNoInternals() {
        Response response = Gql.admin().post("{ grid(id: \"" + Keys.id("Grid", 999999999) + "\") { id } }");
        assertEquals("NOT_FOUND", response.jsonPath().getString("errors[0].extensions.code"));
        String body = response.asString();
        for (String internal : new String[] {"java.", "org.wangge", "org.hibernate", "io.vertx", "Exception:"}) {
            assertFalse(body.contains(internal), body);
        }
        Response syntax = Gql.admin().post("{ grid(id: ");
        assertTrue(syntax.jsonPath().getString("errors[0].message").toLowerCase().contains("unparseable"), syntax.asString());
        assertFalse(syntax.asString().contains("java."), syntax.asString());
    }

    @Test
    void healthChecksTheDatabaseAndMetricsAreExposedOnTheManagementInterface() {
        String ready = given().port(managementPort).get("/q/health/ready").then().statusCode(200).extract().asString();
        assertTrue(ready.contains("\"UP\"") && ready.toLowerCase().contains("postgresql"), ready);
        Gql.admin().ok("{ myGrids { id } }");
        String metrics = given().port(managementPort).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("wangge_sql_statements_total"), "statement counter exported");
        assertTrue(metrics.contains("http_server_requests"), "HTTP metrics exported");
    }
}
