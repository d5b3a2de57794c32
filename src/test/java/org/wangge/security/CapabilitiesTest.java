package org.wangge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;

/** What each assignment gives, where, and to which tokens; and the four-eyes rules. */
@QuarkusTest
class CapabilitiesTest {

    static final Gql ADMIN = Gql.admin();
    static final Gql CHIEF = Gql.as("chief-dongguan", "grid_chief");
    static final Gql COMMANDER = Gql.as("commander-chengguan", "commander");
    static final String ASSIGN = "mutation($i: AssignStaffInput!) { assignStaff(input: $i) { id displayName building } }";
    /** This run's residents only: a grid holds more than a page of others' from earlier tests. */
    static final String NAME = Fixtures.code("楼里人");
    static final String PERSONS = "query($g: ID!) { persons(filter: {gridId: $g, namePrefix: \"" + NAME + "\"}, first: 500) { edges { node { id } } } }";

    static String gridId(String code) {
        return ADMIN.ok("query($c: String) { grid(code: $c) { id } }", "c", code).getString("grid.id");
    }

    static String[] householdWithResident(String grid, String building) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of("gridId", grid, "address", "楼栋 " + Fixtures.code("a")));
        if (building != null) {
            input.put("building", building);
        }
        String h = ADMIN.ok("mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }", "i", input).getString("createHousehold.id");
        String p = ADMIN.ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i",
                Map.of("householdId", h, "name", NAME, "residenceType", "PERMANENT")).getString("registerPerson.id");
        return new String[] {h, p};
    }

    @Test
    void aBuildingChiefReadsTheHouseholdsOfTheirBuildingOnly() {
        String group = gridId("411321001001003");
        String[] five = householdWithResident(group, "5号楼");
        String[] six = householdWithResident(group, "6号楼");
        String chief = Fixtures.code("building-chief");
        CHIEF.ok(ASSIGN, "i", Map.of("gridId", group, "subject", chief, "displayName", "楼栋长", "role", "BUILDING_CHIEF", "building", "5号楼"));
        Gql asChief = Gql.as(chief, "resident");

        List<String> seen = asChief.ok(PERSONS, "g", group).getList("persons.edges.node.id");
        assertTrue(seen.contains(five[1]));
        assertFalse(seen.contains(six[1]), "a building chief reads no other building");
        assertEquals(five[0], asChief.ok("query($id: ID!) { household(id: $id) { id } }", "id", five[0]).getString("household.id"));
        assertEquals("NOT_FOUND", asChief.errorCode("query($id: ID!) { household(id: $id) { id } }", "id", six[0]));
        // and nothing a worker reads: care groups, visits, cases of the grid
        assertEquals("FORBIDDEN", asChief.errorCode("query($g: ID!) { coverage(gridId: $g) { residents } }", "g", group));
        // a building chief without a building is refused
        assertEquals("VALIDATION", CHIEF.errorCode(ASSIGN, "i", Map.of("gridId", group, "subject", chief, "role", "BUILDING_CHIEF")));
    }

    @Test
    void anInformationReporterReadsNoResidents() {
        String group = gridId("411321001001001");
        householdWithResident(group, null);
        Gql reporter = Gql.as("reporter-dongguan", "reporter");
        assertEquals(List.of(), reporter.ok(PERSONS, "g", group).getList("persons.edges.node.id"));
        assertTrue(CHIEF.ok(PERSONS, "g", group).getList("persons.edges.node.id").size() > 0, "the resident is there for staff");
        assertEquals(0, reporter.ok("{ persons { totalCount } }").getInt("persons.totalCount"));
    }

    @Test
    void anAssignmentGivesNothingToATokenWhoseRoleMayNotHoldIt() {
        String group = gridId("411321001001003");
        String[] home = householdWithResident(group, null);
        String subject = Fixtures.code("worker");
        ADMIN.ok(ASSIGN, "i", Map.of("gridId", group, "subject", subject, "displayName", "网格员", "role", "GRID_WORKER"));
        assertTrue(Gql.as(subject, "grid_worker").ok(PERSONS, "g", group).getList("persons.edges.node.id").contains(home[1]));
        // the same account signing in as a resident is a resident
        assertEquals("FORBIDDEN", Gql.as(subject, "resident").errorCode(PERSONS, "g", group));
        assertEquals(0, Gql.as(subject, "resident").ok("{ persons { totalCount } }").getInt("persons.totalCount"));
        assertEquals("NOT_FOUND", Gql.as(subject, "resident").errorCode("query($id: ID!) { household(id: $id) { id } }", "id", home[0]));

        // an account known to sign in as a department cannot be made a building chief
        Gql.as("dept-police", "department").ok("{ departments { id } }");
        JsonPath refused = CHIEF.post(ASSIGN, "i", Map.of("gridId", group, "subject", "dept-police", "role", "BUILDING_CHIEF", "building", "1号楼"))
                .jsonPath();
        assertEquals("VALIDATION", refused.getString("errors[0].extensions.code"));
        assertEquals("subject", refused.getString("errors[0].extensions.field"));
    }

    @Test
    void tierPowersHeldInOneGridDoNotTravelToAnother() {
        String village = gridId("411321001001");
        String own = Fixtures.grid(village, "own", "MICRO_GRID");
        String yunyangGroup = gridId("411321002001001");
        String subject = Fixtures.code("two-hats");
        ADMIN.ok(ASSIGN, "i", Map.of("gridId", own, "subject", subject, "displayName", "两地", "role", "GRID_CHIEF"));
        ADMIN.ok(ASSIGN, "i", Map.of("gridId", yunyangGroup, "subject", subject, "role", "GRID_WORKER"));
        Gql twoHats = Gql.as(subject, "grid_chief");
        String accept = "mutation($id: ID!) { acceptCase(id: $id, version: 0) { state } }";
        String report = "mutation($g: ID!) { reportCase(input: {kind: \"DISPUTE\", title: \"两地\", gridId: $g}) { id } }";

        String inOwn = Gql.as("resident-zhang", "resident").ok(report, "g", own).getString("reportCase.id");
        assertEquals("ACCEPTED", twoHats.ok(accept, "id", inOwn).getString("acceptCase.state"));
        String inYunyang = Gql.as("resident-zhang", "resident").ok(report, "g", yunyangGroup).getString("reportCase.id");
        // a grid worker there: no tier powers, whatever the token says
        assertEquals("FORBIDDEN", twoHats.errorCode(accept, "id", inYunyang));
        // nor may they appoint there
        assertEquals("FORBIDDEN", twoHats.errorCode(ASSIGN, "i",
                Map.of("gridId", yunyangGroup, "subject", Fixtures.code("x"), "displayName", "某", "role", "INFORMATION_REPORTER")));
    }

    @Test
    void nobodyDecidesAnAwardToThemselvesOrOneTheyProposed() {
        String village = gridId("411321001001");
        String propose = "mutation($g: ID!, $s: String!) { proposeAward(gridId: $g, subject: $s, kind: VOLUNTEERING, points: 1000) { id } }";
        String approve = "mutation($id: ID!) { approveAward(id: $id) { state } }";

        String forHimself = CHIEF.ok(propose, "g", village, "s", "chief-dongguan").getString("proposeAward.id");
        JsonPath refused = CHIEF.post(approve, "id", forHimself).jsonPath();
        assertEquals("FORBIDDEN", refused.getString("errors[0].extensions.code"));
        assertEquals("FOUR_EYES", refused.getString("errors[0].extensions.reason"));
        assertEquals("APPROVED", COMMANDER.ok(approve, "id", forHimself).getString("approveAward.state"));

        String proposedByHim = CHIEF.ok(propose, "g", village, "s", "resident-zhang").getString("proposeAward.id");
        assertEquals("FORBIDDEN", CHIEF.errorCode(approve, "id", proposedByHim));
        assertEquals("FORBIDDEN", CHIEF.errorCode("mutation($id: ID!) { rejectAward(id: $id) { state } }", "id", proposedByHim));
        assertEquals("APPROVED", COMMANDER.ok(approve, "id", proposedByHim).getString("approveAward.state"));
    }

    @Test
    void anAssignmentNeverRenamesAnAccount() {
        String group = gridId("411321001001003");
        String name = "query { staffAssignments(subject: \"commander-chengguan\") { edges { node { displayName } } } }";
        JsonPath refused = CHIEF.post(ASSIGN, "i", Map.of("gridId", group, "subject", "commander-chengguan", "displayName", "已撤职",
                "role", "INFORMATION_REPORTER")).jsonPath();
        assertEquals("VALIDATION", refused.getString("errors[0].extensions.code"));
        assertEquals("displayName", refused.getString("errors[0].extensions.field"));
        assertEquals("王建国", ADMIN.ok(name).getString("staffAssignments.edges[0].node.displayName"));
    }
}
