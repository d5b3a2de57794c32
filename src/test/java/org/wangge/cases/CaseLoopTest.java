package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wangge.cases.Cases.CHIEF;
import static org.wangge.cases.Cases.CHIEF_YUNYANG;
import static org.wangge.cases.Cases.COMMANDER;
import static org.wangge.cases.Cases.POLICE_DESK;
import static org.wangge.cases.Cases.RESIDENT;
import static org.wangge.cases.Cases.WORKER;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;
import org.wangge.TestDb;

@QuarkusTest
class CaseLoopTest {

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void theWholeLoopFromAResidentsReportToARatedClosure() {
        JsonPath c = Cases.report(RESIDENT, "411321001001001", "LIVELIHOOD", "独居老人王大爷摔倒在家，需要帮助");
        String id = c.getString("id");
        assertEquals("REPORTED", c.getString("state"));
        String police = Cases.departmentId("police-chengguan");

        c = Cases.step(COMMANDER, "acceptCase", id, c.getInt("version"), "priority: URGENT");
        assertEquals("ACCEPTED", c.getString("state"));
        assertEquals("commander-chengguan", c.getString("ownerSubject"));
        c = Cases.step(COMMANDER, "dispatchCase", id, c.getInt("version"), "toDepartmentId: \"" + police + "\"");
        assertEquals("police-chengguan", c.getString("handlerDepartment.code"));
        assertTrue(POLICE_DESK.ok("{ departmentInbox { edges { node { id } } } }").getList("departmentInbox.edges.node.id").contains(id));
        assertTrue(POLICE_DESK.ok("{ myQueue { edges { node { id } } } }").getList("myQueue.edges.node.id").contains(id));
        c = Cases.step(POLICE_DESK, "takeCase", id, c.getInt("version"), "");
        assertEquals("IN_PROGRESS", c.getString("state"));
        c = Cases.step(POLICE_DESK, "resolveCase", id, c.getInt("version"), "result: \"民警上门，送医检查无大碍，已联系其子女\"");
        assertEquals("RESOLVED", c.getString("state"));
        c = Cases.step(WORKER, "verifyCase", id, c.getInt("version"), "note: \"入户核实，老人状态良好\"");
        assertEquals("VERIFIED", c.getString("state"));
        c = Cases.step(COMMANDER, "closeCase", id, c.getInt("version"), "");
        assertEquals("CLOSED", c.getString("state"));
        c = Cases.step(RESIDENT, "rateCase", id, c.getInt("version"), "rating: 5, comment: \"处理及时\"");
        assertEquals(5, c.getInt("rating"));

        assertEquals(List.of("REPORT", "ACCEPT", "DISPATCH", "TAKE", "RESOLVE", "VERIFY", "CLOSE", "RATE"), c.getList("timeline.action"));
        assertEquals(List.of("resident-zhang", "commander-chengguan", "commander-chengguan", "dept-police", "dept-police",
                "worker-dongguan", "commander-chengguan", "resident-zhang"), c.getList("timeline.actorSubject"));
        assertEquals("INVALID_TRANSITION", Cases.stepError(RESIDENT, "rateCase", id, c.getInt("version"), "rating: 1"));
        assertTrue(RESIDENT.ok("{ myReports { edges { node { id state } } } }").getList("myReports.edges.node.id").contains(id));
        // a department sees what was dispatched to it, and nothing else; a case out of reach looks absent
        Gql health = Gql.as("health-desk-" + System.nanoTime(), "department");
        assertEquals("NOT_FOUND", health.errorCode("query($id: ID!) { case(id: $id) { id } }", "id", id));
        assertEquals("NOT_FOUND", CHIEF_YUNYANG.errorCode("query($id: ID!) { case(id: $id) { id } }", "id", id));
        assertEquals("NOT_FOUND", Gql.as("resident-li", "resident").errorCode("query($id: ID!) { case(id: $id) { id } }", "id", id));
    }

