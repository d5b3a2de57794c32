package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;
import org.wangge.GqlSocket;
import org.wangge.security.DevTokenResource;

/** A live socket follows its caller's jurisdiction: losing a grid closes it (4403) within a minute. */
@QuarkusTest
class LiveJurisdictionTest {

    private static final String SUBSCRIBE = "subscription { caseEvents { action caseId gridCode } }";

    @Inject
    Vertx vertx;
    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void endingTheAssignmentClosesTheSocket() throws Exception {
        String subject = "live-worker-" + System.nanoTime();
        String grid = Cases.gridId("411321001001001");
        String assignment = Gql.admin().ok("mutation($i: AssignStaffInput!) { assignStaff(input: $i) { id } }", "i",
                Map.of("gridId", grid, "subject", subject, "displayName", subject, "role", "GRID_WORKER", "startDate", "2020-01-01"))
                .getString("assignStaff.id");
        try (GqlSocket socket = GqlSocket.open(vertx, port, DevTokenResource.sign(subject, subject, Set.of("grid_worker")))) {
            assertEquals("connection_ack", socket.init(Map.of()).getString("type"));
            socket.subscribe("1", SUBSCRIBE, Map.of());
            Thread.sleep(300);
            String first = Cases.report(Cases.CHIEF, "411321001001001", "LIVELIHOOD", "井盖松动").getString("id");
            JsonObject seen = socket.next(10);
            assertNotNull(seen, "the worker hears of a case in their grid");
            assertEquals(first, seen.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents").getString("caseId"));

            Gql.admin().ok("mutation($id: ID!) { endStaffAssignment(id: $id, endDate: \"2020-06-01\") { id } }", "id", assignment);
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
        String subject = "live-desk-" + System.nanoTime();
        List<String> departments = Gql.admin().ok("{ departments { id } }").getList("departments.id");
        String member = "mutation($d: ID!, $s: String!) { departmentMember(departmentId: $d, subject: $s, displayName: \"值班\") { id } }";
        Gql.admin().ok(member, "d", departments.get(0), "s", subject);
        try (GqlSocket socket = GqlSocket.open(vertx, port, DevTokenResource.sign(subject, subject, Set.of("department")))) {
            assertEquals("connection_ack", socket.init(Map.of()).getString("type"));
            socket.subscribe("1", SUBSCRIBE, Map.of());
            Thread.sleep(300);
            // moved to another department: what was dispatched to the first is no longer theirs
            Gql.admin().ok(member, "d", departments.get(1), "s", subject);
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
        String subject = "live-steady-" + System.nanoTime();
        String grid = Cases.gridId("411321001001002");
        Gql.admin().ok("mutation($i: AssignStaffInput!) { assignStaff(input: $i) { id } }", "i",
                Map.of("gridId", grid, "subject", subject, "displayName", subject, "role", "GRID_WORKER", "startDate", "2020-01-01"));
        try (GqlSocket socket = GqlSocket.open(vertx, port, DevTokenResource.sign(subject, subject, Set.of("grid_worker")))) {
            assertEquals("connection_ack", socket.init(Map.of()).getString("type"));
            socket.subscribe("1", SUBSCRIBE, Map.of());
            Thread.sleep(300);
            // someone else's assignment changes: this socket is untouched
            String other = "live-other-" + System.nanoTime();
            String otherAssignment = Gql.admin().ok("mutation($i: AssignStaffInput!) { assignStaff(input: $i) { id } }", "i",
                    Map.of("gridId", grid, "subject", other, "displayName", other, "role", "GRID_WORKER", "startDate", "2020-01-01"))
                    .getString("assignStaff.id");
            Gql.admin().ok("mutation($id: ID!) { endStaffAssignment(id: $id, endDate: \"2020-06-01\") { id } }", "id", otherAssignment);
            Thread.sleep(500);
            String id = Cases.report(Cases.CHIEF, "411321001001002", "LIVELIHOOD", "排水沟堵塞").getString("id");
            JsonObject seen = socket.next(10);
            while (seen != null && "ping".equals(seen.getString("type"))) {
                seen = socket.next(10);
            }
            assertNotNull(seen);
            assertEquals(id, seen.getJsonObject("payload").getJsonObject("data").getJsonObject("caseEvents").getString("caseId"));
        }
    }
}
