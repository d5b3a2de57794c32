package org.wangge.units;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;
import org.wangge.Keys;
import org.wangge.TestDb;
import org.wangge.TestIds;

/** 实有单位: units with credit codes and risk tags, inspections against checklists, findings put right or opening cases. */
@QuarkusTest
class UnitTest {

    static final String PLACE = "mutation($i: AddressInput!) { createAddress(input: $i) { id } }";
    static final String REGISTER = "mutation($i: UnitInput!) { registerUnit(input: $i) { id name creditCode kind employees openingHours version "
            + "createdAt nextInspectionDue riskTags { code inspectEveryDays } address { id } legalRepresentative { id } contact { id } } }";
    static final String UPDATE = "mutation($id: ID!, $v: Int!, $i: UnitInput!) { updateUnit(id: $id, version: $v, input: $i) { id name version "
            + "riskTags { code } } }";
    static final String INSPECT = "mutation($i: InspectionInput!, $k: String) { recordInspection(input: $i, idempotencyKey: $k) { id occurredAt "
            + "checklist { code } unit { id } findings { id open item { code caseItem } description } } }";
    static final String OPEN_CASE = "mutation($id: ID!) { openFindingCase(id: $id) { id kind item source title unit { id } } }";
    static final String RESOLVE = "mutation($id: ID!, $r: String!) { resolveFinding(id: $id, resolution: $r) { id open resolvedAt resolution } }";
    static final String UNIT = "query($id: ID!) { unit(id: $id) { id openFindings { id case { id } } inspections { id findings { id } } } }";

    @Inject
    Pool pool;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    static String creditCode() {
        return TestIds.creditCode();
    }

    String place(County.Grid grid, String name) {
        return c.chief.ok(PLACE, "i", Map.of("kind", "PLACE", "name", name + System.nanoTime(), "gridId", grid.id())).getString("createAddress.id");
    }

    Map<String, Object> unit(String address, String name, String kind, String code, List<String> tags) {
        Map<String, Object> in = new HashMap<>(Map.of("addressId", address, "name", name, "kind", kind, "riskTags", tags));
        if (code != null) {
            in.put("creditCode", code);
        }
        return in;
    }

    /** The field a refusal names. */
    static String field(Gql as, String query, Object... vars) {
        return as.post(query, vars).jsonPath().getString("errors[0].extensions.field");
    }

    @Test
    void aUnitIsRegisteredWithAValidCreditCodeAndItsContactsMasked() {
        String address = place(c.group1, "东关街");
        String code = creditCode();
        Map<String, Object> in = unit(address, "老王饭店", "RESTAURANT", code.toLowerCase(), List.of("NINE_SMALL", "NINE_SMALL"));
        in.put("legalRepresentativeId", c.residentPerson);
        in.put("employees", 6);
        in.put("openingHours", "10:00-22:00");
        JsonPath u = c.chief.ok(REGISTER, "i", in);
        String id = u.getString("registerUnit.id");
        assertEquals(code, u.getString("registerUnit.creditCode"), "stored upper case");
        assertEquals(List.of("NINE_SMALL"), u.getList("registerUnit.riskTags.code"), "a tag once");
        assertEquals(c.residentPerson, u.getString("registerUnit.legalRepresentative.id"));
        assertNull(u.get("registerUnit.contact"));
        OffsetDateTime created = OffsetDateTime.parse(u.getString("registerUnit.createdAt"));
        assertEquals(created.plusDays(30).toInstant(), OffsetDateTime.parse(u.getString("registerUnit.nextInspectionDue")).toInstant(),
                "never inspected: due its interval after registration");

        // invalid codes, a code registered already, an unknown tag, a contact out of reach
        String wrongCheck = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        assertEquals("creditCode", field(c.chief, REGISTER, "i", unit(address, "假单位", "SHOP", wrongCheck, List.of()))
                );
        assertEquals("VALIDATION", c.chief.errorCode(REGISTER, "i", unit(address, "假单位", "SHOP", "91350100I000100Y43", List.of())));
        assertEquals("VALIDATION", c.chief.errorCode(REGISTER, "i", unit(address, "短码", "SHOP", "9135010", List.of())));
        assertEquals("CONFLICT", c.chief.errorCode(REGISTER, "i", unit(address, "重复", "SHOP", code, List.of())));
        assertEquals("riskTags", field(c.chief, REGISTER, "i", unit(address, "无此标签", "SHOP", null, List.of("NO_SUCH_TAG")))
                );
        Map<String, Object> stranger = unit(address, "外人", "SHOP", null, List.of());
        stranger.put("contactId", c.residentPerson);
        assertEquals("contactId", field(c.otherChief, REGISTER, "i", stranger),
                "a resident out of reach is not one to name");
        assertEquals("FORBIDDEN", c.otherChief.errorCode(REGISTER, "i", unit(address, "越界", "SHOP", null, List.of())));
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM unit WHERE address_id = $1 AND name <> '老王饭店'", Keys.of(address)),
                "nothing refused was written");

