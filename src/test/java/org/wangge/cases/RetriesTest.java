package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.wangge.County;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.Keys;

/** Retries on a bad connection file a case or record a visit once (idempotency keys). */
@QuarkusTest
class RetriesTest {

    private static final String REPORT = "mutation($i: ReportCaseInput!, $k: String) { reportCase(input: $i, idempotencyKey: $k) { id number title } }";
    private static final String VISIT = "mutation($i: VisitInput!, $k: String) { recordVisit(input: $i, idempotencyKey: $k) { id } }";

    @Inject
    Pool pool;

    @Test
    void theSameReportSentTenTimesAtOnceFilesOneCase() throws Exception {
        County c = County.of(RetriesTest.class);
        String title = "重试 " + System.nanoTime();
        Map<String, Object> input = Map.of("kind", "LIVELIHOOD", "title", title, "gridId", c.group1.id());
        ExecutorService pool10 = Executors.newFixedThreadPool(10);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Callable<String> send = () -> {
                    start.await();
                    return c.chief.ok(REPORT, "i", input, "k", "k-" + title).getString("reportCase.id");
                };
                answers.add(pool10.submit(send));
            }
            start.countDown();
            Set<String> ids = new HashSet<>();
            for (Future<String> answer : answers) {
                ids.add(answer.get());
            }
            assertEquals(1, ids.size(), "every retry answers the same case");
            assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM case_file WHERE title = $1", title));
            assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM case_event e JOIN case_file f ON f.id = e.case_id WHERE f.title = $1", title));
        } finally {
            pool10.shutdownNow();
        }
        // the same key with another report: refused, nothing filed
        assertEquals("VALIDATION", c.chief.errorCode(REPORT, "i", Map.of("kind", "LIVELIHOOD", "title", title + " 改", "gridId", c.group1.id()),
                "k", "k-" + title));
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM case_file WHERE title = $1", title + " 改"));
        // keys are per caller; without a key every report is filed
        String other = c.worker.ok(REPORT, "i", input, "k", "k-" + title).getString("reportCase.id");
        assertEquals(2, TestDb.count(pool, "SELECT count(*) FROM case_file WHERE title = $1", title));
        Map<String, Object> unkeyed = Map.of("kind", "LIVELIHOOD", "title", title + " 无键", "gridId", c.group1.id());
        assertNotEquals(c.chief.ok(REPORT, "i", unkeyed).getString("reportCase.id"), c.chief.ok(REPORT, "i", unkeyed).getString("reportCase.id"));
        assertNotEquals(null, other);
    }

    @Test
    void aRetriedVisitIsRecordedOnce() {
        County c = County.of(RetriesTest.class);
        String notes = "回访 " + System.nanoTime();
        Map<String, Object> input = Map.of("householdId", c.household, "notes", notes);
        String first = c.chief.ok(VISIT, "i", input, "k", "v-" + notes).getString("recordVisit.id");
        assertEquals(first, c.chief.ok(VISIT, "i", input, "k", "v-" + notes).getString("recordVisit.id"));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM visit WHERE notes = $1", notes));
        assertEquals("VALIDATION", c.chief.errorCode(VISIT, "i", Map.of("householdId", c.household, "notes", notes + " 改"), "k", "v-" + notes));
        // a refused request does not use the key up
        String refused = "r-" + notes;
        assertEquals("NOT_FOUND", c.chief.errorCode(VISIT, "i", Map.of("householdId", Keys.id("Household", 999999999), "notes", notes), "k", refused));
        assertNotEquals(null, c.chief.ok(VISIT, "i", Map.of("householdId", c.household, "notes", notes + " 再"), "k", refused)
                .getString("recordVisit.id"));
        // the key's row holds a keyed hash of the input, nothing of it in the clear
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM idempotency_key WHERE fingerprint LIKE '%' || $1 || '%'", notes));
    }

    /** The other mutations that create something: a retry answers what the first made, and makes nothing more. */
    @Test
    void retriedRegistrationsAndProposalsMakeOneThing() {
        County c = County.of(RetriesTest.class);
        String stamp = Long.toString(System.nanoTime());
        String household = "mutation($i: HouseholdInput!, $k: String) { createHousehold(input: $i, idempotencyKey: $k) { id } }";
        Map<String, Object> h = Map.of("gridId", c.group1.id(), "address", "重试路 " + stamp);
        String hid = c.chief.ok(household, "i", h, "k", "h-" + stamp).getString("createHousehold.id");
        assertEquals(hid, c.chief.ok(household, "i", h, "k", "h-" + stamp).getString("createHousehold.id"));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM household WHERE address = $1", "重试路 " + stamp));

        String person = "mutation($i: PersonInput!, $k: String) { registerPerson(input: $i, idempotencyKey: $k) { id } }";
        Map<String, Object> p = Map.of("householdId", hid, "name", "重试" + stamp, "residenceType", "REGISTERED");
        String pid = c.chief.ok(person, "i", p, "k", "p-" + stamp).getString("registerPerson.id");
        assertEquals(pid, c.chief.ok(person, "i", p, "k", "p-" + stamp).getString("registerPerson.id"));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM person WHERE household_id = $1", Keys.of(hid)));

        String care = "mutation($i: CareCaseInput!, $k: String) { addCareCase(input: $i, idempotencyKey: $k) { id } }";
        Map<String, Object> cc = Map.of("personId", pid, "category", "EMPTY_NEST_ELDERLY", "level", "MEDIUM");
        String cid = c.chief.ok(care, "i", cc, "k", "c-" + stamp).getString("addCareCase.id");
        assertEquals(cid, c.chief.ok(care, "i", cc, "k", "c-" + stamp).getString("addCareCase.id"));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM person_care WHERE person_id = $1", Keys.of(pid)));

        String award = "mutation($g: ID!, $s: String!, $k: String) { proposeAward(gridId: $g, subject: $s, kind: PATROL, points: 3, note: \"重试\","
                + " idempotencyKey: $k) { id } }";
        String aid = c.chief.ok(award, "g", c.group1.id(), "s", c.resident.subject(), "k", "a-" + stamp).getString("proposeAward.id");
        assertEquals(aid, c.chief.ok(award, "g", c.group1.id(), "s", c.resident.subject(), "k", "a-" + stamp).getString("proposeAward.id"));
        assertEquals("VALIDATION", c.chief.errorCode(award, "g", c.village.id(), "s", c.resident.subject(), "k", "a-" + stamp));
    }

    /** A step retried with its key answers the case as the step left it, where the retry alone would be refused as stale. */
    @Test
    void aRetriedStepIsTakenOnce() {
        County c = County.of(RetriesTest.class);
        var reported = c.chief.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id version } }", "i",
                Map.of("kind", "LIVELIHOOD", "title", "步骤重试 " + System.nanoTime(), "gridId", c.group1.id()));
        String id = reported.getString("reportCase.id");
        int version = reported.getInt("reportCase.version");
        String accept = "mutation($id: ID!, $v: Int!, $n: String, $k: String) { acceptCase(id: $id, version: $v, note: $n, idempotencyKey: $k) { id state version } }";
        var first = c.commander.ok(accept, "id", id, "v", version, "n", "受理", "k", "s-" + id);
        var again = c.commander.ok(accept, "id", id, "v", version, "n", "受理", "k", "s-" + id);
        assertEquals(first.getInt("acceptCase.version"), again.getInt("acceptCase.version"));
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM case_event WHERE case_id = $1 AND action = 'ACCEPT'", Keys.of(id)));
        assertEquals("VALIDATION", c.commander.errorCode(accept, "id", id, "v", version, "n", "另一个", "k", "s-" + id));
        // without the key the retry is refused as stale, and nothing is done twice either
        assertEquals("CONFLICT", c.commander.errorCode(accept, "id", id, "v", version, "n", "受理"));
    }

    /** A key whose 24 hours are over is free again: the new request is done, on the report's statement and on the others'. */
    @Test
    void anExpiredKeyIsFreeAgain() {
        County c = County.of(RetriesTest.class);
        String stamp = Long.toString(System.nanoTime());
        for (String key : java.util.List.of("old-r-" + stamp, "old-v-" + stamp)) {
            TestDb.rows(pool, "INSERT INTO idempotency_key (subject, key, operation, fingerprint, result_id, created_at)"
                    + " VALUES ($1, $2, 'other', repeat('0', 64), 1, now() - interval '25 hours')", c.chief.subject(), key);
        }
        String title = "过期键 " + stamp;
        c.chief.ok(REPORT, "i", Map.of("kind", "LIVELIHOOD", "title", title, "gridId", c.group1.id()), "k", "old-r-" + stamp);
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM case_file WHERE title = $1", title));
        c.chief.ok(VISIT, "i", Map.of("householdId", c.household, "notes", title), "k", "old-v-" + stamp);
        assertEquals(1, TestDb.count(pool, "SELECT count(*) FROM visit WHERE notes = $1", title));
        assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM idempotency_key WHERE key IN ($1, $2) AND operation = 'other'",
                "old-r-" + stamp, "old-v-" + stamp));
    }
}
