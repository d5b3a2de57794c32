package org.wangge.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.Keys;

@QuarkusTest
class LargeMoveTest {

    @Inject
    Pool pool;

    @Test
    void movingTenThousandDescendantsKeepsEverySubtreeQueryRight() {
        String from = Fixtures.grid(null, "from", "TOWNSHIP");
        String to = Fixtures.grid(null, "to", "COUNTY");
        String toChild = Fixtures.grid(to, "existing", "TOWNSHIP");
        String moved = Fixtures.grid(from, "moved", "TOWNSHIP");
        List<Long> villages = TestDb.children(pool, List.of(Keys.of(moved)), 100, Fixtures.code("v"));
        List<Long> groups = TestDb.children(pool, villages, 99, Fixtures.code("g"));
        assertEquals(9_900, groups.size());

        String counts = "query($id: ID) { grid(id: $id) { level descendantCount descendants(filter: {level: %d}) { totalCount } } }";
        assertEquals(10_000, Gql.admin().ok(counts.formatted(4), "id", moved).getInt("grid.descendantCount"));

        String caseInMoved = Gql.admin().ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                "i", java.util.Map.of("kind", "SAFETY_HAZARD", "title", "搬家前的案件", "gridId", Keys.id("Grid", groups.get(0)))).getString("reportCase.id");
        JsonPath after = Gql.admin().ok("mutation($id: ID!, $to: ID!) { moveGrid(id: $id, newParentId: $to) { level } }", "id", moved, "to", to);
        assertEquals(2, after.getInt("moveGrid.level"));

        assertEquals(0, TestDb.brokenPaths(pool), "every path and level agrees with its parent's");
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM case_file c JOIN grid g ON g.id = c.grid_id WHERE c.grid_path <> g.path"),
                "cases moved with their grids");
        String subtreeCases = "query($g: ID) { cases(filter: {gridId: $g}, first: 500) { edges { node { id } } } }";
        assertEquals(List.of(caseInMoved), Gql.admin().ok(subtreeCases, "g", to).getList("cases.edges.node.id"));
        assertEquals(List.of(), Gql.admin().ok(subtreeCases, "g", from).getList("cases.edges.node.id"));
        assertEquals(0, Gql.admin().ok("query($id: ID) { grid(id: $id) { descendantCount } }", "id", from).getInt("grid.descendantCount"));
        assertEquals(10_002, Gql.admin().ok("query($id: ID) { grid(id: $id) { descendantCount } }", "id", to).getInt("grid.descendantCount"));
        JsonPath m = Gql.admin().ok(counts.formatted(4), "id", moved);
        assertEquals(10_000, m.getInt("grid.descendantCount"));
        assertEquals(9_900, m.getInt("grid.descendants.totalCount"), "groups now sit at level 4");
        assertEquals(100, Gql.admin().ok(counts.formatted(3), "id", moved).getInt("grid.descendants.totalCount"));
        assertEquals(9_900, Gql.admin().ok(counts.formatted(4), "id", to).getInt("grid.descendants.totalCount"));

        String deepGroup = Keys.id("Grid", groups.get(groups.size() - 1));
        JsonPath crumbs = Gql.admin().ok("query($id: ID) { grid(id: $id) { level ancestors { id } } }", "id", deepGroup);
        assertEquals(4, crumbs.getInt("grid.level"));
        assertEquals(List.of(to, moved), crumbs.getList("grid.ancestors.id").subList(0, 2));

        // a commander of the old township no longer reaches the moved subtree; one of the new county does
        Fixtures.assign(from, "cmd-from-" + from, "GRID_COMMANDER");
        Fixtures.assign(toChild, "cmd-to-" + toChild, "GRID_COMMANDER");
        assertEquals("FORBIDDEN", Gql.as("cmd-from-" + from, "commander").errorCode("query($id: ID) { grid(id: $id) { id } }", "id", deepGroup));
        Fixtures.assign(to, "cmd-county-" + to, "GRID_COMMANDER");
        assertEquals(deepGroup, Gql.as("cmd-county-" + to, "commander").ok("query($id: ID) { grid(id: $id) { id } }", "id", deepGroup).getString("grid.id"));
        assertEquals(10_002, Gql.as("cmd-county-" + to, "commander").ok("query($id: ID) { grid(id: $id) { descendants { totalCount } } }", "id", to)
                .getInt("grid.descendants.totalCount"));

        // and back again: the tree is whole after a second move
        Gql.admin().ok("mutation($id: ID!, $to: ID!) { moveGrid(id: $id, newParentId: $to) { level } }", "id", moved, "to", toChild);
        assertEquals(0, TestDb.brokenPaths(pool));
        assertEquals(9_900, Gql.admin().ok(counts.formatted(5), "id", toChild).getInt("grid.descendants.totalCount"));
    }
}
