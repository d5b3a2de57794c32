package org.wangge.cases;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wangge.cases.Cases.ACCEPT;
import static org.wangge.cases.Cases.CLOSE;
import static org.wangge.cases.Cases.DISPATCH;
import static org.wangge.cases.Cases.ESCALATE;
import static org.wangge.cases.Cases.HAND_OVER;
import static org.wangge.cases.Cases.RATE;
import static org.wangge.cases.Cases.REJECT;
import static org.wangge.cases.Cases.REPORT;
import static org.wangge.cases.Cases.RESOLVE;
import static org.wangge.cases.Cases.REWORK;
import static org.wangge.cases.Cases.TAKE;
import static org.wangge.cases.Cases.VERIFY;
import static org.wangge.cases.Cases.WITHDRAW;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.Keys;

/**
 * The case loop in a county of the class's own: its resident reports, the township's commander and
 * the village's chief lead, the worker of group1 and group2 handles and checks, its department
 * (departmentStaff) works what is dispatched to it.
 */
@QuarkusTest
class CaseLoopTest {

    static final Doc CASE = Doc.of("cases/CaseDetail");
    static final Doc CASES = Doc.of("cases/Cases");
    static final Doc MY_REPORTS = Doc.of("cases/MyReports");
    static final Doc MY_QUEUE = Doc.of("cases/MyQueue");
    static final Doc INBOX = Doc.of("cases/DepartmentInbox");
    static final Doc KINDS = Doc.of("cases/CaseKinds");
    static final Doc CREATE_DEPARTMENT = Doc.of("cases/CreateDepartment");
    static final Doc RETIRE_GRID = Doc.of("grid/RetireGrid");
    static final Doc CREATE_HOUSEHOLD = Doc.of("people/CreateHousehold");
    static final Doc REGISTER = Doc.of("people/RegisterPerson");

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    @Test
    void theWholeLoopFromAResidentsReportToARatedClosure() {
        JsonPath k = Cases.report(c.resident, c.group1, "LIVELIHOOD", "独居老人王大爷摔倒在家，需要帮助");
        String id = k.getString("id");
        assertEquals("REPORTED", k.getString("state"));

        k = Cases.step(c.commander, ACCEPT, id, k.getInt("version"), "priority", "URGENT");
        assertEquals("ACCEPTED", k.getString("state"));
        assertEquals(c.commander.subject(), k.getString("ownerSubject"));
        k = Cases.step(c.commander, DISPATCH, id, k.getInt("version"), "toDepartmentId", c.department);
        assertEquals(c.departmentCode, k.getString("handlerDepartment.code"));
        c.departmentStaff.then(INBOX).body("departmentInbox.edges.node.id", hasItem(id));
        c.departmentStaff.then(MY_QUEUE).body("myQueue.edges.node.id", hasItem(id));
        k = Cases.step(c.departmentStaff, TAKE, id, k.getInt("version"));
        assertEquals("IN_PROGRESS", k.getString("state"));
        k = Cases.step(c.departmentStaff, RESOLVE, id, k.getInt("version"), "result", "民警上门，送医检查无大碍，已联系其子女");
        assertEquals("RESOLVED", k.getString("state"));
        k = Cases.step(c.worker, VERIFY, id, k.getInt("version"), "note", "入户核实，老人状态良好");
        assertEquals("VERIFIED", k.getString("state"));
        k = Cases.step(c.commander, CLOSE, id, k.getInt("version"));
        assertEquals("CLOSED", k.getString("state"));
        k = Cases.step(c.resident, RATE, id, k.getInt("version"), "rating", 5, "comment", "处理及时");
        assertEquals(5, k.getInt("rating"));

        assertEquals(List.of("REPORT", "ACCEPT", "DISPATCH", "TAKE", "RESOLVE", "VERIFY", "CLOSE", "RATE"), k.getList("timeline.action"));
        assertEquals(List.of(c.resident.subject(), c.commander.subject(), c.commander.subject(), c.departmentStaff.subject(),
                c.departmentStaff.subject(), c.worker.subject(), c.commander.subject(), c.resident.subject()), k.getList("timeline.actorSubject"));
        assertEquals("INVALID_TRANSITION", Cases.stepError(c.resident, RATE, id, k.getInt("version"), "rating", 1));
        c.resident.then(MY_REPORTS).body("myReports.edges.node.id", hasItem(id));
        // a department sees what was dispatched to it, and nothing else; a case out of reach looks absent
        String health = As.admin().field(CREATE_DEPARTMENT, "code", c.county.code() + "-health", "name", "卫健委", "kind", "HEALTH").getString("id");
        assertEquals("NOT_FOUND", As.department(health).errorCode(CASE, "id", id));
        assertEquals("NOT_FOUND", c.otherChief.errorCode(CASE, "id", id));
        assertEquals("NOT_FOUND", As.resident(c.household).errorCode(CASE, "id", id));
    }

