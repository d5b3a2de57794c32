package org.wangge.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.common.Sql;

/** A nested query costs one statement per level, whatever the number of parents (no N+1). */
@QuarkusTest
class BatchingTest {

    private static final String NESTED = """
            query($id: ID) { grid(id: $id) {
              children(first: 50) { totalCount edges { node {
                code parent { code } ancestors { code }
                staff { totalCount edges { node { subject role grid { code } } } }
                staffCount descendantCount
                children(first: 2) { edges { node { code staff(first: 2) { totalCount edges { node { subject } } } } } }
                newestCases(first: 3) { number state grid { code } timeline { action } }
              } } }
            } }""";

    @Inject
    Pool pool;
    @Inject
    Sql sql;

    @Test
    void statementsDoNotGrowWithTheNumberOfGrids() {
        long small = statementsFor(5);
        long large = statementsFor(50);
        assertEquals(small, large, "statements for 5 grids vs 50 grids");
        assertTrue(large <= 15, "one statement per level: " + large);
    }

    private long statementsFor(int villages) {
        String township = Fixtures.grid(null, "township" + villages, "TOWNSHIP");
        List<Long> ids = TestDb.children(pool, List.of(Long.parseLong(township)), villages, Fixtures.code("v"));
        List<Long> groups = TestDb.children(pool, ids, 2, Fixtures.code("g"));
        TestDb.rows(pool, "INSERT INTO account (subject, display_name) VALUES ('batch-worker', '批量') ON CONFLICT DO NOTHING");
        TestDb.rows(pool, """
                INSERT INTO staff_assignment (grid_id, subject, role, start_date, created_by)
                SELECT id, 'batch-worker', 'GRID_WORKER', DATE '2026-01-01', 'test' FROM unnest($1::bigint[]) AS id""",
                (Object) concat(ids, groups).toArray(Long[]::new));
        for (int i = 0; i < ids.size(); i++) {
            // one case in each village
            Gql.admin().ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                    java.util.Map.of("kind", "LIVELIHOOD", "title", "批量 " + i, "gridId", ids.get(i).toString()));
        }

        // the counter is the whole application's: background readers (outboxes, the roll-up fold)
        // may add a statement now and then, never take one away, so the least of three runs is the request's
        JsonPath data = null;
        long used = Long.MAX_VALUE;
        for (int run = 0; run < 3; run++) {
            long before = sql.statementCount();
            data = Gql.admin().ok(NESTED, "id", township);
            used = Math.min(used, sql.statementCount() - before);
        }

        assertEquals(villages, data.getInt("grid.children.totalCount"));
        assertEquals(villages, data.getList("grid.children.edges").size());
        List<Integer> staffTotals = data.getList("grid.children.edges.node.staff.totalCount");
        assertTrue(staffTotals.stream().allMatch(n -> n == 1), staffTotals.toString());
        List<List<Object>> grandchildren = data.getList("grid.children.edges.node.children.edges");
        assertTrue(grandchildren.stream().allMatch(g -> g.size() == 2));
        List<List<Object>> newest = data.getList("grid.children.edges.node.newestCases");
        assertTrue(newest.stream().allMatch(c -> c.size() == 1), newest.toString());
        return used;
    }

    @Test
    void newestCasesAreThoseOfTheSubtreeForThoseWhoMayReadIt() {
        String county = gridId("411321");
        String chengguan = gridId("411321001");
        String yunyang = gridId("411321002001001");
        String dongguan = gridId("411321001001001");
        String report = "mutation($i: ReportCaseInput!) { reportCase(input: $i) { number } }";
        String there = Gql.as("worker-yunyang", "grid_worker").ok(report, "i",
                java.util.Map.of("kind", "LIVELIHOOD", "title", "云阳村的事", "gridId", yunyang)).getString("reportCase.number");
        String here = Gql.as("worker-dongguan", "grid_worker").ok(report, "i",
                java.util.Map.of("kind", "LIVELIHOOD", "title", "东关村的事", "gridId", dongguan)).getString("reportCase.number");
        assertTrue(here.matches("C\\d{8}-\\d{6}"), "case number: C, the local date, a serial: " + here);
        String query = "query($id: ID) { grid(id: $id) { newestCases(first: 50) { number } } }";
        List<String> seen = Gql.as("commander-chengguan", "commander").ok(query, "id", chengguan).getList("grid.newestCases.number");
        assertTrue(seen.contains(here), seen.toString());
        assertTrue(!seen.contains(there), "城关镇's cases only");
        assertEquals("FORBIDDEN", Gql.as("commander-chengguan", "commander").errorCode(query, "id", county));
        assertTrue(Gql.admin().ok(query, "id", county).getList("grid.newestCases.number").containsAll(List.of(here, there)));
        // a micro-grid is a small subtree, read grid by grid: the same answer
        List<String> inGrid = Gql.as("worker-dongguan", "grid_worker").ok(query, "id", dongguan).getList("grid.newestCases.number");
        assertEquals(here, inGrid.get(0), "newest first");
        assertEquals("VALIDATION", Gql.admin().errorCode("query($id: ID) { grid(id: $id) { newestCases(first: 51) { number } } }", "id", county));
    }

    private static String gridId(String code) {
        return Gql.admin().ok("query($c: String) { grid(code: $c) { id } }", "c", code).getString("grid.id");
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
