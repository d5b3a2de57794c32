package org.wangge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;

/** What each assignment gives, where, and to which tokens; and the four-eyes rules. On a county of the class's own. */
@QuarkusTest
class CapabilitiesTest {

    static final Doc ASSIGN = Doc.of("staff/AssignStaff");
    static final Doc ASSIGNMENTS = Doc.of("staff/StaffAssignments");
    static final Doc CREATE_HOUSEHOLD = Doc.of("people/CreateHousehold");
    static final Doc REGISTER = Doc.of("people/RegisterPerson");
    static final Doc PERSONS = Doc.of("people/Persons");
    static final Doc HOUSEHOLD = Doc.of("people/HouseholdDetail");
    static final Doc COVERAGE = Doc.of("people/Coverage");
    static final Doc REPORT = Doc.of("cases/ReportCase");
    static final Doc ACCEPT = Doc.of("cases/AcceptCase");
    static final Doc PROPOSE = Doc.of("points/ProposeAward");
    static final Doc APPROVE = Doc.of("points/ApproveAward");
    static final Doc REJECT = Doc.of("points/RejectAward");
    /** This run's residents only, whatever else the grids hold. */
    static final String NAME = Fixtures.code("楼里人");

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    static String[] householdWithResident(County.Grid grid, String building) {
        Map<String, Object> input = new java.util.HashMap<>(Map.of("gridId", grid.id(), "address", "楼栋 " + Fixtures.code("a")));
        if (building != null) {
            input.put("building", building);
        }
        String h = As.admin().field(CREATE_HOUSEHOLD, "input", input).getString("id");
        String p = As.admin().field(REGISTER, "input", Map.of("householdId", h, "name", NAME, "residenceType", "PERMANENT")).getString("id");
        return new String[] {h, p};
    }

    static List<String> residents(Gql as, County.Grid grid) {
        return as.ok(PERSONS, "filter", Map.of("gridId", grid.id(), "namePrefix", NAME), "first", 500).getList("persons.edges.node.id");
    }

    @Test
    void aBuildingChiefReadsTheHouseholdsOfTheirBuildingOnly() {
        County.Grid group = c.group3;
        String[] five = householdWithResident(group, "5号楼");
        String[] six = householdWithResident(group, "6号楼");
        String chief = Fixtures.code("building-chief");
        c.chief.ok(ASSIGN, "input", Map.of("gridId", group.id(), "subject", chief, "displayName", "楼栋长", "role", "BUILDING_CHIEF",
                "building", "5号楼"));
        Gql asChief = Gql.as(chief, "resident");

        List<String> seen = residents(asChief, group);
        assertTrue(seen.contains(five[1]));
        assertFalse(seen.contains(six[1]), "a building chief reads no other building");
        assertEquals(five[0], asChief.ok(HOUSEHOLD, "id", five[0]).getString("household.id"));
        assertEquals("NOT_FOUND", asChief.errorCode(HOUSEHOLD, "id", six[0]));
        // and nothing a worker reads: care groups, visits, cases of the grid
        assertEquals("FORBIDDEN", asChief.errorCode(COVERAGE, "gridId", group.id()));
        // a building chief without a building is refused
        assertEquals("VALIDATION", c.chief.errorCode(ASSIGN, "input", Map.of("gridId", group.id(), "subject", chief, "role", "BUILDING_CHIEF")));
    }

    @Test
    void anInformationReporterReadsNoResidents() {
        County.Grid group = c.group1;
        householdWithResident(group, null);
        assertEquals(List.of(), residents(c.reporter, group));
        assertTrue(residents(c.chief, group).size() > 0, "the resident is there for staff");
        assertEquals(0, c.reporter.ok(PERSONS).getInt("persons.totalCount"));
    }

