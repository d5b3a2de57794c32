package org.wangge.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.common.Sql;
import org.wangge.Keys;

/** A nested query costs one statement per level, whatever the number of parents (no N+1). */
@QuarkusTest
class BatchingTest {

    static final Doc REPORT = Doc.of("cases/ReportCase");
    static final Doc NEWEST = Doc.of("grid/NewestCases");

    private static final String NESTED = """
            query($id: ID) { grid(id: $id) {
              children(first: 50) { totalCount edges { node {
                code parent { code } ancestors { code }
                staff { totalCount edges { node { subject role grid { code } } } }
                staffCount descendantCount
                children(first: 2) { edges { node { code staff(first: 2) { totalCount edges { node { subject } } } } } }
                newestCases(first: 3) { number state grid { code } timeline { action } }
                cases(first: 2) { totalCount edges { node { number } } }
                households(first: 2) { totalCount edges { node { id } } }
                persons(first: 2) { totalCount edges { node { id } } }
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
        // one per batched field, a second for a connection's totals
        assertTrue(large <= 20, "one statement per field: " + large);
    }

    private long statementsFor(int villages) {
        String township = Fixtures.grid(null, "township" + villages, "TOWNSHIP");
        List<Long> ids = TestDb.children(pool, List.of(Keys.of(township)), villages, Fixtures.code("v"));
        List<Long> groups = TestDb.children(pool, ids, 2, Fixtures.code("g"));
        TestDb.rows(pool, "INSERT INTO account (subject, display_name) VALUES ('batch-worker', '批量') ON CONFLICT DO NOTHING");
        TestDb.rows(pool, """
                INSERT INTO staff_assignment (grid_id, subject, role, start_date, created_by)
                SELECT id, 'batch-worker', 'GRID_WORKER', DATE '2026-01-01', 'test' FROM unnest($1::bigint[]) AS id""",
                (Object) concat(ids, groups).toArray(Long[]::new));
        for (int i = 0; i < ids.size(); i++) {
            // one case in each village
            Gql.admin().ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                    java.util.Map.of("kind", "LIVELIHOOD", "title", "批量 " + i, "gridId", Keys.id("Grid", ids.get(i))));
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
        List<Integer> caseTotals = data.getList("grid.children.edges.node.cases.totalCount");
        assertTrue(caseTotals.stream().allMatch(n -> n == 1), caseTotals.toString());
        List<List<Object>> cases = data.getList("grid.children.edges.node.cases.edges");
        assertTrue(cases.stream().allMatch(c -> c.size() == 1), cases.toString());
        assertTrue(data.<Integer>getList("grid.children.edges.node.households.totalCount").stream().allMatch(n -> n == 0));
        assertTrue(data.<Integer>getList("grid.children.edges.node.persons.totalCount").stream().allMatch(n -> n == 0));
        return used;
    }

    @Test
    void newestCasesAreThoseOfTheSubtreeForThoseWhoMayReadIt() {
        County c = County.of(getClass());
        String here = c.worker.field(REPORT, "input", java.util.Map.of("kind", "LIVELIHOOD", "title", "东关村的事", "gridId", c.group1.id()))
                .getString("number");
        String there = c.otherWorker.field(REPORT, "input", java.util.Map.of("kind", "LIVELIHOOD", "title", "云阳村的事", "gridId", c.otherGroup1.id()))
                .getString("number");
        assertTrue(here.matches("C\\d{8}-\\d{6}"), "case number: C, the local date, a serial: " + here);
        List<String> seen = c.commander.ok(NEWEST, "id", c.township.id(), "first", 50).getList("grid.newestCases.number");
        assertTrue(seen.contains(here), seen.toString());
        assertTrue(!seen.contains(there), "the township's cases only");
        assertEquals("FORBIDDEN", c.commander.errorCode(NEWEST, "id", c.county.id(), "first", 50));
        assertTrue(Gql.admin().ok(NEWEST, "id", c.county.id(), "first", 50).getList("grid.newestCases.number").containsAll(List.of(here, there)));
        // a micro-grid is a small subtree, read grid by grid: the same answer
        List<String> inGrid = c.worker.ok(NEWEST, "id", c.group1.id(), "first", 50).getList("grid.newestCases.number");
        assertEquals(here, inGrid.get(0), "newest first");
        assertEquals("VALIDATION", Gql.admin().errorCode(NEWEST, "id", c.county.id(), "first", 51));
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        List<Long> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
