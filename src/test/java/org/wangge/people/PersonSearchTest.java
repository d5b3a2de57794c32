package org.wangge.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;

/** Exact searches by ID number or phone: a reason, an audit row, and a rate per caller. */
@QuarkusTest
class PersonSearchTest {

    private static final Gql CHIEF = Gql.as("chief-dongguan", "grid_chief");
    private static final String BY_ID = "query($n: String!, $r: String!) { personByIdNumber(idNumber: $n, reason: $r) { id } }";
    private static final String BY_PHONE = "query($n: String!, $r: String!) { personsByPhone(phone: $n, reason: $r) { totalCount edges { node { id } } } }";
    private static final String LOG = "query($a: String) { personalDataReads(actorSubject: $a, first: 100) { totalCount edges { node { actorSubject personId field reason } } } }";

    @Test
    void aSearchNeedsAReasonAndIsAuditedWithWhatItFound() {
        String searcher = "searcher-" + System.nanoTime();
        org.wangge.Fixtures.assign(PeopleTest.gridId("411321001001"), searcher, "GRID_WORKER");
        Gql staff = Gql.as(searcher, "grid_worker");
        String household = PeopleTest.household(CHIEF, "411321001001001", "东关村一组 88 号");
        String id = PeopleTest.residentId(LocalDate.of(1975, 7, 7), true);
        String personId = PeopleTest.register(CHIEF, PeopleTest.person(household, "被查询", id, "13900008888")).getString("registerPerson.id");

        Response noReason = staff.post("query($n: String!) { personByIdNumber(idNumber: $n) { id } }", "n", id);
        assertTrue(noReason.asString().contains("reason"), noReason.asString());
        assertNull(noReason.jsonPath().get("data.personByIdNumber"));
        assertEquals("VALIDATION", staff.errorCode(BY_ID, "n", id, "r", " "));

        assertEquals(personId, staff.ok(BY_ID, "n", id, "r", "核实来访人身份").getString("personByIdNumber.id"));
        assertEquals(List.of(personId), staff.ok(BY_PHONE, "n", "13900008888", "r", "回拨核实").getList("personsByPhone.edges.node.id"));
        assertNull(staff.ok(BY_ID, "n", PeopleTest.residentId(LocalDate.of(1975, 7, 8), true), "r", "查无此人").get("personByIdNumber"));

        JsonPath log = Gql.admin().ok(LOG, "a", searcher).setRootPath("data.personalDataReads");
        assertEquals(3, log.getInt("totalCount"));
        assertEquals(List.of("idNumberSearch", "phoneSearch", "idNumberSearch"), log.getList("edges.node.field"));
        assertEquals(List.of("查无此人", "回拨核实", "核实来访人身份"), log.getList("edges.node.reason"));
        java.util.ArrayList<Object> persons = new java.util.ArrayList<>();
        persons.add(null);
        persons.add(personId);
        persons.add(personId);
        assertEquals(persons, log.getList("edges.node.personId"), "a search that found nobody is recorded without a person");
    }

    @Test
    void searchesAreLimitedPerCallerAndPerField() {
        String searcher = "busy-" + System.nanoTime();
        Gql staff = Gql.as(searcher, "grid_worker");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            many.append(" s").append(i).append(": personByIdNumber(idNumber: \"41132119800101").append(String.format("%03d", i))
                    .append("X\", reason: \"批量核对名单\") { id }");
        }
        JsonPath answer = staff.post(many.append(" }").toString()).jsonPath();
        List<Map<String, Object>> errors = answer.getList("errors");
        assertEquals(10, errors.size(), answer.prettify());
        assertTrue(errors.stream().allMatch(e -> "RATE_LIMITED".equals(((Map<?, ?>) e.get("extensions")).get("code"))), errors.toString());
        assertEquals("RATE_LIMITED", staff.errorCode(BY_PHONE, "n", "13900000000", "r", "再查一次"));
        assertEquals(30, Gql.admin().ok(LOG, "a", searcher).getInt("personalDataReads.totalCount"), "refused searches are not run");
        // another caller is not held back by this one
        assertEquals(0, Gql.as(searcher + "-other", "grid_worker").ok(BY_PHONE, "n", "13900000000", "r", "另一人查询")
                .getInt("personsByPhone.totalCount"));
    }
}
