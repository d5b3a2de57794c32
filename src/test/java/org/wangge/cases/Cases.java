package org.wangge.cases;

import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;

/** Shortcuts for the loop: the case documents (report, each step, the case page). */
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

    private Cases() {
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

    /** The case's id and version as $id and $version, then the step's own variables. */
    static Object[] withCase(String id, int version, Object... vars) {
        Object[] all = new Object[vars.length + 4];
        all[0] = "id";
        all[1] = id;
        all[2] = "version";
        all[3] = version;
        System.arraycopy(vars, 0, all, 4, vars.length);
        return all;
    }
}
