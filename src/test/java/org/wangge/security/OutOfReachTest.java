package org.wangge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;
import org.wangge.Keys;

/** An object outside the caller's reach answers exactly as one that does not exist. */
@QuarkusTest
class OutOfReachTest {

    static final Doc PERSON = Doc.of("people/PersonDetail");
    static final Doc HOUSEHOLD = Doc.of("people/HouseholdDetail");
    static final Doc CASE = Doc.of("cases/CaseDetail");
    static final Doc CREATE_HOUSEHOLD = Doc.of("people/CreateHousehold");
    static final Doc REGISTER = Doc.of("people/RegisterPerson");
    static final Doc REPORT = Doc.of("cases/ReportCase");

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    @Test
    void personHouseholdAndCaseOutsideReachLookAbsent() {
        String grid = c.group1.id();
        String household = c.chief.field(CREATE_HOUSEHOLD, "input", Map.of("gridId", grid, "address", "东关村一组 99 号")).getString("id");
        String person = c.chief.field(REGISTER, "input", Map.of("householdId", household, "name", "够不着", "residenceType", "REGISTERED"))
                .getString("id");
        String caseId = c.chief.field(REPORT, "input", Map.of("kind", "LIVELIHOOD", "title", "路灯不亮", "gridId", grid)).getString("id");

        sameAnswer(PERSON, person, "Person");
        sameAnswer(HOUSEHOLD, household, "Household");
        sameAnswer(CASE, caseId, "CaseFile");
        // a resident reaches neither someone else's record nor someone else's case
        Gql resident = As.resident();
        assertEquals("NOT_FOUND", resident.errorCode(PERSON, "id", person));
        assertEquals("NOT_FOUND", resident.errorCode(CASE, "id", caseId));
    }

    /** Code, message (with the id in place of the other) and extensions are the same for both ids. */
    private void sameAnswer(Doc query, String existing, String type) {
        String missing = Keys.id(type, 987654321);
        JsonPath outside = c.otherChief.post(query, "id", existing).jsonPath();
        JsonPath absent = c.otherChief.post(query, "id", missing).jsonPath();
        assertEquals("NOT_FOUND", outside.getString("errors[0].extensions.code"), outside.prettify());
        assertEquals(absent.getString("errors[0].message").replace(missing, existing), outside.getString("errors[0].message"));
        assertEquals(absent.getMap("errors[0].extensions").keySet(), outside.getMap("errors[0].extensions").keySet());
        assertEquals(absent.getString("errors[0].extensions.id").replace(missing, existing), outside.getString("errors[0].extensions.id"));
        assertEquals(absent.getString("data"), outside.getString("data"));
    }
}
