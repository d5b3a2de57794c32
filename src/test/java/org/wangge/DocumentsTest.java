package org.wangge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import graphql.ParseAndValidate;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The test documents against the schema file, without starting the service: each is one named
 * operation called as its file, valid for graphql-schema/schema.graphql, and every fragment file is
 * imported somewhere. A document that drifts from the schema fails here, naming itself.
 */
class DocumentsTest {

    static final Path ROOT = Path.of("src/test/resources", Doc.ROOT);

    @Test
    void everyDocumentIsOneNamedOperationValidForTheSchema() throws IOException {
        TypeDefinitionRegistry types = new SchemaParser().parse(Files.readString(Path.of("graphql-schema/schema.graphql")));
        GraphQLSchema schema = UnExecutableSchemaGenerator.makeUnExecutableSchema(types);
        List<String> problems = new ArrayList<>();
        TreeSet<String> fragmentFiles = new TreeSet<>();
        TreeSet<String> imported = new TreeSet<>();
        int documents = 0;
        for (Path file : files()) {
            String name = ROOT.relativize(file).toString().replace('\\', '/').replaceAll("\\.graphql$", "");
            String own = Files.readString(file);
            if (Parser.parse(own.replaceAll("(?m)^#import.*$", "")).getDefinitionsOfType(OperationDefinition.class).isEmpty()) {
                fragmentFiles.add(name);
                continue;
            }
            documents++;
            Doc doc = Doc.of(name);
            try {
                String base = name.substring(name.lastIndexOf('/') + 1);
                if (!base.equals(doc.operation())) {
                    problems.add(name + ": the operation is called " + doc.operation() + ", the file " + base);
                }
                for (ValidationError error : ParseAndValidate.validate(schema, Parser.parse(doc.text()))) {
                    problems.add(name + ": " + error.getMessage());
                }
                imported.addAll(imports(file));
            } catch (AssertionError e) {
                problems.add(e.getMessage());
            }
        }
        fragmentFiles.removeAll(imported);
        fragmentFiles.forEach(f -> problems.add(f + ": a fragment file no document imports"));
        assertEquals("", String.join("\n", problems));
        assertTrue(documents > 0, "no documents under " + ROOT);
    }

    @Test
    void aDocumentThatIsNotThereFailsNamingTheFile() {
        Doc missing = Doc.of("grid/NoSuchOperation");
        AssertionError e = assertThrows(AssertionError.class, missing::text);
        assertTrue(e.getMessage().contains("src/test/resources/graphql/grid/NoSuchOperation.graphql"), e.getMessage());
    }

    private static List<Path> files() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(p -> p.toString().endsWith(".graphql")).sorted().toList();
        }
    }

    /** The fragment files a document imports, directly or through others, as names like {@code fragments/GridFields}. */
    private static List<String> imports(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("#import")) {
                Path target = file.getParent().resolve(line.replaceAll("^#import\\s+\"([^\"]+)\"\\s*$", "$1")).normalize();
                out.add(ROOT.relativize(target).toString().replace('\\', '/').replaceAll("\\.graphql$", ""));
                out.addAll(imports(target));
            }
        }
        return out;
    }
}