    @Test
    void escalationGoesUpTierByTier() {
        JsonPath c = Cases.report(WORKER, "411321001001001", "DISPUTE", "两户因宅基地边界发生争执");
        String id = c.getString("id");
        c = Cases.step(CHIEF, "acceptCase", id, c.getInt("version"), "riskColour: YELLOW");
        c = Cases.step(CHIEF, "dispatchCase", id, c.getInt("version"), "toSubject: \"worker-dongguan\"");
        c = Cases.step(WORKER, "takeCase", id, c.getInt("version"), "");
        // the worker cannot settle it: up to the village (东关村)
        c = Cases.step(WORKER, "escalateCase", id, c.getInt("version"), "reason: \"涉及土地确权，需村委调解\"");
        assertEquals("ACCEPTED", c.getString("state"));
        assertEquals("411321001001", c.getString("tierGrid.code"));
        assertNull(c.get("handlerSubject"));
        // the village chief escalates to the township; there the chief may no longer dispatch
        c = Cases.step(CHIEF, "escalateCase", id, c.getInt("version"), "reason: \"调解未果，报镇综治中心\"");
        assertEquals("411321001", c.getString("tierGrid.code"));
        assertEquals(2, c.getInt("escalationCount"));
        assertEquals("FORBIDDEN", Cases.stepError(CHIEF, "dispatchCase", id, c.getInt("version"), "toSubject: \"worker-dongguan\""));
        c = Cases.step(COMMANDER, "dispatchCase", id, c.getInt("version"), "toSubject: \"police-chengguan\"");
        assertEquals("police-chengguan", c.getString("handlerSubject"));
        // dispatch stays inside the tier: staff of another township is refused
        JsonPath other = Cases.report(WORKER, "411321001001001", "DISPUTE", "另一起");
        other = Cases.step(COMMANDER, "acceptCase", other.getString("id"), other.getInt("version"), "");
        assertEquals("VALIDATION", Cases.stepError(COMMANDER, "dispatchCase", other.getString("id"), other.getInt("version"), "toSubject: \"worker-yunyang\""));
        assertEquals(List.of("REPORT", "ACCEPT", "DISPATCH", "TAKE", "ESCALATE", "ESCALATE", "DISPATCH"), c.getList("timeline.action"));
    }

    @Test
    void aFailedCheckSendsItBackForRework() {
        JsonPath c = Cases.report(WORKER, "411321001001002", "SAFETY_HAZARD", "楼道堆放杂物堵塞消防通道");
        String id = c.getString("id");
        c = Cases.step(CHIEF, "acceptCase", id, c.getInt("version"), "");
        c = Cases.step(CHIEF, "dispatchCase", id, c.getInt("version"), "toSubject: \"worker-dongguan\"");
        c = Cases.step(WORKER, "takeCase", id, c.getInt("version"), "");
        c = Cases.step(WORKER, "resolveCase", id, c.getInt("version"), "result: \"已清理\"");
        // the handler may not check their own work
        assertEquals("FORBIDDEN", Cases.stepError(WORKER, "verifyCase", id, c.getInt("version"), ""));
        assertEquals("VALIDATION", Cases.stepError(CHIEF, "reworkCase", id, c.getInt("version"), "reason: \" \""));
        c = Cases.step(CHIEF, "reworkCase", id, c.getInt("version"), "reason: \"现场仍有杂物\"");
        assertEquals("IN_PROGRESS", c.getString("state"));
        assertEquals(1, c.getInt("reworkCount"));
        c = Cases.step(WORKER, "resolveCase", id, c.getInt("version"), "result: \"已彻底清理并张贴提示\"");
        c = Cases.step(CHIEF, "verifyCase", id, c.getInt("version"), "");
        c = Cases.step(CHIEF, "closeCase", id, c.getInt("version"), "");
        assertEquals(List.of("REPORT", "ACCEPT", "DISPATCH", "TAKE", "RESOLVE", "REWORK", "RESOLVE", "VERIFY", "CLOSE"), c.getList("timeline.action"));
        assertEquals(List.of("IN_PROGRESS"), List.of(c.getList("timeline.toState").get(5)));
    }