    @Test
    void escalationGoesUpTierByTier() {
        JsonPath k = Cases.report(c.worker, c.group1, "DISPUTE", "两户因宅基地边界发生争执");
        String id = k.getString("id");
        k = Cases.step(c.chief, ACCEPT, id, k.getInt("version"), "riskColour", "YELLOW");
        k = Cases.step(c.chief, DISPATCH, id, k.getInt("version"), "toSubject", c.worker.subject());
        k = Cases.step(c.worker, TAKE, id, k.getInt("version"));
        // the worker cannot settle it: up to the village
        k = Cases.step(c.worker, ESCALATE, id, k.getInt("version"), "reason", "涉及土地确权，需村委调解");
        assertEquals("ACCEPTED", k.getString("state"));
        assertEquals(c.village.code(), k.getString("tierGrid.code"));
        assertNull(k.get("handlerSubject"));
        // the village chief escalates to the township; there the chief may no longer dispatch
        k = Cases.step(c.chief, ESCALATE, id, k.getInt("version"), "reason", "调解未果，报镇综治中心");
        assertEquals(c.township.code(), k.getString("tierGrid.code"));
        assertEquals(2, k.getInt("escalationCount"));
        assertEquals("FORBIDDEN", Cases.stepError(c.chief, DISPATCH, id, k.getInt("version"), "toSubject", c.worker.subject()));
        k = Cases.step(c.commander, DISPATCH, id, k.getInt("version"), "toSubject", c.police.subject());
        assertEquals(c.police.subject(), k.getString("handlerSubject"));
        // dispatch stays inside the tier: staff of another township is refused
        JsonPath other = Cases.report(c.worker, c.group1, "DISPUTE", "另一起");
        other = Cases.step(c.commander, ACCEPT, other.getString("id"), other.getInt("version"));
        assertEquals("VALIDATION", Cases.stepError(c.commander, DISPATCH, other.getString("id"), other.getInt("version"),
                "toSubject", c.otherWorker.subject()));
        assertEquals(List.of("REPORT", "ACCEPT", "DISPATCH", "TAKE", "ESCALATE", "ESCALATE", "DISPATCH"), k.getList("timeline.action"));
    }

