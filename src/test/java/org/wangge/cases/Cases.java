package org.wangge.cases;

import io.restassured.path.json.JsonPath;
import java.util.HashMap;
import java.util.Map;
import org.wangge.Gql;

/** The demo county's people as case actors, and shortcuts for the loop. */
final class Cases {

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

    static JsonPath get(String id) {
        return Gql.admin().ok("query($id: ID!) { case(id: $id) " + FIELDS + " }", "id", id).setRootPath("data.case");
    }
}
