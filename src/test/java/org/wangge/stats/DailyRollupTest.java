package org.wangge.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.As;
import org.wangge.Doc;
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;
import org.wangge.Keys;

/** The daily report follows events as they happen, at the grid and at every tier above it. */
@QuarkusTest
class DailyRollupTest {

    @Inject
    DailyFold fold;
    @Inject
    Pool pool;

    static final Doc DAILY = Doc.of("stats/DailyFigures");
    static final Doc REPORT = Doc.of("cases/ReportCase");
    static final Doc ACCEPT = Doc.of("cases/AcceptCase");
    static final Doc CREATE_HOUSEHOLD = Doc.of("people/CreateHousehold");
    static final Doc RECORD_VISIT = Doc.of("people/RecordVisit");

    @Test
    void eventsCountForTheirGridAndEveryTierAbove() {
        String city = Fixtures.grid(null, "city", "CITY");
        String town = Fixtures.grid(city, "town", "TOWNSHIP");
        String leaf = Fixtures.grid(town, "leaf", "MICRO_GRID");
        String other = Fixtures.grid(city, "other", "TOWNSHIP");
        Gql admin = Gql.admin();
        for (int i = 0; i < 3; i++) {
            JsonPath c = admin.field(REPORT, "input", Map.of("kind", "SAFETY_HAZARD", "title", "日报 " + i, "gridId", leaf));
            if (i == 0) {
                admin.ok(ACCEPT, "id", c.getString("id"), "version", c.getInt("version"));
            }
        }
        String household = admin.field(CREATE_HOUSEHOLD, "input", Map.of("gridId", leaf, "address", "日报测试 1 号")).getString("id");
        admin.ok(RECORD_VISIT, "input", Map.of("householdId", household, "notes", "走访"));

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        // the same figures before the deltas are folded into the tiers, after, and after more events
        for (int round = 0; round < 3; round++) {
            if (round == 1) {
                fold.fold().await().indefinitely();
                assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM daily_grid_delta WHERE grid_id = $1", Keys.of(leaf)));
            }
            if (round == 2) {
                admin.ok(REPORT, "input", Map.of("kind", "SAFETY_HAZARD", "title", "日报 3", "gridId", leaf));
            }
            for (String grid : new String[] {leaf, town, city}) {
                JsonPath day = admin.ok(DAILY, "gridId", grid, "from", today, "to", today).setRootPath("data.dailyFigures[0]");
                assertEquals(today, day.getString("day"));
                assertEquals(round == 2 ? 4 : 3, day.getInt("reported"), grid);
                assertEquals(1, day.getInt("accepted"), grid);
                assertEquals(1, day.getInt("visits"), grid);
            }
        }
        assertEquals(0, admin.ok(DAILY, "gridId", other, "from", today, "to", today).getList("dailyFigures").size());
        // a chief below the city, in the other township, reads nothing above their own grid
        assertEquals("FORBIDDEN", As.gridChief(other).errorCode(DAILY, "gridId", city, "from", today, "to", today));
    }
}