    @Test
    void reportersWithdrawAndLeadsRejectDuplicatesAndHandOver() {
        JsonPath first = Cases.report(RESIDENT, "411321001001003", "ENVIRONMENT", "河边垃圾成堆");
        JsonPath second = Cases.report(WORKER, "411321001001003", "ENVIRONMENT", "河道垃圾");
        // the second report shows the first as a possible duplicate
        List<String> similar = CHIEF.ok("query($id: ID!) { case(id: $id) { similarOpenCases { id } } }", "id", second.getString("id"))
                .getList("case.similarOpenCases.id");
        assertTrue(similar.contains(first.getString("id")), similar.toString());
        JsonPath rejected = Cases.step(CHIEF, "rejectCase", second.getString("id"), second.getInt("version"),
                "reason: \"重复上报\", duplicateOf: \"" + first.getString("id") + "\"");
        assertEquals("REJECTED", rejected.getString("state"));
        assertEquals(first.getString("id"), CHIEF.ok("query($id: ID!) { case(id: $id) { duplicateOf { id } } }", "id", second.getString("id"))
                .getString("case.duplicateOf.id"));
        assertEquals("VALIDATION", Cases.stepError(CHIEF, "rejectCase", first.getString("id"), first.getInt("version"), "reason: \"\""));

        assertEquals("FORBIDDEN", Cases.stepError(CHIEF, "withdrawCase", first.getString("id"), first.getInt("version"), ""));
        JsonPath accepted = Cases.step(CHIEF, "acceptCase", first.getString("id"), first.getInt("version"), "");
        assertEquals("chief-dongguan", accepted.getString("ownerSubject"));
        assertEquals("INVALID_TRANSITION", Cases.stepError(RESIDENT, "withdrawCase", first.getString("id"), accepted.getInt("version"), ""));
        JsonPath handed = Cases.step(CHIEF, "handOverCase", first.getString("id"), accepted.getInt("version"), "toSubject: \"police-chengguan\"");
        assertEquals("police-chengguan", handed.getString("ownerSubject"));
        assertEquals("ACCEPTED", handed.getString("state"));
        assertEquals("VALIDATION", Cases.stepError(CHIEF, "handOverCase", first.getString("id"), handed.getInt("version"), "toSubject: \"chief-yunyang\""));

        JsonPath third = Cases.report(RESIDENT, "411321001001003", "LIVELIHOOD", "路灯不亮");
        JsonPath withdrawn = Cases.step(RESIDENT, "withdrawCase", third.getString("id"), third.getInt("version"), "note: \"已自行修好\"");
        assertEquals("WITHDRAWN", withdrawn.getString("state"));
    }

