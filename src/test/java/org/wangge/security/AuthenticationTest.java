package org.wangge.security;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;

@QuarkusTest
class AuthenticationTest {

    private static final String INTROSPECT = """
            { __schema { queryType { name } mutationType { name } types { name kind
                fields { name args { name type { ...T } } type { ...T } }
                inputFields { name type { ...T } }
                enumValues { name } } } }
            fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name } } } }""";

    /** Every root query and mutation, called without a token, answers UNAUTHENTICATED and changes nothing. */
    @Test
    void everyOperationNeedsAToken() {
        JsonPath schema = Gql.admin().ok(INTROSPECT);
        List<Map<String, Object>> types = schema.getList("__schema.types");
        List<String> operations = new ArrayList<>();
        for (String root : List.of("Query", "Mutation")) {
            Map<String, Object> type = types.stream().filter(t -> root.equals(t.get("name"))).findFirst().orElseThrow();
            for (Map<String, Object> field : fields(type)) {
                operations.add((root.equals("Mutation") ? "mutation " : "query ") + "{ " + field.get("name")
                        + arguments(field, types) + selection(field.get("type"), types) + " }");
            }
        }
        assertTrue(operations.size() >= 10, operations.toString());
        for (String operation : operations) {
            assertEquals("UNAUTHENTICATED", Gql.anonymous().errorCode(operation), operation);
        }
    }

    @Test
    void aForgedOrExpiredTokenIsRefused() throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = Jwt.subject("admin").groups(Set.of("admin")).issuer("wangge-dev").sign(generator.generateKeyPair().getPrivate());
        given().header("Authorization", "Bearer " + forged).contentType("application/json")
                .body(Map.of("query", "{ myGrids { id } }")).post("/graphql").then().statusCode(401);

        String expired = Jwt.subject("admin").groups(Set.of("admin")).issuedAt(Instant.now().minusSeconds(7200))
                .expiresAt(Instant.now().minusSeconds(3600)).sign();
        given().header("Authorization", "Bearer " + expired).contentType("application/json")
                .body(Map.of("query", "{ myGrids { id } }")).post("/graphql").then().statusCode(401);

        String otherIssuer = Jwt.subject("admin").groups(Set.of("admin")).issuer("someone-else").sign();
        given().header("Authorization", "Bearer " + otherIssuer).contentType("application/json")
                .body(Map.of("query", "{ myGrids { id } }")).post("/graphql").then().statusCode(401);
    }

    @Test
    void rolesComeFromTheToken() {
        // the same subject without the admin role sees only its (empty) jurisdiction
        assertFalse(Gql.as("someone", "admin").ok("{ myGrids { id } }").getList("myGrids").isEmpty());
        assertTrue(Gql.as("someone", "grid_worker").ok("{ myGrids { id } }").getList("myGrids").isEmpty());
    }

    @Test
    void devTokensWorkForEveryDemoUser() {
        Map<String, String> users = given().get("/dev/token").then().statusCode(200).extract().jsonPath().getMap("");
        assertTrue(users.keySet().containsAll(List.of("admin", "chief-dongguan", "worker-dongguan", "resident-zhang")));
        String token = given().get("/dev/token/chief-dongguan").then().statusCode(200).extract().asString();
        assertEquals(List.of("411321001001"), Gql.withToken(token).ok("{ myGrids { code } }").getList("myGrids.code"));
        given().get("/dev/token/nobody").then().statusCode(404);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fields(Map<String, Object> type) {
        Object fields = type.get("fields");
        return fields == null ? List.of() : (List<Map<String, Object>>) fields;
    }

    @SuppressWarnings("unchecked")
    private static String arguments(Map<String, Object> field, List<Map<String, Object>> types) {
        List<String> required = new ArrayList<>();
        for (Map<String, Object> arg : (List<Map<String, Object>>) field.get("args")) {
            Map<String, Object> type = (Map<String, Object>) arg.get("type");
            if ("NON_NULL".equals(type.get("kind"))) {
                required.add(arg.get("name") + ": " + literal((Map<String, Object>) type.get("ofType"), types));
            }
        }
        return required.isEmpty() ? "" : "(" + String.join(", ", required) + ")";
    }

    /** A syntactically valid value of a type, so the request passes validation and reaches the resolver. */
    @SuppressWarnings("unchecked")
    private static String literal(Map<String, Object> type, List<Map<String, Object>> types) {
        String kind = (String) type.get("kind");
        return switch (kind) {
            case "NON_NULL" -> literal((Map<String, Object>) type.get("ofType"), types);
            case "LIST" -> "[" + literal((Map<String, Object>) type.get("ofType"), types) + "]";
            case "ENUM" -> (String) ((List<Map<String, Object>>) named(type, types).get("enumValues")).get(0).get("name");
            case "INPUT_OBJECT" -> {
                List<String> parts = new ArrayList<>();
                for (Map<String, Object> f : (List<Map<String, Object>>) named(type, types).get("inputFields")) {
                    Map<String, Object> ft = (Map<String, Object>) f.get("type");
                    if ("NON_NULL".equals(ft.get("kind"))) {
                        parts.add(f.get("name") + ": " + literal(ft, types));
                    }
                }
                yield "{" + String.join(", ", parts) + "}";
            }
            default -> switch ((String) type.get("name")) {
                case "Int" -> "1";
                case "Float" -> "1.5";
                case "Boolean" -> "false";
                case "Date" -> "\"2026-01-01\"";
                case "DateTime" -> "\"2026-01-01T00:00:00Z\"";
                case "Time" -> "\"09:00\"";
                default -> "\"1\"";
            };
        };
    }

    @SuppressWarnings("unchecked")
    private static String selection(Object typeRef, List<Map<String, Object>> types) {
        Map<String, Object> type = (Map<String, Object>) typeRef;
        while (type.get("ofType") != null) {
            type = (Map<String, Object>) type.get("ofType");
        }
        return "OBJECT".equals(type.get("kind")) || "INTERFACE".equals(type.get("kind")) ? " { __typename }" : "";
    }

    private static Map<String, Object> named(Map<String, Object> type, List<Map<String, Object>> types) {
        return types.stream().filter(t -> t.get("name").equals(type.get("name"))).findFirst().orElseThrow();
    }
}
