package org.wangge.calendar;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wangge.common.ApiException;
import org.wangge.common.Check;
import org.wangge.common.Tx;
import org.wangge.security.Caller;

/**
 * Loads a year's schedule (replacing what was loaded for that year, in one transaction) and sets
 * the working hours. Deadlines already set stay as they are; the cases reported afterwards are
 * reckoned by the new calendar.
 */
@ApplicationScoped
public class WorkCalendarService {

    public Uni<Void> loadYear(Caller caller, int year, List<WorkDay> days, String source) {
        if (year < 2000 || year > 2100) {
            throw ApiException.validation("year", "A year from 2000 to 2100");
        }
        String from = source == null || source.isBlank() ? null : Check.text("source", source, 200);
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < days.size(); i++) {
            WorkDay d = days.get(i);
            String field = "days[" + i + "]";
            if (d.day.getYear() != year) {
                throw ApiException.validation(field + ".day", d.day + " is not in " + year);
            }
            if (!seen.add(d.day)) {
                throw ApiException.validation(field + ".day", d.day + " is given twice");
            }
            boolean weekend = d.day.getDayOfWeek() == DayOfWeek.SATURDAY || d.day.getDayOfWeek() == DayOfWeek.SUNDAY;
            if (d.working && !weekend) {
                throw ApiException.validation(field + ".working", d.day + " is a weekday, worked anyway: only a weekend day can be a make-up working day");
            }
            Check.text(field + ".name", d.name, 40);
        }
        // arrays go as text: the statement casts them (a session binds text arrays as such)
        String[] dates = days.stream().map(d -> d.day.toString()).toArray(String[]::new);
        String[] working = days.stream().map(d -> String.valueOf(d.working)).toArray(String[]::new);
        String[] names = days.stream().map(d -> d.name.strip()).toArray(String[]::new);
        return Tx.run(tx -> tx.update("""
                INSERT INTO work_calendar_year (year, source, loaded_by, loaded_at) VALUES ($1, $2::text, $3, now())
                ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, loaded_by = EXCLUDED.loaded_by, loaded_at = EXCLUDED.loaded_at""",
                year, from, caller.subject())
                .chain(() -> tx.update("DELETE FROM work_calendar_day WHERE year = $1", year))
                .chain(() -> tx.update("""
                        INSERT INTO work_calendar_day (day, year, working, name)
                        SELECT d::date, $1, w::boolean, n FROM unnest($2::text[], $3::text[], $4::text[]) AS x(d, w, n)""", year, dates, working, names)))
                .replaceWithVoid();
    }

    public Uni<Void> setWorkingHours(List<WorkPeriod> periods) {
        if (periods.isEmpty()) {
            throw ApiException.validation("periods", "A working day needs working hours");
        }
        List<WorkPeriod> sorted = periods.stream().sorted((a, b) -> a.starts.compareTo(b.starts)).toList();
        for (int i = 0; i < sorted.size(); i++) {
            WorkPeriod p = sorted.get(i);
            if (!p.ends.isAfter(p.starts)) {
                throw ApiException.validation("periods", "A period ends after it starts (" + p.starts + "–" + p.ends + ")");
            }
            if (i > 0 && p.starts.isBefore(sorted.get(i - 1).ends)) {
                throw ApiException.validation("periods", "Periods overlap (" + sorted.get(i - 1).starts + "–" + sorted.get(i - 1).ends
                        + " and " + p.starts + "–" + p.ends + ")");
            }
        }
        String[] starts = sorted.stream().map(p -> p.starts.toString()).toArray(String[]::new);
        String[] ends = sorted.stream().map(p -> p.ends.toString()).toArray(String[]::new);
        // two at once would each delete what they see and insert their own: the lock makes the second wait and replace
        return Tx.run(tx -> tx.update("LOCK TABLE work_period IN EXCLUSIVE MODE").chain(() -> tx.update("DELETE FROM work_period"))
                .chain(() -> tx.update("INSERT INTO work_period (starts, ends) SELECT s::time, e::time FROM unnest($1::text[], $2::text[]) AS x(s, e)", starts, ends)))
                .replaceWithVoid();
    }
}