    @Test
    void illegalTransitionsAreRefusedWithTheCurrentStateAndChangeNothing() {
        Map<String, JsonPath> byState = new java.util.LinkedHashMap<>();
        // one fresh case per state, so that each sample keeps its state
        byState.put("REPORTED", advance(0));
        byState.put("ACCEPTED", advance(1));
        byState.put("DISPATCHED", advance(2));
        byState.put("IN_PROGRESS", advance(3));
        byState.put("RESOLVED", advance(4));
        byState.put("VERIFIED", advance(5));
        byState.put("CLOSED", advance(6));
        JsonPath rejected = Cases.report(WORKER, "411321001001002", "LIVELIHOOD", "将被驳回");
        byState.put("REJECTED", Cases.step(CHIEF, "rejectCase", rejected.getString("id"), rejected.getInt("version"), "reason: \"无效\""));
        JsonPath withdrawn = Cases.report(WORKER, "411321001001002", "LIVELIHOOD", "将被撤回");
        byState.put("WITHDRAWN", Cases.step(WORKER, "withdrawCase", withdrawn.getString("id"), withdrawn.getInt("version"), ""));

        Map<String, String> mutations = new java.util.LinkedHashMap<>();
        mutations.put("withdrawCase", "REPORTED");
        mutations.put("acceptCase", "REPORTED");
        mutations.put("rejectCase", "REPORTED");
        mutations.put("dispatchCase", "ACCEPTED");
        mutations.put("takeCase", "DISPATCHED");
        mutations.put("resolveCase", "IN_PROGRESS");
        mutations.put("verifyCase", "RESOLVED");
        mutations.put("reworkCase", "RESOLVED");
        mutations.put("closeCase", "VERIFIED");
        mutations.put("escalateCase", "ACCEPTED DISPATCHED IN_PROGRESS");
        mutations.put("handOverCase", "REPORTED ACCEPTED DISPATCHED IN_PROGRESS RESOLVED VERIFIED");
        mutations.put("rateCase", "CLOSED");
        Map<String, String> args = Map.of("rejectCase", "reason: \"x\"", "dispatchCase", "toSubject: \"worker-dongguan\"",
                "resolveCase", "result: \"x\"", "reworkCase", "reason: \"x\"", "escalateCase", "reason: \"x\"",
                "handOverCase", "toSubject: \"worker-dongguan\"", "rateCase", "rating: 3");
        int tried = 0;
        for (var sample : byState.entrySet()) {
            String state = sample.getKey();
            String id = sample.getValue().getString("id");
            int version = sample.getValue().getInt("version");
            for (var m : mutations.entrySet()) {
                if (List.of(m.getValue().split(" ")).contains(state)) {
                    continue;
                }
                Response r = Gql.admin().post("mutation($id: ID!, $v: Int!) { " + m.getKey() + "(id: $id, version: $v"
                        + (args.containsKey(m.getKey()) ? ", " + args.get(m.getKey()) : "") + ") { id } }", "id", id, "v", version);
                assertEquals("INVALID_TRANSITION", r.jsonPath().getString("errors[0].extensions.code"), m.getKey() + " from " + state + ": " + r.asString());
                assertEquals(state, r.jsonPath().getString("errors[0].extensions.state"));
                tried++;
            }
            JsonPath after = Cases.get(id);
            assertEquals(state, after.getString("state"));
            assertEquals(version, after.getInt("version"), "nothing changed on " + state);
        }
        assertTrue(tried >= 70, "tried " + tried);
        // a stale version is a conflict, whatever the step
        JsonPath reported = byState.get("REPORTED");
        assertEquals("CONFLICT", Cases.stepError(CHIEF, "acceptCase", reported.getString("id"), reported.getInt("version") + 7, ""));
        // and the right step by the wrong person who sees the case is forbidden, naming the state
        Response forbidden = WORKER.post("mutation($id: ID!, $v: Int!) { acceptCase(id: $id, version: $v) { id } }",
                "id", reported.getString("id"), "v", reported.getInt("version"));
        assertEquals("FORBIDDEN", forbidden.jsonPath().getString("errors[0].extensions.code"));
        assertEquals("REPORTED", forbidden.jsonPath().getString("errors[0].extensions.state"));
        // a case out of reach is not found, as a missing one: its state is not told either
        assertEquals("NOT_FOUND", Cases.stepError(CHIEF_YUNYANG, "acceptCase", reported.getString("id"), reported.getInt("version"), ""));
        assertEquals("NOT_FOUND", Cases.stepError(CHIEF_YUNYANG, "acceptCase", "987654321", 0, ""));
    }

    @Test
    void twoHandlersAcceptingAtOnceOneWinsTheOtherGetsConflict() throws Exception {
        for (int round = 0; round < 3; round++) {
            JsonPath c = Cases.report(WORKER, "411321001001001", "SAFETY_HAZARD", "并发立案 " + round);
            String id = c.getString("id");
            int version = c.getInt("version");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<Callable<Response>> calls = new ArrayList<>();
            for (Gql lead : List.of(CHIEF, COMMANDER)) {
                calls.add(() -> lead.post("mutation($id: ID!, $v: Int!) { acceptCase(id: $id, version: $v) { id } }", "id", id, "v", version));
            }
            List<String> codes = new ArrayList<>();
            for (Future<Response> f : pool.invokeAll(calls)) {
                codes.add(f.get().jsonPath().getString("errors[0].extensions.code"));
            }
            pool.shutdown();
            assertEquals(1, codes.stream().filter(java.util.Objects::isNull).count(), codes.toString());
            assertTrue(codes.contains("CONFLICT"), codes.toString());
            JsonPath after = Cases.get(id);
            assertEquals(List.of("REPORT", "ACCEPT"), after.getList("timeline.action"));
        }
    }

