package org.wangge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;

/** An object outside the caller's reach answers exactly as one that does not exist. */
@QuarkusTest
class OutOfReachTest {

    private static final Gql CHIEF_DONGGUAN = Gql.as("chief-dongguan", "grid_chief");
    private static final Gql CHIEF_YUNYANG = Gql.as("chief-yunyang", "grid_chief");
    private static final String ABSENT = "987654321";

    @Test
    void personHouseholdAndCaseOutsideReachLookAbsent() {
        String grid = Gql.admin().ok("{ grid(code: \"411321001001001\") { id } }").getString("grid.id");
        String household = CHIEF_DONGGUAN.ok("mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }",
                "i", Map.of("gridId", grid, "address", "东关村一组 99 号")).getString("createHousehold.id");
        String person = CHIEF_DONGGUAN.ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }",
                "i", Map.of("householdId", household, "name", "够不着", "residenceType", "REGISTERED")).getString("registerPerson.id");
        String caseId = CHIEF_DONGGUAN.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                "i", Map.of("kind", "LIVELIHOOD", "title", "路灯不亮", "gridId", grid)).getString("reportCase.id");

        sameAnswer("query($id: ID!) { person(id: $id) { name } }", person);
        sameAnswer("query($id: ID!) { household(id: $id) { address } }", household);
        sameAnswer("query($id: ID!) { case(id: $id) { title } }", caseId);
        // a resident reaches neither someone else's record nor someone else's case
        Gql resident = Gql.as("resident-nobody-" + System.nanoTime(), "resident");
        assertEquals("NOT_FOUND", resident.errorCode("query($id: ID!) { person(id: $id) { name } }", "id", person));
        assertEquals("NOT_FOUND", resident.errorCode("query($id: ID!) { case(id: $id) { title } }", "id", caseId));
    }

    /** Code, message (with the id in place of the other) and extensions are the same for both ids. */
    private static void sameAnswer(String query, String existing) {
        JsonPath outside = CHIEF_YUNYANG.post(query, "id", existing).jsonPath();
        JsonPath absent = CHIEF_YUNYANG.post(query, "id", ABSENT).jsonPath();
        assertEquals("NOT_FOUND", outside.getString("errors[0].extensions.code"), outside.prettify());
        assertEquals(absent.getString("errors[0].message").replace(ABSENT, existing), outside.getString("errors[0].message"));
        assertEquals(absent.getMap("errors[0].extensions").keySet(), outside.getMap("errors[0].extensions").keySet());
        assertEquals(absent.getString("errors[0].extensions.id").replace(ABSENT, existing), outside.getString("errors[0].extensions.id"));
        assertEquals(absent.getString("data"), outside.getString("data"));
    }
}
