package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.GqlSocket;
import org.wangge.TestDb;
import org.wangge.security.DevTokenResource;
import org.wangge.Keys;

/**
 * The live feeds. Who hears what: the roles of a county of the class's own; how the feed flows:
 * admins watching grids of their own at the top, so that nothing else lands in them.
 */
@QuarkusTest
class LiveCaseEventsTest {

    static final Doc SUBSCRIBE = Doc.of("cases/CaseFeed");
    static final Doc MY_UPDATES = Doc.of("cases/MyCaseUpdates");
    static final Doc REPORT = Doc.of("cases/ReportCase");

    @Inject
    Vertx vertx;
    @Inject
    Pool pool;
    @Inject
    io.micrometer.core.instrument.MeterRegistry meters;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    /** An admin's token under a subject of its own, one per socket. */
    private static String token(String subject, String role) {
        return DevTokenResource.sign(subject, subject, Set.of(role));
    }

    private static String report(Gql as, String gridId, String title) {
        return as.field(REPORT, "input", Map.of("kind", "SAFETY_HAZARD", "title", title, "gridId", gridId)).getString("id");
    }

    /** An admin's socket subscribed to every update in a grid, ready to receive. */
    private GqlSocket watching(String grid, String admin) throws Exception {
        GqlSocket socket = GqlSocket.open(vertx, port, token(admin, "admin"));
        socket.init(Map.of());
        Map<String, Object> vars = new HashMap<>();
        vars.put("filter", Map.of("gridId", grid));
        socket.subscribe("1", SUBSCRIBE, vars);
        Thread.sleep(300);
        return socket;
    }

    private static JsonObject payload(JsonObject message) {
        assertNotNull(message, "no message in time");
        assertEquals("next", message.getString("type"), message.encode());
        return message.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents") != null
                ? message.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents")
                : message.getJsonObject("payload").getJsonObject("data").getJsonObject("myCaseUpdates");
    }

    @Test
    void updatesArriveLiveFilteredAndOnlyWhenTheSubscriberMaySeeTheCase() throws Exception {
        try (GqlSocket chiefYunyang = GqlSocket.open(vertx, port, c.otherChief.token());
                GqlSocket commander = GqlSocket.open(vertx, port, c.commander.token())) {
            assertEquals("connection_ack", chiefYunyang.init(Map.of()).getString("type"));
            assertEquals("connection_ack", commander.init(Map.of()).getString("type"));
            chiefYunyang.subscribe("1", SUBSCRIBE, new HashMap<>());
            Map<String, Object> hazards = new HashMap<>();
            hazards.put("filter", Map.of("kinds", List.of("SAFETY_HAZARD")));
            commander.subscribe("1", SUBSCRIBE, hazards);
            Thread.sleep(300);

            String inDongguan = report(c.worker, c.group1.id(), "东关村隐患");
            String inYunyang = report(c.otherWorker, c.otherGroup1.id(), "云阳村隐患");
            JsonObject first = payload(chiefYunyang.next(10));
            assertEquals(inYunyang, first.getString("caseId"), "the chief of 云阳村 never hears of 东关村's case");
            assertEquals("REPORT", first.getString("action"));
            assertEquals(c.otherGroup1.code(), first.getString("gridCode"));
            JsonObject seen = payload(commander.next(10));
            assertEquals(inDongguan, seen.getString("caseId"), "the commander of 城关镇 sees 东关村's case and not 云阳村's");
            assertNull(commander.next(1));
        }
    }

    @Test
    void aPlainSelectionIsRenderedOnceForAllItsSubscribersAndMatchesAFullExecution() throws Exception {
        String grid = Fixtures.grid(null, "shared", "MICRO_GRID");
        String fields = "cursor action fromState toState actorSubject actorName note at caseId caseNumber kind title caseState "
                + "priority riskColour gridId gridCode __typename sameCase: caseId";
        String plain = "subscription($f: CaseEventFilter) { events: caseEvents(filter: $f) { " + fields + " } }";
        String withFragment = "subscription($f: CaseEventFilter) { events: caseEvents(filter: $f) { ... on CaseUpdate { " + fields + " } } }";
        Map<String, Object> vars = new HashMap<>();
        vars.put("f", Map.of("gridId", grid));
        double shared = deliveries("shared");
        double executed = deliveries("executed");
        try (GqlSocket a = GqlSocket.open(vertx, port, token("shared-admin-a", "admin"));
                GqlSocket b = GqlSocket.open(vertx, port, token("shared-admin-b", "admin"));
                GqlSocket f = GqlSocket.open(vertx, port, token("shared-admin-c", "admin"))) {
            for (GqlSocket s : List.of(a, b, f)) {
                s.init(Map.of());
            }
            a.subscribe("plain-1", plain, vars);
            b.subscribe("plain-2", plain, vars);
            f.subscribe("full", withFragment, vars);
            Thread.sleep(300);
            String id = report(c.chief, grid, "共享推送");
            JsonObject first = a.next(10);
            JsonObject second = b.next(10);
            JsonObject full = f.next(10);
            assertEquals("plain-1", first.getString("id"));
            assertEquals("plain-2", second.getString("id"));
            JsonObject data = full.getJsonObject("payload").getJsonObject("data").getJsonObject("events");
            assertEquals(id, data.getString("caseId"));
            assertEquals(data, first.getJsonObject("payload").getJsonObject("data").getJsonObject("events"));
            assertEquals(data, second.getJsonObject("payload").getJsonObject("data").getJsonObject("events"));
        }
        assertEquals(2, deliveries("shared") - shared, 0.001);
        assertEquals(1, deliveries("executed") - executed, 0.001);
    }

    private double deliveries(String path) {
        return meters.counter("wangge.live.deliveries", "path", path).count();
    }

