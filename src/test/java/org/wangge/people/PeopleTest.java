package org.wangge.people;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.Keys;

/** Households and residents in a county of the class's own: its village's chief and worker, and the other township's chief. */
@QuarkusTest
class PeopleTest {

    static final Doc CREATE_HOUSEHOLD = Doc.of("people/CreateHousehold");
    static final Doc REGISTER = Doc.of("people/RegisterPerson");
    static final Doc PERSON = Doc.of("people/PersonDetail");
    static final Doc HOUSEHOLD = Doc.of("people/HouseholdDetail");
    static final Doc REVEAL_ID = Doc.of("people/RevealIdNumber");
    static final Doc REVEAL_PHONE = Doc.of("people/RevealPhone");
    static final Doc AUDIT_LOG = Doc.of("people/PersonalDataReads");
    static final Doc BY_ID_NUMBER = Doc.of("people/PersonByIdNumber");
    static final Doc BY_PHONE = Doc.of("people/PersonsByPhone");
    static final Doc PERSONS = Doc.of("people/Persons");
    static final Doc MY_PERSON = Doc.of("people/MyPerson");
    static final Doc ADD_CARE = Doc.of("people/AddCareCase");
    static final Doc OVERDUE = Doc.of("people/OverdueVisits");
    static final Doc RECORD_VISIT = Doc.of("people/RecordVisit");
    static final Doc MOVE_HOUSEHOLD = Doc.of("people/MoveHousehold");
    static final Doc TRANSFER = Doc.of("people/TransferPerson");
    static final Doc COVERAGE = Doc.of("people/Coverage");
    private static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 500));

    @Inject
    Pool pool;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    /** A valid resident ID, different on every call. */
    static String residentId(LocalDate birth, boolean male) {
        int serial = SEQ.incrementAndGet() % 500 * 2 + (male ? 1 : 0);
        return org.wangge.TestIds.resident("411321", birth, serial);
    }

    static String household(Gql as, County.Grid grid, String address) {
        return as.field(CREATE_HOUSEHOLD, "input", Map.of("gridId", grid.id(), "address", address)).getString("id");
    }

    /** The registered person, rooted at registerPerson. */
    static JsonPath register(Gql as, Map<String, Object> input) {
        return as.field(REGISTER, "input", input);
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
        String household = household(c.chief, c.group1, "东关村一组 12 号");
        String id = residentId(LocalDate.of(1956, 3, 15), false);
        JsonPath created = register(c.chief, person(household, "王秀兰", id, "13812345678"));
        String personId = created.getString("id");
        assertEquals(id.substring(0, 3) + "***************", created.getString("idNumber"));
        assertEquals("138******78", created.getString("phone"));
        assertEquals("FEMALE", created.getString("gender"));
        assertEquals("1956-03-15", created.getString("birthDate"));

        // at rest: no column holds the plain values
        String row = TestDb.rows(pool, "SELECT p::text FROM person p WHERE id = $1", Keys.of(personId)).get(0).getString(0);
        assertFalse(row.contains(id) || row.contains("13812345678"), row);
        assertFalse(new String(TestDb.rows(pool, "SELECT id_number_enc FROM person WHERE id = $1", Keys.of(personId)).get(0)
                .getBuffer(0).getBytes(), StandardCharsets.ISO_8859_1).contains(id));

        // a grid worker may see the phone but not the ID number; without a reason nobody may
        assertEquals("FORBIDDEN", c.worker.errorCode(REVEAL_ID, "id", personId, "reason", "入户核实身份"));
        assertEquals("VALIDATION", c.chief.errorCode(REVEAL_ID, "id", personId, "reason", " "));
        // outside the jurisdiction the person is not even found
        assertEquals("NOT_FOUND", c.otherChief.errorCode(REVEAL_ID, "id", personId, "reason", "入户核实身份"));
        assertEquals(0, audits(personId));

        Response read = c.chief.withHeader("X-Request-Id", "req-" + personId).post(REVEAL_ID, "id", personId, "reason", "办理低保核实身份");
        assertEquals(id, read.jsonPath().getString("data.person.idNumberFull"), read.asString());
        assertEquals(1, audits(personId));
        c.worker.then(REVEAL_PHONE, "id", personId, "reason", "电话回访").body("person.phoneFull", equalTo("13812345678"));
        assertEquals(2, audits(personId));

        As.admin().then(AUDIT_LOG, "personId", personId)
                .body("personalDataReads.totalCount", is(2))
                .body("personalDataReads.edges.node.actorSubject", contains(c.worker.subject(), c.chief.subject()))
                .body("personalDataReads.edges.node.field", contains("phone", "idNumber"))
                .body("personalDataReads.edges[1].node.reason", equalTo("办理低保核实身份"))
                .body("personalDataReads.edges[1].node.requestId", equalTo("req-" + personId));
        assertEquals("FORBIDDEN", c.chief.errorCode(AUDIT_LOG));
    }

    @Test
    void theAuditLogCannotBeChanged() {
        String household = household(c.chief, c.group1, "东关村一组 13 号");
        String personId = register(c.chief, person(household, "审计", residentId(LocalDate.of(1970, 1, 2), true), null)).getString("id");
        c.chief.ok(REVEAL_ID, "id", personId, "reason", "核对档案");
        // no operation of the API writes the log other than a full read
        JsonPath mutations = As.admin().ok("{ __schema { mutationType { fields { name } } } }");
        List<String> names = mutations.getList("__schema.mutationType.fields.name");
        assertTrue(names.stream().noneMatch(n -> n.toLowerCase().contains("audit") || n.toLowerCase().contains("personaldata")), names.toString());
        // and the database refuses changes too
        assertThrows(Exception.class, () -> TestDb.rows(pool, "UPDATE pii_audit SET reason = 'x' WHERE person_id = $1", Keys.of(personId)));
        assertThrows(Exception.class, () -> TestDb.rows(pool, "DELETE FROM pii_audit WHERE person_id = $1", Keys.of(personId)));
        assertEquals(1, audits(personId));
    }

    @Test
    void outOfJurisdictionResidentsLookAbsent() {
        String household = household(c.chief, c.group2, "东关村二组 1 号");
        String id = residentId(LocalDate.of(1988, 8, 8), true);
        String personId = register(c.chief, person(household, "范围外", id, "13900001111")).getString("id");

        assertEquals("NOT_FOUND", c.otherChief.errorCode(PERSON, "id", personId));
        assertEquals("NOT_FOUND", c.otherChief.errorCode(HOUSEHOLD, "id", household));
        c.otherChief.then(BY_ID_NUMBER, "idNumber", id, "reason", "核实身份").body("personByIdNumber", nullValue());
        c.otherChief.then(BY_PHONE, "phone", "139 0000 1111", "reason", "核实来电").body("personsByPhone.totalCount", is(0));
        List<String> visibleToOtherChief = c.otherChief.ok(PERSONS, "first", 500).getList("persons.edges.node.id");
        assertFalse(visibleToOtherChief.contains(personId));

        c.chief.then(BY_ID_NUMBER, "idNumber", id.toLowerCase(), "reason", "核实身份").body("personByIdNumber.id", equalTo(personId));
        c.chief.then(BY_PHONE, "phone", "+8613900001111", "reason", "核实来电").body("personsByPhone.edges.node.id", contains(personId));
        assertEquals("NOT_FOUND", c.resident.errorCode(PERSON, "id", personId));
        assertEquals("FORBIDDEN", c.otherChief.errorCode(CREATE_HOUSEHOLD, "input", Map.of("gridId", c.group1.id(), "address", "越界")));
    }

    @Test
    void careGroupsShowOnlyToCoveringStaffAndResidentsSeeOnlyThemselves() {
        String household = household(c.chief, c.group1, "东关村一组 20 号");
        Map<String, Object> in = person(household, "张大妈", residentId(LocalDate.of(1950, 5, 5), false), null);
        String login = Fixtures.code("resident-care");
        in.put("accountSubject", login);
        String personId = register(c.chief, in).getString("id");
        c.chief.ok(ADD_CARE, "input", Map.of("personId", personId, "category", "EMPTY_NEST_ELDERLY", "level", "HIGH",
                "helperSubject", c.worker.subject(), "visitIntervalDays", 7));

        c.chief.then(PERSON, "id", personId).body("person.careCases.category.code", contains("EMPTY_NEST_ELDERLY"));
        c.worker.then(PERSON, "id", personId).body("person.careCases.category.code", contains("EMPTY_NEST_ELDERLY"));
        // the person, signed in with the login the chief linked to the record
        Gql self = Gql.as(login, "resident");
        JsonPath own = self.ok(PERSON, "id", personId);
        assertEquals("张大妈", own.getString("person.name"));
        assertNull(own.get("person.careCases"), "a resident never sees care groups");
        self.then(MY_PERSON).body("myPerson.id", equalTo(personId));
        self.then(PERSONS).body("persons.totalCount", is(1));
        assertEquals("FORBIDDEN", self.errorCode(PERSONS, "filter", Map.of("careCategory", "EMPTY_NEST_ELDERLY")));

        List<String> inCare = c.chief.ok(PERSONS, "filter", Map.of("careCategory", "EMPTY_NEST_ELDERLY", "minAge", 70), "first", 500)
                .getList("persons.edges.node.id");
        assertTrue(inCare.contains(personId));
        // a duplicate open case in the same category is refused
        assertEquals("CONFLICT", c.chief.errorCode(ADD_CARE, "input", Map.of("personId", personId, "category", "EMPTY_NEST_ELDERLY", "level", "LOW")));
        assertEquals("VALIDATION", c.chief.errorCode(ADD_CARE, "input", Map.of("personId", personId, "category", "NO_SUCH_GROUP", "level", "LOW")));
    }

    @Test
    void overdueVisitsFollowTheIntervalAndAVisitClearsThem() {
        String household = household(c.chief, c.group2, "东关村二组 9 号");
        String personId = register(c.chief, person(household, "孤寡老人甲", residentId(LocalDate.of(1940, 2, 2), true), null)).getString("id");
        String caseId = c.chief.field(ADD_CARE, "input", Map.of("personId", personId, "category", "ELDERLY_ALONE", "level", "HIGH",
                "helperSubject", c.worker.subject(), "visitIntervalDays", 7,
                "startDate", LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).minusDays(30).toString())).getString("id");
        assertTrue(c.worker.ok(OVERDUE, "first", 500).getList("overdueVisits.edges.node.id").contains(caseId));
        assertTrue(c.chief.ok(OVERDUE, "gridId", c.village.id(), "first", 500).getList("overdueVisits.edges.node.id").contains(caseId));
        assertEquals("FORBIDDEN", c.otherChief.errorCode(OVERDUE, "gridId", c.village.id(), "first", 500));

        JsonPath visit = c.worker.field(RECORD_VISIT, "input", Map.of("householdId", household, "personId", personId, "notes", "身体状况良好", "findings", "无"));
        assertEquals(c.worker.subject(), visit.getString("staffSubject"));
        assertFalse(c.worker.ok(OVERDUE, "first", 500).getList("overdueVisits.edges.node.id").contains(caseId));
        c.chief.then(PERSON, "id", personId)
                .body("person.careCases.visitOverdue", contains(false))
                .body("person.household.visits.notes", contains("身体状况良好"));
        assertEquals("VALIDATION", c.worker.errorCode(RECORD_VISIT, "input", Map.of("householdId", household, "occurredAt", "2099-01-01T00:00:00Z")));
    }

    @Test
    void householdsLiveInLeafGridsAndMovesKeepMembersAndHistory() {
        assertEquals("VALIDATION", c.chief.errorCode(CREATE_HOUSEHOLD, "input", Map.of("gridId", c.village.id(), "address", "村委会")));
        String household = household(c.chief, c.group1, "东关村一组 30 号");
        Map<String, Object> head = person(household, "户主甲", residentId(LocalDate.of(1970, 3, 3), true), null);
        head.put("relation", "HOUSEHOLDER");
        String headId = register(c.chief, head).getString("id");
        Map<String, Object> child = person(household, "子女乙", residentId(LocalDate.of(2015, 6, 1), false), null);
        child.put("relation", "CHILD");
        String childId = register(c.chief, child).getString("id");
        Map<String, Object> second = person(household, "户主丙", null, null);
        second.put("relation", "HOUSEHOLDER");
        assertEquals("VALIDATION", c.chief.errorCode(REGISTER, "input", second));

        c.chief.then(HOUSEHOLD, "id", household)
                .body("household.head.id", equalTo(headId))
                .body("household.members.name", contains("户主甲", "子女乙"));

        c.chief.ok(MOVE_HOUSEHOLD, "id", household, "gridId", c.group3.id());
        JsonPath history = c.chief.ok(HOUSEHOLD, "id", household);
        assertEquals(c.group3.code(), history.getString("household.grid.code"));
        assertEquals(List.of(c.group1.code(), c.group3.code()), history.getList("household.gridHistory.grid.code"));
        assertNotNull(history.get("household.gridHistory[0].validTo"));
        assertNull(history.get("household.gridHistory[1].validTo"));
        assertEquals(List.of("HOUSEHOLDER"), history.getList("household.head.memberships.relation"));

        // the child marries out into another household: the membership history keeps both
        String other = household(c.chief, c.group2, "东关村二组 31 号");
        c.chief.ok(TRANSFER, "personId", childId, "householdId", other, "relation", "SPOUSE");
        JsonPath moved = c.chief.ok(PERSON, "id", childId);
        assertEquals(other, moved.getString("person.household.id"));
        assertEquals(List.of(household, other), moved.getList("person.memberships.household.id"));
        assertEquals(List.of("CHILD", "SPOUSE"), moved.getList("person.memberships.relation"));
        assertNotNull(moved.get("person.memberships[0].validTo"));
        assertEquals("NOT_FOUND", c.worker.errorCode(HOUSEHOLD, "id", household));
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        String household = household(c.chief, c.group1, "东关村一组 40 号");
        long before = TestDb.count(pool, "SELECT count(*) FROM person");
        JsonPath wrongCheck = c.chief.error(REGISTER, "input", person(household, "错号", "411321198001010018", null));
        assertEquals("VALIDATION", wrongCheck.getString("extensions.code"));
        assertEquals("idNumber", wrongCheck.getString("extensions.field"));
        assertEquals("VALIDATION", c.chief.errorCode(REGISTER, "input", person(household, "错电话", null, "12345")));
        String id = residentId(LocalDate.of(1999, 9, 9), true);
        register(c.chief, person(household, "第一次", id, null));
        assertEquals("CONFLICT", c.chief.errorCode(REGISTER, "input", person(household, "第二次", id, null)));
        Map<String, Object> passport = person(household, "John Smith", "E12345678", null);
        passport.put("idType", "PASSPORT");
        passport.put("residenceType", "FLOATING");
        passport.put("origin", "UK");
        assertNotNull(register(c.chief, passport).getString("id"));
        assertEquals(before + 2, TestDb.count(pool, "SELECT count(*) FROM person"));
    }

    @Test
    void coverageCountsASubtree() {
        String grid = c.group3.id();
        JsonPath before = c.chief.ok(COVERAGE, "gridId", grid);
        String household = household(c.chief, c.group3, "东关村三组 1 号");
        Map<String, Object> floating = person(household, "流动甲", null, null);
        floating.put("residenceType", "FLOATING");
        register(c.chief, floating);
        register(c.chief, person(household, "户籍乙", null, null));
        JsonPath after = c.chief.ok(COVERAGE, "gridId", grid);
        assertEquals(before.getInt("coverage.households") + 1, after.getInt("coverage.households"));
        assertEquals(before.getInt("coverage.residents") + 2, after.getInt("coverage.residents"));
        assertEquals(before.getInt("coverage.floating") + 1, after.getInt("coverage.floating"));
        assertEquals(10, after.getList("coverage.careGroups").size());
    }

    private long audits(String personId) {
        return TestDb.count(pool, "SELECT count(*) FROM pii_audit WHERE person_id = $1", Keys.of(personId));
    }
}
