package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;
import org.wangge.Keys;
import org.wangge.TestDb;

/** Partners without sockets: case updates POSTed to their endpoints, signed, in order, retried, paused and resumed. */
@QuarkusTest
class WebhooksTest {

    static final String SECRET = "s3cret-s3cret-s3cret-s3cret-s3cret-42";
    static final String REGISTER = "mutation($i: WebhookInput!) { registerWebhook(input: $i) { id audience state lastDeliveredCursor } }";
    static final String DELIVERIES = "query($e: ID!) { webhookDeliveries(endpointId: $e) { cursor status attempts lastStatus lastError } }";
    static final String ENDPOINT = "query($d: ID) { webhookEndpoints(departmentId: $d) { id state lastError lastDeliveredCursor attempts } }";
    static final String RESUME = "mutation($id: ID!) { resumeWebhook(id: $id) { id state } }";
    static final Doc CREATE_DEPARTMENT = Doc.of("cases/CreateDepartment");
    static final Doc ADD_MEMBER = Doc.of("cases/AddDepartmentMember");

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    @Inject
    Pool pool;

    private Gql departmentAdmin(String department) {
        Gql who = Gql.as("dept-admin-" + System.nanoTime(), "department", "department_admin");
        Gql.admin().ok(ADD_MEMBER, "departmentId", department, "subject", who.subject(), "displayName", who.subject());
        return who;
    }

    private static String register(Gql as, String department, String url, String gridId) {
        Map<String, Object> input = new HashMap<>();
        input.put("url", url);
        input.put("secret", SECRET);
        input.put("departmentId", department);
        input.put("filter", Map.of("gridId", gridId));
        return as.ok(REGISTER, "i", input).getString("registerWebhook.id");
    }

