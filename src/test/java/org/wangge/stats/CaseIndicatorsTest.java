package org.wangge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.County;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.TestDb;
import org.wangge.Keys;

/** Figures against a hand-computed fixture: cases with known times around Shanghai day boundaries. */
@QuarkusTest
class CaseIndicatorsTest {

    static final Doc QUERY = Doc.of("stats/CaseIndicators");

    @Inject
    Pool pool;

    private void insert(String grid, String kind, String state, String priority, String colour, String source, String created,
            String due, String closed, int reworks, Integer rating) {
        TestDb.rows(pool, """
                INSERT INTO case_file (county_code, number, kind_code, title, priority, risk_colour, source, grid_id, state, reporter_subject,
                                       tier_grid_id, due_at, created_at, closed_at, rework_count, rating)
                SELECT g.county_code, 'F' || nextval('case_number_seq'), $1, 'fixture', $2, $3, $4, $5, $6, 'fixture', $5, $7, $8, $9, $10, $11
                FROM grid g WHERE g.id = $5""",
                kind, priority, colour, source, Keys.of(grid), state, OffsetDateTime.parse(due), OffsetDateTime.parse(created),
                closed == null ? null : OffsetDateTime.parse(closed), reworks, rating);
    }

    @Test
    void figuresMatchTheHandComputedFixture() {
        String grid = Fixtures.grid(null, "figures", "MICRO_GRID");
        insert(grid, "DISPUTE", "CLOSED", "HIGH", "RED", "PATROL", "2026-03-01T10:00+08:00", "2026-03-04T00:00+08:00", "2026-03-02T10:00+08:00", 0, 5);
        insert(grid, "LIVELIHOOD", "CLOSED", "NORMAL", null, "RESIDENT", "2026-03-01T23:30+08:00", "2026-03-04T00:00+08:00", "2026-03-05T11:30+08:00", 1, 3);
        // 00:30 on 2 March in Shanghai is still 1 March in UTC: it belongs to 2 March
        insert(grid, "DISPUTE", "IN_PROGRESS", "NORMAL", "YELLOW", "PATROL", "2026-03-02T00:30+08:00", "2026-03-03T00:00+08:00", null, 0, null);
        insert(grid, "ENVIRONMENT", "REJECTED", "LOW", null, "SNAPSHOT", "2026-03-03T09:00+08:00", "2026-03-10T00:00+08:00", null, 0, null);
        // just outside the period on both sides
        insert(grid, "DISPUTE", "CLOSED", "HIGH", "GREEN", "PATROL", "2026-02-28T23:59+08:00", "2026-03-04T00:00+08:00", "2026-03-01T12:00+08:00", 0, 1);
        insert(grid, "DISPUTE", "REPORTED", "HIGH", "GREEN", "PATROL", "2026-04-01T00:00+08:00", "2026-04-04T00:00+08:00", null, 0, null);

        JsonPath f = As.admin().field(QUERY, "gridId", grid, "from", "2026-03-01", "to", "2026-03-31", "trendBy", "DAY");
        assertEquals(4, f.getInt("reported"));
        assertEquals(3, f.getInt("accepted"));
        assertEquals(2, f.getInt("closed"));
        assertEquals(1, f.getInt("overdue"));
        assertEquals(2.0 / 3, f.getDouble("resolutionRate"), 1e-6);
        assertEquals(0.5, f.getDouble("onTimeRate"), 1e-9);
        assertEquals(0.5, f.getDouble("reworkRate"), 1e-9);
        assertEquals(54.0, f.getDouble("averageHandlingHours"), 1e-6);
        assertEquals(78.0, f.getDouble("p90HandlingHours"), 1e-6);
        assertEquals(4.0, f.getDouble("averageRating"), 1e-9);
        assertEquals(List.of(Map.of("key", "DISPUTE", "total", 2), Map.of("key", "ENVIRONMENT", "total", 1), Map.of("key", "LIVELIHOOD", "total", 1)),
                f.getList("byKind"));
        assertEquals(List.of(Map.of("key", "CLOSED", "total", 2), Map.of("key", "IN_PROGRESS", "total", 1), Map.of("key", "REJECTED", "total", 1)),
                f.getList("byState"));
        assertEquals(List.of(
                Map.of("start", "2026-03-01", "reported", 2, "closed", 0),
                Map.of("start", "2026-03-02", "reported", 1, "closed", 1),
                Map.of("start", "2026-03-03", "reported", 1, "closed", 0),
                Map.of("start", "2026-03-05", "reported", 0, "closed", 1)), f.getList("trend"));

        // one day only: the 00:30 case counts for 2 March
        JsonPath day = As.admin().field(QUERY, "gridId", grid, "from", "2026-03-02", "to", "2026-03-02", "trendBy", "MONTH");
        assertEquals(1, day.getInt("reported"));
        JsonPath months = As.admin().field(QUERY, "gridId", grid, "from", "2026-02-01", "to", "2026-04-30", "trendBy", "MONTH");
        assertEquals(List.of("2026-02-01", "2026-03-01", "2026-04-01"), months.getList("trend.start"));
        assertEquals(6, months.getInt("reported"));
    }

    @Test
    void figuresRespectJurisdiction() {
        // the township of a county of the class's own: its commander reads it, the other township's chief does not
        County c = County.of(getClass());
        String township = c.township.id();
        assertEquals("FORBIDDEN", c.otherChief.errorCode(QUERY, "gridId", township, "from", "2026-01-01", "to", "2026-12-31", "trendBy", "DAY"));
        c.commander.ok(QUERY, "gridId", township, "from", "2026-01-01", "to", "2026-12-31", "trendBy", "DAY");
        assertEquals("VALIDATION", As.admin().errorCode(QUERY, "gridId", township, "from", "2026-12-31", "to", "2026-01-01", "trendBy", "DAY"));
    }
}
