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
        String message = response.jsonPath().getString("errors[0].message");
        assertTrue(message.contains("maximum query depth exceeded"), response.asString());
        assertEquals("ExecutionAborted", response.jsonPath().getString("errors[0].extensions.classification"));
        // within the limit, the same shape runs
        String fine = "{ grid(code: \"" + code + "\") { " + "parent { ".repeat(5) + "id" + " }".repeat(5) + " } }";
        Gql.admin().ok(fine);
    }

    @Test
    void aTooComplexQueryIsRefused() {
        String code = grid();
        StringBuilder wide = new StringBuilder("{ ");
        for (int i = 0; i < 120; i++) {
            wide.append("g").append(i).append(": grid(code: \"" + code + "\") { id code name level kind layers active version createdAt updatedAt code name level kind layers active version createdAt updatedAt } ");
        }
        Response response = Gql.admin().post(wide.append("}").toString());
        assertTrue(response.jsonPath().getString("errors[0].message").contains("maximum query complexity exceeded"), response.asString());
        assertEquals("ExecutionAborted", response.jsonPath().getString("errors[0].extensions.classification"));
    }

    @Test
    void errorsCarryNoInternals() {
        Response response = Gql.admin().post("{ grid(id: \"999999999\") { id } }");
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
