package org.wangge.cases;

import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;

/**
 * Shortcuts for the loop: the case documents (report, each step, the case page), and the demo
 * county's people as actors for the classes that still work on the demo seed.
 */
final class Cases {

    static final Doc REPORT = Doc.of("cases/ReportCase");
    static final Doc DETAIL = Doc.of("cases/CaseDetail");
    static final Doc WITHDRAW = Doc.of("cases/WithdrawCase");
    static final Doc ACCEPT = Doc.of("cases/AcceptCase");
    static final Doc REJECT = Doc.of("cases/RejectCase");
    static final Doc DISPATCH = Doc.of("cases/DispatchCase");
    static final Doc TAKE = Doc.of("cases/TakeCase");
    static final Doc RESOLVE = Doc.of("cases/ResolveCase");
    static final Doc VERIFY = Doc.of("cases/VerifyCase");
    static final Doc REWORK = Doc.of("cases/ReworkCase");
    static final Doc CLOSE = Doc.of("cases/CloseCase");
    static final Doc ESCALATE = Doc.of("cases/EscalateCase");
    static final Doc HAND_OVER = Doc.of("cases/HandOverCase");
    static final Doc RATE = Doc.of("cases/RateCase");

    static final Gql RESIDENT = Gql.as("resident-zhang", "resident");
    static final Gql COMMANDER = Gql.as("commander-chengguan", "commander");
    static final Gql CHIEF = Gql.as("chief-dongguan", "grid_chief");
    static final Gql WORKER = Gql.as("worker-dongguan", "grid_worker");
    static final Gql POLICE_DESK = Gql.as("dept-police", "department");
    static final Gql CHIEF_YUNYANG = Gql.as("chief-yunyang", "grid_chief");

    static final String FIELDS = "{ id state version ownerSubject handlerSubject reworkCount escalationCount rating tierGrid { code } "
            + "handlerDepartment { code } timeline { action fromState toState actorSubject note } }";

    private Cases() {
    }

    static String gridId(String code) {
        return Gql.admin().ok("query($c: String) { grid(code: $c) { id } }", "c", code).getString("grid.id");
    }

    static String departmentId(String code) {
        return Gql.admin().ok("{ departments { id code } }").getList("departments.findAll { it.code == '" + code + "' }.id").get(0).toString();
    }

    static JsonPath report(Gql as, String gridCode, String kind, String title) {
        Map<String, Object> input = new HashMap<>();
        input.put("kind", kind);
        input.put("title", title);
        input.put("gridId", gridId(gridCode));
        return as.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) " + FIELDS + " }", "i", input).setRootPath("data.reportCase");
    }

    /** Takes a step as someone and returns the case after it. */
    static JsonPath step(Gql as, String mutation, String id, int version, String args) {
        String query = "mutation($id: ID!, $v: Int!) { " + mutation + "(id: $id, version: $v" + (args.isEmpty() ? "" : ", " + args) + ") " + FIELDS + " }";
        return as.ok(query, "id", id, "v", version).setRootPath("data." + mutation);
    }

    static String stepError(Gql as, String mutation, String id, int version, String args) {
        String query = "mutation($id: ID!, $v: Int!) { " + mutation + "(id: $id, version: $v" + (args.isEmpty() ? "" : ", " + args) + ") { id } }";
        return as.errorCode(query, "id", id, "v", version);
    }

    /** Reports a case in a grid as someone; the case, rooted at reportCase. */
    static JsonPath report(Gql as, County.Grid grid, String kind, String title) {
        return as.field(REPORT, "input", Map.of("kind", kind, "title", title, "gridId", grid.id()));
    }

    /** Takes a step (a step's document) as someone, with the step's own variables; the case after it. */
    static JsonPath step(Gql as, Doc step, String id, int version, Object... vars) {
        return as.field(step, withCase(id, version, vars));
    }

    /** The error code of a step that must be refused. */
    static String stepError(Gql as, Doc step, String id, int version, Object... vars) {
        return as.errorCode(step, withCase(id, version, vars));
    }

    /** The case's page, as the admin reads it. */
    static JsonPath detail(String id) {
        return Gql.admin().field(DETAIL, "id", id);
    }

    static Object[] withCase(String id, int version, Object... vars) {
        Object[] all = new Object[vars.length + 4];
        all[0] = "id";
        all[1] = id;
        all[2] = "version";
        all[3] = version;
        System.arraycopy(vars, 0, all, 4, vars.length);
        return all;
    }

    static JsonPath get(String id) {
        return Gql.admin().ok("query($id: ID!) { case(id: $id) " + FIELDS + " }", "id", id).setRootPath("data.case");
    }
}
