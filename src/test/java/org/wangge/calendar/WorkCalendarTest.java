package org.wangge.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;

/**
 * Working time by the calendar: the official 2026 schedule (shipped as demo data) across a
 * weekend, a holiday and a make-up working Saturday; loading a year; the working hours.
 */
@QuarkusTest
class WorkCalendarTest {

    static final String DEADLINE = "query($s: DateTime!, $a: Int!, $u: LimitUnit!) { deadlineAfter(start: $s, limit: {amount: $a, unit: $u}) }";
    static final String YEAR = "query($y: Int!) { workCalendar(year: $y) { year loaded source workingDays days { day working name } } }";
    static final String LOAD = """
            mutation($y: Int!, $d: [WorkCalendarDayInput!]!) {
              loadWorkCalendar(year: $y, days: $d, source: "测试日历") { year loaded workingDays days { day working name } }
            }""";
    static final String HOURS = "mutation($p: [WorkPeriodInput!]!) { setWorkingHours(periods: $p) { starts ends } }";

    private static OffsetDateTime due(String start, int amount, String unit) {
        return OffsetDateTime.parse(Gql.as("calendar-reader", "grid_worker").ok(DEADLINE, "s", start, "a", amount, "u", unit).getString("deadlineAfter"));
    }

    private static void assertDue(String expected, String start, int amount, String unit) {
        assertEquals(OffsetDateTime.parse(expected).toInstant(), due(start, amount, unit).toInstant(), amount + " " + unit + " from " + start);
    }

    @Test
    void workingHoursSkipTheWeekendTheNightAndLunch() {
        // Friday 16:00 + 4 working hours: 2 on Friday, 2 on Monday morning
        assertDue("2026-03-09T11:00+08:00", "2026-03-06T16:00+08:00", 4, "WORKING_HOURS");
        // before work starts, and across lunch (12:00–13:00)
        assertDue("2026-03-09T10:00+08:00", "2026-03-09T07:00+08:00", 1, "WORKING_HOURS");
        assertDue("2026-03-09T13:30+08:00", "2026-03-09T11:30+08:00", 1, "WORKING_HOURS");
        // a limit that ends with the day is due at the close, not the next morning
        assertDue("2026-03-09T18:00+08:00", "2026-03-09T09:00+08:00", 8, "WORKING_HOURS");
        // calendar time ignores all of it
        assertDue("2026-03-07T20:00+08:00", "2026-03-06T16:00+08:00", 28, "HOURS");
        assertDue("2026-03-06T16:30+08:00", "2026-03-06T16:00+08:00", 30, "MINUTES");
        // amounts are bounded per unit (the reckoning looks ten years ahead at most)
        assertEquals("VALIDATION", Gql.as("calendar-reader", "grid_worker").errorCode(DEADLINE, "s", "2026-03-06T16:00+08:00", "a", 1001, "u", "WORKING_DAYS"));
        assertEquals("VALIDATION", Gql.as("calendar-reader", "grid_worker").errorCode(DEADLINE, "s", "2026-03-06T16:00+08:00", "a", 0, "u", "HOURS"));
    }

    @Test
    void theSpringFestivalAndItsMakeUpSaturday() {
        // Friday 13 February 17:00: Saturday the 14th is worked (春节调休上班)
        assertDue("2026-02-14T12:00+08:00", "2026-02-13T17:00+08:00", 4, "WORKING_HOURS");
        // from that Saturday's last hour, over the holiday (15th–23rd) to Tuesday the 24th
        assertDue("2026-02-24T10:00+08:00", "2026-02-14T17:00+08:00", 2, "WORKING_HOURS");
        // working days: the start's day does not count; the 14th counts, the holiday does not
        assertDue("2026-02-14T18:00+08:00", "2026-02-13T10:00+08:00", 1, "WORKING_DAYS");
        assertDue("2026-02-25T18:00+08:00", "2026-02-13T10:00+08:00", 3, "WORKING_DAYS");
        // Mid-Autumn (25th–27th September) after Sunday the 20th worked (国庆节调休上班)
        assertDue("2026-09-20T18:00+08:00", "2026-09-18T10:00+08:00", 1, "WORKING_DAYS");
        assertDue("2026-09-30T18:00+08:00", "2026-09-24T10:00+08:00", 3, "WORKING_DAYS");
        // an ordinary weekend
        assertDue("2026-03-09T18:00+08:00", "2026-03-06T10:00+08:00", 1, "WORKING_DAYS");
    }

