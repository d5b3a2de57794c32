package org.wangge.nodes;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.wangge.County;
import org.wangge.Gql;
import org.wangge.Keys;
import org.wangge.TestIds;

/**
 * Relay's object identification: every object with an id is a {@code Node}, its id is opaque and
 * names its type, and {@code node(id:)} / {@code nodes(ids:)} fetch any of them again, as the
 * caller may see them (null otherwise, as for one that does not exist).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeTest {

    static final Gql ADMIN = Gql.admin();
    static final String NODE = "query($id: ID!) { node(id: $id) { __typename id } }";
    static final String NODES = "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id } }";
    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3};

    County c;
    /** One object of every node type, by type name: its global id. */
    final Map<String, String> made = new LinkedHashMap<>();

    private synchronized void fixture() {
        if (c != null) {
            return;
        }
        c = County.of(NodeTest.class);
        String stamp = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        made.put("Grid", c.group1.id());
        made.put("Household", c.household);
        made.put("Person", c.residentPerson);
        made.put("Department", c.department);
        made.put("Address", c.chief.ok("query($id: ID!) { household(id: $id) { standardAddress { id } } }", "id", c.household)
                .getString("household.standardAddress.id"));
        String caseId = c.worker.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                Map.of("kind", "DISPUTE", "title", "节点纠纷", "gridId", c.group1.id())).getString("reportCase.id");
        made.put("CaseFile", caseId);
        made.put("CaseEvent", ADMIN.ok("query($id: ID!) { case(id: $id) { timeline { id } } }", "id", caseId).getString("case.timeline[0].id"));
        made.put("Attachment", given().header("Authorization", "Bearer " + c.worker.token()).multiPart("file", "节点.png", PNG, "image/png")
                .post("/cases/" + caseId + "/attachments").then().statusCode(201).extract().jsonPath().getString("id"));
        made.put("StaffAssignment", ADMIN.ok("mutation($i: AssignStaffInput!) { assignStaff(input: $i) { id } }", "i", Map.of("gridId", c.group2.id(),
                "subject", "node-worker-" + stamp, "displayName", "节点网格员", "role", "GRID_WORKER")).getString("assignStaff.id"));
        made.put("Visit", c.chief.ok("mutation($i: VisitInput!) { recordVisit(input: $i) { id } }", "i",
                Map.of("householdId", c.household, "notes", "节点走访")).getString("recordVisit.id"));
        made.put("CareCase", c.chief.ok("mutation($i: CareCaseInput!) { addCareCase(input: $i) { id } }", "i",
                Map.of("personId", c.residentPerson, "category", "EMPTY_NEST_ELDERLY", "level", "MEDIUM")).getString("addCareCase.id"));
        String registered = ADMIN.ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i", Map.of("householdId", c.household,
                "name", "节点居民", "residenceType", "REGISTERED", "idNumber", TestIds.resident("411321", LocalDate.of(1960, 3, 4), stamp.hashCode())))
                .getString("registerPerson.id");
        ADMIN.ok("query($id: ID!) { person(id: $id) { idNumberFull(reason: \"节点核查\") } }", "id", registered);
        made.put("PersonalDataRead", ADMIN.ok("query($id: ID) { personalDataReads(personId: $id, first: 1) { edges { node { id } } } }",
                "id", registered).getString("personalDataReads.edges[0].node.id"));
        String award = c.worker.ok("mutation($g: ID!, $s: String!) { proposeAward(gridId: $g, subject: $s, kind: PATROL, points: 5) { id } }",
                "g", c.group1.id(), "s", c.resident.subject()).getString("proposeAward.id");
        ADMIN.ok("mutation($id: ID!) { approveAward(id: $id) { id } }", "id", award);
        made.put("Award", award);
        made.put("PointsEntry", ADMIN.ok("query($s: String!) { pointsAccount(subject: $s) { entries(first: 1) { edges { node { id } } } } }",
                "s", c.resident.subject()).getString("pointsAccount.entries.edges[0].node.id"));
        String shop = ADMIN.ok("mutation($g: ID!) { createShop(gridId: $g, name: \"节点超市\") { id } }", "g", c.group1.id()).getString("createShop.id");
        made.put("Shop", shop);
        String item = ADMIN.ok("mutation($s: ID!, $i: ShopItemInput!) { addShopItem(shopId: $s, input: $i) { id } }", "s", shop, "i",
                Map.of("name", "肥皂", "price", 1, "stock", 10)).getString("addShopItem.id");
        made.put("ShopItem", item);
        made.put("ShopOrder", c.resident.ok("mutation($i: ID!, $k: String!) { redeem(itemId: $i, idempotencyKey: $k) { id } }", "i", item,
                "k", "node-" + stamp).getString("redeem.id"));
        made.put("WebhookEndpoint", ADMIN.ok("mutation($i: WebhookInput!) { registerWebhook(input: $i) { id } }", "i", Map.of("departmentId",
                c.department, "url", "https://partner.example/node-hook", "secret", "node-secret-node-secret-node-secret-1",
                "filter", Map.of("kinds", List.of("NODE-NONE")))).getString("registerWebhook.id"));
        made.put("Open311Key", ADMIN.ok("mutation { issueOpen311Key(name: \"节点热线\") { id } }").getString("issueOpen311Key.id"));
        String room = c.chief.ok("query($id: ID!) { household(id: $id) { standardAddress { id } } }", "id",
                c.household(c.group1, "节点房屋" + stamp + "2栋3单元404")).getString("household.standardAddress.id");
        made.put("House", c.chief.ok("mutation($a: ID!) { registerHouse(addressId: $a, use: RENTED) { id } }", "a", room).getString("registerHouse.id"));
        made.put("Tenancy", c.chief.ok("mutation($h: ID!, $p: ID!) { startTenancy(houseId: $h, personId: $p, startDate: \"2026-01-01\") { id } }",
                "h", made.get("House"), "p", c.residentPerson).getString("startTenancy.id"));
        made.put("Unit", c.chief.ok("mutation($a: ID!) { registerUnit(input: {addressId: $a, name: \"节点商铺\", kind: SHOP}) { id } }", "a", room)
                .getString("registerUnit.id"));
        JsonPath inspection = c.worker.ok("mutation($u: ID!) { recordInspection(input: {unitId: $u, checklist: \"FIRE_SAFETY\", "
                + "findings: [{item: \"FIRE_GAS\"}]}) { id findings { id } } }", "u", made.get("Unit"));
        made.put("Inspection", inspection.getString("recordInspection.id"));
        made.put("InspectionFinding", inspection.getString("recordInspection.findings[0].id"));
        given().header("Authorization", "Bearer " + c.chief.token()).queryParam("gridId", c.village.id()).get("/ledgers/units.xlsx")
                .then().statusCode(200);
        made.put("LedgerExport", ADMIN.ok("query($s: String) { ledgerExports(actorSubject: $s, first: 1) { edges { node { id } } } }",
                "s", c.chief.subject()).getString("ledgerExports.edges[0].node.id"));
        made.put("ImportJob", given().header("Authorization", "Bearer " + c.chief.token())
                .multiPart("file", "节点.csv", "网格编码,地址,姓名,证件号码,人口类型\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/import/roster").then().statusCode(202).extract().jsonPath().getString("jobId"));
    }

    /** A field of each answer of nodes, null kept in its place (a GPath spread would drop it). */
    private static List<Object> each(JsonPath answer, String field) {
        List<Map<String, Object>> nodes = answer.getList("nodes");
        List<Object> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n == null ? null : n.get(field)));
        return out;
    }

    @Test
    void everyObjectWithAnIdIsANodeAndTheFixtureHasOneOfEach() {
        fixture();
        JsonPath schema = ADMIN.ok("{ __schema { types { name kind interfaces { name } fields { name type { kind ofType { name } } } } } }");
        Set<String> withId = new TreeSet<>();
        Set<String> nodes = new TreeSet<>();
        for (Map<String, Object> type : schema.<Map<String, Object>>getList("__schema.types")) {
            if (!"OBJECT".equals(type.get("kind")) || ((String) type.get("name")).startsWith("__")) {
                continue;
            }
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> fields = (List<Map<String, Object>>) type.get("fields");
            boolean hasId = fields.stream().anyMatch(f -> f.get("name").equals("id") && String.valueOf(f.get("type")).contains("name=ID"));
            if (hasId) {
                withId.add((String) type.get("name"));
            }
            if (String.valueOf(type.get("interfaces")).contains("name=Node")) {
                nodes.add((String) type.get("name"));
            }
        }
        assertEquals(withId, nodes, "every object type with an id is a Node");
        assertEquals(nodes, new TreeSet<>(made.keySet()), "the fixture makes one of each");
    }

    @Test
    void anyObjectIsFetchedAgainByItsGlobalId() {
        fixture();
        for (Map.Entry<String, String> e : made.entrySet()) {
            JsonPath node = ADMIN.ok(NODE, "id", e.getValue());
            assertEquals(e.getKey(), node.getString("node.__typename"), e.getKey());
            assertEquals(e.getValue(), node.getString("node.id"), e.getKey());
        }
        // in the order asked, an absent one null in its place
        List<String> asked = new ArrayList<>(made.values());
        asked.add(2, Keys.id("CaseFile", 987654321));
        List<Object> answered = each(ADMIN.ok(NODES, "ids", asked), "id");
        List<Object> expected = new ArrayList<>(made.values());
        expected.add(2, null);
        assertEquals(expected, answered);
    }

    @Test
    void whatTheCallerMayNotSeeIsNullAsWhatDoesNotExist() {
        fixture();
        // another grid's chief: not this grid's case, its timeline, its photo, residents, visits or care
        for (String type : List.of("CaseFile", "CaseEvent", "Attachment", "Household", "Person", "Visit", "CareCase", "Grid", "Address", "House", "Tenancy")) {
            assertNull(c.otherChief.ok(NODE, "id", made.get(type)).get("node"), type);
        }
        // staff's and admins' business
        for (String type : List.of("Open311Key", "PersonalDataRead", "WebhookEndpoint", "ImportJob")) {
            assertNull(c.worker.ok(NODE, "id", made.get(type)).get("node"), type);
        }
        // a resident: their own order and points, not someone's visit
        assertEquals("ShopOrder", c.resident.ok(NODE, "id", made.get("ShopOrder")).getString("node.__typename"));
        assertEquals("PointsEntry", c.resident.ok(NODE, "id", made.get("PointsEntry")).getString("node.__typename"));
        assertNull(c.resident.ok(NODE, "id", made.get("Visit")).get("node"));
        assertNull(c.otherWorker.ok(NODE, "id", made.get("PointsEntry")).get("node"));
        // shops and departments are everyone's
        assertEquals("Shop", c.otherWorker.ok(NODE, "id", made.get("Shop")).getString("node.__typename"));
        assertEquals("Department", c.resident.ok(NODE, "id", made.get("Department")).getString("node.__typename"));
        // a page of ids keeps each answer in place
        List<Object> answered = each(c.otherChief.ok(NODES, "ids", List.of(made.get("Shop"), made.get("CaseFile"), made.get("Department"))),
                "__typename");
        assertEquals(java.util.Arrays.asList("Shop", null, "Department"), answered);
    }

    @Test
    void idsAreOpaqueGlobalAndTyped() {
        fixture();
        Set<String> distinct = new HashSet<>(made.values());
        assertEquals(made.size(), distinct.size());
        for (String id : made.values()) {
            assertFalse(id.chars().allMatch(Character::isDigit), id);
        }
        // the type is part of the id: the grid's key as a case's id is no grid
        JsonPath other = ADMIN.ok(NODE, "id", Keys.id("CaseFile", Keys.of(made.get("Grid"))));
        assertFalse("Grid".equals(other.getString("node.__typename")), other.prettify());
        // one type's id where another's is expected: refused, naming the argument
        JsonPath wrong = c.chief.post("query($id: ID!) { case(id: $id) { id } }", "id", c.group1.id()).jsonPath();
        assertEquals("VALIDATION", wrong.getString("errors[0].extensions.code"));
        assertEquals("id", wrong.getString("errors[0].extensions.field"));
        assertEquals("VALIDATION", c.chief.errorCode("query($id: ID!) { household(id: $id) { id } }", "id", c.residentPerson));
        // text that is no global id at all, and too many ids at once
        assertEquals("VALIDATION", c.chief.errorCode(NODE, "id", "42"));
        assertEquals("VALIDATION", c.chief.errorCode(NODE, "id", "Q2FzZUZpbGU6"));
        List<String> many = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            many.add(Keys.id("Grid", i));
        }
        assertEquals("VALIDATION", c.chief.errorCode(NODES, "ids", many));
        // a well-formed id of nothing is null, as one out of reach
        assertNull(c.chief.ok(NODE, "id", Keys.id("Person", 987654321)).get("node"));
    }
}
