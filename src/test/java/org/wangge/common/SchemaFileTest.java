package org.wangge.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * graphql-schema/schema.graphql is the published contract: it must equal the live schema.
 * To regenerate it after a deliberate change: ./mvnw test -Dtest=SchemaFileTest -Dwangge.schema.write=true
 */
@QuarkusTest
class SchemaFileTest {

    private static final Path FILE = Path.of("graphql-schema", "schema.graphql");

    @Test
    void publishedSchemaMatchesTheLiveOne() throws IOException {
        String token = org.wangge.security.DevTokenResource.sign("schema-reader", "schema-reader", java.util.Set.of());
        String live = given().header("Authorization", "Bearer " + token).get("/graphql/schema.graphql").then().statusCode(200).extract().asString().strip() + "\n";
        if (Boolean.getBoolean("wangge.schema.write")) {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, live, StandardCharsets.UTF_8);
            return;
        }
        String published = Files.exists(FILE) ? Files.readString(FILE, StandardCharsets.UTF_8) : "";
        if (!published.equals(live)) {
            Path actual = Path.of("target", "schema.graphql");
            Files.writeString(actual, live, StandardCharsets.UTF_8);
            fail(FILE + " differs from the live schema (written to " + actual + "). If the change is intended, run: "
                    + "./mvnw test -Dtest=SchemaFileTest -Dwangge.schema.write=true");
        }
    }
}
