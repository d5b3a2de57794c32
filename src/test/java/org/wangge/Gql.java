package org.wangge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wangge.security.DevTokenResource;

/**
 * Sends GraphQL over HTTP as a given caller, with a token signed like the real provider's. Documents
 * are files ({@link Doc}); callers with real reach come from {@link As}.
 */
public final class Gql {

    private final String subject;
    private final String token;
    private final Map<String, String> headers;

    private Gql(String subject, String token, Map<String, String> headers) {
        this.subject = subject;
        this.token = token;
        this.headers = headers;
    }

    public static Gql as(String subject, String... roles) {
        return new Gql(subject, DevTokenResource.sign(subject, subject, Set.of(roles)), Map.of());
    }

    public static Gql admin() {
        return as("test-admin", "admin");
    }

    public static Gql anonymous() {
        return new Gql(null, null, Map.of());
    }

    public static Gql withToken(String token) {
        return new Gql(null, token, Map.of());
    }

    /** The caller's OIDC subject (null for anonymous callers and bare tokens). */
    public String subject() {
        return subject;
    }

    /** The caller's token, for sockets and uploads. */
    public String token() {
        return token;
    }

    /** The same caller sending one more header with every request. */
    public Gql withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new Gql(subject, token, Map.copyOf(more));
    }

    // ---- documents ----

    /** Sends a document with variables given as name, value pairs. */
    public Response post(Doc doc, Object... vars) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", doc.text());
        body.put("operationName", doc.operation());
        body.put("variables", variables(vars));
        return post(body);
    }

    /** Data of a document that must succeed; fails the test with the errors otherwise. */
    public JsonPath ok(Doc doc, Object... vars) {
        return data(post(doc, vars), doc.name());
    }

    /** The document's root field of an answer that must succeed, e.g. {@code createGrid} of {@code grid/CreateGrid}. */
    public JsonPath field(Doc doc, Object... vars) {
        return ok(doc, vars).setRootPath("data." + doc.rootField());
    }

    /** The first error of a document that must fail, rooted at the error ({@code extensions.code}, {@code message}). */
    public JsonPath error(Doc doc, Object... vars) {
        return firstError(post(doc, vars), doc.name());
    }

    /** The extensions.code of the first error of a document that must fail. */
    public String errorCode(Doc doc, Object... vars) {
        return error(doc, vars).getString("extensions.code");
    }

    /**
     * The answer of a document that must succeed, for Hamcrest assertions on paths under {@code data}:
     * {@code as.then(doc, "id", id).body("grid.level", is(6))}.
     */
    public ValidatableResponse then(Doc doc, Object... vars) {
        return post(doc, vars).then().statusCode(200).body("errors", anyOf(nullValue(), empty())).rootPath("data");
    }

    // ---- inline queries ----

    public Response post(String query, Object... vars) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("variables", variables(vars));
        return post(body);
    }

    /** A document of several operations, one of them chosen by name. */
    public Response postNamed(String query, String operationName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", query);
        body.put("operationName", operationName);
        return post(body);
    }

    /** Data of a query that must succeed; fails the test with the errors otherwise. */
    public JsonPath ok(String query, Object... vars) {
        return data(post(query, vars), null);
    }

    /** The extensions.code of the first error of a query that must fail. */
    public String errorCode(String query, Object... vars) {
        return firstError(post(query, vars), null).getString("extensions.code");
    }

    private static Map<String, Object> variables(Object... vars) {
        if (vars.length % 2 != 0) {
            throw new IllegalArgumentException("variables come as name, value pairs");
        }
        Map<String, Object> variables = new LinkedHashMap<>();
        for (int i = 0; i < vars.length; i += 2) {
            variables.put((String) vars[i], vars[i + 1]);
        }
        return variables;
    }

    private Response post(Map<String, Object> body) {
        RequestSpecification spec = given().contentType(ContentType.JSON).body(body);
        if (token != null) {
            spec = spec.header("Authorization", "Bearer " + token);
        }
        for (Map.Entry<String, String> h : headers.entrySet()) {
            spec = spec.header(h.getKey(), h.getValue());
        }
        return spec.when().post("/graphql");
    }

    private static JsonPath data(Response response, String what) {
        response.then().statusCode(200);
        JsonPath json = response.jsonPath();
        List<?> errors = json.getList("errors");
        if (errors != null && !errors.isEmpty()) {
            throw new AssertionError("GraphQL errors" + (what == null ? "" : " from " + what) + ": " + response.asString());
        }
        return json.setRootPath("data");
    }

    private static JsonPath firstError(Response response, String what) {
        JsonPath json = response.jsonPath();
        List<?> errors = json.getList("errors");
        if (errors == null || errors.isEmpty()) {
            throw new AssertionError("Expected an error" + (what == null ? "" : " from " + what) + ", got " + response.asString());
        }
        return json.setRootPath("errors[0]");
    }
}
