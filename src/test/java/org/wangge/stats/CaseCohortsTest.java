package org.wangge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.Keys;
import org.wangge.TestDb;

/**
 * A city's and a province's case indicators come from the roll-up (V44) and say what reading
 * their cases says: a province of two cities and three counties, cases in every state and
 * county, folded, compared figure by figure with the same subtree's cases read directly.
 */
@QuarkusTest
class CaseCohortsTest {

    static final String INDICATORS = """
            query($g: ID!, $f: Date!, $t: Date!, $by: Granularity) {
              caseIndicators(gridId: $g, from: $f, to: $t, trendBy: $by) {
                reported accepted closed overdue parked resolutionRate onTimeRate onTimeClosureRate reworkRate extended extensionRate
                stages { stage ended onTime onTimeRate } averageHandlingHours p90HandlingHours averageRating
                byKind { key total } byState { key total } byPriority { key total } byRiskColour { key total } bySource { key total }
                trend { start reported closed }
              }
            }""";

    @Inject
    Pool pool;
    @Inject
    StatsReader stats;
    @Inject
    DailyFold fold;

    @Test
    void aProvinceAndItsCitiesReadTheirRollUpAndItSaysWhatTheirCasesSay() {
        String province = Fixtures.grid(null, Fixtures.code("province"), "省", "PROVINCE");
        String city = Fixtures.grid(province, Fixtures.code("city"), "市", "CITY");
        String otherCity = Fixtures.grid(province, Fixtures.code("city"), "另一市", "CITY");
        List<String> places = new ArrayList<>();
        for (String parent : List.of(city, city, otherCity)) {
            String county = Fixtures.grid(parent, Fixtures.code("county"), "县", "COUNTY");
            places.add(Fixtures.grid(county, Fixtures.code("township"), "镇", "TOWNSHIP"));
        }
        String[] kinds = {"SAFETY_HAZARD", "DISPUTE", "LIVELIHOOD", "ENVIRONMENT"};
        String[] priorities = {"NORMAL", "HIGH", "URGENT", "LOW"};
        List<Long> cases = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            cases.add(Keys.of(Gql.admin().ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }", "i",
                    Map.of("kind", kinds[i % 4], "title", "汇总 " + i, "gridId", places.get(i % 3), "priority", priorities[i % 4]))
                    .getString("reportCase.id")));
        }
        // every state, on time or late, reworked, extended, rated, one reported offline the day before
        for (int i = 0; i < cases.size(); i++) {
            long id = cases.get(i);
            switch (i % 8) {
                case 0 -> update(id, "state = 'CLOSED', closed_at = created_at + interval '5 hours', due_at = created_at + interval '3 days', "
                        + "rating = 4, accepted_on_time = true, dispatched_on_time = true, resolved_on_time = true, verified_on_time = true");
                case 1 -> update(id, "state = 'CLOSED', closed_at = created_at + interval '" + (30 + i) + " hours', due_at = created_at + interval '1 day', "
                        + "rework_count = 1, rating = 2, accepted_on_time = true, dispatched_on_time = false, resolved_on_time = false");
                case 2 -> update(id, "state = 'IN_PROGRESS', due_at = now() - interval '2 days', extension_count = 1, accepted_on_time = false");
                case 3 -> update(id, "state = 'DISPATCHED', due_at = now() - interval '1 minute'");
                case 4 -> update(id, "state = 'PARKED', due_at = now() - interval '3 days'");
                case 5 -> update(id, "state = 'REJECTED'");
                case 6 -> update(id, "occurred_at = created_at - interval '1 day', state = 'ACCEPTED', due_at = now() + interval '2 days'");
                default -> update(id, "state = 'CLOSED', closed_at = created_at + interval '" + (1 + i) + " minutes', due_at = created_at + interval '1 hour'");
            }
        }
        folded();

        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        for (String by : List.of("DAY", "MONTH")) {
            for (String grid : List.of(province, city, otherCity)) {
                Map<String, Object> rolledUp = Gql.admin().ok(INDICATORS, "g", grid, "f", today.minusDays(7).toString(), "t", today.toString(),
                        "by", by).getMap("caseIndicators");
                CaseIndicators read = stats.indicatorsOfSubtree(org.wangge.grid.Subtree.of(path(grid)), today.minusDays(7), today, CaseIndicators.Granularity.valueOf(by))
                        .await().indefinitely();
                same(read, rolledUp, grid + " by " + by);
            }
        }
        Map<String, Object> all = Gql.admin().ok(INDICATORS, "g", province, "f", today.minusDays(7).toString(), "t", today.toString(), "by", "DAY")
                .getMap("caseIndicators");
        assertEquals(16, all.get("reported"));
        Map<?, ?> first = (Map<?, ?>) ((List<?>) all.get("trend")).get(0);
        assertEquals(today.minusDays(1).toString(), first.get("start"), "the cases reported offline count for the day they happened");
        assertEquals(2, first.get("reported"));

        // the roll-up is what answers: without it the province has no cases, rebuilt it has them again
        TestDb.rows(pool, "DELETE FROM case_cohort WHERE grid_id = $1", Keys.of(province));
        Map<String, Object> none = Gql.admin().ok(INDICATORS, "g", province, "f", today.toString(), "t", today.toString(), "by", "DAY")
                .getMap("caseIndicators");
        assertEquals(0, none.get("reported"));
        assertEquals(null, none.get("resolutionRate"), "no cases, no rates");
        TestDb.rows(pool, "SELECT rebuild_case_cohorts()");
        assertEquals(16, Gql.admin().ok(INDICATORS, "g", province, "f", today.minusDays(7).toString(), "t", today.toString(), "by", "DAY")
                .getInt("caseIndicators.reported"));
    }

    private void update(long id, String set) {
        TestDb.rows(pool, "UPDATE case_file SET " + set + " WHERE id = $1", id);
    }

    private void folded() {
        while (fold.foldCohorts().await().indefinitely() > 0) {
            // until nothing is left
        }
    }

    private String path(String grid) {
        return TestDb.rows(pool, "SELECT path FROM grid WHERE id = $1", Keys.of(grid)).get(0).getString(0);
    }

    /** Every figure equal (fractions as GraphQL writes them, to 1e-6), the 90th percentile within 1%. */
    private static void same(CaseIndicators read, Map<String, Object> rolledUp, String what) {
        assertEquals(read.reported, rolledUp.get("reported"), what);
        assertEquals(read.accepted, rolledUp.get("accepted"), what);
        assertEquals(read.closed, rolledUp.get("closed"), what);
        assertEquals(read.overdue, rolledUp.get("overdue"), what + ": overdue");
        assertEquals(read.parked, rolledUp.get("parked"), what);
        assertEquals(read.extended, rolledUp.get("extended"), what);
        close(read.resolutionRate, rolledUp.get("resolutionRate"), 1e-6, what);
        close(read.onTimeRate, rolledUp.get("onTimeRate"), 1e-6, what);
        close(read.onTimeClosureRate, rolledUp.get("onTimeClosureRate"), 1e-6, what);
        close(read.reworkRate, rolledUp.get("reworkRate"), 1e-6, what);
        close(read.extensionRate, rolledUp.get("extensionRate"), 1e-6, what);
        close(read.averageHandlingHours, rolledUp.get("averageHandlingHours"), 1e-6, what);
        close(read.averageRating, rolledUp.get("averageRating"), 1e-6, what);
        close(read.p90HandlingHours, rolledUp.get("p90HandlingHours"), 0.01, what + ": p90");
        List<?> stages = (List<?>) rolledUp.get("stages");
        for (int i = 0; i < read.stages.size(); i++) {
            Map<?, ?> s = (Map<?, ?>) stages.get(i);
            assertEquals(read.stages.get(i).stage.name(), s.get("stage"), what);
            assertEquals(read.stages.get(i).ended, s.get("ended"), what);
            assertEquals(read.stages.get(i).onTime, s.get("onTime"), what);
        }
        assertEquals(counts(read.byKind), counts(rolledUp.get("byKind")), what);
        assertEquals(counts(read.byState), counts(rolledUp.get("byState")), what);
        assertEquals(counts(read.byPriority), counts(rolledUp.get("byPriority")), what);
        assertEquals(counts(read.byRiskColour), counts(rolledUp.get("byRiskColour")), what);
        assertEquals(counts(read.bySource), counts(rolledUp.get("bySource")), what);
        List<String> trend = new ArrayList<>();
        read.trend.forEach(b -> trend.add(b.start + ":" + b.reported + "/" + b.closed));
        List<String> rolledTrend = new ArrayList<>();
        ((List<?>) rolledUp.get("trend")).forEach(b -> {
            Map<?, ?> m = (Map<?, ?>) b;
            rolledTrend.add(m.get("start") + ":" + m.get("reported") + "/" + m.get("closed"));
        });
        assertEquals(trend, rolledTrend, what + ": trend");
        assertTrue(read.reported > 0, what + " has cases");
    }

    private static Map<String, Integer> counts(Object list) {
        Map<String, Integer> out = new TreeMap<>();
        for (Object o : (List<?>) list) {
            if (o instanceof CaseIndicators.Count c) {
                out.put(c.key, c.total);
            } else {
                Map<?, ?> m = (Map<?, ?>) o;
                out.put((String) m.get("key"), (Integer) m.get("total"));
            }
        }
        return out;
    }

    private static void close(Double expected, Object actual, double tolerance, String what) {
        if (expected == null) {
            assertEquals(null, actual, what);
            return;
        }
        double a = ((Number) actual).doubleValue();
        assertTrue(Math.abs(a - expected) <= tolerance * Math.max(1, Math.abs(expected)), what + ": " + expected + " vs " + a);
    }
}
