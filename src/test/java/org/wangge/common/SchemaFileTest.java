package org.wangge.common;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import graphql.language.FieldDefinition;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.ObjectTypeDefinition;
import graphql.language.Type;
import graphql.language.TypeName;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.ScalarInfo;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * graphql-schema/schema.graphql is the published contract: the live schema, with every custom
 * scalar declared (and {@code @specifiedBy} where a specification exists), so that codegen tools
 * and linters load it on its own. To regenerate it after a deliberate change:
 * ./mvnw test -Dtest=SchemaFileTest -Dwangge.schema.write=true
 */
@QuarkusTest
class SchemaFileTest {

    private static final Path FILE = Path.of("graphql-schema", "schema.graphql");

    /** The custom scalars' specifications (a scalar without one is declared with its description only). */
    static final Map<String, String> SPECIFIED_BY = Map.of(
            "DateTime", "https://scalars.graphql.org/andimarek/date-time",
            "Date", "https://www.rfc-editor.org/rfc/rfc3339#section-5.6",
            "Time", "https://www.rfc-editor.org/rfc/rfc3339#section-5.6");
    static final Map<String, String> DESCRIPTIONS = Map.of(
            "DateTime", "A date and time with its offset, e.g. 2026-03-01T09:30:00+08:00 (RFC 3339 date-time)",
            "Date", "A calendar date, e.g. 2026-03-01 (RFC 3339 full-date)",
            "Time", "A time of day, e.g. 09:00 or 09:00:00 (RFC 3339 partial-time)",
            "BigInteger", "An integer that may exceed 32 bits, as a JSON number");

    @Test
    void publishedSchemaMatchesTheLiveOne() throws IOException {
        String token = org.wangge.security.DevTokenResource.sign("schema-reader", "schema-reader", java.util.Set.of());
        String sdl = given().header("Authorization", "Bearer " + token).get("/graphql/schema.graphql").then().statusCode(200).extract().asString().strip();
        String live = sdl + "\n" + scalars(sdl);
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

    /** The file alone is a schema graphql-java builds (no scalar left undeclared), with the live schema's root fields. */
    @Test
    void theFileIsAValidSchemaOnItsOwn() throws IOException {
        TypeDefinitionRegistry types = new SchemaParser().parse(Files.readString(FILE, StandardCharsets.UTF_8));
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
        for (String scalar : DESCRIPTIONS.keySet()) {
            GraphQLScalarType declared = schema.getTypeAs(scalar);
            if (declared != null) {
                assertEquals(SPECIFIED_BY.get(scalar), declared.getSpecifiedByUrl(), scalar);
            }
        }
        // (one root a request: graphql-java refuses introspection that lists fields twice)
        var queries = org.wangge.Gql.admin().ok("{ __schema { queryType { fields { name } } } }");
        var mutations = org.wangge.Gql.admin().ok("{ __schema { mutationType { fields { name } } } }");
        assertEquals(new TreeSet<>(queries.getList("__schema.queryType.fields.name")), names(schema.getQueryType()));
        assertEquals(new TreeSet<>(mutations.getList("__schema.mutationType.fields.name")), names(schema.getMutationType()));
    }

    private static TreeSet<String> names(graphql.schema.GraphQLObjectType type) {
        TreeSet<String> out = new TreeSet<>();
        type.getFieldDefinitions().forEach(f -> out.add(f.getName()));
        return out;
    }

    /** Declarations of the scalars the SDL uses but neither declares nor has built in. */
    static String scalars(String sdl) {
        TypeDefinitionRegistry types = new SchemaParser().parse(sdl);
        TreeSet<String> used = new TreeSet<>();
        types.getTypes(ObjectTypeDefinition.class).forEach(t -> t.getFieldDefinitions().forEach(f -> collect(f, used)));
        types.getTypes(graphql.language.InterfaceTypeDefinition.class).forEach(t -> t.getFieldDefinitions().forEach(f -> collect(f, used)));
        types.getTypes(graphql.language.InputObjectTypeDefinition.class)
                .forEach(t -> t.getInputValueDefinitions().forEach(v -> used.add(named(v.getType()))));
        Map<String, String> missing = new LinkedHashMap<>();
        for (String name : used) {
            if (types.getType(name).isEmpty() && !ScalarInfo.isGraphqlSpecifiedScalar(name)) {
                if (!DESCRIPTIONS.containsKey(name)) {
                    fail("The schema uses the scalar " + name + ": describe it (and its specification) in SchemaFileTest");
                }
                missing.put(name, DESCRIPTIONS.get(name));
            }
        }
        StringBuilder out = new StringBuilder();
        missing.forEach((name, description) -> {
            out.append('\n').append('"').append(description).append("\"\nscalar ").append(name);
            if (SPECIFIED_BY.containsKey(name)) {
                out.append(" @specifiedBy(url: \"").append(SPECIFIED_BY.get(name)).append("\")");
            }
            out.append('\n');
        });
        return out.toString();
    }

    private static void collect(FieldDefinition f, TreeSet<String> used) {
        used.add(named(f.getType()));
        f.getInputValueDefinitions().forEach(v -> used.add(named(v.getType())));
    }

    @SuppressWarnings("rawtypes")
    private static String named(Type t) {
        if (t instanceof NonNullType n) {
            return named(n.getType());
        }
        if (t instanceof ListType l) {
            return named(l.getType());
        }
        return ((TypeName) t).getName();
    }
}
