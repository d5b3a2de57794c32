package org.wangge;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wangge.security.DevTokenResource;

/** Sends GraphQL over HTTP as a given caller, with a token signed like the real provider's. */
public final class Gql {

    private final String token;

    private Gql(String token) {
        this.token = token;
    }

    public static Gql as(String subject, String... roles) {
        return new Gql(DevTokenResource.sign(subject, subject, Set.of(roles)));
    }

    public static Gql admin() {
        return as("test-admin", "admin");
    }

    public static Gql anonymous() {
        return new Gql(null);
    }

    public static Gql withToken(String token) {
        return new Gql(token);
    }

    public Response post(String query, Object... vars) {
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < vars.length; i += 2) {
            variables.put((String) vars[i], vars[i + 1]);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables);
        return post(body);
    }

    /** A document of several operations, one of them chosen by name. */
    public Response postNamed(String query, String operationName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("operationName", operationName);
        return post(body);
    }

    private Response post(Map<String, Object> body) {
        RequestSpecification spec = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        return spec.when().post("/graphql");
    }

    /** Data of a query that must succeed; fails the test with the errors otherwise. */
    public JsonPath ok(String query, Object... vars) {
        Response response = post(query, vars);
        response.then().statusCode(200);
        JsonPath json = response.jsonPath();
        List<?> errors = json.getList("errors");
        if (errors != null && !errors.isEmpty()) {
            throw new AssertionError("GraphQL errors: " + response.asString());
        }
        return json.setRootPath("data");
    }

    /** The extensions.code of the first error of a query that must fail. */
    public String errorCode(String query, Object... vars) {
        Response response = post(query, vars);
        JsonPath json = response.jsonPath();
        List<?> errors = json.getList("errors");
        if (errors == null || errors.isEmpty()) {
            throw new AssertionError("Expected an error, got " + response.asString());
        }
        return json.getString("errors[0].extensions.code");
    }
}
