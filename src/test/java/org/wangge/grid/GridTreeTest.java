package org.wangge.grid;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.Keys;

/** The grid tree as the admin shapes it: grids of their own at the top, so that levels and breadcrumbs start at 1. */
@QuarkusTest
class GridTreeTest {

    static final Doc CREATE = Doc.of("grid/CreateGrid");
    static final Doc UPDATE = Doc.of("grid/UpdateGrid");
    static final Doc MOVE = Doc.of("grid/MoveGrid");
    static final Doc RETIRE = Doc.of("grid/RetireGrid");
    static final Doc DETAIL = Doc.of("grid/GridDetail");
    static final Doc CHILDREN = Doc.of("grid/GridChildren");
    static final Doc END_ASSIGNMENT = Doc.of("staff/EndStaffAssignment");

    private final Gql admin = As.admin();

    @Test
    void createsATreeOfAnyDepthWithLevelsAndBreadcrumbs() {
        String county = Fixtures.grid(null, "county", "COUNTY");
        String parent = county;
        for (int depth = 2; depth <= 6; depth++) {
            parent = Fixtures.grid(parent, "level" + depth, depth == 6 ? "MICRO_GRID" : "GROUP");
        }
        admin.then(DETAIL, "id", parent)
                .body("grid.__typename", equalTo("Grid"))
                .body("grid.level", is(6))
                .body("grid.ancestors.level", contains(1, 2, 3, 4, 5));
        admin.then(DETAIL, "id", county)
                .body("grid.descendantCount", is(5))
                .body("grid.ancestors", empty())
                .body("grid.parent", nullValue());
    }

    @Test
    void storesLayersBoundaryAndCentre() {
        String boundary = "{\"type\":\"Polygon\",\"coordinates\":[[[112.0,33.0],[112.1,33.0],[112.1,33.1],[112.0,33.0]]]}";
        Map<String, Object> input = Fixtures.input(null, Fixtures.code("geo"), "带边界的网格", "VILLAGE");
        input.put("layers", List.of("POLICING", "EMERGENCY", "POLICING"));
        input.put("boundary", boundary);
        input.put("centre", Map.of("lat", 33.05, "lng", 112.05));
        JsonPath grid = admin.field(CREATE, "input", input);
        assertEquals(List.of("POLICING", "EMERGENCY"), grid.getList("layers"));
        assertEquals(boundary, grid.getString("boundary").replace(" ", ""));
        assertEquals(33.05, grid.getDouble("centre.lat"), 1e-9);
        assertTrue(grid.getBoolean("active"));
    }

    @Test
    void refusesAnUnknownParentAndWritesNothing() {
        String code = Fixtures.code("orphan");
        JsonPath error = admin.error(CREATE, "input", Fixtures.input(Keys.id("Grid", 999999999), code, "孤儿", "VILLAGE"));
        assertEquals("NOT_FOUND", error.getString("extensions.code"));
        assertEquals("parentId", error.getString("extensions.field"));
        assertEquals("NOT_FOUND", admin.errorCode(DETAIL, "code", code));
    }

    @Test
    void refusesADuplicateCode() {
        String code = Fixtures.code("dup");
        Fixtures.grid(null, code, "第一个", "VILLAGE");
        assertEquals("CONFLICT", admin.errorCode(CREATE, "input", Fixtures.input(null, code, "第二个", "VILLAGE")));
        admin.then(DETAIL, "code", code).body("grid.name", equalTo("第一个"));
    }

    @Test
    void validatesInputWithTheOffendingField() {
        Map<String, Object> bad = Fixtures.input(null, "has space", "x", "VILLAGE");
        assertEquals("code", admin.error(CREATE, "input", bad).getString("extensions.field"));
        Map<String, Object> blank = Fixtures.input(null, Fixtures.code("blank"), "   ", "VILLAGE");
        assertEquals("VALIDATION", admin.errorCode(CREATE, "input", blank));
        Map<String, Object> open = Fixtures.input(null, Fixtures.code("ring"), "开口", "VILLAGE");
        open.put("boundary", "{\"type\":\"Polygon\",\"coordinates\":[[[1,1],[2,1],[2,2],[1,2]]]}");
        JsonPath ring = admin.error(CREATE, "input", open);
        assertEquals("VALIDATION", ring.getString("extensions.code"));
        assertEquals("boundary", ring.getString("extensions.field"));
        Map<String, Object> far = Fixtures.input(null, Fixtures.code("far"), "远", "VILLAGE");
        far.put("centre", Map.of("lat", 95.0, "lng", 1.0));
        assertEquals("VALIDATION", admin.errorCode(CREATE, "input", far));
        assertEquals("VALIDATION", admin.errorCode(DETAIL, "id", "abc"));
        assertEquals("VALIDATION", admin.errorCode(DETAIL, "id", "1", "code", "x"));
    }

