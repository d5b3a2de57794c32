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
import org.wangge.Fixtures;
import org.wangge.Gql;
import org.wangge.TestDb;

/** The daily report follows events as they happen, at the grid and at every tier above it. */
@QuarkusTest
class DailyRollupTest {

    @Inject
    DailyFold fold;
    @Inject
    Pool pool;

    private static final String DAILY = "query($g: ID!, $d: Date!) { dailyFigures(gridId: $g, from: $d, to: $d) "
            + "{ day reported accepted closed escalated visits pointsAwarded } }";

    @Test
    void eventsCountForTheirGridAndEveryTierAbove() {
        String city = Fixtures.grid(null, "city", "CITY");
        String town = Fixtures.grid(city, "town", "TOWNSHIP");
        String leaf = Fixtures.grid(town, "leaf", "MICRO_GRID");
        String other = Fixtures.grid(city, "other", "TOWNSHIP");
        Gql admin = Gql.admin();
        for (int i = 0; i < 3; i++) {
            JsonPath c = admin.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id version } }",
                    "i", Map.of("kind", "SAFETY_HAZARD", "title", "日报 " + i, "gridId", leaf)).setRootPath("data.reportCase");
            if (i == 0) {
                admin.ok("mutation($id: ID!, $v: Int!) { acceptCase(id: $id, version: $v) { id } }", "id", c.getString("id"), "v", c.getInt("version"));
            }
        }
        String household = admin.ok("mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }",
                "i", Map.of("gridId", leaf, "address", "日报测试 1 号")).getString("createHousehold.id");
        admin.ok("mutation($i: VisitInput!) { recordVisit(input: $i) { id } }", "i", Map.of("householdId", household, "notes", "走访"));

        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        // the same figures before the deltas are folded into the tiers, after, and after more events
        for (int round = 0; round < 3; round++) {
            if (round == 1) {
                fold.fold().await().indefinitely();
                assertEquals(0, TestDb.count(pool, "SELECT count(*) FROM daily_grid_delta WHERE grid_id = $1", Long.parseLong(leaf)));
            }
            if (round == 2) {
                admin.ok("mutation($i: ReportCaseInput!) { reportCase(input: $i) { id } }",
                        "i", Map.of("kind", "SAFETY_HAZARD", "title", "日报 3", "gridId", leaf));
            }
            for (String grid : new String[] {leaf, town, city}) {
                JsonPath day = admin.ok(DAILY, "g", grid, "d", today).setRootPath("data.dailyFigures[0]");
                assertEquals(today, day.getString("day"));
                assertEquals(round == 2 ? 4 : 3, day.getInt("reported"), grid);
                assertEquals(1, day.getInt("accepted"), grid);
                assertEquals(1, day.getInt("visits"), grid);
            }
        }
        assertEquals(0, admin.ok(DAILY, "g", other, "d", today).getList("dailyFigures").size());
        assertEquals("FORBIDDEN", Gql.as("chief-yunyang", "grid_chief").errorCode(DAILY, "g", city, "d", today));
    }
}