    @Test
    void aFailedCheckSendsItBackForRework() {
        JsonPath k = Cases.report(c.worker, c.group2, "SAFETY_HAZARD", "楼道堆放杂物堵塞消防通道");
        String id = k.getString("id");
        k = Cases.step(c.chief, ACCEPT, id, k.getInt("version"));
        k = Cases.step(c.chief, DISPATCH, id, k.getInt("version"), "toSubject", c.worker.subject());
        k = Cases.step(c.worker, TAKE, id, k.getInt("version"));
        k = Cases.step(c.worker, RESOLVE, id, k.getInt("version"), "result", "已清理");
        // the handler may not check their own work
        assertEquals("FORBIDDEN", Cases.stepError(c.worker, VERIFY, id, k.getInt("version")));
        assertEquals("VALIDATION", Cases.stepError(c.chief, REWORK, id, k.getInt("version"), "reason", " "));
        k = Cases.step(c.chief, REWORK, id, k.getInt("version"), "reason", "现场仍有杂物");
        assertEquals("IN_PROGRESS", k.getString("state"));
        assertEquals(1, k.getInt("reworkCount"));
        k = Cases.step(c.worker, RESOLVE, id, k.getInt("version"), "result", "已彻底清理并张贴提示");
        k = Cases.step(c.chief, VERIFY, id, k.getInt("version"));
        k = Cases.step(c.chief, CLOSE, id, k.getInt("version"));
        assertEquals(List.of("REPORT", "ACCEPT", "DISPATCH", "TAKE", "RESOLVE", "REWORK", "RESOLVE", "VERIFY", "CLOSE"), k.getList("timeline.action"));
        assertEquals(List.of("IN_PROGRESS"), List.of(k.getList("timeline.toState").get(5)));
    }

    @Test
    void reportersWithdrawAndLeadsRejectDuplicatesAndHandOver() {
        JsonPath first = Cases.report(c.resident, c.group3, "ENVIRONMENT", "河边垃圾成堆");
        JsonPath second = Cases.report(c.worker, c.group3, "ENVIRONMENT", "河道垃圾");
        // the second report shows the first as a possible duplicate
        List<String> similar = c.chief.ok(CASE, "id", second.getString("id")).getList("case.similarOpenCases.id");
        assertTrue(similar.contains(first.getString("id")), similar.toString());
        JsonPath rejected = Cases.step(c.chief, REJECT, second.getString("id"), second.getInt("version"),
                "reason", "重复上报", "duplicateOf", first.getString("id"));
        assertEquals("REJECTED", rejected.getString("state"));
        assertEquals(first.getString("id"), c.chief.ok(CASE, "id", second.getString("id")).getString("case.duplicateOf.id"));
        assertEquals("VALIDATION", Cases.stepError(c.chief, REJECT, first.getString("id"), first.getInt("version"), "reason", ""));

        assertEquals("FORBIDDEN", Cases.stepError(c.chief, WITHDRAW, first.getString("id"), first.getInt("version")));
        JsonPath accepted = Cases.step(c.chief, ACCEPT, first.getString("id"), first.getInt("version"));
        assertEquals(c.chief.subject(), accepted.getString("ownerSubject"));
        assertEquals("INVALID_TRANSITION", Cases.stepError(c.resident, WITHDRAW, first.getString("id"), accepted.getInt("version")));
        JsonPath handed = Cases.step(c.chief, HAND_OVER, first.getString("id"), accepted.getInt("version"), "toSubject", c.police.subject());
        assertEquals(c.police.subject(), handed.getString("ownerSubject"));
        assertEquals("ACCEPTED", handed.getString("state"));
        assertEquals("VALIDATION", Cases.stepError(c.chief, HAND_OVER, first.getString("id"), handed.getInt("version"),
                "toSubject", c.otherChief.subject()));

        JsonPath third = Cases.report(c.resident, c.group3, "LIVELIHOOD", "路灯不亮");
        JsonPath withdrawn = Cases.step(c.resident, WITHDRAW, third.getString("id"), third.getInt("version"), "note", "已自行修好");
        assertEquals("WITHDRAWN", withdrawn.getString("state"));
    }

