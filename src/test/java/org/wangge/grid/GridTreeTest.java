package org.wangge.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;

@QuarkusTest
class GridTreeTest {

    private static final String CREATE = "mutation($input: CreateGridInput!) { createGrid(input: $input) { id code level path: ancestors { code } } }";
    private static final String BY_CODE = "query($code: String) { grid(code: $code) { id code name level active version parent { code } } }";

    @Test
    void createsATreeOfAnyDepthWithLevelsAndBreadcrumbs() {
        String county = Fixtures.grid(null, "county", "COUNTY");
        String parent = county;
        for (int depth = 2; depth <= 6; depth++) {
            parent = Fixtures.grid(parent, "level" + depth, depth == 6 ? "MICRO_GRID" : "GROUP");
        }
        JsonPath leaf = Gql.admin().ok("query($id: ID) { grid(id: $id) { level ancestors { level } parent { id } } }", "id", parent);
        assertEquals(6, leaf.getInt("grid.level"));
        assertEquals(List.of(1, 2, 3, 4, 5), leaf.getList("grid.ancestors.level"));
        JsonPath top = Gql.admin().ok("query($id: ID) { grid(id: $id) { descendantCount ancestors { id } parent { id } } }", "id", county);
        assertEquals(5, top.getInt("grid.descendantCount"));
        assertEquals(List.of(), top.getList("grid.ancestors"));
        assertNull(top.get("grid.parent"));
    }

    @Test
    void storesLayersBoundaryAndCentre() {
        String boundary = "{\"type\":\"Polygon\",\"coordinates\":[[[112.0,33.0],[112.1,33.0],[112.1,33.1],[112.0,33.0]]]}";
        Map<String, Object> input = Fixtures.input(null, Fixtures.code("geo"), "带边界的网格", "VILLAGE");
        input.put("layers", List.of("POLICING", "EMERGENCY", "POLICING"));
        input.put("boundary", boundary);
        input.put("centre", Map.of("lat", 33.05, "lng", 112.05));
        JsonPath grid = Gql.admin().ok("mutation($input: CreateGridInput!) { createGrid(input: $input) { layers boundary centre { lat lng } active } }", "input", input);
        assertEquals(List.of("POLICING", "EMERGENCY"), grid.getList("createGrid.layers"));
        assertEquals(boundary, grid.getString("createGrid.boundary").replace(" ", ""));
        assertEquals(33.05, grid.getDouble("createGrid.centre.lat"), 1e-9);
        assertTrue(grid.getBoolean("createGrid.active"));
    }

    @Test
    void refusesAnUnknownParentAndWritesNothing() {
        String code = Fixtures.code("orphan");
        Response response = Gql.admin().post(CREATE, "input", Fixtures.input("999999999", code, "孤儿", "VILLAGE"));
        assertEquals("NOT_FOUND", response.jsonPath().getString("errors[0].extensions.code"));
        assertEquals("parentId", response.jsonPath().getString("errors[0].extensions.field"));
        assertEquals("NOT_FOUND", Gql.admin().errorCode(BY_CODE, "code", code));
    }

    @Test
    void refusesADuplicateCode() {
        String code = Fixtures.code("dup");
        Fixtures.grid(null, code, "第一个", "VILLAGE");
        Response response = Gql.admin().post(CREATE, "input", Fixtures.input(null, code, "第二个", "VILLAGE"));
        assertEquals("CONFLICT", response.jsonPath().getString("errors[0].extensions.code"));
        assertEquals("第一个", Gql.admin().ok(BY_CODE, "code", code).getString("grid.name"));
    }

    @Test
    void validatesInputWithTheOffendingField() {
        Map<String, Object> bad = Fixtures.input(null, "has space", "x", "VILLAGE");
        assertEquals("code", Gql.admin().post(CREATE, "input", bad).jsonPath().getString("errors[0].extensions.field"));
        Map<String, Object> blank = Fixtures.input(null, Fixtures.code("blank"), "   ", "VILLAGE");
        assertEquals("VALIDATION", Gql.admin().errorCode(CREATE, "input", blank));
        Map<String, Object> open = Fixtures.input(null, Fixtures.code("ring"), "开口", "VILLAGE");
        open.put("boundary", "{\"type\":\"Polygon\",\"coordinates\":[[[1,1],[2,1],[2,2],[1,2]]]}");
        Response response = Gql.admin().post(CREATE, "input", open);
        assertEquals("VALIDATION", response.jsonPath().getString("errors[0].extensions.code"));
        assertEquals("boundary", response.jsonPath().getString("errors[0].extensions.field"));
        Map<String, Object> far = Fixtures.input(null, Fixtures.code("far"), "远", "VILLAGE");
        far.put("centre", Map.of("lat", 95.0, "lng", 1.0));
        assertEquals("VALIDATION", Gql.admin().errorCode(CREATE, "input", far));
        assertEquals("VALIDATION", Gql.admin().errorCode("{ grid(id: \"abc\") { id } }"));
        assertEquals("VALIDATION", Gql.admin().errorCode("{ grid(id: \"1\", code: \"x\") { id } }"));
    }

