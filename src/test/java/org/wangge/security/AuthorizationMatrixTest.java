package org.wangge.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Gql;

/**
 * Every operation as every role, against objects in group1 of a county of the class's own (or a
 * shop there), with the expected answer written as a table: {@code ok}, or the error's code (F
 * FORBIDDEN, N NOT_FOUND, V VALIDATION). Operations that change something get a fresh object for
 * each role. Columns, as {@link County} names them: admin, commander (of the township), chief (of
 * the village), worker (of group1 and group2), reporter (of group1), otherChief and otherWorker (of
 * the other township's village), police (community police of the township), resident (of a
 * household in group1, not the one the rows read), departmentStaff.
 */
@QuarkusTest
class AuthorizationMatrixTest {

    static final Gql ADMIN = Gql.admin();
    static final AtomicInteger SEQ = new AtomicInteger((int) (System.nanoTime() % 400));

    /** One operation: a document, and for each role the variables it is run with (made fresh when it changes something). */
    record Row(String name, String expected, String document, Function<Fx, Map<String, Object>> variables) {
    }

    /** The columns: each role of the county by the name County gives it. */
    static Map<String, Gql> users(County c) {
        Map<String, Gql> users = new LinkedHashMap<>();
        users.put("admin", ADMIN);
        users.put("commander", c.commander);
        users.put("chief", c.chief);
        users.put("worker", c.worker);
        users.put("reporter", c.reporter);
        users.put("otherChief", c.otherChief);
        users.put("otherWorker", c.otherWorker);
        users.put("police", c.police);
        users.put("resident", c.resident);
        users.put("departmentStaff", c.departmentStaff);
        return users;
    }

    /** The shared targets, made once. */
    static final class Fx {
        County c;
        Map<String, Gql> users;
        String dg;
        String dg2;
        String village;
        String west;
        String household;
        String person;
        String caseId;
        String shop;
        String job;
        String department;
        String stamp = Long.toString(System.nanoTime() % 1_000_000_000L, 36);

        /** The shared targets in the county's group1, as the admin makes them. */
        static Fx build(County c) {
            Fx f = new Fx();
            f.c = c;
            f.users = users(c);
            f.dg = c.group1.id();
            f.dg2 = c.group2.id();
            f.village = c.village.id();
            f.west = c.community.id();
            f.household = f.newHousehold();
            f.person = ADMIN.ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i",
                    Map.of("householdId", f.household, "name", "矩阵居民", "residenceType", "REGISTERED")).getString("registerPerson.id");
            f.caseId = (String) f.newCase(c.worker)[0];
            f.shop = f.newShop();
            f.department = c.department;
            for (Gql user : f.users.values()) {
                ADMIN.ok("mutation($s: String!) { correctPoints(subject: $s, amount: 100, note: \"矩阵\") { balance } }", "s", user.subject());
            }
            f.job = io.restassured.RestAssured.given()
                    .header("Authorization", "Bearer " + c.chief.token())
                    .multiPart("file", "matrix.csv", "网格编码,地址,姓名,证件号码,人口类型\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/csv")
                    .post("/import/roster").then().statusCode(202).extract().jsonPath().getString("jobId");
            return f;
        }