    @Test
    void anAssignmentGivesNothingToATokenWhoseRoleMayNotHoldIt() {
        County.Grid group = c.group3;
        String[] home = householdWithResident(group, null);
        Gql worker = As.gridWorker(group.id());
        assertTrue(residents(worker, group).contains(home[1]));
        // the same account signing in as a resident is a resident
        Gql sameAsResident = Gql.as(worker.subject(), "resident");
        assertEquals("FORBIDDEN", sameAsResident.errorCode(PERSONS, "filter", Map.of("gridId", group.id(), "namePrefix", NAME), "first", 500));
        assertEquals(0, sameAsResident.ok(PERSONS).getInt("persons.totalCount"));
        assertEquals("NOT_FOUND", sameAsResident.errorCode(HOUSEHOLD, "id", home[0]));

        // an account known to sign in as a department cannot be made a building chief
        c.departmentStaff.ok("{ departments { id } }");
        JsonPath refused = c.chief.error(ASSIGN, "input", Map.of("gridId", group.id(), "subject", c.departmentStaff.subject(),
                "role", "BUILDING_CHIEF", "building", "1号楼"));
        assertEquals("VALIDATION", refused.getString("extensions.code"));
        assertEquals("subject", refused.getString("extensions.field"));
    }

    @Test
    void tierPowersHeldInOneGridDoNotTravelToAnother() {
        String own = Fixtures.grid(c.village.id(), c.code(c.village), "own", "MICRO_GRID");
        String elsewhere = c.otherGroup1.id();
        Gql twoHats = As.gridChief(own);
        As.assign(twoHats, elsewhere, "GRID_WORKER");

        String inOwn = c.resident.field(REPORT, "input", Map.of("kind", "DISPUTE", "title", "两地", "gridId", own)).getString("id");
        assertEquals("ACCEPTED", twoHats.field(ACCEPT, "id", inOwn, "version", 0).getString("state"));
        String inElsewhere = c.resident.field(REPORT, "input", Map.of("kind", "DISPUTE", "title", "两地", "gridId", elsewhere)).getString("id");
        // a grid worker there: no tier powers, whatever the token says
        assertEquals("FORBIDDEN", twoHats.errorCode(ACCEPT, "id", inElsewhere, "version", 0));
        // nor may they appoint there
        assertEquals("FORBIDDEN", twoHats.errorCode(ASSIGN, "input",
                Map.of("gridId", elsewhere, "subject", Fixtures.code("x"), "displayName", "某", "role", "INFORMATION_REPORTER")));
    }

    @Test
    void nobodyDecidesAnAwardToThemselvesOrOneTheyProposed() {
        String village = c.village.id();
        String forHimself = c.chief.field(PROPOSE, "gridId", village, "subject", c.chief.subject(), "kind", "VOLUNTEERING", "points", 1000)
                .getString("id");
        JsonPath refused = c.chief.error(APPROVE, "id", forHimself);
        assertEquals("FORBIDDEN", refused.getString("extensions.code"));
        assertEquals("FOUR_EYES", refused.getString("extensions.reason"));
        assertEquals("APPROVED", c.commander.field(APPROVE, "id", forHimself).getString("state"));

        String proposedByHim = c.chief.field(PROPOSE, "gridId", village, "subject", c.resident.subject(), "kind", "VOLUNTEERING", "points", 1000)
                .getString("id");
        assertEquals("FORBIDDEN", c.chief.errorCode(APPROVE, "id", proposedByHim));
        assertEquals("FORBIDDEN", c.chief.errorCode(REJECT, "id", proposedByHim));
        assertEquals("APPROVED", c.commander.field(APPROVE, "id", proposedByHim).getString("state"));
    }

    @Test
    void anAssignmentNeverRenamesAnAccount() {
        JsonPath refused = c.chief.error(ASSIGN, "input", Map.of("gridId", c.group3.id(), "subject", c.commander.subject(), "displayName", "已撤职",
                "role", "INFORMATION_REPORTER"));
        assertEquals("VALIDATION", refused.getString("extensions.code"));
        assertEquals("displayName", refused.getString("extensions.field"));
        // As names each account after its subject
        assertEquals(c.commander.subject(), As.admin().ok(ASSIGNMENTS, "subject", c.commander.subject())
                .getString("staffAssignments.edges[0].node.displayName"));
    }
}