        // by credit code where one reads the residents; elsewhere null; an invalid code is VALIDATION
        String byCode = "query($c: String!) { unitByCreditCode(creditCode: $c) { id } }";
        assertEquals(id, c.worker.ok(byCode, "c", code).getString("unitByCreditCode.id"));
        assertNull(c.otherChief.ok(byCode, "c", code).get("unitByCreditCode"));
        assertEquals("VALIDATION", c.worker.errorCode(byCode, "c", wrongCheck));
        assertEquals("NOT_FOUND", c.otherChief.errorCode("query($id: ID!) { unit(id: $id) { id } }", "id", id));

        // a change from the version read; a stale version is a CONFLICT
        Map<String, Object> changed = unit(address, "老王饭店（新）", "RESTAURANT", code, List.of("NINE_SMALL", "CROWDED_PLACE"));
        JsonPath after = c.chief.ok(UPDATE, "id", id, "v", u.getInt("registerUnit.version"), "i", changed);
        assertEquals(List.of("CROWDED_PLACE", "NINE_SMALL"), after.getList("updateUnit.riskTags.code"));
        assertEquals("CONFLICT", c.chief.errorCode(UPDATE, "id", id, "v", u.getInt("registerUnit.version"), "i", changed));
    }

    @Test
    void anInspectionsFindingsArePutRightOrOpenACaseOnce() throws Exception {
        String unit = c.chief.ok(REGISTER, "i", unit(place(c.group1, "东关街"), "小五金店", "SHOP", creditCode(), List.of("NINE_SMALL")))
                .getString("registerUnit.id");
        Map<String, Object> in = Map.of("unitId", unit, "checklist", "FIRE_SAFETY", "notes", "例行检查", "findings", List.of(
                Map.of("item", "FIRE_EXITS", "description", "后门堆放杂物"), Map.of("item", "FIRE_WIRING", "description", "插线板串接")));
        // an item of another checklist, an unknown checklist, one item twice: refused, nothing written
        assertEquals("findings.0.item", field(c.worker, INSPECT, "i", Map.of("unitId", unit, "checklist", "FIRE_SAFETY",
                "findings", List.of(Map.of("item", "HAZMAT_LEDGER")))));
        assertEquals("checklist", field(c.worker, INSPECT, "i", Map.of("unitId", unit, "checklist", "NO_SUCH"))
                );
        assertEquals("VALIDATION", c.worker.errorCode(INSPECT, "i", Map.of("unitId", unit, "checklist", "FIRE_SAFETY",
                "findings", List.of(Map.of("item", "FIRE_EXITS"), Map.of("item", "FIRE_EXITS")))));
        assertEquals("FORBIDDEN", c.otherWorker.errorCode(INSPECT, "i", in));
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM inspection WHERE unit_id = $1", Keys.of(unit)));

        // recorded once, however often it is retried
        JsonPath inspection = c.worker.ok(INSPECT, "i", in, "k", "inspect-" + unit);
        assertEquals(inspection.getString("recordInspection.id"), c.worker.ok(INSPECT, "i", in, "k", "inspect-" + unit).getString("recordInspection.id"));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM inspection WHERE unit_id = $1", Keys.of(unit)));
        List<String> findings = inspection.getList("recordInspection.findings.id");
        assertEquals(List.of("FIRE_EXITS", "FIRE_WIRING"), inspection.getList("recordInspection.findings.item.code"), "in checklist order");
        assertEquals(List.of(findings.get(0), findings.get(1)), c.chief.ok(UNIT, "id", unit).getList("unit.openFindings.id"));

        // one put right on the spot
        JsonPath resolved = c.worker.ok(RESOLVE, "id", findings.get(0), "r", "当场清理");
        assertFalse(resolved.getBoolean("resolveFinding.open"));
        assertNotNull(resolved.get("resolveFinding.resolvedAt"));
        assertEquals("CONFLICT", c.worker.errorCode(RESOLVE, "id", findings.get(0), "r", "再来一次"));
        assertEquals("CONFLICT", c.worker.errorCode(OPEN_CASE, "id", findings.get(0)), "put right: no case");

        // a photo of the other, by the inspector; none from out of reach
        java.nio.file.Path png = java.nio.file.Files.createTempFile("finding", ".png");
        java.nio.file.Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R', 1, 2, 3});
        String photo = io.restassured.RestAssured.given().header("Authorization", "Bearer " + c.worker.token()).multiPart("file", png.toFile(), "image/png")
                .post("/findings/" + findings.get(1) + "/attachments").then().statusCode(201).extract().jsonPath().getString("id");
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + c.otherWorker.token()).multiPart("file", png.toFile(), "image/png")
                .post("/findings/" + findings.get(1) + "/attachments").then().statusCode(404);
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + c.police.token()).multiPart("file", png.toFile(), "image/png")
                .post("/findings/" + findings.get(1) + "/attachments").then().statusCode(403);
        String photos = "query($id: ID!) { node(id: $id) { ... on InspectionFinding { photos { id contentType } } } }";
        assertEquals(List.of(photo), c.chief.ok(photos, "id", findings.get(1)).getList("node.photos.id"));
        assertEquals(photo, c.chief.ok("query($id: ID!) { node(id: $id) { id } }", "id", photo).getString("node.id"));
        assertNull(c.otherChief.ok("query($id: ID!) { node(id: $id) { id } }", "id", photo).get("node"));

        // the other opens a case in one step, named after the unit, of the item's kind; inspectors opening it together make one
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Callable<Response>> calls = new ArrayList<>();
        for (Gql who : List.of(c.worker, c.chief, c.worker, c.chief)) {
            calls.add(() -> who.post(OPEN_CASE, "id", findings.get(1)));
        }
        Set<String> cases = new HashSet<>();
        for (Future<Response> f : threads.invokeAll(calls)) {
            JsonPath answer = f.get().jsonPath();
            assertNull(answer.get("errors"), answer.prettify());
            cases.add(answer.getString("data.openFindingCase.id"));
            assertEquals("SAFETY_HAZARD", answer.getString("data.openFindingCase.kind"));
            assertEquals("HAZARD_FIRE", answer.getString("data.openFindingCase.item"));
            assertEquals("INSPECTION", answer.getString("data.openFindingCase.source"));
            assertEquals(unit, answer.getString("data.openFindingCase.unit.id"));
            assertTrue(answer.getString("data.openFindingCase.title").startsWith("小五金店"));
        }
        threads.shutdown();
        assertEquals(1, cases.size(), cases.toString());
        String caseId = cases.iterator().next();
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM case_file WHERE unit_id = $1", Keys.of(unit)));
        assertEquals("CONFLICT", c.worker.errorCode(RESOLVE, "id", findings.get(1), "r", "整改"), "its case puts it right");
        assertEquals(List.of(photo), c.chief.ok("query($id: ID!) { case(id: $id) { attachments { id } } }", "id", caseId)
                .getList("case.attachments.id"), "the finding's photos go with its case");
        io.restassured.RestAssured.given().header("Authorization", "Bearer " + c.worker.token()).multiPart("file", png.toFile(), "image/png")
                .post("/findings/" + findings.get(1) + "/attachments").then().statusCode(409);
        JsonPath open = c.chief.ok(UNIT, "id", unit);
        assertEquals(List.of(findings.get(1)), open.getList("unit.openFindings.id"));
        assertEquals(caseId, open.getString("unit.openFindings[0].case.id"));

        // the case ends: the finding is no longer open
        int version = Gql.admin().ok("query($id: ID!) { case(id: $id) { version } }", "id", caseId).getInt("case.version");
        c.chief.field(Doc.of("cases/RejectCase"), "id", caseId, "version", version, "reason", "已由消防部门处理");
        assertEquals(List.of(), c.chief.ok(UNIT, "id", unit).getList("unit.openFindings"));

        // out of reach: the unit, its inspection and findings are not found
        assertEquals("NOT_FOUND", c.otherChief.errorCode(UNIT, "id", unit));
        assertNull(c.otherChief.ok("query($id: ID!) { node(id: $id) { id } }", "id", findings.get(1)).get("node"));
        assertEquals("NOT_FOUND", c.otherChief.errorCode(OPEN_CASE, "id", findings.get(1)));
    }

    @Test
    void unitsAreListedAndCountedByKindTagAndInspectionDue() {
        String figures = "query($g: ID!) { coverage(gridId: $g) { units { total inspectionsDue byKind { kind count } byRiskTag { riskTag { code } count } } } }";
        JsonPath before = c.chief.ok(figures, "g", c.group2.id());
        String address = place(c.group2, "西街");
        String hotel = c.chief.ok(REGISTER, "i", unit(address, "便民旅馆", "ENTERPRISE", creditCode(), List.of("CROWDED_PLACE", "SPECIAL_TRADE")))
                .getString("registerUnit.id");
        String school = c.chief.ok(REGISTER, "i", unit(address, "东关小学", "SCHOOL", null, List.of())).getString("registerUnit.id");
        String units = "query($g: ID!, $k: UnitKind, $t: String, $d: Boolean) { grid(id: $g) { units(kind: $k, riskTag: $t, inspectionDue: $d, "
                + "first: 100) { totalCount edges { node { id } } } } }";

        assertTrue(c.chief.ok(units, "g", c.village.id(), "k", "SCHOOL").getList("grid.units.edges.node.id").contains(school));
        assertFalse(c.chief.ok(units, "g", c.village.id(), "k", "SCHOOL").getList("grid.units.edges.node.id").contains(hotel));
        assertTrue(c.chief.ok(units, "g", c.village.id(), "t", "SPECIAL_TRADE").getList("grid.units.edges.node.id").contains(hotel));
        assertFalse(c.chief.ok(units, "g", c.village.id(), "d", true).getList("grid.units.edges.node.id").contains(hotel), "registered today");

        // registered long ago and never inspected: due; inspected against one tag's checklist, still due for the other's
        TestDb.rows(pool, "UPDATE unit SET created_at = now() - interval '100 days' WHERE id = $1", Keys.of(hotel));
        assertTrue(c.chief.ok(units, "g", c.village.id(), "d", true).getList("grid.units.edges.node.id").contains(hotel));
        JsonPath due = c.chief.ok(figures, "g", c.group2.id());
        assertEquals(before.getInt("coverage.units.inspectionsDue") + 1, due.getInt("coverage.units.inspectionsDue"));
        c.worker.ok(INSPECT, "i", Map.of("unitId", hotel, "checklist", "CROWDED_PLACE"));
        assertTrue(c.chief.ok(units, "g", c.village.id(), "d", true).getList("grid.units.edges.node.id").contains(hotel), "特种行业 not yet");
        c.worker.ok(INSPECT, "i", Map.of("unitId", hotel, "checklist", "SPECIAL_TRADE", "findings", List.of(Map.of("item", "TRADE_REAL_NAME"))));
        assertFalse(c.chief.ok(units, "g", c.village.id(), "d", true).getList("grid.units.edges.node.id").contains(hotel));
        assertTrue(c.chief.ok(units, "g", c.village.id(), "d", false).getList("grid.units.edges.node.id").contains(hotel));

        // the figures: by kind (every kind), by tag (every tag), totals add up
        JsonPath after = c.chief.ok(figures, "g", c.group2.id());
        assertEquals(before.getInt("coverage.units.total") + 2, after.getInt("coverage.units.total"));
        assertEquals(after.getInt("coverage.units.total"), after.<Integer>getList("coverage.units.byKind.count").stream().mapToInt(i -> i).sum());
        assertEquals(UnitKind.values().length, after.getList("coverage.units.byKind").size());
        assertEquals(List.of("NINE_SMALL", "HAZARDOUS_CHEMICALS", "CROWDED_PLACE", "SPECIAL_TRADE"),
                after.getList("coverage.units.byRiskTag.riskTag.code"));
        assertEquals(before.getInt("coverage.units.inspectionsDue"), after.getInt("coverage.units.inspectionsDue"));
    }

    @Test
    void unitsAndHousesFollowTheirAddressAndTheirGrid() {
        Gql admin = Gql.admin();
        County.Grid own = c.grid(c.village, "随迁微网格" + System.nanoTime(), "MICRO_GRID");
        String address = c.chief.ok(PLACE, "i", Map.of("kind", "PLACE", "name", "随迁门牌" + System.nanoTime(), "gridId", c.group1.id()))
                .getString("createAddress.id");
        String unit = c.chief.ok(REGISTER, "i", unit(address, "随迁商铺", "SHOP", null, List.of())).getString("registerUnit.id");
        String house = c.chief.ok("mutation($a: ID!) { registerHouse(addressId: $a, use: BUSINESS) { id } }", "a", address)
                .getString("registerHouse.id");
        String lists = "query($g: ID!) { grid(id: $g) { units(first: 100) { edges { node { id } } } houses(first: 100) { edges { node { id } } } } }";

        // the address moves to another micro-grid: its unit and house with it
        admin.ok("mutation($id: ID!, $g: ID!) { moveAddress(id: $id, gridId: $g, reason: \"网格调整\") { id } }", "id", address, "g", own.id());
        JsonPath there = admin.ok(lists, "g", own.id());
        assertEquals(List.of(unit), there.getList("grid.units.edges.node.id"));
        assertEquals(List.of(house), there.getList("grid.houses.edges.node.id"));
        assertFalse(admin.ok(lists, "g", c.group1.id()).getList("grid.units.edges.node.id").contains(unit));

        // the micro-grid moves to the community: they are in its subtree now, not the village's
        admin.ok("mutation($id: ID!, $to: ID!) { moveGrid(id: $id, newParentId: $to) { level } }", "id", own.id(), "to", c.community.id());
        assertTrue(admin.ok(lists, "g", c.community.id()).getList("grid.units.edges.node.id").contains(unit));
        assertTrue(admin.ok(lists, "g", c.community.id()).getList("grid.houses.edges.node.id").contains(house));
        assertFalse(admin.ok(lists, "g", c.village.id()).getList("grid.units.edges.node.id").contains(unit));
        assertEquals(List.of(address), admin.ok("query($g: ID!) { grid(id: $g) { addresses(first: 10) { edges { node { id } } } } }",
                "g", own.id()).getList("grid.addresses.edges.node.id"));
        // and the village's grid chief no longer reads the unit there
        assertEquals("NOT_FOUND", c.chief.errorCode("query($id: ID!) { unit(id: $id) { id } }", "id", unit));
    }
}