    private String residentReport(County.Grid grid, String title) {
        return c.resident.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                Map.of("kind", "LIVELIHOOD", "title", title, "gridId", grid.id())).getString("reportCase.id");
    }

    /** The cursors of these cases' updates, oldest first. */
    private List<String> cursorsOf(List<String> caseIds) {
        List<String> cursors = new ArrayList<>();
        for (Row row : TestDb.rows(pool, "SELECT seq FROM case_event WHERE case_id = ANY($1) ORDER BY seq",
                (Object) caseIds.stream().map(Keys::of).toArray(Long[]::new))) {
            cursors.add(Long.toString(row.getLong(0)));
        }
        return cursors;
    }

    @Test
    void aDepartmentReceivesWhatItMayReadSignedAndInOrder() throws Exception {
        County.Grid grid = c.grid(c.village, "webhook-dept", "MICRO_GRID");
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, n -> 204)) {
            String endpoint = register(departmentAdmin(c.department), c.department, receiver.url(), grid.id());
            List<String> dispatched = new ArrayList<>();
            String notDispatched = null;
            for (int i = 0; i < 3; i++) {
                String id = Cases.report(c.chief, grid, "SAFETY_HAZARD", "推送 " + i).getString("id");
                JsonPath k = Cases.step(c.chief, Cases.ACCEPT, id, Cases.detail(id).getInt("version"));
                if (i == 1) {
                    notDispatched = id;
                    continue;
                }
                Cases.step(c.chief, Cases.DISPATCH, id, k.getInt("version"), "toDepartmentId", c.department);
                dispatched.add(id);
            }
            WebhookReceiver.await("both dispatches delivered", Duration.ofSeconds(20), () -> receiver.received().stream()
                    .filter(r -> r.body().getJsonObject("data").getString("action").equals("DISPATCH")).count() == 2);
            List<WebhookReceiver.Received> got = receiver.received();
            long last = 0;
            for (WebhookReceiver.Received r : got) {
                assertTrue(r.signed(), "signed: " + r);
                assertEquals(r.eventId(), r.body().getString("id"));
                assertEquals(r.eventId(), r.body().getJsonObject("data").getString("cursor"));
                assertTrue(Long.parseLong(r.eventId()) > last, "in cursor order, once each: " + got);
                last = Long.parseLong(r.eventId());
                String caseId = r.body().getJsonObject("data").getString("caseId");
                assertTrue(dispatched.contains(caseId), "only what the department may read: " + r);
                assertFalse(r.body().getJsonObject("data").containsKey("reporterSubject"));
            }
            String skipped = notDispatched;
            assertFalse(got.stream().anyMatch(r -> r.body().getJsonObject("data").getString("caseId").equals(skipped)));
            WebhookReceiver.await("deliveries recorded", Duration.ofSeconds(10), () ->
                    Gql.admin().ok(DELIVERIES, "e", endpoint).getList("webhookDeliveries").size() == got.size());
            JsonPath deliveries = Gql.admin().ok(DELIVERIES, "e", endpoint);
            assertEquals(Set.of("DELIVERED"), Set.copyOf(deliveries.getList("webhookDeliveries.status")));
            assertEquals(204, deliveries.getInt("webhookDeliveries[0].lastStatus"));
        }
    }

    @Test
    void theResidentsEndpointHearsOfResidentsReportsAndNamesTheReporter() throws Exception {
        County.Grid grid = c.grid(c.village, "webhook-residents", "MICRO_GRID");
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, n -> 200)) {
            assertEquals("RESIDENTS", Gql.admin().ok(REGISTER, "i", Map.of("url", receiver.url(), "secret", SECRET, "filter",
                    Map.of("gridId", grid.id()))).getString("registerWebhook.audience"));
            Cases.report(c.chief, grid, "SAFETY_HAZARD", "工作人员上报");
            String mine = residentReport(grid, "小程序上报");
            WebhookReceiver.await("the resident's report delivered", Duration.ofSeconds(20), () -> receiver.acknowledged().size() == 1);
            Thread.sleep(500);
            List<WebhookReceiver.Received> got = receiver.received();
            assertEquals(1, got.size(), "the staff report is not the residents': " + got);
            assertEquals(mine, got.get(0).body().getJsonObject("data").getString("caseId"));
            assertEquals(c.resident.subject(), got.get(0).body().getJsonObject("data").getString("reporterSubject"));
        }
    }

    @Test
    void aReceiverFailingItsFirstThreeAttemptsStillGetsEverythingOnce() throws Exception {
        County.Grid grid = c.grid(c.village, "webhook-retries", "MICRO_GRID");
        try (WebhookReceiver receiver = new WebhookReceiver(SECRET, n -> n <= 3 ? 503 : 200)) {
            String endpoint = register(Gql.admin(), null, receiver.url(), grid.id());
            List<String> cases = List.of(residentReport(grid, "重试 1"), residentReport(grid, "重试 2"), residentReport(grid, "重试 3"));
            List<String> cursors = cursorsOf(cases);
            WebhookReceiver.await("all acknowledged", Duration.ofSeconds(30), () -> receiver.acknowledged().size() >= cursors.size());
            Thread.sleep(500);
            assertEquals(cursors, receiver.acknowledged(), "each once, in order");
            assertEquals(3 + cursors.size(), receiver.requests());
            WebhookReceiver.await("deliveries recorded", Duration.ofSeconds(10), () ->
                    Gql.admin().ok(DELIVERIES, "e", endpoint).getList("webhookDeliveries").size() == cursors.size());
            JsonPath deliveries = Gql.admin().ok(DELIVERIES, "e", endpoint);
            String oldest = "webhookDeliveries[" + (cursors.size() - 1) + "].";
            assertEquals(cursors.get(0), deliveries.getString(oldest + "cursor"));
            assertEquals("DELIVERED", deliveries.getString(oldest + "status"));
            assertEquals(4, deliveries.getInt(oldest + "attempts"));
        }
    }

    @Test
    void aDeadEndpointDelaysNoOtherIsPausedAndResumesWhereItStopped() throws Exception {
        County.Grid grid = c.grid(c.village, "webhook-dead", "MICRO_GRID");
        try (WebhookReceiver dead = new WebhookReceiver(SECRET, n -> 0); WebhookReceiver alive = new WebhookReceiver(SECRET, n -> 200)) {
            String deadEndpoint = register(Gql.admin(), null, dead.url(), grid.id());
            register(Gql.admin(), null, alive.url(), grid.id());
            List<String> cursors = cursorsOf(List.of(residentReport(grid, "一"), residentReport(grid, "二"), residentReport(grid, "三")));
            WebhookReceiver.await("the live endpoint has everything", Duration.ofSeconds(20), () -> alive.acknowledged().size() == cursors.size());
            assertEquals(cursors, alive.acknowledged());
            assertEquals("ACTIVE", state(deadEndpoint), "the other endpoint got everything while this one was still trying its first update");

            WebhookReceiver.await("paused after failing for the give-up time", Duration.ofSeconds(30), () -> "PAUSED".equals(state(deadEndpoint)));
            JsonPath failed = Gql.admin().ok(DELIVERIES, "e", deadEndpoint).setRootPath("data.webhookDeliveries[0]");
            assertEquals(cursors.get(0), failed.getString("cursor"));
            assertEquals("FAILED", failed.getString("status"));
            assertTrue(failed.getInt("attempts") >= 1);
            assertTrue(failed.getString("lastError").contains("imeout") || failed.getString("lastError").contains("timed out"), failed.prettify());
            int tried = dead.requests();
            Thread.sleep(1_000);
            assertEquals(tried, dead.requests(), "a paused endpoint is not tried");

            dead.behave(n -> 200);
            assertEquals("ACTIVE", Gql.admin().ok(RESUME, "id", deadEndpoint).getString("resumeWebhook.state"));
            WebhookReceiver.await("the backlog replayed", Duration.ofSeconds(20), () -> dead.acknowledged().size() == cursors.size());
            assertEquals(cursors, dead.acknowledged(), "from the last acknowledged update, in order");
        }
    }

    private static String state(String endpoint) {
        List<Map<String, Object>> all = Gql.admin().ok(ENDPOINT, "d", null).getList("webhookEndpoints");
        return all.stream().filter(e -> e.get("id").equals(endpoint)).map(e -> (String) e.get("state")).findFirst().orElseThrow();
    }

    @Test
    void onlyADepartmentsAdminsKeepItsEndpoints() {
        String other = Gql.admin().field(CREATE_DEPARTMENT, "code", "wh-other-" + System.nanoTime(), "name", "卫健委", "kind", "HEALTH")
                .getString("id");
        Gql police = departmentAdmin(c.department);
        String url = "https://partner.example/hook";
        Map<String, Object> mine = Map.of("departmentId", c.department, "url", url, "secret", SECRET);
        Map<String, Object> theirs = Map.of("departmentId", other, "url", url, "secret", SECRET);
        String ours = police.ok(REGISTER, "i", mine).getString("registerWebhook.id");
        String notOurs = Gql.admin().ok(REGISTER, "i", theirs).getString("registerWebhook.id");

        assertEquals("FORBIDDEN", police.errorCode(REGISTER, "i", theirs));
        assertEquals("FORBIDDEN", police.errorCode(REGISTER, "i", Map.of("url", url, "secret", SECRET)), "the residents' endpoint is an admin's");
        assertEquals("FORBIDDEN", c.departmentStaff.errorCode(REGISTER, "i", mine), "a member who is not the department's admin");
        assertEquals("FORBIDDEN", c.resident.errorCode(REGISTER, "i", mine));
        assertEquals("FORBIDDEN", c.commander.errorCode(REGISTER, "i", mine));
        assertEquals("NOT_FOUND", police.errorCode(DELIVERIES, "e", notOurs));
        assertEquals("NOT_FOUND", police.errorCode(RESUME, "id", notOurs));
        List<String> kept = police.ok(ENDPOINT, "d", null).getList("webhookEndpoints.id");
        assertTrue(kept.contains(ours) && !kept.contains(notOurs), kept.toString());
        assertEquals("FORBIDDEN", police.errorCode(ENDPOINT, "d", other));

        JsonPath http = Gql.admin().post(REGISTER, "i", Map.of("departmentId", c.department, "url", "http://partner.example/hook", "secret", SECRET))
                .jsonPath();
        assertEquals("VALIDATION", http.getString("errors[0].extensions.code"));
        assertEquals("url", http.getString("errors[0].extensions.field"));
        JsonPath weak = Gql.admin().post(REGISTER, "i", Map.of("departmentId", c.department, "url", url, "secret", "short")).jsonPath();
        assertEquals("secret", weak.getString("errors[0].extensions.field"));
    }
}
