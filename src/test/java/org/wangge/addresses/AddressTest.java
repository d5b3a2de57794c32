package org.wangge.addresses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Gql;
import org.wangge.Keys;
import org.wangge.TestDb;

/** 标准地址: households' free-text addresses on the tree, the tree's rules, and moves between grids, recorded. */
@QuarkusTest
class AddressTest {

    static final String AT = "query($id: ID!) { household(id: $id) { standardAddress { id code kind name grid { id }"
            + " parent { id kind name parent { id kind name parent { id kind name } } } } } }";
    static final String CREATE = "mutation($i: AddressInput!) { createAddress(input: $i) { id code kind name grid { id } } }";
    static final String MOVE = "mutation($id: ID!, $g: ID!, $r: String!) { moveAddress(id: $id, gridId: $g, reason: $r) { id grid { id } } }";

    @Inject
    Pool pool;

    @Test
    void aHouseholdsAddressTextIsPlacedOnTheTree() {
        County c = County.of(getClass());
        String stamp = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String place = "幸福小区" + stamp + "苑";
        String first = c.household(c.group1, place + "3栋2单元502");
        String second = c.household(c.group1, place + " 3 栋 2 单元 501 室");
        JsonPath a = c.chief.ok(AT, "id", first);
        assertEquals("ROOM", a.getString("household.standardAddress.kind"));
        assertEquals("502", a.getString("household.standardAddress.name"));
        assertEquals(List.of("UNIT", "2单元"), List.of(a.getString("household.standardAddress.parent.kind"), a.getString("household.standardAddress.parent.name")));
        assertEquals("3栋", a.getString("household.standardAddress.parent.parent.name"));
        assertEquals(place, a.getString("household.standardAddress.parent.parent.parent.name"));
        assertEquals("PLACE", a.getString("household.standardAddress.parent.parent.parent.kind"));
        assertTrue(a.getString("household.standardAddress.code").startsWith(c.county.code().substring(0, 6)));
        assertEquals(c.group1.id(), a.getString("household.standardAddress.grid.id"));
        // the same unit, another room
        JsonPath b = c.chief.ok(AT, "id", second);
        assertEquals("501", b.getString("household.standardAddress.name"));
        assertEquals(a.getString("household.standardAddress.parent.id"), b.getString("household.standardAddress.parent.id"));
        // a street number names no building: a place of its own
        JsonPath plain = c.chief.ok(AT, "id", c.household(c.group1, "东关村一组 " + stamp + " 号"));
        assertEquals("PLACE", plain.getString("household.standardAddress.kind"));
        assertNull(plain.get("household.standardAddress.parent"));
        // every household is on the tree, those from before the tree existed too
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM household WHERE address_id IS NULL"));
    }

    @Test
    void theTextIsReadAsFarAsItAllows() {
        Map<String, List<String>> parts = new java.util.LinkedHashMap<>();
        parts.put("幸福小区3栋2单元502", java.util.Arrays.asList("幸福小区", "3栋", "2单元", "502", "t"));
        parts.put("幸福小区12号楼301室", java.util.Arrays.asList("幸福小区", "12号楼", null, "301", "t"));
        parts.put("春风里 5 幢 302", java.util.Arrays.asList("春风里", "5幢", null, "302", "t"));
        parts.put("锦绣花园8座", java.util.Arrays.asList("锦绣花园", "8座", null, null, "t"));
        parts.put("东关村一组 1 号", java.util.Arrays.asList("东关村一组 1 号", null, null, null, "f"));
        for (Map.Entry<String, List<String>> e : parts.entrySet()) {
            var row = TestDb.rows(pool, "SELECT place, b, u, r, parsed::text FROM address_parts($1, NULL, NULL, NULL)", e.getKey()).get(0);
            List<String> got = java.util.Arrays.asList(row.getString(0), row.getString(1), row.getString(2), row.getString(3),
                    row.getString(4).substring(0, 1));
            assertEquals(e.getValue(), got, e.getKey());
        }
        // given columns win over the text
        var given = TestDb.rows(pool, "SELECT place, b, u, r FROM address_parts('和平路', NULL, '2单元', '101')").get(0);
        assertEquals(java.util.Arrays.asList("和平路", null, null, "2单元101"),
                java.util.Arrays.asList(given.getString(0), given.getString(1), given.getString(2), given.getString(3)));
    }