    @Test
    void listsFilterAndStayInScope() {
        JsonPath red = Cases.report(WORKER, "411321001001001", "DISPUTE", "红色风险纠纷");
        Cases.step(CHIEF, "acceptCase", red.getString("id"), red.getInt("version"), "riskColour: RED, priority: HIGH");
        List<String> reds = CHIEF.ok("{ cases(filter: {riskColours: [RED], kinds: [\"DISPUTE\"]}) { totalCount edges { node { id riskColour priority } } } }")
                .getList("cases.edges.node.id");
        assertTrue(reds.contains(red.getString("id")));
        String grid = Cases.gridId("411321001001");
        JsonPath scoped = CHIEF.ok("query($g: ID) { cases(filter: {gridId: $g, text: \"红色\"}) { totalCount } }", "g", grid);
        assertTrue(scoped.getInt("cases.totalCount") >= 1);
        assertFalse(CHIEF_YUNYANG.ok("{ cases(first: 500) { edges { node { id } } } }").getList("cases.edges.node.id").contains(red.getString("id")));
        assertEquals("VALIDATION", COMMANDER.errorCode("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                "i", Map.of("kind", "NO_SUCH_KIND", "title", "x", "gridId", grid)));
        assertEquals("VALIDATION", COMMANDER.errorCode("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                "i", Map.of("kind", "LIVELIHOOD", "title", "x", "gridId", grid, "riskColour", "RED")));
        assertEquals("FORBIDDEN", Cases.POLICE_DESK.errorCode("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                "i", Map.of("kind", "LIVELIHOOD", "title", "x", "gridId", grid)));
        List<Map<String, Object>> kinds = RESIDENT.ok("{ caseKinds { code items { code } } }").getList("caseKinds");
        assertEquals(6, kinds.size());
    }

    @Test
    void aRefusedReportWritesNothingAndSaysWhy() {
        String grid = Cases.gridId("411321001001002");
        String retired = org.wangge.Fixtures.grid(Cases.gridId("411321001001"), org.wangge.Fixtures.code("old"), "旧网格", "MICRO_GRID");
        Gql.admin().ok("mutation($id: ID!) { retireGrid(id: $id) { id } }", "id", retired);
        Gql newcomer = Gql.as("report-refused-" + System.nanoTime(), "reporter");
        String report = "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }";
        Map<String, Object> fine = Map.of("kind", "DISPUTE", "title", "x", "gridId", grid);
        long cases = TestDb.count(pool, "SELECT count(*) FROM case_file");
        long events = TestDb.count(pool, "SELECT count(*) FROM case_event");
        record Refusal(String code, String field, Map<String, Object> change) {
        }
        for (Refusal r : List.of(
                new Refusal("NOT_FOUND", "gridId", Map.of("gridId", "987654321")),
                new Refusal("VALIDATION", "gridId", Map.of("gridId", retired)),
                new Refusal("VALIDATION", "kind", Map.of("kind", "NO_SUCH_KIND")),
                new Refusal("VALIDATION", "item", Map.of("item", "HAZARD_FIRE")),
                new Refusal("VALIDATION", "riskColour", Map.of("kind", "LIVELIHOOD", "riskColour", "RED")),
                new Refusal("VALIDATION", "householdIds", Map.of("householdIds", List.of("987654321"))))) {
            Map<String, Object> input = new java.util.HashMap<>(fine);
            input.putAll(r.change());
            Gql who = r.field().equals("householdIds") ? WORKER : newcomer;
            Response answer = who.post(report, "i", input);
            assertEquals(r.code(), answer.jsonPath().getString("errors[0].extensions.code"), answer.asString());
            assertEquals(r.field(), answer.jsonPath().getString("errors[0].extensions.field"), answer.asString());
        }
        assertEquals(cases, TestDb.count(pool, "SELECT count(*) FROM case_file"), "no case written");
        assertEquals(events, TestDb.count(pool, "SELECT count(*) FROM case_event"), "no event written");
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM account WHERE subject LIKE 'report-refused-%'"), "no account made");
        // and the same report, well formed, goes through with a numbered case, its account and its first event
        JsonPath c = newcomer.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { number state riskColour source"
                + " timeline { action toState } } }", "i", Map.of("kind", "DISPUTE", "title", "x", "gridId", grid, "item", "DISPUTE_NEIGHBOUR"));
        assertTrue(c.getString("reportCase.number").matches("C\\d{8}-\\d{6,}"), c.getString("reportCase.number"));
        assertEquals("GREEN", c.getString("reportCase.riskColour"));
        assertEquals("SNAPSHOT", c.getString("reportCase.source"));
        assertEquals(List.of("REPORT"), c.getList("reportCase.timeline.action"));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM account WHERE subject LIKE 'report-refused-%'"));
    }

    /** A fresh case taken through the first n steps of the loop. */
    private static JsonPath advance(int steps) {
        JsonPath c = Cases.report(WORKER, "411321001001002", "LIVELIHOOD", "样本 " + steps);
        String id = c.getString("id");
        String[][] loop = {{"acceptCase", ""}, {"dispatchCase", "toSubject: \"worker-dongguan\""}, {"takeCase", ""},
                {"resolveCase", "result: \"好了\""}, {"verifyCase", ""}, {"closeCase", ""}};
        Gql[] who = {CHIEF, CHIEF, WORKER, WORKER, CHIEF, CHIEF};
        for (int i = 0; i < steps; i++) {
            c = Cases.step(who[i], loop[i][0], id, c.getInt("version"), loop[i][1]);
        }
        return c;
    }

    @Test
    void staffLinkResidentsAndHouseholdsAndPeriodsFilter() {
        String grid = Cases.gridId("411321001001001");
        String household = CHIEF.ok("mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }",
                "i", Map.of("gridId", grid, "address", "案件测试 " + System.nanoTime())).getString("createHousehold.id");
        String person = CHIEF.ok("mutation($i: PersonInput!) { registerPerson(input: $i) { id } }",
                "i", Map.of("householdId", household, "name", "当事人", "residenceType", "REGISTERED")).getString("registerPerson.id");
        JsonPath c = WORKER.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id createdAt persons { id name } } }",
                "i", Map.of("kind", "DISPUTE", "title", "当事人纠纷", "gridId", grid, "personIds", List.of(person), "householdIds", List.of(household)));
        assertEquals(List.of("当事人"), c.getList("reportCase.persons.name"));
        assertEquals("VALIDATION", WORKER.errorCode("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                "i", Map.of("kind", "DISPUTE", "title", "x", "gridId", grid, "personIds", List.of("999999999"))));
        assertEquals("FORBIDDEN", RESIDENT.errorCode("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                "i", Map.of("kind", "DISPUTE", "title", "x", "gridId", grid, "personIds", List.of(person))));
        String id = c.getString("reportCase.id");
        String created = c.getString("reportCase.createdAt");
        String periodQuery = "query($from: DateTime, $to: DateTime) { cases(filter: {from: $from, to: $to, kinds: [\"DISPUTE\"]}, first: 500) { edges { node { id } } } }";
        assertTrue(CHIEF.ok(periodQuery, "from", created, "to", java.time.OffsetDateTime.parse(created).plusSeconds(1).toString())
                .getList("cases.edges.node.id").contains(id));
        assertFalse(CHIEF.ok(periodQuery, "from", java.time.OffsetDateTime.parse(created).plusSeconds(1).toString(), "to", null)
                .getList("cases.edges.node.id").contains(id));
    }

    @Test
    void aNewcomersFirstReportsMayArriveTogether() throws Exception {
        Gql newcomer = Gql.as("newcomer-" + System.nanoTime(), "resident");
        String grid = Cases.gridId("411321001001001");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Response>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            calls.add(() -> newcomer.post("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                    "i", Map.of("kind", "ENVIRONMENT", "title", "同时上报 " + n, "gridId", grid)));
        }
        for (Future<Response> f : pool.invokeAll(calls)) {
            Response r = f.get();
            assertNull(r.jsonPath().get("errors"), r.asString());
        }
        pool.shutdown();
    }
}