    @Test
    void illegalTransitionsAreRefusedWithTheCurrentStateAndChangeNothing() {
        Map<String, JsonPath> byState = new LinkedHashMap<>();
        // one fresh case per state, so that each sample keeps its state
        byState.put("REPORTED", advance(0));
        byState.put("ACCEPTED", advance(1));
        byState.put("DISPATCHED", advance(2));
        byState.put("IN_PROGRESS", advance(3));
        byState.put("RESOLVED", advance(4));
        byState.put("VERIFIED", advance(5));
        byState.put("CLOSED", advance(6));
        JsonPath rejected = Cases.report(c.worker, c.group2, "LIVELIHOOD", "将被驳回");
        byState.put("REJECTED", Cases.step(c.chief, REJECT, rejected.getString("id"), rejected.getInt("version"), "reason", "无效"));
        JsonPath withdrawn = Cases.report(c.worker, c.group2, "LIVELIHOOD", "将被撤回");
        byState.put("WITHDRAWN", Cases.step(c.worker, WITHDRAW, withdrawn.getString("id"), withdrawn.getInt("version")));

        // each step, the states it starts from, and the variables it needs besides the case
        record Step(Doc doc, String from, Object... vars) {
        }
        List<Step> steps = List.of(
                new Step(WITHDRAW, "REPORTED"),
                new Step(ACCEPT, "REPORTED"),
                new Step(REJECT, "REPORTED", "reason", "x"),
                new Step(DISPATCH, "ACCEPTED", "toSubject", c.worker.subject()),
                new Step(TAKE, "DISPATCHED"),
                new Step(RESOLVE, "IN_PROGRESS", "result", "x"),
                new Step(VERIFY, "RESOLVED"),
                new Step(REWORK, "RESOLVED", "reason", "x"),
                new Step(CLOSE, "VERIFIED"),
                new Step(ESCALATE, "ACCEPTED DISPATCHED IN_PROGRESS", "reason", "x"),
                new Step(HAND_OVER, "REPORTED ACCEPTED DISPATCHED IN_PROGRESS RESOLVED VERIFIED", "toSubject", c.worker.subject()),
                new Step(RATE, "CLOSED", "rating", 3));
        int tried = 0;
        for (var sample : byState.entrySet()) {
            String state = sample.getKey();
            String id = sample.getValue().getString("id");
            int version = sample.getValue().getInt("version");
            for (Step step : steps) {
                if (List.of(step.from().split(" ")).contains(state)) {
                    continue;
                }
                JsonPath error = As.admin().error(step.doc(), Cases.withCase(id, version, step.vars()));
                assertEquals("INVALID_TRANSITION", error.getString("extensions.code"), step.doc() + " from " + state + ": " + error.prettify());
                assertEquals(state, error.getString("extensions.state"));
                tried++;
            }
            JsonPath after = Cases.detail(id);
            assertEquals(state, after.getString("state"));
            assertEquals(version, after.getInt("version"), "nothing changed on " + state);
        }
        assertTrue(tried >= 70, "tried " + tried);
        // a stale version is a conflict, whatever the step
        JsonPath reported = byState.get("REPORTED");
        assertEquals("CONFLICT", Cases.stepError(c.chief, ACCEPT, reported.getString("id"), reported.getInt("version") + 7));
        // and the right step by the wrong person who sees the case is forbidden, naming the state
        JsonPath forbidden = c.worker.error(ACCEPT, "id", reported.getString("id"), "version", reported.getInt("version"));
        assertEquals("FORBIDDEN", forbidden.getString("extensions.code"));
        assertEquals("REPORTED", forbidden.getString("extensions.state"));
        // a case out of reach is not found, as a missing one: its state is not told either
        assertEquals("NOT_FOUND", Cases.stepError(c.otherChief, ACCEPT, reported.getString("id"), reported.getInt("version")));
        assertEquals("NOT_FOUND", Cases.stepError(c.otherChief, ACCEPT, Keys.id("CaseFile", 987654321), 0));
    }

