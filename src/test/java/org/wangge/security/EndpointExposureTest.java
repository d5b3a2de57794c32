package org.wangge.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;

/** What the main port gives without a token: neither metrics nor the schema. */
@QuarkusTest
class EndpointExposureTest {

    @ConfigProperty(name = "quarkus.management.test-port", defaultValue = "9001")
    int managementPort;

    @Test
    void metricsAreNotServedOnTheMainPort() {
        int anonymous = given().get("/q/metrics").statusCode();
        assertTrue(anonymous == 401 || anonymous == 404, "GET /q/metrics answered " + anonymous);
        int withToken = given().header("Authorization", "Bearer " + DevTokenResource.sign("admin", "admin", Set.of("admin")))
                .get("/q/metrics").statusCode();
        assertTrue(withToken == 401 || withToken == 404, "GET /q/metrics with a token answered " + withToken);
    }

    @Test
    void metricsAndHealthAreOnTheManagementInterface() {
        Gql.admin().ok("{ myGrids { id } }");
        String metrics = given().port(managementPort).get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("wangge_sql_statements_total"), "statement counter exported");
        String ready = given().port(managementPort).get("/q/health/ready").then().statusCode(200).extract().asString();
        assertTrue(ready.contains("\"UP\""), ready);
    }

    @Test
    void introspectionNeedsAToken() {
        for (String query : List.of("{ __schema { types { name } } }", "{ __type(name: \"Person\") { fields { name } } }",
                "query { a: __typename b: __schema { queryType { name } } }")) {
            Response anonymous = Gql.anonymous().post(query);
            assertNull(anonymous.jsonPath().get("data.__schema"), anonymous.asString());
            assertNull(anonymous.jsonPath().get("data.__type"), anonymous.asString());
            assertNull(anonymous.jsonPath().get("data.b"), anonymous.asString());
            assertFalse(anonymous.asString().contains("Person") && anonymous.asString().contains("fields"), anonymous.asString());
            assertFalse(anonymous.jsonPath().getList("errors").isEmpty(), anonymous.asString());
        }
        assertEquals("Query", Gql.as("someone", "resident").ok("{ __schema { queryType { name } } }").getString("__schema.queryType.name"));
    }

    @Test
    void theSchemaDocumentNeedsAToken() {
        given().get("/graphql/schema.graphql").then().statusCode(401);
        String sdl = given().header("Authorization", "Bearer " + DevTokenResource.sign("someone", "someone", Set.of("resident")))
                .get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        assertTrue(sdl.contains("type Query"), sdl.substring(0, Math.min(200, sdl.length())));
    }
}
