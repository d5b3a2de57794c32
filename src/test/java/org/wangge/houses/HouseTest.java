package org.wangge.houses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Gql;
import org.wangge.TestIds;

/** 实有房屋: a house at a standard address, its tenancies, who lives there now and before, and floating residents to follow up. */
@QuarkusTest
class HouseTest {

    static final String ROOM = "query($id: ID!) { household(id: $id) { standardAddress { id } } }";
    static final String REGISTER = "mutation($a: ID!, $u: HouseUse!, $o: ID, $s: Float) { registerHouse(addressId: $a, use: $u, ownerId: $o, area: $s) "
            + "{ id use area owner { id } address { id kind } } }";
    static final String START = "mutation($h: ID!, $hh: ID, $p: ID, $d: Date!) { startTenancy(houseId: $h, householdId: $hh, personId: $p, startDate: $d) { id } }";
    static final String END = "mutation($id: ID!, $d: Date!) { endTenancy(id: $id, endDate: $d) { id endDate } }";

    @Test
    void aRentedHouseShowsWhoLivesThereNowAndBefore() {
        County c = County.build();
        String stamp = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String home = c.household(c.group1, "出租小区" + stamp + "1栋1单元101");
        String room = c.chief.ok(ROOM, "id", home).getString("household.standardAddress.id");
        JsonPath house = c.chief.ok(REGISTER, "a", room, "u", "RENTED", "o", c.residentPerson, "s", 85.5);
        String houseId = house.getString("registerHouse.id");
        assertEquals(85.5, house.getDouble("registerHouse.area"));
        assertEquals(c.residentPerson, house.getString("registerHouse.owner.id"));
        assertEquals("ROOM", house.getString("registerHouse.address.kind"));
        // one house per address
        assertEquals("CONFLICT", c.chief.errorCode(REGISTER, "a", room, "u", "VACANT"));

        // a floating resident rents it, ends, and a household moves in
        String tenantHome = c.household(c.group1, "流动人口登记点 " + stamp);
        String floating = Gql.admin().ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i", Map.of("householdId", tenantHome,
                "name", "外来务工" + stamp, "residenceType", "FLOATING", "idNumber",
                TestIds.resident("411321", LocalDate.of(1995, 3, 3), (int) (System.nanoTime() % 997)))).getString("registerPerson.id");
        String first = c.chief.ok(START, "h", houseId, "p", floating, "d", "2026-01-01").getString("startTenancy.id");
        assertEquals("VALIDATION", c.chief.errorCode(START, "h", houseId, "hh", home, "p", floating, "d", "2026-01-01"));
        assertEquals("CONFLICT", c.chief.errorCode(START, "h", houseId, "p", floating, "d", "2026-02-01"), "one open tenancy per tenant");
        assertEquals("VALIDATION", c.chief.errorCode(END, "id", first, "d", "2025-12-31"));
        assertEquals("2026-06-30", c.chief.ok(END, "id", first, "d", "2026-06-30").getString("endTenancy.endDate"));
        assertEquals("CONFLICT", c.chief.errorCode(END, "id", first, "d", "2026-07-01"));
        String second = c.chief.ok(START, "h", houseId, "hh", home, "d", "2026-07-01").getString("startTenancy.id");

        String tenancies = "query($id: ID!) { house(id: $id) { tenancies { id household { id } person { id } } now: tenancies(current: true) { id } } }";
        JsonPath t = c.chief.ok(tenancies, "id", houseId);
        assertEquals(List.of(second, first), t.getList("house.tenancies.id"));
        assertEquals(List.of(second), t.getList("house.now.id"));
        assertEquals(floating, t.getString("house.tenancies[1].person.id"));

        // the owner's houses and the tenant's
        String theirs = "query($id: ID!) { person(id: $id) { houses { id } } }";
        assertTrue(c.chief.ok(theirs, "id", c.residentPerson).getList("person.houses.id").contains(houseId));
        assertTrue(Gql.admin().ok(theirs, "id", floating).getList("person.houses.id").contains(houseId));

        // the grid's rented houses; the floating resident is to be followed up (their tenancy ended, none now)
        List<String> rented = c.chief.ok("query($id: ID!) { grid(id: $id) { houses(use: RENTED, first: 100) { edges { node { id } } } } }",
                "id", c.village.id()).getList("grid.houses.edges.node.id");
        assertTrue(rented.contains(houseId));
        List<String> follow = c.chief.ok("query($g: ID!) { tenancyFollowUps(gridId: $g) { id } }", "g", c.village.id()).getList("tenancyFollowUps.id");
        assertTrue(follow.contains(first), follow.toString());
        assertFalse(follow.contains(second));

        // the village's coverage counts its houses
        JsonPath figures = c.chief.ok("query($g: ID!) { coverage(gridId: $g) { houses { total rented byUse { use count } } } }", "g", c.village.id());
        assertTrue(figures.getInt("coverage.houses.rented") >= 1);
        assertEquals(figures.getInt("coverage.houses.total"), figures.<Integer>getList("coverage.houses.byUse.count").stream().mapToInt(i -> i).sum());
        assertEquals(5, figures.getList("coverage.houses.byUse").size(), "every use, zero included");

        // elsewhere, nothing
        assertEquals("NOT_FOUND", c.otherChief.errorCode("query($id: ID!) { house(id: $id) { id } }", "id", houseId));
        assertEquals("FORBIDDEN", c.otherChief.errorCode(START, "h", houseId, "p", floating, "d", "2026-08-01"));
        assertEquals("FORBIDDEN", c.otherChief.errorCode("query($g: ID!) { tenancyFollowUps(gridId: $g) { id } }", "g", c.village.id()));
    }
}
