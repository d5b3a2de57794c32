package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;
import org.wangge.platform.CostLimit;

/** Operations are counted in nodes before they run; over the limit they are refused with COST_LIMIT. */
@QuarkusTest
class QueryCostTest {

    private static final Gql REPORTER = Gql.as("cost-reporter", "reporter");
    private static final String NESTED_PERSONS =
            "persons(first: 500) { edges { node { household { members { household { members { id } } } } } } }";

    @Test
    void twentyAliasesOfNestedPersonsAreRefusedBeforeTheyRun() {
        StringBuilder query = new StringBuilder("{ ");
        for (int i = 0; i < 20; i++) {
            query.append("p").append(i).append(": ").append(NESTED_PERSONS).append(' ');
        }
        Response response = REPORTER.post(query.append('}').toString());
        assertRefused(response, 20L * 500 * (1 + 50 * (1 + 50)));
    }

    @Test
    void fragmentsAliasesAndVariablesAreCounted() {
        // each page of persons with their households' members: n × (1 + 50)
        String named = "query($n: Int) { ...people } fragment people on Query { persons(first: $n) { edges { node { household { members { id } } } } } }";
        assertRefused(REPORTER.post(named, "n", 200), 200L * 51);
        assertNotRefused(Gql.admin().post(named, "n", 190));
        String inline = "query($n: Int = 200) { ... on Query { persons(first: $n) { edges { node { household { members { id } } } } } } }";
        assertRefused(REPORTER.post(inline), 200L * 51);
        String aliases = "{ a: persons(first: 100) { edges { node { household { members { id } } } } } "
                + "b: persons(first: 100) { edges { node { ...members } } } } fragment members on Person { household { members { id } } }";
        assertRefused(REPORTER.post(aliases), 2L * 100 * 51);
        assertNotRefused(Gql.admin().post("{ a: persons(first: 100) { edges { node { household { members { id } } } } } }"));
        // no page given: 50 by default
        assertRefused(REPORTER.post("{ persons { edges { node { household { members { household { members { id } } } } } } } }"),
                50L * (1 + 50 * 51));
    }

    @Test
    void theCompiledReadPathRefusesTheSameDocuments() {
        String nested = "query($n: Int) { grid(code: \"411321\") { code children(first: $n) { edges { node { code "
                + "children(first: $n) { edges { node { code } } } } } } } }";
        assertRefused(Gql.admin().post(nested, "n", 500), 500L * 501);
        assertRefused(Gql.admin().post("{ grid(code: \"411321\") { children(first: 500) { edges { node { children(first: 500) "
                + "{ edges { node { code } } } } } } } }"), 500L * 501);
        // within the limit the same shape is answered
        assertEquals("411321", Gql.admin().ok(nested, "n", 50).getString("grid.code"));
    }

    /** The documents of README.md and bench/queries, counted with the live schema: none is refused. */
    @Test
    void documentedAndBenchmarkedQueriesStayUnderTheLimit() throws Exception {
        Gql.admin().ok("{ myGrids { code } }");
        GraphQLSchema schema = CostLimit.schema();
        List<String> documents = new ArrayList<>();
        String readme = Files.readString(Path.of("README.md"));
        Matcher fenced = Pattern.compile("```graphql\\n(.*?)```", Pattern.DOTALL).matcher(readme);
        while (fenced.find()) {
            documents.add(fenced.group(1));
        }
        ObjectMapper json = new ObjectMapper();
        Matcher curl = Pattern.compile("-d '(\\{\"query\".*?\\})'").matcher(readme);
        while (curl.find()) {
            documents.add(json.readTree(curl.group(1)).get("query").asText());
        }
        // the request bodies bench/queries writes, with its shell variables expanded (database look-ups stubbed)
        Process bash = new ProcessBuilder("bash", "-c", "q() { echo 1; }; body() { case $1 in pg-*) ;; *) printf '%s\\n' \"$2\" ;; esac; }; "
                + "eval \"$(grep -E '^(body |gid\\(\\) |[a-z_]+=)' bench/queries)\"").redirectErrorStream(true).start();
        String bodies = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, bash.waitFor(), bodies);
        int bench = 0;
        for (String line : bodies.split("\n")) {
            if (!line.isBlank()) {
                documents.add(json.readTree(line).get("query").asText());
                bench++;
            }
        }
        assertTrue(documents.size() >= 8 && bench >= 8, "documents found: " + documents.size() + ", from bench: " + bench);

        GraphQLLimits limits = CostLimit.limits();
        assertEquals(10_000, limits.maxCost(), "the default limit");
        for (String text : documents) {
            Document document = Parser.parse(text);
            Map<String, FragmentDefinition> fragments = new HashMap<>();
            document.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
            for (OperationDefinition op : document.getDefinitionsOfType(OperationDefinition.class)) {
                QueryCost.Measure measure = QueryCost.measure(schema, op, fragments, Map.of());
                assertNull(QueryCost.refusal(measure, limits), measure + ": " + text);
            }
        }
    }

    private static void assertRefused(Response response, long cost) {
        assertEquals("COST_LIMIT", response.jsonPath().getString("errors[0].extensions.code"), response.asString());
        assertEquals(cost, response.jsonPath().getLong("errors[0].extensions.cost"), response.asString());
        assertEquals(10_000, response.jsonPath().getLong("errors[0].extensions.limit"), response.asString());
        assertNull(response.jsonPath().get("data"), response.asString());
    }

    private static void assertNotRefused(Response response) {
        assertTrue(!response.asString().contains("COST_LIMIT"), response.asString());
        assertNull(response.jsonPath().get("errors"), response.asString());
    }
}
