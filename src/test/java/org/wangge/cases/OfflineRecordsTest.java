package org.wangge.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Fixtures;
import org.wangge.Gql;

/** Reports and visits recorded offline carry when they happened; the daily figures count them on that day. */
@QuarkusTest
class OfflineRecordsTest {

    private static final String REPORT = "mutation($i: ReportCaseInput!) { reportCase(input: $i) { id occurredAt createdAt timeline { action at } } }";
    private static final String HOUSEHOLD = "mutation($i: HouseholdInput!) { createHousehold(input: $i) { id } }";
    private static final String VISIT = "mutation($i: VisitInput!) { recordVisit(input: $i) { id occurredAt recordedAt } }";
    private static final String DAILY = "query($g: ID!, $f: Date!, $t: Date!) { dailyFigures(gridId: $g, from: $f, to: $t) { day reported visits } }";
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Test
    void aReportAndAVisitRecordedLaterCountOnTheDayTheyHappened() {
        String leaf = Fixtures.grid(Fixtures.grid(null, "offline-city", "CITY"), "offline-leaf", "MICRO_GRID");
        Gql admin = Gql.admin();
        OffsetDateTime threeDaysAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(3).withNano(0);
        JsonPath c = admin.ok(REPORT, "i", Map.of("kind", "SAFETY_HAZARD", "title", "山里没信号时发现", "gridId", leaf,
                "occurredAt", threeDaysAgo.toString())).setRootPath("data.reportCase");
        assertEquals(threeDaysAgo.toInstant(), OffsetDateTime.parse(c.getString("occurredAt")).toInstant());
        OffsetDateTime created = OffsetDateTime.parse(c.getString("createdAt"));
        assertTrue(Duration.between(created, OffsetDateTime.now()).abs().toMinutes() < 5, "recorded now: " + created);
        OffsetDateTime event = OffsetDateTime.parse(c.getString("timeline[0].at"));
        assertTrue(Duration.between(created, event).abs().getSeconds() < 60, "the timeline keeps when it was recorded: " + event);

        String household = admin.ok(HOUSEHOLD, "i", Map.of("gridId", leaf, "address", "离线 1 号")).getString("createHousehold.id");
        OffsetDateTime twoDaysAgo = OffsetDateTime.now(ZoneOffset.UTC).minusDays(2).withNano(0);
        JsonPath v = admin.ok(VISIT, "i", Map.of("householdId", household, "occurredAt", twoDaysAgo.toString())).setRootPath("data.recordVisit");
        assertEquals(twoDaysAgo.toInstant(), OffsetDateTime.parse(v.getString("occurredAt")).toInstant());
        assertTrue(OffsetDateTime.parse(v.getString("recordedAt")).isAfter(twoDaysAgo.plusDays(1)));

        String reportDay = threeDaysAgo.atZoneSameInstant(SHANGHAI).toLocalDate().toString();
        String visitDay = twoDaysAgo.atZoneSameInstant(SHANGHAI).toLocalDate().toString();
        String today = LocalDate.now(SHANGHAI).toString();
        JsonPath days = admin.ok(DAILY, "g", leaf, "f", reportDay, "t", today).setRootPath("data.dailyFigures");
        assertEquals(2, days.getList("").size(), days.prettify());
        assertEquals(reportDay, days.getString("[0].day"));
        assertEquals(1, days.getInt("[0].reported"));
        assertEquals(0, days.getInt("[0].visits"));
        assertEquals(visitDay, days.getString("[1].day"));
        assertEquals(1, days.getInt("[1].visits"));
        assertEquals(0, days.getInt("[1].reported"));
    }

    @Test
    void whatHappensInTheFutureOrLongerAgoThanTheWindowIsRefused() {
        String leaf = Fixtures.grid(null, "offline-refusals", "MICRO_GRID");
        Gql admin = Gql.admin();
        for (OffsetDateTime when : new OffsetDateTime[] {OffsetDateTime.now().plusHours(1), OffsetDateTime.now().minusDays(8)}) {
            JsonPath refused = admin.post(REPORT, "i", Map.of("kind", "SAFETY_HAZARD", "title", "refused", "gridId", leaf, "occurredAt", when.toString())).jsonPath();
            assertEquals("VALIDATION", refused.getString("errors[0].extensions.code"), refused.prettify());
            assertEquals("occurredAt", refused.getString("errors[0].extensions.field"));
        }
        String household = admin.ok(HOUSEHOLD, "i", Map.of("gridId", leaf, "address", "离线 2 号")).getString("createHousehold.id");
        JsonPath refused = admin.post(VISIT, "i", Map.of("householdId", household, "occurredAt", OffsetDateTime.now().minusDays(8).toString())).jsonPath();
        assertEquals("VALIDATION", refused.getString("errors[0].extensions.code"));
        assertEquals("occurredAt", refused.getString("errors[0].extensions.field"));
        // a phone a little ahead of the server is not in the future
        admin.ok(VISIT, "i", Map.of("householdId", household, "occurredAt", OffsetDateTime.now().plusMinutes(2).toString()));
    }
}
