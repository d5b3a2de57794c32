package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Gql;
import org.wangge.GqlSocket;

/** A live socket follows its caller's jurisdiction: losing a grid closes it (4403) within a minute. On a county of the class's own. */
@QuarkusTest
class LiveJurisdictionTest {

    static final Doc SUBSCRIBE = Doc.of("cases/CaseEvents");
    static final Doc ASSIGN = Doc.of("staff/AssignStaff");
    static final Doc END_ASSIGNMENT = Doc.of("staff/EndStaffAssignment");
    static final Doc CREATE_DEPARTMENT = Doc.of("cases/CreateDepartment");
    static final Doc ADD_MEMBER = Doc.of("cases/AddDepartmentMember");

    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    County c;

    @BeforeEach
    void county() {
        c = County.of(getClass());
    }

    /** A grid worker of a grid since 2020, so that the assignment may end on a day in the past. */
    private static String assignSince2020(Gql who, County.Grid grid) {
        return As.admin().field(ASSIGN, "input", Map.of("gridId", grid.id(), "subject", who.subject(), "displayName", who.subject(),
                "role", "GRID_WORKER", "startDate", "2020-01-01")).getString("id");
    }

    @Test
    void endingTheAssignmentClosesTheSocket() throws Exception {
        Gql worker = As.signedIn("grid_worker");
        String assignment = assignSince2020(worker, c.group1);
        try (GqlSocket socket = GqlSocket.open(vertx, port, worker.token())) {
            assertEquals("connection_ack", socket.init(Map.of()).getString("type"));
            socket.subscribe("1", SUBSCRIBE, Map.of());
            Thread.sleep(300);
            String first = Cases.report(c.chief, c.group1, "LIVELIHOOD", "井盖松动").getString("id");
            JsonObject seen = socket.next(10);
            assertNotNull(seen, "the worker hears of a case in their grid");
            assertEquals(first, seen.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents").getString("caseId"));

            As.admin().ok(END_ASSIGNMENT, "id", assignment, "endDate", "2020-06-01");
            JsonObject next = socket.next(65);
            while (next != null && "ping".equals(next.getString("type"))) {
                next = socket.next(65);
            }
            assertNotNull(next, "nothing within a minute");
            assertEquals("closed", next.getString("type"), "no update after the assignment ended: " + next.encode());
            assertEquals((short) 4403, socket.closeCode());
        }
    }

    @Test
    void leavingTheDepartmentClosesTheSocket() throws Exception {
        Gql desk = As.department(c.department);
        String health = As.admin().field(CREATE_DEPARTMENT, "code", c.county.code() + "-health", "name", "卫健委", "kind", "HEALTH").getString("id");
        try (GqlSocket socket = GqlSocket.open(vertx, port, desk.token())) {
            assertEquals("connection_ack", socket.init(Map.of()).getString("type"));
            socket.subscribe("1", SUBSCRIBE, Map.of());
            Thread.sleep(300);
            // moved to another department: what was dispatched to the first is no longer theirs
            As.admin().ok(ADD_MEMBER, "departmentId", health, "subject", desk.subject(), "displayName", "值班");
            JsonObject next = socket.next(65);
            while (next != null && "ping".equals(next.getString("type"))) {
                next = socket.next(65);
            }
            assertNotNull(next, "nothing within a minute");
            assertEquals("closed", next.getString("type"), next.encode());
            assertEquals((short) 4403, socket.closeCode());
        }
    }

    @Test
    void aSocketStaysOpenWhileItsJurisdictionHolds() throws Exception {
        Gql worker = As.signedIn("grid_worker");
        assignSince2020(worker, c.group2);
        try (GqlSocket socket = GqlSocket.open(vertx, port, worker.token())) {
            assertEquals("connection_ack", socket.init(Map.of()).getString("type"));
            socket.subscribe("1", SUBSCRIBE, Map.of());
            Thread.sleep(300);
            // someone else's assignment changes: this socket is untouched
            String otherAssignment = assignSince2020(As.signedIn("grid_worker"), c.group2);
            As.admin().ok(END_ASSIGNMENT, "id", otherAssignment, "endDate", "2020-06-01");
            Thread.sleep(500);
            String id = Cases.report(c.chief, c.group2, "LIVELIHOOD", "排水沟堵塞").getString("id");
            JsonObject seen = socket.next(10);
            while (seen != null && "ping".equals(seen.getString("type"))) {
                seen = socket.next(10);
            }
            assertNotNull(seen);
            assertEquals(id, seen.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents").getString("caseId"));
        }
    }
}