    @Test
    void twoHandlersAcceptingAtOnceOneWinsTheOtherGetsConflict() throws Exception {
        for (int round = 0; round < 3; round++) {
            JsonPath k = Cases.report(c.worker, c.group1, "SAFETY_HAZARD", "并发立案 " + round);
            String id = k.getString("id");
            int version = k.getInt("version");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Callable<Response>> calls = new ArrayList<>();
            for (Gql lead : List.of(c.chief, c.commander)) {
                calls.add(() -> lead.post(ACCEPT, "id", id, "version", version));
            }
            List<String> codes = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                codes.add(f.get().jsonPath().getString("errors[0].extensions.code"));
            }
            pool.shutdown();
            assertEquals(1, codes.stream().filter(java.util.Objects::isNull).count(), codes.toString());
            assertTrue(codes.contains("CONFLICT"), codes.toString());
            assertEquals(List.of("REPORT", "ACCEPT"), Cases.detail(id).getList("timeline.action"));
        }
    }

    @Test
    void listsFilterAndStayInScope() {
        JsonPath red = Cases.report(c.worker, c.group1, "DISPUTE", "红色风险纠纷");
        Cases.step(c.chief, ACCEPT, red.getString("id"), red.getInt("version"), "riskColour", "RED", "priority", "HIGH");
        c.chief.then(CASES, "filter", Map.of("riskColours", List.of("RED"), "kinds", List.of("DISPUTE")))
                .body("cases.edges.node.id", hasItem(red.getString("id")));
        String grid = c.village.id();
        assertTrue(c.chief.ok(CASES, "filter", Map.of("gridId", grid, "text", "红色")).getInt("cases.totalCount") >= 1);
        assertFalse(c.otherChief.ok(CASES, "first", 500).getList("cases.edges.node.id").contains(red.getString("id")));
        assertEquals("VALIDATION", c.commander.errorCode(REPORT, "input", Map.of("kind", "NO_SUCH_KIND", "title", "x", "gridId", grid)));
        assertEquals("VALIDATION", c.commander.errorCode(REPORT, "input", Map.of("kind", "LIVELIHOOD", "title", "x", "gridId", grid, "riskColour", "RED")));
        assertEquals("FORBIDDEN", c.departmentStaff.errorCode(REPORT, "input", Map.of("kind", "LIVELIHOOD", "title", "x", "gridId", grid)));
        // the shipped catalogue's six 大类 (an imported one may stand beside them)
        c.resident.then(KINDS).body("caseKinds.code", hasItems("DISPUTE", "SAFETY_HAZARD", "LIVELIHOOD", "PUBLIC_SECURITY", "ENVIRONMENT", "EMERGENCY"))
                .body("caseKinds.find { it.code == 'DISPUTE' }.items", hasSize(4));
    }

    @Test
    void aRefusedReportWritesNothingAndSaysWhy() {
        String grid = c.group2.id();
        String retired = Fixtures.grid(c.village.id(), c.code(c.village), "旧网格", "MICRO_GRID");
        As.admin().ok(RETIRE_GRID, "id", retired);
        Gql newcomer = Gql.as("report-refused-" + System.nanoTime(), "reporter");
        Map<String, Object> fine = Map.of("kind", "DISPUTE", "title", "x", "gridId", grid);
        long cases = TestDb.count(pool, "SELECT count(*) FROM case_file");
        long events = TestDb.count(pool, "SELECT count(*) FROM case_event");
        record Refusal(String code, String field, Map<String, Object> change) {
        }
        for (Refusal r : List.of(
                new Refusal("NOT_FOUND", "gridId", Map.of("gridId", Keys.id("Grid", 987654321))),
                new Refusal("VALIDATION", "gridId", Map.of("gridId", retired)),
                new Refusal("VALIDATION", "kind", Map.of("kind", "NO_SUCH_KIND")),
                new Refusal("VALIDATION", "item", Map.of("item", "HAZARD_FIRE")),
                new Refusal("VALIDATION", "riskColour", Map.of("kind", "LIVELIHOOD", "riskColour", "RED")),
                new Refusal("VALIDATION", "householdIds", Map.of("householdIds", List.of(Keys.id("Household", 987654321)))))) {
            Map<String, Object> input = new HashMap<>(fine);
            input.putAll(r.change());
            Gql who = r.field().equals("householdIds") ? c.worker : newcomer;
            JsonPath error = who.error(REPORT, "input", input);
            assertEquals(r.code(), error.getString("extensions.code"), error.prettify());
            assertEquals(r.field(), error.getString("extensions.field"), error.prettify());
        }
        assertEquals(cases, TestDb.count(pool, "SELECT count(*) FROM case_file"), "no case written");
        assertEquals(events, TestDb.count(pool, "SELECT count(*) FROM case_event"), "no event written");
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM account WHERE subject LIKE 'report-refused-%'"), "no account made");
        // and the same report, well formed, goes through with a numbered case, its account and its first event
        JsonPath k = newcomer.field(REPORT, "input", Map.of("kind", "DISPUTE", "title", "x", "gridId", grid, "item", "DISPUTE_NEIGHBOUR"));
        assertTrue(k.getString("number").matches("C\\d{8}-\\d{6,}"), k.getString("number"));
        assertEquals("GREEN", k.getString("riskColour"));
        assertEquals("SNAPSHOT", k.getString("source"));
        assertEquals(List.of("REPORT"), k.getList("timeline.action"));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM account WHERE subject LIKE 'report-refused-%'"));
    }

    /** A fresh case taken through the first n steps of the loop. */
    private JsonPath advance(int steps) {
        JsonPath k = Cases.report(c.worker, c.group2, "LIVELIHOOD", "样本 " + steps);
        String id = k.getString("id");
        Doc[] loop = {ACCEPT, DISPATCH, TAKE, RESOLVE, VERIFY, CLOSE};
        Object[][] vars = {{}, {"toSubject", c.worker.subject()}, {}, {"result", "好了"}, {}, {}};
        Gql[] who = {c.chief, c.chief, c.worker, c.worker, c.chief, c.chief};
        for (int i = 0; i < steps; i++) {
            k = Cases.step(who[i], loop[i], id, k.getInt("version"), vars[i]);
        }
        return k;
    }

    @Test
    void staffLinkResidentsAndHouseholdsAndPeriodsFilter() {
        String grid = c.group1.id();
        String household = c.chief.field(CREATE_HOUSEHOLD, "input", Map.of("gridId", grid, "address", "案件测试 " + System.nanoTime())).getString("id");
        String person = c.chief.field(REGISTER, "input", Map.of("householdId", household, "name", "当事人", "residenceType", "REGISTERED"))
                .getString("id");
        JsonPath k = c.worker.field(REPORT, "input", Map.of("kind", "DISPUTE", "title", "当事人纠纷", "gridId", grid, "personIds", List.of(person),
                "householdIds", List.of(household)));
        assertEquals(List.of("当事人"), k.getList("persons.name"));
        assertEquals("VALIDATION", c.worker.errorCode(REPORT, "input", Map.of("kind", "DISPUTE", "title", "x", "gridId", grid,
                "personIds", List.of(Keys.id("Person", 999999999)))));
        assertEquals("FORBIDDEN", c.resident.errorCode(REPORT, "input", Map.of("kind", "DISPUTE", "title", "x", "gridId", grid,
                "personIds", List.of(person))));
        String id = k.getString("id");
        String created = k.getString("createdAt");
        String justAfter = java.time.OffsetDateTime.parse(created).plusSeconds(1).toString();
        Map<String, Object> period = new HashMap<>(Map.of("from", created, "to", justAfter, "kinds", List.of("DISPUTE")));
        c.chief.then(CASES, "filter", period, "first", 500).body("cases.edges.node.id", hasItem(id));
        Map<String, Object> later = new HashMap<>(Map.of("from", justAfter, "kinds", List.of("DISPUTE")));
        later.put("to", null);
        assertFalse(c.chief.ok(CASES, "filter", later, "first", 500).getList("cases.edges.node.id").contains(id));
    }

    @Test
    void aNewcomersFirstReportsMayArriveTogether() throws Exception {
        Gql newcomer = As.resident();
        String grid = c.group1.id();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            calls.add(() -> newcomer.post(REPORT, "input", Map.of("kind", "ENVIRONMENT", "title", "同时上报 " + n, "gridId", grid)));
        }
        for (Future<Response> f : pool.invokeAll(calls)) {
            Response r = f.get();
            assertNull(r.jsonPath().get("errors"), r.asString());
        }
        pool.shutdown();
    }
}