    @Test
    void updatesWithOptimisticVersion() {
        String id = Fixtures.grid(null, "upd", "VILLAGE");
        String update = "mutation($id: ID!, $input: UpdateGridInput!) { updateGrid(id: $id, input: $input) { name version layers } }";
        JsonPath first = Gql.admin().ok(update, "id", id, "input", Map.of("name", "新名字", "version", 0, "layers", List.of("PARTY_BUILDING")));
        assertEquals("新名字", first.getString("updateGrid.name"));
        assertEquals(1, first.getInt("updateGrid.version"));
        Response stale = Gql.admin().post(update, "id", id, "input", Map.of("name", "旧版本", "version", 0));
        assertEquals("CONFLICT", stale.jsonPath().getString("errors[0].extensions.code"));
        assertEquals(1, stale.jsonPath().getInt("errors[0].extensions.currentVersion"));
        assertEquals("新名字", Gql.admin().ok("query($id: ID) { grid(id: $id) { name } }", "id", id).getString("grid.name"));
    }

    @Test
    void movesASubtreeAndRefusesCycles() {
        String a = Fixtures.grid(null, "a", "TOWNSHIP");
        String b = Fixtures.grid(null, "b", "TOWNSHIP");
        String village = Fixtures.grid(a, "village", "VILLAGE");
        String group = Fixtures.grid(village, "group", "GROUP");
        String move = "mutation($id: ID!, $to: ID!) { moveGrid(id: $id, newParentId: $to) { level parent { id } } }";

        JsonPath moved = Gql.admin().ok(move, "id", village, "to", b);
        assertEquals(b, moved.getString("moveGrid.parent.id"));
        JsonPath leaf = Gql.admin().ok("query($id: ID) { grid(id: $id) { level ancestors { id } } }", "id", group);
        assertEquals(List.of(b, village), leaf.getList("grid.ancestors.id"));
        assertEquals(0, Gql.admin().ok("query($id: ID) { grid(id: $id) { descendantCount } }", "id", a).getInt("grid.descendantCount"));
        assertEquals(2, Gql.admin().ok("query($id: ID) { grid(id: $id) { descendantCount } }", "id", b).getInt("grid.descendantCount"));

        // under its own descendant, or under itself: refused, nothing changes
        Response cycle = Gql.admin().post(move, "id", b, "to", group);
        assertEquals("VALIDATION", cycle.jsonPath().getString("errors[0].extensions.code"));
        assertEquals("newParentId", cycle.jsonPath().getString("errors[0].extensions.field"));
        assertEquals("VALIDATION", Gql.admin().errorCode(move, "id", b, "to", b));
        assertEquals("NOT_FOUND", Gql.admin().errorCode(move, "id", b, "to", "999999999"));
        assertNull(Gql.admin().ok("query($id: ID) { grid(id: $id) { parent { id } } }", "id", b).get("grid.parent"));
        assertEquals(List.of(b, village), Gql.admin().ok("query($id: ID) { grid(id: $id) { ancestors { id } } }", "id", group)
                .getList("grid.ancestors.id"));
    }

    @Test
    void retiresOnlyEmptyGridsAndKeepsThemResolvable() {
        String parent = Fixtures.grid(null, "p", "VILLAGE");
        String child = Fixtures.grid(parent, "c", "GROUP");
        String retire = "mutation($id: ID!) { retireGrid(id: $id) { active retiredAt } }";

        Response refused = Gql.admin().post(retire, "id", parent);
        assertEquals("CONFLICT", refused.jsonPath().getString("errors[0].extensions.code"));
        assertEquals(1, refused.jsonPath().getInt("errors[0].extensions.activeChildren"));

        String assignment = Fixtures.assign(child, Fixtures.code("worker"), "GRID_WORKER");
        assertEquals("CONFLICT", Gql.admin().errorCode(retire, "id", child));
        // ended today: the grid may be retired once nobody's assignment runs past today
        Gql.admin().ok("mutation($id: ID!) { endStaffAssignment(id: $id) { active } }", "id", assignment);
        JsonPath ok = Gql.admin().ok(retire, "id", child);
        assertFalse(ok.getBoolean("retireGrid.active"));
        assertEquals(false, Gql.admin().ok("query($id: ID) { grid(id: $id) { active } }", "id", child).getBoolean("grid.active"));
        assertEquals(0, Gql.admin().ok("query($id: ID) { grid(id: $id) { children { totalCount } } }", "id", parent)
                .getInt("grid.children.totalCount"));
        assertEquals(1, Gql.admin().ok("query($id: ID) { grid(id: $id) { children(includeRetired: true) { totalCount } } }", "id", parent)
                .getInt("grid.children.totalCount"));
        Gql.admin().ok(retire, "id", parent);
        assertEquals("VALIDATION", Gql.admin().errorCode(CREATE, "input", Fixtures.input(parent, Fixtures.code("late"), "晚了", "GROUP")));
    }
}
