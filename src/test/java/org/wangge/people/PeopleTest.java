package org.wangge.people;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;
import org.wangge.TestDb;

@QuarkusTest
class PeopleTest {

    private static final Gql CHIEF_DONGGUAN = Gql.as("chief-dongguan", "grid_chief");
    private static final Gql WORKER_DONGGUAN = Gql.as("worker-dongguan", "grid_worker");
    private static final Gql CHIEF_YUNYANG = Gql.as("chief-yunyang", "grid_chief");
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 500));

    @Inject
    Pool pool;

    /** A valid resident ID, different on every call. */
    static String residentId(LocalDate birth, boolean male) {
        int serial = SEQ.incrementAndGet() % 500 * 2 + (male ? 1 : 0);
        return org.wangge.TestIds.resident("411321", birth, serial);
    }

    static String gridId(String code) {
        return Gql.admin().ok("query($c: String) { grid(code: $c) { id } }", "c", code).getString("grid.id");
    }

    static String household(Gql as, String gridCode, String address) {
        return as.ok("mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }",
                "i", Map.of("gridId", gridId(gridCode), "address", address)).getString("createHousehold.id");
    }

    static JsonPath register(Gql as, Map<String, Object> input) {
        return as.ok("""
                mutation($i: PersonInput!) { registerPerson(input: $i) { id name idNumber phone gender birthDate age residenceType relation } }""",
                "i", input);
    }

    static Map<String, Object> person(String householdId, String name, String idNumber, String phone) {
        Map<String, Object> in = new HashMap<>();
        in.put("householdId", householdId);
        in.put("name", name);
        in.put("residenceType", "REGISTERED");
        if (idNumber != null) {
            in.put("idNumber", idNumber);
        }
        if (phone != null) {
            in.put("phone", phone);
        }
        return in;
    }

    @Test
    void personalDataIsEncryptedMaskedAndReadInFullOnlyWithRoleAndReasonOnceAudited() {
        String household = household(CHIEF_DONGGUAN, "411321001001001", "东关村一组 12 号");
        String id = residentId(LocalDate.of(1956, 3, 15), false);
        JsonPath created = register(CHIEF_DONGGUAN, person(household, "王秀兰", id, "13812345678"));
        String personId = created.getString("registerPerson.id");
        assertEquals(id.substring(0, 3) + "***************", created.getString("registerPerson.idNumber"));
        assertEquals("138******78", created.getString("registerPerson.phone"));
        assertEquals("FEMALE", created.getString("registerPerson.gender"));
        assertEquals("1956-03-15", created.getString("registerPerson.birthDate"));

        // at rest: no column holds the plain values
        String row = TestDb.rows(pool, "SELECT p::text FROM person p WHERE id = $1", Long.parseLong(personId)).get(0).getString(0);
        assertFalse(row.contains(id) || row.contains("13812345678"), row);
        assertFalse(new String(TestDb.rows(pool, "SELECT id_number_enc FROM person WHERE id = $1", Long.parseLong(personId)).get(0)
                .getBuffer(0).getBytes(), StandardCharsets.ISO_8859_1).contains(id));

        String full = "query($id: ID!, $r: String!) { person(id: $id) { idNumberFull(reason: $r) } }";
        String fullPhone = "query($id: ID!, $r: String!) { person(id: $id) { phoneFull(reason: $r) } }";
        // a grid worker may see the phone but not the ID number; without a reason nobody may
        assertEquals("FORBIDDEN", WORKER_DONGGUAN.errorCode(full, "id", personId, "r", "入户核实身份"));
        assertEquals("VALIDATION", CHIEF_DONGGUAN.errorCode(full, "id", personId, "r", " "));
        // outside the jurisdiction the person is not even found
        assertEquals("NOT_FOUND", CHIEF_YUNYANG.errorCode(full, "id", personId, "r", "入户核实身份"));
        assertEquals(0, audits(personId));

        Response read = RestAssured.given().contentType(ContentType.JSON).header("X-Request-Id", "req-" + personId)
                .header("Authorization", "Bearer " + org.wangge.security.DevTokenResource.sign("chief-dongguan", "李秀英", java.util.Set.of("grid_chief")))
                .body(Map.of("query", full, "variables", Map.of("id", personId, "r", "办理低保核实身份"))).post("/graphql");
        assertEquals(id, read.jsonPath().getString("data.person.idNumberFull"), read.asString());
        assertEquals(1, audits(personId));
        assertEquals("13812345678", WORKER_DONGGUAN.ok(fullPhone, "id", personId, "r", "电话回访").getString("person.phoneFull"));
        assertEquals(2, audits(personId));

        JsonPath log = Gql.admin().ok("query($p: ID) { personalDataReads(personId: $p) { totalCount edges { node { actorSubject field reason requestId personId } } } }",
                "p", personId);
        assertEquals(2, log.getInt("personalDataReads.totalCount"));
        assertEquals(List.of("worker-dongguan", "chief-dongguan"), log.getList("personalDataReads.edges.node.actorSubject"));
        assertEquals(List.of("phone", "idNumber"), log.getList("personalDataReads.edges.node.field"));
        assertEquals("办理低保核实身份", log.getString("personalDataReads.edges[1].node.reason"));
        assertEquals("req-" + personId, log.getString("personalDataReads.edges[1].node.requestId"));
        assertEquals("FORBIDDEN", CHIEF_DONGGUAN.errorCode("{ personalDataReads { totalCount } }"));
    }

    @Test
    void theAuditLogCannotBeChanged() {
        String household = household(CHIEF_DONGGUAN, "411321001001001", "东关村一组 13 号");
        String personId = register(CHIEF_DONGGUAN, person(household, "审计", residentId(LocalDate.of(1970, 1, 2), true), null))
                .getString("registerPerson.id");
        CHIEF_DONGGUAN.ok("query($id: ID!) { person(id: $id) { idNumberFull(reason: \"核对档案\") } }", "id", personId);
        // no operation of the API writes the log other than a full read
        JsonPath mutations = Gql.admin().ok("{ __schema { mutationType { fields { name } } } }");
        List<String> names = mutations.getList("__schema.mutationType.fields.name");
        assertTrue(names.stream().noneMatch(n -> n.toLowerCase().contains("audit") || n.toLowerCase().contains("personaldata")), names.toString());
        // and the database refuses changes too
        assertThrows(Exception.class, () -> TestDb.rows(pool, "UPDATE pii_audit SET reason = 'x' WHERE person_id = $1", Long.parseLong(personId)));
        assertThrows(Exception.class, () -> TestDb.rows(pool, "DELETE FROM pii_audit WHERE person_id = $1", Long.parseLong(personId)));
        assertEquals(1, audits(personId));
    }

    @Test
    void outOfJurisdictionResidentsLookAbsent() {
        String household = household(CHIEF_DONGGUAN, "411321001001002", "东关村二组 1 号");
        String id = residentId(LocalDate.of(1988, 8, 8), true);
        String personId = register(CHIEF_DONGGUAN, person(household, "范围外", id, "13900001111")).getString("registerPerson.id");

        assertEquals("NOT_FOUND", CHIEF_YUNYANG.errorCode("query($id: ID!) { person(id: $id) { name } }", "id", personId));
        assertEquals("NOT_FOUND", CHIEF_YUNYANG.errorCode("query($id: ID!) { household(id: $id) { address } }", "id", household));
        assertNull(CHIEF_YUNYANG.ok("query($n: String!) { personByIdNumber(idNumber: $n, reason: \"核实身份\") { id } }", "n", id).get("personByIdNumber"));
        assertEquals(0, CHIEF_YUNYANG.ok("query($n: String!) { personsByPhone(phone: $n, reason: \"核实来电\") { totalCount } }", "n", "139 0000 1111")
                .getInt("personsByPhone.totalCount"));
        List<String> visibleToYunyang = CHIEF_YUNYANG.ok("{ persons(first: 500) { edges { node { id } } } }").getList("persons.edges.node.id");
        assertFalse(visibleToYunyang.contains(personId));

        assertEquals(personId, CHIEF_DONGGUAN.ok("query($n: String!) { personByIdNumber(idNumber: $n, reason: \"核实身份\") { id } }", "n", id.toLowerCase())
                .getString("personByIdNumber.id"));
        assertEquals(List.of(personId), CHIEF_DONGGUAN.ok("query($n: String!) { personsByPhone(phone: $n, reason: \"核实来电\") { edges { node { id } } } }",
                "n", "+8613900001111").getList("personsByPhone.edges.node.id"));
        assertEquals("NOT_FOUND", Gql.as("resident-zhang", "resident").errorCode("query($id: ID!) { person(id: $id) { name } }", "id", personId));
        assertEquals("FORBIDDEN", CHIEF_YUNYANG.errorCode("mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }",
                "i", Map.of("gridId", gridId("411321001001001"), "address", "越界")));
    }

    @Test
    void careGroupsShowOnlyToCoveringStaffAndResidentsSeeOnlyThemselves() {
        String household = household(CHIEF_DONGGUAN, "411321001001001", "东关村一组 20 号");
        Map<String, Object> in = person(household, "张大妈", residentId(LocalDate.of(1950, 5, 5), false), null);
        in.put("accountSubject", "resident-care-" + SEQ.incrementAndGet());
        String personId = register(CHIEF_DONGGUAN, in).getString("registerPerson.id");
        CHIEF_DONGGUAN.ok("mutation($i: CareCaseInput!) { addCareCase(input: $i) { id category { code nameZh } level active } }",
                "i", Map.of("personId", personId, "category", "EMPTY_NEST_ELDERLY", "level", "HIGH",
                        "helperSubject", "worker-dongguan", "visitIntervalDays", 7));

        String care = "query($id: ID!) { person(id: $id) { name careCases { category { code } } } }";
        assertEquals(List.of("EMPTY_NEST_ELDERLY"), CHIEF_DONGGUAN.ok(care, "id", personId).getList("person.careCases.category.code"));
        assertEquals(List.of("EMPTY_NEST_ELDERLY"), WORKER_DONGGUAN.ok(care, "id", personId).getList("person.careCases.category.code"));
        Gql self = Gql.as((String) in.get("accountSubject"), "resident");
        JsonPath own = self.ok(care, "id", personId);
        assertEquals("张大妈", own.getString("person.name"));
        assertNull(own.get("person.careCases"), "a resident never sees care groups");
        assertEquals(personId, self.ok("{ myPerson { id } }").getString("myPerson.id"));
        assertEquals(1, self.ok("{ persons { totalCount } }").getInt("persons.totalCount"));
        assertEquals("FORBIDDEN", self.errorCode("{ persons(filter: {careCategory: \"EMPTY_NEST_ELDERLY\"}) { totalCount } }"));

        List<String> inCare = CHIEF_DONGGUAN.ok("{ persons(filter: {careCategory: \"EMPTY_NEST_ELDERLY\", minAge: 70}, first: 500) { edges { node { id } } } }")
                .getList("persons.edges.node.id");
        assertTrue(inCare.contains(personId));
        // a duplicate open case in the same category is refused
        assertEquals("CONFLICT", CHIEF_DONGGUAN.errorCode("mutation($i: CareCaseInput!) { addCareCase(input: $i) { id } }",
                "i", Map.of("personId", personId, "category", "EMPTY_NEST_ELDERLY", "level", "LOW")));
        assertEquals("VALIDATION", CHIEF_DONGGUAN.errorCode("mutation($i: CareCaseInput!) { addCareCase(input: $i) { id } }",
                "i", Map.of("personId", personId, "category", "NO_SUCH_GROUP", "level", "LOW")));
    }

    @Test
    void overdueVisitsFollowTheIntervalAndAVisitClearsThem() {
        String household = household(CHIEF_DONGGUAN, "411321001001002", "东关村二组 9 号");
        String personId = register(CHIEF_DONGGUAN, person(household, "孤寡老人甲", residentId(LocalDate.of(1940, 2, 2), true), null))
                .getString("registerPerson.id");
        String caseId = CHIEF_DONGGUAN.ok("mutation($i: CareCaseInput!) { addCareCase(input: $i) { id visitOverdue nextVisitDue } }",
                "i", Map.of("personId", personId, "category", "ELDERLY_ALONE", "level", "HIGH", "helperSubject", "worker-dongguan",
                        "visitIntervalDays", 7, "startDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(30).toString()))
                .getString("addCareCase.id");
        String overdue = "{ overdueVisits(first: 500) { totalCount edges { node { id person { name } } } } }";
        assertTrue(WORKER_DONGGUAN.ok(overdue).getList("overdueVisits.edges.node.id").contains(caseId));
        String gridQuery = "query($g: ID) { overdueVisits(gridId: $g, first: 500) { edges { node { id } } } }";
        assertTrue(CHIEF_DONGGUAN.ok(gridQuery.replace("ID)", "ID)"), "g", gridId("411321001001")).getList("overdueVisits.edges.node.id").contains(caseId));
        assertEquals("FORBIDDEN", CHIEF_YUNYANG.errorCode(gridQuery, "g", gridId("411321001001")));

        JsonPath visit = WORKER_DONGGUAN.ok("mutation($i: VisitInput!) { recordVisit(input: $i) { id visitorSubject visitorName visitedAt } }",
                "i", Map.of("householdId", household, "personId", personId, "notes", "身体状况良好", "findings", "无"));
        assertEquals("worker-dongguan", visit.getString("recordVisit.visitorSubject"));
        assertFalse(WORKER_DONGGUAN.ok(overdue).getList("overdueVisits.edges.node.id").contains(caseId));
        JsonPath care = CHIEF_DONGGUAN.ok("query($id: ID!) { person(id: $id) { careCases { visitOverdue lastVisitAt nextVisitDue } household { visits { notes } } } }", "id", personId);
        assertEquals(List.of(false), care.getList("person.careCases.visitOverdue"));
        assertEquals(List.of("身体状况良好"), care.getList("person.household.visits.notes"));
        assertEquals("VALIDATION", WORKER_DONGGUAN.errorCode("mutation($i: VisitInput!) { recordVisit(input: $i) { id } }",
                "i", Map.of("householdId", household, "visitedAt", "2099-01-01T00:00:00Z")));
    }

    @Test
    void householdsLiveInLeafGridsAndMovesKeepMembersAndHistory() {
        assertEquals("VALIDATION", CHIEF_DONGGUAN.errorCode("mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }",
                "i", Map.of("gridId", gridId("411321001001"), "address", "村委会")));
        String household = household(CHIEF_DONGGUAN, "411321001001001", "东关村一组 30 号");
        Map<String, Object> head = person(household, "户主甲", residentId(LocalDate.of(1970, 3, 3), true), null);
        head.put("relation", "HOUSEHOLDER");
        String headId = register(CHIEF_DONGGUAN, head).getString("registerPerson.id");
        Map<String, Object> child = person(household, "子女乙", residentId(LocalDate.of(2015, 6, 1), false), null);
        child.put("relation", "CHILD");
        String childId = register(CHIEF_DONGGUAN, child).getString("registerPerson.id");
        Map<String, Object> second = person(household, "户主丙", null, null);
        second.put("relation", "HOUSEHOLDER");
        assertEquals("VALIDATION", CHIEF_DONGGUAN.errorCode("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i", second));

        JsonPath h = CHIEF_DONGGUAN.ok("query($id: ID!) { household(id: $id) { householder { id } members { name relation age } grid { code } } }", "id", household);
        assertEquals(headId, h.getString("household.householder.id"));
        assertEquals(List.of("户主甲", "子女乙"), h.getList("household.members.name"));

        CHIEF_DONGGUAN.ok("mutation($id: ID!, $g: ID!) { moveHousehold(id: $id, gridId: $g) { grid { code } } }", "id", household, "g", gridId("411321001001003"));
        assertEquals("411321001001003", CHIEF_DONGGUAN.ok("query($id: ID!) { household(id: $id) { grid { code } members { name } } }", "id", household)
                .getString("household.grid.code"));
        JsonPath history = CHIEF_DONGGUAN.ok("query($id: ID!) { household(id: $id) { gridHistory { grid { code } validTo } householder { memberships { household { id } relation validTo } } } }", "id", household);
        assertEquals(List.of("411321001001001", "411321001001003"), history.getList("household.gridHistory.grid.code"));
        assertNotNull(history.get("household.gridHistory[0].validTo"));
        assertNull(history.get("household.gridHistory[1].validTo"));
        assertEquals(List.of("HOUSEHOLDER"), history.getList("household.householder.memberships.relation"));

        // the child marries out into another household: the membership history keeps both
        String other = household(CHIEF_DONGGUAN, "411321001001002", "东关村二组 31 号");
        CHIEF_DONGGUAN.ok("mutation($p: ID!, $h: ID!) { transferPerson(personId: $p, householdId: $h, relation: SPOUSE) { relation } }",
                "p", childId, "h", other);
        JsonPath moved = CHIEF_DONGGUAN.ok("query($id: ID!) { person(id: $id) { relation household { id } memberships { household { id } relation validTo } } }", "id", childId);
        assertEquals(other, moved.getString("person.household.id"));
        assertEquals(List.of(household, other), moved.getList("person.memberships.household.id"));
        assertEquals(List.of("CHILD", "SPOUSE"), moved.getList("person.memberships.relation"));
        assertNotNull(moved.get("person.memberships[0].validTo"));
        assertEquals("NOT_FOUND", WORKER_DONGGUAN.errorCode("query($id: ID!) { household(id: $id) { address } }", "id", household));
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        String household = household(CHIEF_DONGGUAN, "411321001001001", "东关村一组 40 号");
        long before = TestDb.count(pool, "SELECT count(*) FROM person");
        Map<String, Object> wrongCheck = person(household, "错号", "411321198001010018", null);
        Response r = CHIEF_DONGGUAN.post("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i", wrongCheck);
        assertEquals("VALIDATION", r.jsonPath().getString("errors[0].extensions.code"));
        assertEquals("idNumber", r.jsonPath().getString("errors[0].extensions.field"));
        Map<String, Object> badPhone = person(household, "错电话", null, "12345");
        assertEquals("VALIDATION", CHIEF_DONGGUAN.errorCode("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i", badPhone));
        String id = residentId(LocalDate.of(1999, 9, 9), true);
        register(CHIEF_DONGGUAN, person(household, "第一次", id, null));
        assertEquals("CONFLICT", CHIEF_DONGGUAN.errorCode("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }",
                "i", person(household, "第二次", id, null)));
        Map<String, Object> passport = person(household, "John Smith", "E12345678", null);
        passport.put("idType", "PASSPORT");
        passport.put("residenceType", "FLOATING");
        passport.put("origin", "UK");
        assertNotNull(register(CHIEF_DONGGUAN, passport).getString("registerPerson.id"));
        assertEquals(before + 2, TestDb.count(pool, "SELECT count(*) FROM person"));
    }

    @Test
    void coverageCountsASubtree() {
        String grid = gridId("411321001001003");
        JsonPath before = CHIEF_DONGGUAN.ok("query($g: ID!) { coverage(gridId: $g) { households residents floating gridWorkers careGroups { category count } } }", "g", grid);
        String household = household(CHIEF_DONGGUAN, "411321001001003", "东关村三组 1 号");
        Map<String, Object> floating = person(household, "流动甲", null, null);
        floating.put("residenceType", "FLOATING");
        register(CHIEF_DONGGUAN, floating);
        register(CHIEF_DONGGUAN, person(household, "户籍乙", null, null));
        JsonPath after = CHIEF_DONGGUAN.ok("query($g: ID!) { coverage(gridId: $g) { households residents floating householdsPerGridWorker careGroups { category count } } }", "g", grid);
        assertEquals(before.getInt("coverage.households") + 1, after.getInt("coverage.households"));
        assertEquals(before.getInt("coverage.residents") + 2, after.getInt("coverage.residents"));
        assertEquals(before.getInt("coverage.floating") + 1, after.getInt("coverage.floating"));
        assertEquals(10, after.getList("coverage.careGroups").size());
    }

    private long audits(String personId) {
        return TestDb.count(pool, "SELECT count(*) FROM pii_audit WHERE person_id = $1", Long.parseLong(personId));
    }
}
