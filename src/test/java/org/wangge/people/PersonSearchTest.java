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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;

/** Exact searches by ID number or phone: a reason, an audit row, and a rate per caller. */
@QuarkusTest
class PersonSearchTest {

    static final Doc BY_ID = Doc.of("people/PersonByIdNumber");
    static final Doc BY_PHONE = Doc.of("people/PersonsByPhone");
    static final Doc LOG = Doc.of("people/PersonalDataReads");

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    @Test
    void aSearchNeedsAReasonAndIsAuditedWithWhatItFound() {
        Gql staff = As.gridWorker(c.village.id());
        String household = PeopleTest.household(c.chief, c.group1, "东关村一组 88 号");
        String id = PeopleTest.residentId(LocalDate.of(1975, 7, 7), true);
        String personId = PeopleTest.register(c.chief, PeopleTest.person(household, "被查询", id, "13900008888")).getString("id");

        // not a document a client could send: the reason is required
        Response noReason = staff.post("query($n: String!) { personByIdNumber(idNumber: $n) { id } }", "n", id);
        assertTrue(noReason.asString().contains("reason"), noReason.asString());
        assertNull(noReason.jsonPath().get("data.personByIdNumber"));
        assertEquals("VALIDATION", staff.errorCode(BY_ID, "idNumber", id, "reason", " "));

        assertEquals(personId, staff.ok(BY_ID, "idNumber", id, "reason", "核实来访人身份").getString("personByIdNumber.id"));
        assertEquals(List.of(personId), staff.ok(BY_PHONE, "phone", "13900008888", "reason", "回拨核实").getList("personsByPhone.edges.node.id"));
        assertNull(staff.ok(BY_ID, "idNumber", PeopleTest.residentId(LocalDate.of(1975, 7, 8), true), "reason", "查无此人").get("personByIdNumber"));

        JsonPath log = As.admin().field(LOG, "actorSubject", staff.subject(), "first", 100);
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
        Gql staff = As.signedIn("grid_worker");
        StringBuilder many = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            many.append(" s").append(i).append(": personByIdNumber(idNumber: \"41132119800101").append(String.format("%03d", i))
                    .append("X\", reason: \"批量核对名单\") { id }");
        }
        // forty searches in one request, as a script would send them
        JsonPath answer = staff.post(many.append(" }").toString()).jsonPath();
        List<Map<String, Object>> errors = answer.getList("errors");
        assertEquals(10, errors.size(), answer.prettify());
        assertTrue(errors.stream().allMatch(e -> "RATE_LIMITED".equals(((Map<?, ?>) e.get("extensions")).get("code"))), errors.toString());
        assertEquals("RATE_LIMITED", staff.errorCode(BY_PHONE, "phone", "13900000000", "reason", "再查一次"));
        assertEquals(30, As.admin().ok(LOG, "actorSubject", staff.subject(), "first", 100).getInt("personalDataReads.totalCount"),
                "refused searches are not run");
        // another caller is not held back by this one
        assertEquals(0, As.signedIn("grid_worker").ok(BY_PHONE, "phone", "13900000000", "reason", "另一人查询")
                .getInt("personsByPhone.totalCount"));
    }
}