    @Test
    void updatesWithOptimisticVersion() {
        String id = Fixtures.grid(null, "upd", "VILLAGE");
        JsonPath first = admin.field(UPDATE, "id", id, "input", Map.of("name", "新名字", "version", 0, "layers", List.of("PARTY_BUILDING")));
        assertEquals("新名字", first.getString("name"));
        assertEquals(1, first.getInt("version"));
        assertEquals(List.of("PARTY_BUILDING"), first.getList("layers"));
        JsonPath stale = admin.error(UPDATE, "id", id, "input", Map.of("name", "旧版本", "version", 0));
        assertEquals("CONFLICT", stale.getString("extensions.code"));
        assertEquals(1, stale.getInt("extensions.currentVersion"));
        admin.then(DETAIL, "id", id).body("grid.name", equalTo("新名字"));
    }

    @Test
    void movesASubtreeAndRefusesCycles() {
        String a = Fixtures.grid(null, "a", "TOWNSHIP");
        String b = Fixtures.grid(null, "b", "TOWNSHIP");
        String village = Fixtures.grid(a, "village", "VILLAGE");
        String group = Fixtures.grid(village, "group", "GROUP");

        assertEquals(b, admin.field(MOVE, "id", village, "newParentId", b).getString("parent.id"));
        admin.then(DETAIL, "id", group).body("grid.ancestors.id", contains(b, village));
        admin.then(DETAIL, "id", a).body("grid.descendantCount", is(0));
        admin.then(DETAIL, "id", b).body("grid.descendantCount", is(2));

        // under its own descendant, or under itself: refused, nothing changes
        JsonPath cycle = admin.error(MOVE, "id", b, "newParentId", group);
        assertEquals("VALIDATION", cycle.getString("extensions.code"));
        assertEquals("newParentId", cycle.getString("extensions.field"));
        assertEquals("VALIDATION", admin.errorCode(MOVE, "id", b, "newParentId", b));
        assertEquals("NOT_FOUND", admin.errorCode(MOVE, "id", b, "newParentId", Keys.id("Grid", 999999999)));
        assertNull(admin.ok(DETAIL, "id", b).get("grid.parent"));
        admin.then(DETAIL, "id", group).body("grid.ancestors.id", contains(b, village));
    }

    @Test
    void retiresOnlyEmptyGridsAndKeepsThemResolvable() {
        String parent = Fixtures.grid(null, "p", "VILLAGE");
        String child = Fixtures.grid(parent, "c", "GROUP");

        JsonPath refused = admin.error(RETIRE, "id", parent);
        assertEquals("CONFLICT", refused.getString("extensions.code"));
        assertEquals(1, refused.getInt("extensions.activeChildren"));

        String assignment = Fixtures.assign(child, Fixtures.code("worker"), "GRID_WORKER");
        assertEquals("CONFLICT", admin.errorCode(RETIRE, "id", child));
        // ended today: the grid may be retired once nobody's assignment runs past today
        admin.ok(END_ASSIGNMENT, "id", assignment);
        JsonPath retired = admin.field(RETIRE, "id", child);
        assertFalse(retired.getBoolean("active"));
        assertNotNull(retired.getString("retiredAt"));
        admin.then(DETAIL, "id", child).body("grid.active", is(false));
        admin.then(CHILDREN, "id", parent).body("grid.children.totalCount", is(0));
        admin.then(CHILDREN, "id", parent, "includeRetired", true).body("grid.children.totalCount", is(1));
        admin.ok(RETIRE, "id", parent);
        assertEquals("VALIDATION", admin.errorCode(CREATE, "input", Fixtures.input(parent, Fixtures.code("late"), "晚了", "GROUP")));
    }
}