    @Test
    void theShippedYearIsTheOfficialSchedule() {
        JsonPath y = Gql.as("calendar-reader", "resident").ok(YEAR, "y", 2026).setRootPath("data.workCalendar");
        assertTrue(y.getBoolean("loaded"));
        assertEquals("国务院办公厅关于2026年部分节假日安排的通知", y.getString("source"));
        // 365 days − 104 weekend days − 19 holidays on weekdays + 6 make-up days
        assertEquals(248, y.getInt("workingDays"));
        assertEquals(33 + 6, y.getList("days").size());
        assertEquals(List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"),
                y.getList("days.findAll { it.working }.day"));
        JsonPath none = Gql.as("calendar-reader", "resident").ok(YEAR, "y", 2040).setRootPath("data.workCalendar");
        assertFalse(none.getBoolean("loaded"), "a year not loaded counts Monday to Friday");
        assertEquals(0, none.getList("days").size());
    }

    @Test
    void anAdminLoadsAYearAndLoadingAgainReplacesIt() {
        Gql admin = Gql.admin();
        // Wednesday 3 January 2035 a holiday, Saturday 6 January worked
        JsonPath loaded = admin.ok(LOAD, "y", 2035, "d", List.of(
                Map.of("day", "2035-01-03", "working", false, "name", "测试假日"),
                Map.of("day", "2035-01-06", "working", true, "name", "测试调休上班"))).setRootPath("data.loadWorkCalendar");
        assertTrue(loaded.getBoolean("loaded"));
        assertEquals(2, loaded.getList("days").size());
        // Tuesday 2 January 10:00, 2 working days: Wednesday off, Thursday, Friday
        assertDue("2035-01-05T18:00+08:00", "2035-01-02T10:00+08:00", 2, "WORKING_DAYS");
        assertDue("2035-01-06T18:00+08:00", "2035-01-02T10:00+08:00", 3, "WORKING_DAYS");

        admin.ok(LOAD, "y", 2035, "d", List.of(Map.of("day", "2035-01-05", "working", false, "name", "另一个假日")));
        assertEquals(List.of("2035-01-05"), admin.ok(YEAR, "y", 2035).getList("workCalendar.days.day"));
        assertDue("2035-01-04T18:00+08:00", "2035-01-02T10:00+08:00", 2, "WORKING_DAYS");
        admin.ok(LOAD, "y", 2035, "d", List.of());
        assertDue("2035-01-04T18:00+08:00", "2035-01-02T10:00+08:00", 2, "WORKING_DAYS");
    }

    @Test
    void aScheduleThatCannotBeRightIsRefusedWhole() {
        Gql admin = Gql.admin();
        admin.ok(LOAD, "y", 2036, "d", List.of(Map.of("day", "2036-01-01", "working", false, "name", "元旦")));
        // a weekday cannot be a make-up working day; a day of another year; a day twice
        assertEquals("VALIDATION", admin.errorCode(LOAD, "y", 2036, "d", List.of(
                Map.of("day", "2036-01-02", "working", false, "name", "假日"), Map.of("day", "2036-01-08", "working", true, "name", "周二"))));
        assertEquals("VALIDATION", admin.errorCode(LOAD, "y", 2036, "d", List.of(Map.of("day", "2037-01-01", "working", false, "name", "元旦"))));
        assertEquals("VALIDATION", admin.errorCode(LOAD, "y", 2036, "d", List.of(
                Map.of("day", "2036-01-01", "working", false, "name", "元旦"), Map.of("day", "2036-01-01", "working", false, "name", "元旦"))));
        assertEquals(List.of("2036-01-01"), admin.ok(YEAR, "y", 2036).getList("workCalendar.days.day"), "nothing of a refused load is kept");
        // only an admin keeps it
        assertEquals("FORBIDDEN", Gql.as("calendar-chief", "grid_chief").errorCode(LOAD, "y", 2036, "d", List.of()));
        assertEquals("FORBIDDEN", Gql.as("calendar-chief", "grid_chief").errorCode(HOURS, "p", List.of(Map.of("starts", "09:00", "ends", "17:00"))));
    }

    @Test
    void workingHoursAreData() {
        Gql admin = Gql.admin();
        try {
            admin.ok(HOURS, "p", List.of(Map.of("starts", "14:00", "ends", "17:30"), Map.of("starts", "08:30", "ends", "12:00")));
            // Monday 11:00 + 2 working hours: one before lunch, one after it (lunch now till 14:00)
            assertDue("2026-03-09T15:00+08:00", "2026-03-09T11:00+08:00", 2, "WORKING_HOURS");
            assertDue("2026-03-10T17:30+08:00", "2026-03-09T11:00+08:00", 1, "WORKING_DAYS"); // the day closes at 17:30 now
            assertEquals("VALIDATION", admin.errorCode(HOURS, "p", List.of(Map.of("starts", "09:00", "ends", "12:00"), Map.of("starts", "11:00", "ends", "13:00"))));
            assertEquals("VALIDATION", admin.errorCode(HOURS, "p", List.of(Map.of("starts", "12:00", "ends", "09:00"))));
            assertEquals("VALIDATION", admin.errorCode(HOURS, "p", List.of()));
        } finally {
            admin.ok(HOURS, "p", List.of(Map.of("starts", "09:00", "ends", "12:00"), Map.of("starts", "13:00", "ends", "18:00")));
        }
    }
}