        Map<String, Object> vars(Object... kv) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < kv.length; i += 2) {
                m.put((String) kv[i], kv[i + 1]);
            }
            return m;
        }

        String newHousehold() {
            return ADMIN.ok("mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }", "i",
                    Map.of("gridId", dg, "address", "矩阵 " + SEQ.incrementAndGet())).getString("createHousehold.id");
        }

        String newPerson() {
            return ADMIN.ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }", "i",
                    Map.of("householdId", newHousehold(), "name", "矩阵居民", "residenceType", "REGISTERED")).getString("registerPerson.id");
        }

        String newCare() {
            return ADMIN.ok("mutation($i: CareCaseInput!) { addCareCase(input: $i) { id } }", "i",
                    Map.of("personId", newPerson(), "category", "EMPTY_NEST_ELDERLY", "level", "LOW")).getString("addCareCase.id");
        }

        /** A case in group1 brought to a state as the admin (the worker takes and resolves it); [id, version]. */
        Object[] newCase(Gql reporter, String... steps) {
            JsonPath r = reporter.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id version } }", "i",
                    Map.of("kind", "DISPUTE", "title", "矩阵事件", "gridId", dg));
            String id = r.getString("reportCase.id");
            int version = r.getInt("reportCase.version");
            for (String step : steps) {
                Gql as = step.startsWith("take") || step.startsWith("resolve") || step.startsWith("request") ? c.worker : ADMIN;
                String doc = switch (step) {
                    case "accept" -> "acceptCase(id: $id, version: $v)";
                    case "dispatch" -> "dispatchCase(id: $id, version: $v, toSubject: $to)";
                    case "take" -> "takeCase(id: $id, version: $v)";
                    case "resolve" -> "resolveCase(id: $id, version: $v, result: \"好了\")";
                    case "verify" -> "verifyCase(id: $id, version: $v)";
                    case "close" -> "closeCase(id: $id, version: $v)";
                    case "park" -> "requestParking(id: $id, version: $v, reason: \"等判决\")";
                    case "approvePark" -> "approveParking(id: $id, version: $v)";
                    case "request" -> "requestExtension(id: $id, version: $v, dueAt: \"" + java.time.OffsetDateTime.now().plusDays(30)
                            + "\", reason: \"等配件\")";
                    default -> throw new IllegalArgumentException(step);
                };
                version = (step.equals("dispatch")
                        ? as.ok("mutation($id: ID!, $v: Int!, $to: String) { s: " + doc + " { version } }", "id", id, "v", version, "to", c.worker.subject())
                        : as.ok("mutation($id: ID!, $v: Int!) { s: " + doc + " { version } }", "id", id, "v", version)).getInt("s.version");
            }
            return new Object[] {id, version};
        }

        /** A case the resident reported, brought to a state; its id and version as $id and $v. */
        Map<String, Object> step(String... steps) {
            Object[] r = newCase(c.resident, steps);
            return vars("id", r[0], "v", r[1]);
        }

        /** A place (标准地址) in group1, with a building, as the admin makes them: the building's id. */
        String newBuilding() {
            String place = ADMIN.ok("mutation($i: AddressInput!) { createAddress(input: $i) { id } }", "i",
                    Map.of("kind", "PLACE", "name", "矩阵小区" + stamp + "-" + SEQ.incrementAndGet(), "gridId", dg)).getString("createAddress.id");
            return ADMIN.ok("mutation($i: AddressInput!) { createAddress(input: $i) { id } }", "i",
                    Map.of("kind", "BUILDING", "name", "1栋", "parentId", place)).getString("createAddress.id");
        }

        /** The room of a new household in group1 (标准地址), as the admin makes it. */
        String newRoom() {
            String home = ADMIN.ok("mutation($g: ID!, $a: String!) { createHousehold(input: {gridId: $g, address: $a}) { id } }", "g", dg,
                    "a", "矩阵房屋" + stamp + "-" + SEQ.incrementAndGet() + "1栋1单元101").getString("createHousehold.id");
            return ADMIN.ok("query($id: ID!) { household(id: $id) { standardAddress { id } } }", "id", home).getString("household.standardAddress.id");
        }

        /** A rented house at a new room, as the admin registers it. */
        String newHouse() {
            return ADMIN.ok("mutation($a: ID!) { registerHouse(addressId: $a, use: RENTED) { id } }", "a", newRoom()).getString("registerHouse.id");
        }

        /** A 九小场所 unit at a new building in group1, as the admin registers it. */
        String newUnit() {
            return ADMIN.ok("mutation($a: ID!) { registerUnit(input: {addressId: $a, name: \"矩阵商铺\", kind: SHOP, riskTags: [\"NINE_SMALL\"]}) { id } }",
                    "a", newBuilding()).getString("registerUnit.id");
        }

        /** An open finding of a new unit's inspection, as the admin records it. */
        String newFinding() {
            return ADMIN.ok("mutation($u: ID!) { recordInspection(input: {unitId: $u, checklist: \"FIRE_SAFETY\", findings: [{item: \"FIRE_EXITS\"}]}) "
                    + "{ findings { id } } }", "u", newUnit()).getString("recordInspection.findings[0].id");
        }

        String newTenancy() {
            return ADMIN.ok("mutation($h: ID!, $p: ID!) { startTenancy(houseId: $h, personId: $p, startDate: \"2026-01-01\") { id } }",
                    "h", newHouse(), "p", person).getString("startTenancy.id");
        }

        String newShop() {
            return ADMIN.ok("mutation($g: ID!) { createShop(gridId: $g, name: \"矩阵超市\") { id } }", "g", dg).getString("createShop.id");
        }

        String newItem(String shopId) {
            return ADMIN.ok("mutation($s: ID!, $i: ShopItemInput!) { addShopItem(shopId: $s, input: $i) { id } }", "s", shopId, "i",
                    Map.of("name", "矩阵商品", "price", 1, "stock", 100)).getString("addShopItem.id");
        }

        String newOrder() {
            ADMIN.ok("mutation($s: String!) { correctPoints(subject: $s, amount: 1, note: \"矩阵\") { balance } }", "s", c.resident.subject());
            return c.resident.ok("mutation($i: ID!, $k: String!) { redeem(itemId: $i, idempotencyKey: $k) { id } }",
                    "i", newItem(newShop()), "k", "m" + SEQ.incrementAndGet()).getString("redeem.id");
        }

        String newGrid() {
            return ADMIN.ok("mutation($i: CreateGridInput!) { createGrid(input: $i) { id } }", "i",
                    Map.of("code", "M" + stamp + SEQ.incrementAndGet(), "name", "矩阵网格", "kind", "MICRO_GRID", "parentId", village))
                    .getString("createGrid.id");
        }

        String newAward() {
            return c.worker.ok("mutation($g: ID!, $s: String!) { proposeAward(gridId: $g, subject: $s, kind: PATROL, points: 1) { id } }",
                    "g", dg, "s", c.resident.subject()).getString("proposeAward.id");
        }

        /** An endpoint of the county's department whose filter matches nothing (nothing is sent). */
        Map<String, Object> webhookInput() {
            return Map.of("departmentId", department, "url", "https://partner.example/hook", "secret", "matrix-secret-matrix-secret-matrix-1",
                    "filter", Map.of("kinds", List.of("MATRIX-NONE")));
        }

        String newWebhook() {
            return ADMIN.ok("mutation($i: WebhookInput!) { registerWebhook(input: $i) { id } }", "i", webhookInput()).getString("registerWebhook.id");
        }

        String newAssignment() {
            return ADMIN.ok("mutation($i: AssignStaffInput!) { assignStaff(input: $i) { id } }", "i", Map.of("gridId", dg, "subject",
                    "m-worker-" + stamp + SEQ.incrementAndGet(), "displayName", "矩阵网格员", "role", "GRID_WORKER")).getString("assignStaff.id");
        }
    }

    static final String ALL_OK = "ok ok ok ok ok ok ok ok ok ok";

    static List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        // ---- queries ----
        rows.add(new Row("careCategories", ALL_OK, "{ careCategories { code } }", f -> Map.of()));
        rows.add(new Row("caseKinds", ALL_OK, "{ caseKinds { code } }", f -> Map.of()));
        rows.add(new Row("departments", ALL_OK, "{ departments { id } }", f -> Map.of()));
        rows.add(new Row("workCalendar", ALL_OK, "{ workCalendar(year: 2026) { year } }", f -> Map.of()));
        rows.add(new Row("workingHours", ALL_OK, "{ workingHours { starts } }", f -> Map.of()));
        rows.add(new Row("deadlineAfter", ALL_OK, "{ deadlineAfter(start: \"2026-03-06T16:00:00+08:00\", limit: {amount: 4, unit: WORKING_HOURS}) }",
                f -> Map.of()));
        rows.add(new Row("shops", ALL_OK, "{ shops { id } }", f -> Map.of()));
        rows.add(new Row("grids", ALL_OK, "{ grids { totalCount } }", f -> Map.of()));
        rows.add(new Row("myGrids", ALL_OK, "{ myGrids { id } }", f -> Map.of()));
        rows.add(new Row("cases", ALL_OK, "{ cases { edges { node { id } } } }", f -> Map.of()));
        rows.add(new Row("myReports", ALL_OK, "{ myReports { edges { node { id } } } }", f -> Map.of()));
        rows.add(new Row("myQueue", ALL_OK, "{ myQueue { edges { node { id } } } }", f -> Map.of()));
        rows.add(new Row("myOrders", ALL_OK, "{ myOrders { edges { node { id } } } }", f -> Map.of()));
        rows.add(new Row("myPoints", ALL_OK, "{ myPoints { balance } }", f -> Map.of()));
        rows.add(new Row("myPerson", ALL_OK, "{ myPerson { id } }", f -> Map.of()));
        rows.add(new Row("persons", ALL_OK, "{ persons { totalCount } }", f -> Map.of()));
        rows.add(new Row("staffAssignments", ALL_OK, "query($s: String!) { staffAssignments(subject: $s) { totalCount } }",
                f -> f.vars("s", f.c.worker.subject())));
        rows.add(new Row("grid", "ok ok ok ok ok F F ok F F", "query($id: ID) { grid(id: $id) { id } }", f -> f.vars("id", f.dg)));
        rows.add(new Row("household", "ok ok ok ok N N N ok N N", "query($id: ID!) { household(id: $id) { id } }", f -> f.vars("id", f.household)));
        rows.add(new Row("person", "ok ok ok ok N N N ok N N", "query($id: ID!) { person(id: $id) { id } }", f -> f.vars("id", f.person)));
        // null, never an error, for what is out of reach (NodeTest and the visibility walk check which)
        rows.add(new Row("node", ALL_OK, "query($id: ID!) { node(id: $id) { id } }", f -> f.vars("id", f.person)));
        rows.add(new Row("nodes", ALL_OK, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", f -> f.vars("ids", List.of(f.person, f.dg))));
        rows.add(new Row("case", "ok ok ok ok N N N ok N N", "query($id: ID!) { case(id: $id) { id } }", f -> f.vars("id", f.caseId)));
        rows.add(new Row("households", "ok ok ok ok ok F F ok F F", "query($g: ID!) { households(gridId: $g) { totalCount } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("coverage", "ok ok ok ok F F F F F F", "query($g: ID!) { coverage(gridId: $g) { residents } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("caseIndicators", "ok ok ok ok F F F F F F",
                "query($g: ID) { caseIndicators(gridId: $g, from: \"2026-01-01\", to: \"2026-12-31\") { reported } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("dailyFigures", "ok ok ok ok F F F F F F",
                "query($g: ID!) { dailyFigures(gridId: $g, from: \"2026-01-01\", to: \"2026-12-31\") { day } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("staffAssessment", "ok ok ok ok F F F F F F",
                "query($g: ID!) { staffAssessment(gridId: $g, from: \"2026-01-01\", to: \"2026-12-31\") { subject } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("leaderboard", "ok ok ok ok F F F F F F", "query($g: ID!) { leaderboard(gridId: $g) { rank } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("awards", "ok ok ok ok F F F F F F", "query($g: ID!) { awards(gridId: $g) { id } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("overdueVisits", "ok ok ok ok F F F ok F F", "query($g: ID) { overdueVisits(gridId: $g) { totalCount } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("personalDataReads", "ok F F F F F F F F F", "{ personalDataReads { totalCount } }", f -> Map.of()));
        rows.add(new Row("pointsAccount", "ok F F ok F F F F F F", "query($s: String!) { pointsAccount(subject: $s) { balance } }",
                f -> f.vars("s", f.c.worker.subject())));
        rows.add(new Row("shopOrders", "ok ok ok ok F F F F F F", "query($s: ID!) { shopOrders(shopId: $s) { edges { node { id } } } }",
                f -> f.vars("s", f.shop)));
        rows.add(new Row("importJob", "ok N ok N N N N N N N", "query($id: ID!) { importJob(id: $id) { id } }", f -> f.vars("id", f.job)));
        rows.add(new Row("personByIdNumber", "ok ok ok ok F ok ok ok F F",
                "{ personByIdNumber(idNumber: \"41132119800101001X\", reason: \"核实身份\") { id } }", f -> Map.of()));
        rows.add(new Row("personsByPhone", "ok ok ok ok F ok ok ok F F",
                "{ personsByPhone(phone: \"13800000000\", reason: \"回拨核实\") { totalCount } }", f -> Map.of()));
        rows.add(new Row("departmentInbox", "F F F F F F F F F ok", "{ departmentInbox { totalCount } }", f -> Map.of()));

        // ---- residents ----
        rows.add(new Row("address", "ok ok ok ok N N N ok N N", "query($id: ID!) { address(id: $id) { id } }", f -> f.vars("id", f.newBuilding())));
        rows.add(new Row("createAddress", "ok ok ok ok F F F F F F", "mutation($g: ID!, $n: String!) { createAddress(input: {kind: PLACE, gridId: $g, name: $n}) { id } }",
                f -> f.vars("g", f.dg, "n", "矩阵门牌 " + SEQ.incrementAndGet())));
        rows.add(new Row("house", "ok ok ok ok N N N ok N N", "query($id: ID!) { house(id: $id) { id } }", f -> f.vars("id", f.newHouse())));
        rows.add(new Row("tenancyFollowUps", "ok ok ok ok F F F ok F F", "query($g: ID!) { tenancyFollowUps(gridId: $g) { id } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("registerHouse", "ok ok ok ok F F F F F F", "mutation($a: ID!) { registerHouse(addressId: $a, use: VACANT) { id } }",
                f -> f.vars("a", f.newRoom())));
        rows.add(new Row("startTenancy", "ok ok ok ok F F F F F F", "mutation($h: ID!, $p: ID!) { startTenancy(houseId: $h, personId: $p, startDate: \"2026-02-01\") { id } }",
                f -> f.vars("h", f.newHouse(), "p", f.person)));
        rows.add(new Row("endTenancy", "ok ok ok ok F F F F F F", "mutation($id: ID!) { endTenancy(id: $id, endDate: \"2026-03-01\") { id } }",
                f -> f.vars("id", f.newTenancy())));
        rows.add(new Row("unit", "ok ok ok ok N N N ok N N", "query($id: ID!) { unit(id: $id) { id } }", f -> f.vars("id", f.newUnit())));
        rows.add(new Row("unitByCreditCode", "ok ok ok ok ok ok ok ok ok ok", "{ unitByCreditCode(creditCode: \"91350100M000100Y43\") { id } }",
                f -> f.vars()));
        rows.add(new Row("ledgerExports", "ok F F F F F F F F F", "{ ledgerExports(first: 5) { totalCount } }", f -> f.vars()));
        rows.add(new Row("unitRiskTags", "ok ok ok ok ok ok ok ok ok ok", "{ unitRiskTags { code } }", f -> f.vars()));
        rows.add(new Row("inspectionChecklists", "ok ok ok ok ok ok ok ok ok ok", "{ inspectionChecklists { code } }", f -> f.vars()));
        rows.add(new Row("registerUnit", "ok ok ok ok F F F F F F", "mutation($a: ID!) { registerUnit(input: {addressId: $a, name: \"矩阵单位\", kind: OTHER}) { id } }",
                f -> f.vars("a", f.newBuilding())));
        rows.add(new Row("updateUnit", "ok ok ok ok F F F F F F",
                "mutation($id: ID!, $a: ID!) { updateUnit(id: $id, version: 0, input: {addressId: $a, name: \"矩阵单位\", kind: OTHER}) { id } }",
                f -> f.vars("id", f.newUnit(), "a", f.newBuilding())));
        rows.add(new Row("recordInspection", "ok ok ok ok F F F F F F",
                "mutation($u: ID!) { recordInspection(input: {unitId: $u, checklist: \"FIRE_SAFETY\"}) { id } }", f -> f.vars("u", f.newUnit())));
        rows.add(new Row("resolveFinding", "ok ok ok ok F F F F F F", "mutation($id: ID!) { resolveFinding(id: $id, resolution: \"已整改\") { id } }",
                f -> f.vars("id", f.newFinding())));
        rows.add(new Row("openFindingCase", "ok ok ok ok N N N ok N N", "mutation($id: ID!) { openFindingCase(id: $id) { id } }",
                f -> f.vars("id", f.newFinding())));
        rows.add(new Row("moveAddress", "ok ok F F F F F F F F", "mutation($id: ID!, $g: ID!) { moveAddress(id: $id, gridId: $g, reason: \"调整\") { id } }",
                f -> f.vars("id", f.newBuilding(), "g", f.dg2)));
        rows.add(new Row("createHousehold", "ok ok ok ok F F F F F F", "mutation($g: ID!, $a: String!) { createHousehold(input: {gridId: $g, address: $a}) { id } }",
                f -> f.vars("g", f.dg, "a", "矩阵新户 " + SEQ.incrementAndGet())));
        rows.add(new Row("updateHousehold", "ok ok ok ok F N N F F F", "mutation($id: ID!) { updateHousehold(id: $id, input: {room: \"2\"}) { id } }",
                f -> f.vars("id", f.newHousehold())));
        rows.add(new Row("moveHousehold", "ok ok ok ok F N N F F F", "mutation($id: ID!, $g: ID!) { moveHousehold(id: $id, gridId: $g) { id } }",
                f -> f.vars("id", f.newHousehold(), "g", f.dg2)));
        rows.add(new Row("registerPerson", "ok ok ok ok F N N F F F",
                "mutation($h: ID!) { registerPerson(input: {householdId: $h, name: \"新人\", residenceType: REGISTERED}) { id } }", f -> f.vars("h", f.newHousehold())));
        rows.add(new Row("updatePerson", "ok ok ok ok F N N F F F", "mutation($id: ID!) { updatePerson(id: $id, input: {origin: \"南阳\"}) { id } }",
                f -> f.vars("id", f.newPerson())));
        rows.add(new Row("transferPerson", "ok ok ok ok F N N F F F", "mutation($p: ID!, $h: ID!) { transferPerson(personId: $p, householdId: $h) { id } }",
                f -> f.vars("p", f.newPerson(), "h", f.newHousehold())));
        rows.add(new Row("addCareCase", "ok ok ok F F N F F F F",
                "mutation($p: ID!) { addCareCase(input: {personId: $p, category: \"DISABLED\", level: LOW}) { id } }", f -> f.vars("p", f.newPerson())));
        rows.add(new Row("endCareCase", "ok ok ok F F N F F F F", "mutation($id: ID!) { endCareCase(id: $id) { id } }", f -> f.vars("id", f.newCare())));
        rows.add(new Row("recordVisit", "ok ok ok ok F N N F F F", "mutation($h: ID!) { recordVisit(input: {householdId: $h, notes: \"走访\"}) { id } }",
                f -> f.vars("h", f.newHousehold())));

        // ---- cases ----
        rows.add(new Row("reportCase", "ok ok ok ok ok ok ok ok ok F",
                "mutation($g: ID!) { reportCase(input: {kind: \"DISPUTE\", title: \"矩阵\", gridId: $g}) { id } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("reportCase(priority)", "ok ok ok ok F F F ok F F",
                "mutation($g: ID!) { reportCase(input: {kind: \"DISPUTE\", title: \"矩阵\", gridId: $g, priority: URGENT}) { id } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("reportCase(personIds)", "ok ok ok ok F F F ok F F",
                "mutation($g: ID!, $p: ID!) { reportCase(input: {kind: \"DISPUTE\", title: \"矩阵\", gridId: $g, personIds: [$p]}) { id } }",
                f -> f.vars("g", f.dg, "p", f.person)));
        String step = "($id: ID!, $v: Int!) { s: ";
        rows.add(new Row("withdrawCase", "F F F F N N N F ok N", "mutation" + step + "withdrawCase(id: $id, version: $v) { id } }", f -> f.step()));
        rows.add(new Row("acceptCase", "ok ok ok F N N N F F N", "mutation" + step + "acceptCase(id: $id, version: $v) { id } }", f -> f.step()));
        rows.add(new Row("rejectCase", "ok ok ok F N N N F F N", "mutation" + step + "rejectCase(id: $id, version: $v, reason: \"无效\") { id } }", f -> f.step()));
        rows.add(new Row("dispatchCase", "ok ok ok F N N N F F N",
                "mutation($id: ID!, $v: Int!, $to: String) { s: dispatchCase(id: $id, version: $v, toSubject: $to) { id } }",
                f -> with(f.step("accept"), "to", f.c.worker.subject())));
        rows.add(new Row("takeCase", "F F F ok N N N F F N", "mutation" + step + "takeCase(id: $id, version: $v) { id } }",
                f -> f.step("accept", "dispatch")));
        rows.add(new Row("resolveCase", "F F F ok N N N F F N", "mutation" + step + "resolveCase(id: $id, version: $v, result: \"已解决\") { id } }",
                f -> f.step("accept", "dispatch", "take")));
        rows.add(new Row("verifyCase", "ok ok ok F N N N F F N", "mutation" + step + "verifyCase(id: $id, version: $v) { id } }",
                f -> f.step("accept", "dispatch", "take", "resolve")));
        rows.add(new Row("reworkCase", "ok ok ok F N N N F F N", "mutation" + step + "reworkCase(id: $id, version: $v, reason: \"再查\") { id } }",
                f -> f.step("accept", "dispatch", "take", "resolve")));
        rows.add(new Row("closeCase", "ok ok ok F N N N F F N", "mutation" + step + "closeCase(id: $id, version: $v) { id } }",
                f -> f.step("accept", "dispatch", "take", "resolve", "verify")));
        rows.add(new Row("escalateCase", "ok ok ok F N N N F F N", "mutation" + step + "escalateCase(id: $id, version: $v, reason: \"复杂\") { id } }",
                f -> f.step("accept")));
        rows.add(new Row("handOverCase", "ok ok ok F N N N F F N",
                "mutation($id: ID!, $v: Int!, $to: String!) { s: handOverCase(id: $id, version: $v, toSubject: $to) { id } }",
                f -> with(f.step("accept"), "to", f.c.commander.subject())));
        rows.add(new Row("requestExtension", "F F F ok N N N F F N",
                "mutation($id: ID!, $v: Int!, $d: DateTime!) { s: requestExtension(id: $id, version: $v, dueAt: $d, reason: \"等配件\") { id } }",
                f -> with(f.step("accept", "dispatch", "take"), "d", java.time.OffsetDateTime.now().plusDays(30).toString())));
        rows.add(new Row("approveExtension", "ok ok ok F N N N F F N", "mutation" + step + "approveExtension(id: $id, version: $v) { id } }",
                f -> f.step("accept", "dispatch", "take", "request")));
        rows.add(new Row("refuseExtension", "ok ok ok F N N N F F N",
                "mutation" + step + "refuseExtension(id: $id, version: $v, reason: \"来得及\") { id } }",
                f -> f.step("accept", "dispatch", "take", "request")));
        rows.add(new Row("requestParking", "ok ok ok F N N N F F N", "mutation" + step + "requestParking(id: $id, version: $v, reason: \"等判决\") { id } }",
                f -> f.step("accept")));
        rows.add(new Row("approveParking", "ok ok ok F N N N F F N", "mutation" + step + "approveParking(id: $id, version: $v) { id } }",
                f -> f.step("accept", "park")));
        rows.add(new Row("refuseParking", "ok ok ok F N N N F F N", "mutation" + step + "refuseParking(id: $id, version: $v, reason: \"可以办\") { id } }",
                f -> f.step("accept", "park")));
        rows.add(new Row("unparkCase", "ok ok ok F N N N F F N", "mutation" + step + "unparkCase(id: $id, version: $v) { id } }",
                f -> f.step("accept", "park", "approvePark")));
        rows.add(new Row("rateCase", "F F F F N N N F ok N", "mutation" + step + "rateCase(id: $id, version: $v, rating: 5) { id } }",
                f -> f.step("accept", "dispatch", "take", "resolve", "verify", "close")));

        // ---- staff and grids ----
        rows.add(new Row("assignStaff", "ok ok ok F F F F F F F",
                "mutation($g: ID!, $s: String!) { assignStaff(input: {gridId: $g, subject: $s, displayName: \"新网格员\", role: GRID_WORKER}) { id } }",
                f -> f.vars("g", f.dg, "s", "m-new-" + f.stamp + SEQ.incrementAndGet())));
        rows.add(new Row("endStaffAssignment", "ok ok ok F F F F F F F", "mutation($id: ID!) { endStaffAssignment(id: $id) { id } }",
                f -> f.vars("id", f.newAssignment())));
        rows.add(new Row("createGrid", "ok ok F F F F F F F F",
                "mutation($p: ID!, $c: String!) { createGrid(input: {parentId: $p, code: $c, name: \"新网格\", kind: MICRO_GRID}) { id } }",
                f -> f.vars("p", f.village, "c", "N" + f.stamp + SEQ.incrementAndGet())));
        rows.add(new Row("updateGrid", "ok ok F F F F F F F F", "mutation($id: ID!) { updateGrid(id: $id, input: {name: \"改名\"}) { id } }",
                f -> f.vars("id", f.newGrid())));
        rows.add(new Row("moveGrid", "ok ok F F F F F F F F", "mutation($id: ID!, $p: ID!) { moveGrid(id: $id, newParentId: $p) { id } }",
                f -> f.vars("id", f.newGrid(), "p", f.west)));
        rows.add(new Row("retireGrid", "ok ok F F F F F F F F", "mutation($id: ID!) { retireGrid(id: $id) { id } }", f -> f.vars("id", f.newGrid())));
        rows.add(new Row("departmentMember", "ok F F F F F F F F F",
                "mutation($d: ID!, $s: String!) { departmentMember(departmentId: $d, subject: $s, displayName: \"新成员\") { id } }",
                f -> f.vars("d", f.department, "s", "m-member-" + f.stamp + SEQ.incrementAndGet())));
        rows.add(new Row("createDepartment", "ok F F F F F F F F F",
                "mutation($c: String!) { createDepartment(code: $c, name: \"新部门\", kind: \"HEALTH\") { id } }", f -> f.vars("c", "d" + f.stamp + SEQ.incrementAndGet())));
        rows.add(new Row("loadDocumentManifest", "ok F F F F F F F F F",
                "mutation($m: String!) { loadDocumentManifest(clientId: \"matrix-app\", manifest: $m) }",
                f -> f.vars("m", "{\"" + org.wangge.documents.DocumentService.hash("{ __typename }") + "\": \"{ __typename }\"}")));

        rows.add(new Row("loadWorkCalendar", "ok F F F F F F F F F", "mutation { loadWorkCalendar(year: 2037, days: []) { year } }", f -> Map.of()));
        rows.add(new Row("setWorkingHours", "ok F F F F F F F F F",
                "mutation { setWorkingHours(periods: [{starts: \"09:00\", ends: \"12:00\"}, {starts: \"13:00\", ends: \"18:00\"}]) { starts } }",
                f -> Map.of()));

        rows.add(new Row("open311Keys", "ok F F F F F F F F F", "{ open311Keys { id } }", f -> Map.of()));
        rows.add(new Row("issueOpen311Key", "ok F F F F F F F F F", "mutation { issueOpen311Key(name: \"矩阵伙伴\") { id } }", f -> Map.of()));
        rows.add(new Row("revokeOpen311Key", "ok F F F F F F F F F", "mutation($id: ID!) { revokeOpen311Key(id: $id) { id } }",
                f -> f.vars("id", ADMIN.ok("mutation { issueOpen311Key(name: \"待撤销\") { id } }").getString("issueOpen311Key.id"))));

        // ---- webhooks (a department's admins keep its endpoints; none of the columns is one: WebhooksTest) ----
        rows.add(new Row("webhookEndpoints", "ok F F F F F F F F F", "{ webhookEndpoints { id } }", f -> Map.of()));
        rows.add(new Row("webhookDeliveries", "ok N N N N N N N N N", "query($e: ID!) { webhookDeliveries(endpointId: $e) { cursor } }",
                f -> f.vars("e", f.newWebhook())));
        rows.add(new Row("registerWebhook", "ok F F F F F F F F F", "mutation($i: WebhookInput!) { registerWebhook(input: $i) { id } }",
                f -> f.vars("i", f.webhookInput())));
        rows.add(new Row("resumeWebhook", "ok N N N N N N N N N", "mutation($id: ID!) { resumeWebhook(id: $id) { id } }", f -> f.vars("id", f.newWebhook())));
        rows.add(new Row("removeWebhook", "ok N N N N N N N N N", "mutation($id: ID!) { removeWebhook(id: $id) }", f -> f.vars("id", f.newWebhook())));

        // ---- points ----
        rows.add(new Row("proposeAward", "ok ok ok ok F F F F F F",
                "mutation($g: ID!, $s: String!) { proposeAward(gridId: $g, subject: $s, kind: PATROL, points: 1) { id } }",
                f -> f.vars("g", f.dg, "s", f.c.resident.subject())));
        rows.add(new Row("approveAward", "ok ok ok F F F F F F F", "mutation($id: ID!) { approveAward(id: $id) { id } }", f -> f.vars("id", f.newAward())));
        rows.add(new Row("rejectAward", "ok ok ok F F F F F F F", "mutation($id: ID!) { rejectAward(id: $id) { id } }", f -> f.vars("id", f.newAward())));
        rows.add(new Row("correctPoints", "ok F F F F F F F F F",
                "mutation($s: String!) { correctPoints(subject: $s, amount: 1, note: \"更正\") { balance } }", f -> f.vars("s", f.c.resident.subject())));
        rows.add(new Row("createShop", "ok ok ok F F F F F F F", "mutation($g: ID!) { createShop(gridId: $g, name: \"新超市\") { id } }", f -> f.vars("g", f.dg)));
        rows.add(new Row("setShopExpiry", "ok ok ok F F F F F F F", "mutation($s: ID!) { setShopExpiry(shopId: $s, expiryYears: 2) { id } }",
                f -> f.vars("s", f.newShop())));
        rows.add(new Row("addShopItem", "ok ok ok F F F F F F F",
                "mutation($s: ID!) { addShopItem(shopId: $s, input: {name: \"毛巾\", price: 5, stock: 5}) { id } }", f -> f.vars("s", f.newShop())));
        rows.add(new Row("updateShopItem", "ok ok ok F F F F F F F", "mutation($id: ID!) { updateShopItem(id: $id, input: {stock: 9}) { id } }",
                f -> f.vars("id", f.newItem(f.newShop()))));
        rows.add(new Row("redeem", ALL_OK, "mutation($i: ID!, $k: String!) { redeem(itemId: $i, idempotencyKey: $k) { id } }",
                f -> f.vars("i", f.newItem(f.shop), "k", "r" + SEQ.incrementAndGet())));
        rows.add(new Row("fulfilOrder", "ok ok ok ok F F F F F F", "mutation($id: ID!) { fulfilOrder(id: $id) { id } }", f -> f.vars("id", f.newOrder())));
        rows.add(new Row("cancelOrder", "ok ok ok ok F F F F ok F", "mutation($id: ID!) { cancelOrder(id: $id) { id } }", f -> f.vars("id", f.newOrder())));
        return rows;
    }

    @Test
    void everyOperationAsEveryRoleAnswersAsTheTableSays() {
        Fx f = Fx.build(County.of(getClass()));

        // every operation of the schema has its row
        java.util.Set<String> operations = new java.util.TreeSet<>();
        for (String root : List.of("queryType", "mutationType")) {
            String type = ADMIN.ok("{ __schema { " + root + " { name } } }").getString("__schema." + root + ".name");
            operations.addAll(ADMIN.ok("query($t: String!) { __type(name: $t) { fields { name } } }", "t", type).getList("__type.fields.name"));
        }
        rows().forEach(r -> operations.remove(r.name().replaceAll("\\(.*", "")));
        assertEquals(java.util.Set.of(), operations, "operations without a row");

        List<String> differences = new ArrayList<>();
        for (Row row : rows()) {
            String[] expected = row.expected().split(" ");
            assertEquals(f.users.size(), expected.length, row.name());
            StringBuilder actual = new StringBuilder();
            for (Gql user : f.users.values()) {
                Map<String, Object> vars = row.variables().apply(f);
                Object[] flat = vars.entrySet().stream().flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray();
                JsonPath answer = user.post(row.document(), flat).jsonPath();
                List<?> errors = answer.getList("errors");
                String code = errors == null || errors.isEmpty() ? "ok" : abbreviate(answer.getString("errors[0].extensions.code"));
                actual.append(actual.length() == 0 ? "" : " ").append(code);
            }
            if (!actual.toString().equals(row.expected())) {
                differences.add(String.format("%-22s expected %s%n%-22s but was  %s", row.name(), row.expected(), "", actual));
            }
        }
        assertEquals("", String.join("\n", differences));
    }

    private static String abbreviate(String code) {
        return code == null ? "?" : switch (code) {
            case "FORBIDDEN" -> "F";
            case "NOT_FOUND" -> "N";
            case "VALIDATION" -> "V";
            default -> code;
        };
    }

    private static Map<String, Object> with(Map<String, Object> vars, String name, Object value) {
        vars.put(name, value);
        return vars;
    }
}