    @Test
    void theTreeKeepsItsRules() {
        County c = County.build();
        String stamp = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String place = c.chief.ok(CREATE, "i", Map.of("kind", "PLACE", "name", "和谐家园" + stamp, "gridId", c.group2.id(),
                "location", Map.of("lat", 33.49, "lng", 112.43))).getString("createAddress.id");
        String building = c.chief.ok(CREATE, "i", Map.of("kind", "BUILDING", "name", "1栋", "parentId", place)).getString("createAddress.id");
        // a building's unit may lie in another micro-grid
        JsonPath unit = c.chief.ok(CREATE, "i", Map.of("kind", "UNIT", "name", "1单元", "parentId", building, "gridId", c.group1.id()));
        assertEquals(c.group1.id(), unit.getString("createAddress.grid.id"));
        String unitId = unit.getString("createAddress.id");
        c.chief.ok(CREATE, "i", Map.of("kind", "ROOM", "name", "101", "parentId", unitId));
        // …a room never
        assertEquals("VALIDATION", c.chief.errorCode(CREATE, "i", Map.of("kind", "ROOM", "name", "102", "parentId", unitId, "gridId", c.group2.id())));
        // levels in order, names once per parent, codes once and of the county
        assertEquals("VALIDATION", c.chief.errorCode(CREATE, "i", Map.of("kind", "UNIT", "name", "9单元", "parentId", place)));
        assertEquals("VALIDATION", c.chief.errorCode(CREATE, "i", Map.of("kind", "BUILDING", "name", "2栋", "gridId", c.group2.id())));
        assertEquals("CONFLICT", c.chief.errorCode(CREATE, "i", Map.of("kind", "BUILDING", "name", "1栋", "parentId", place)));
        String code = c.county.code().substring(0, 6) + "-T" + stamp;
        c.chief.ok(CREATE, "i", Map.of("kind", "BUILDING", "name", "2栋", "parentId", place, "code", code));
        assertEquals("CONFLICT", c.chief.errorCode(CREATE, "i", Map.of("kind", "BUILDING", "name", "3栋", "parentId", place, "code", code)));
        assertEquals("VALIDATION", c.chief.errorCode(CREATE, "i", Map.of("kind", "BUILDING", "name", "4栋", "parentId", place, "code", "999999-X" + stamp)));
        // only in leaf grids, only in one's own jurisdiction
        assertEquals("VALIDATION", c.chief.errorCode(CREATE, "i", Map.of("kind", "PLACE", "name", "村委会" + stamp, "gridId", c.village.id())));
        assertEquals("FORBIDDEN", c.otherChief.errorCode(CREATE, "i", Map.of("kind", "PLACE", "name", "越界" + stamp, "gridId", c.group2.id())));
        // seen by staff over the grid, not elsewhere
        assertEquals("NOT_FOUND", c.otherChief.errorCode("query($id: ID!) { address(id: $id) { id } }", "id", place));
        assertEquals(List.of("1栋", "2栋"), c.chief.ok("query($id: ID!) { address(id: $id) { children { name } } }", "id", place)
                .getList("address.children.name"));
        List<String> listed = c.chief.ok("query($id: ID!) { grid(id: $id) { addresses(kind: PLACE, first: 100) { totalCount edges { node { id } } } } }",
                "id", c.village.id()).getList("grid.addresses.edges.node.id");
        assertTrue(listed.contains(place), listed.toString());
        // an information reporter reaches the grid through their report, and none of its addresses
        String reported = c.reporter.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                Map.of("kind", "LIVELIHOOD", "title", "路灯", "gridId", c.group2.id())).getString("reportCase.id");
        assertEquals(0, c.reporter.ok("query($id: ID!) { case(id: $id) { grid { addresses { totalCount } } } }", "id", reported)
                .getInt("case.grid.addresses.totalCount"));
    }

    @Test
    void anAddressMovesToAnotherGridWithItsHouseholdsRecorded() {
        County c = County.build();
        String stamp = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String household = c.household(c.group1, "迁移小区" + stamp + "苑2栋1单元301");
        JsonPath at = c.chief.ok(AT, "id", household);
        String room = at.getString("household.standardAddress.id");
        String unit = at.getString("household.standardAddress.parent.id");
        String building = at.getString("household.standardAddress.parent.parent.id");
        // a room goes with its unit
        assertEquals("VALIDATION", Gql.admin().errorCode(MOVE, "id", room, "g", c.group2.id(), "r", "划分调整"));
        // grid editors over both grids only
        assertEquals("FORBIDDEN", c.worker.errorCode(MOVE, "id", building, "g", c.group2.id(), "r", "划分调整"));
        JsonPath moved = Gql.admin().ok(MOVE, "id", building, "g", c.group2.id(), "r", "楼栋划入二组");
        assertEquals(c.group2.id(), moved.getString("moveAddress.grid.id"));
        JsonPath after = c.chief.ok(AT, "id", household);
        assertEquals(room, after.getString("household.standardAddress.id"), "the household keeps its room");
        assertEquals(c.group2.id(), after.getString("household.standardAddress.grid.id"));
        assertEquals(unit, after.getString("household.standardAddress.parent.id"));
        assertEquals(c.group2.id(), c.chief.ok("query($id: ID!) { household(id: $id) { grid { id } } }", "id", household).getString("household.grid.id"));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM address_grid_change WHERE address_id = $1 AND from_grid_id = $2 AND to_grid_id = $3"
                + " AND reason = '楼栋划入二组'", Keys.of(building), Keys.of(c.group1.id()), Keys.of(c.group2.id())));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM household_grid_history WHERE household_id = $1 AND grid_id = $2 AND valid_to IS NULL",
                Keys.of(household), Keys.of(c.group2.id())));
        // the place stays where it was
        assertFalse(c.group2.id().equals(at.getString("household.standardAddress.parent.parent.parent.id")));
    }
}
