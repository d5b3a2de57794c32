package org.wangge.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Gql;
import org.wangge.TestIds;

/** Every connection pages with its cursors: one at a time, the same nodes as one page, each once, in order. */
@QuarkusTest
class PagingTest {

    static final String PAGE = "edges { cursor node { id } } pageInfo { hasNextPage endCursor }";

    /** The ids of a connection read one node a page, and the ids of one page of 50. */
    private static void pagesAlike(Gql who, String document, String path, Map<String, Object> vars) {
        List<String> whole = ids(who, document, path, vars, 50, null);
        List<String> paged = new ArrayList<>();
        String after = null;
        // up to as many as the one page holds (a list may be longer than 50)
        while (paged.size() < whole.size()) {
            Map<String, Object> v = new HashMap<>(vars);
            JsonPath answer = who.ok(document, flat(v, 1, after));
            paged.addAll(answer.getList(path + ".edges.node.id"));
            if (!answer.getBoolean(path + ".pageInfo.hasNextPage")) {
                break;
            }
            after = answer.getString(path + ".pageInfo.endCursor");
        }
        assertTrue(whole.size() >= 2, path + " has at least two nodes to page through: " + whole);
        assertEquals(whole, paged, path);
        assertEquals(paged.size(), new LinkedHashSet<>(paged).size(), path + ": each once");
    }

    private static List<String> ids(Gql who, String document, String path, Map<String, Object> vars, int first, String after) {
        return who.ok(document, flat(new HashMap<>(vars), first, after)).getList(path + ".edges.node.id");
    }

    private static Object[] flat(Map<String, Object> vars, int first, String after) {
        vars.put("first", first);
        vars.put("after", after);
        return vars.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray();
    }

    @Test
    void everyConnectionPagesByItsCursors() {
        County c = County.of(getClass());
        Gql admin = Gql.admin();
        for (int i = 0; i < 3; i++) {
            c.worker.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                    Map.of("kind", "LIVELIHOOD", "title", "翻页 " + i, "gridId", c.group1.id(), "householdIds", List.of(c.household)));
            c.household(c.group1, "翻页路 " + i + " 号");
            admin.ok("mutation($s: String!) { correctPoints(subject: $s, amount: 3, note: \"翻页\") { balance } }", "s", c.resident.subject());
            String person = admin.ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i", Map.of("householdId", c.household,
                    "name", "翻页居民" + i, "residenceType", "REGISTERED", "idNumber",
                    TestIds.resident("411321", LocalDate.of(1991, 2, 1 + i), (int) (System.nanoTime() % 997)))).getString("registerPerson.id");
            admin.ok("query($id: ID!) { person(id: $id) { idNumberFull(reason: \"翻页核查\") } }", "id", person);
        }
        Map<String, Object> village = Map.of("id", c.village.id());
        String q = "query($id: ID!, $first: Int, $after: String) ";
        pagesAlike(c.chief, "query($g: ID!, $first: Int, $after: String) { cases(filter: {gridId: $g}, first: $first, after: $after) { "
                + PAGE + " } }", "cases", Map.of("g", c.village.id()));
        pagesAlike(c.chief, q + "{ grid(id: $id) { cases(first: $first, after: $after) { " + PAGE + " } } }", "grid.cases", village);
        pagesAlike(c.chief, q + "{ household(id: $id) { cases(first: $first, after: $after) { " + PAGE + " } } }", "household.cases",
                Map.of("id", c.household));
        pagesAlike(c.chief, q + "{ grid(id: $id) { households(first: $first, after: $after) { " + PAGE + " } } }", "grid.households", village);
        pagesAlike(c.chief, q + "{ households(gridId: $id, first: $first, after: $after) { " + PAGE + " } }", "households", village);
        pagesAlike(admin, "query($s: String!, $first: Int, $after: String) { pointsAccount(subject: $s) { entries(first: $first, after: $after) { "
                + PAGE + " } } }", "pointsAccount.entries", Map.of("s", c.resident.subject()));
        pagesAlike(c.chief, q + "{ grid(id: $id) { persons(first: $first, after: $after) { " + PAGE + " } } }", "grid.persons", village);
        pagesAlike(c.chief, "query($g: ID!, $first: Int, $after: String) { persons(filter: {gridId: $g}, first: $first, after: $after) { "
                + PAGE + " } }", "persons", Map.of("g", c.village.id()));
        pagesAlike(admin, "query($first: Int, $after: String) { personalDataReads(first: $first, after: $after) { " + PAGE + " } }",
                "personalDataReads", Map.of());
    }
}