    @Test
    void anUnreadableEventIsPassedOverAndUpdatesKeepFlowing() throws Exception {
        String grid = Fixtures.grid(null, "unreadable", "MICRO_GRID");
        try (GqlSocket socket = watching(grid, "unreadable-admin")) {
            String first = report(c.chief, grid, "之前");
            assertEquals(first, payload(socket.next(10)).getString("caseId"));
            // an event this version cannot read (an action it does not know) must not stop the feed
            TestDb.rows(pool, "INSERT INTO case_event (county_code, case_id, action, to_state, actor_subject) "
                    + "SELECT county_code, id, 'NO_SUCH_ACTION', 'REPORTED', 'test' FROM case_file WHERE id = $1",
                    Keys.of(first));
            String second = report(c.chief, grid, "之后");
            assertEquals(second, payload(socket.next(10)).getString("caseId"));
        }
    }

    @Test
    void aDepartmentHearsOfWhatIsDispatchedToIt() throws Exception {
        String police = c.department;
        try (GqlSocket desk = GqlSocket.open(vertx, port, c.departmentStaff.token())) {
            desk.init(Map.of());
            Map<String, Object> vars = new HashMap<>();
            vars.put("filter", Map.of("departmentId", police));
            desk.subscribe("1", SUBSCRIBE, vars);
            Thread.sleep(300);
            String id = report(c.worker, c.group2.id(), "需派出所处理");
            var k = Cases.detail(id);
            k = Cases.step(c.chief, Cases.ACCEPT, id, k.getInt("version"));
            Cases.step(c.chief, Cases.DISPATCH, id, k.getInt("version"), "toDepartmentId", police);
            JsonObject update = payload(desk.next(10));
            assertEquals("DISPATCH", update.getString("action"));
            assertEquals(id, update.getString("caseId"));
        }
    }

    @Test
    void resumingWithACursorLosesNothingAndRepeatsNothingWhileUpdatesKeepFlowing() throws Exception {
        // a grid of its own, so that nothing else lands in it (and the demo tree stays as it is)
        String grid = Fixtures.grid(null, "live", "MICRO_GRID");
        Map<String, Object> vars = new HashMap<>();
        vars.put("filter", Map.of("gridId", grid));
        String admin = token("live-admin", "admin");
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> reported = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 60 && writing.get(); i++) {
                reported.add(report(c.chief, grid, "持续上报 " + i));
            }
            writing.set(false);
        });

        List<Long> received = new ArrayList<>();
        String cursor;
        try (GqlSocket socket = GqlSocket.open(vertx, port, admin)) {
            socket.init(Map.of());
            socket.subscribe("1", SUBSCRIBE, vars);
            Thread.sleep(300);
            writer.start();
            while (received.size() < 10) {
                received.add(Long.parseLong(payload(socket.next(10)).getString("cursor")));
            }
            cursor = received.get(received.size() - 1).toString();
        }
        // disconnected while the writer goes on; come back after a while with the cursor
        Thread.sleep(500);
        vars.put("after", cursor);
        try (GqlSocket socket = GqlSocket.open(vertx, port, admin)) {
            socket.init(Map.of());
            socket.subscribe("2", SUBSCRIBE, vars);
            writer.join(60_000);
            Thread.sleep(200);
            long expected = TestDb.count(pool, "SELECT count(*) FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.grid_id = $1",
                    Keys.of(grid));
            while (received.size() < expected) {
                JsonObject next = socket.next(10);
                assertNotNull(next, "received " + received.size() + " of " + expected);
                received.add(Long.parseLong(payload(next).getString("cursor")));
            }
            assertNull(socket.next(1), "nothing more than expected");
        }
        List<Long> inTable = new ArrayList<>();
        TestDb.rows(pool, "SELECT e.seq FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE c.grid_id = $1 ORDER BY e.seq",
                Keys.of(grid)).forEach(r -> inTable.add(r.getLong(0)));
        assertEquals(60, reported.size());
        assertEquals(inTable, received, "every event once, in order");
    }

    @Test
    void residentsFollowTheirOwnReports() throws Exception {
        String grid = c.group3.id();
        try (GqlSocket mine = GqlSocket.open(vertx, port, c.resident.token())) {
            mine.init(Map.of());
            mine.subscribe("1", MY_UPDATES, Map.of());
            Thread.sleep(300);
            report(c.worker, grid, "别人的上报");
            String own = report(c.resident, grid, "我的上报");
            var k = Cases.detail(own);
            Cases.step(c.chief, Cases.ACCEPT, own, k.getInt("version"));
            JsonObject first = payload(mine.next(10));
            assertEquals(own, first.getString("caseId"));
            assertEquals("REPORT", first.getString("action"));
            assertEquals("ACCEPT", payload(mine.next(10)).getString("action"));
        }
    }

    @Test
    void whenTheNotificationConnectionDiesTheHubReconnectsAndCatchesUp() throws Exception {
        String grid = Fixtures.grid(null, "relisten", "MICRO_GRID");
        try (GqlSocket socket = watching(grid, "relisten-admin")) {
            long killed = TestDb.count(pool, "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'");
            assertTrue(killed >= 1, "a LISTEN connection was there to lose");
            // written while nobody listens: delivered by the catch-up read, not lost
            String id = report(c.chief, grid, "断线期间的上报");
            assertEquals(id, payload(socket.next(15)).getString("caseId"));
            long listening = 0;
            for (int i = 0; i < 50 && listening == 0; i++) {
                Thread.sleep(200);
                listening = TestDb.count(pool, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'LISTEN%'");
            }
            assertTrue(listening >= 1, "listening again");
            String after = report(c.chief, grid, "重连之后的上报");
            assertEquals(after, payload(socket.next(15)).getString("caseId"));
        }
    }
}
