package org.wangge.calendar;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;
import org.wangge.common.Sql;

/** The working-time calendar as loaded, and deadlines reckoned by it (in the database, as the loop's writes reckon them). */
@ApplicationScoped
public class WorkCalendarReader {

    private final Sql sql;

    public WorkCalendarReader(Sql sql) {
        this.sql = sql;
    }

    public Uni<WorkCalendar> year(int year) {
        return sql.list("SELECT day, working, name FROM work_calendar_day WHERE year = $1 ORDER BY day", Tuple.of(year), row -> {
            WorkDay d = new WorkDay();
            d.day = row.getLocalDate("day");
            d.working = row.getBoolean("working");
            d.name = row.getString("name");
            return d;
        }).chain(days -> sql.one("""
                SELECT y.source, y.loaded_at,
                       (SELECT count(*) FROM generate_series(make_date($1, 1, 1), make_date($1, 12, 31), interval '1 day') d
                        WHERE is_working_day(d::date)) AS working_days
                FROM (SELECT 1) one LEFT JOIN work_calendar_year y ON y.year = $1""", Tuple.of(year), row -> {
            WorkCalendar c = new WorkCalendar();
            c.year = year;
            c.loaded = row.getValue("loaded_at") != null;
            c.source = row.getString("source");
            c.loadedAt = row.getOffsetDateTime("loaded_at");
            c.workingDays = row.getLong("working_days").intValue();
            c.days = days;
            return c;
        }));
    }

    public Uni<List<WorkPeriod>> workingHours() {
        return sql.list("SELECT starts, ends FROM work_period ORDER BY starts", Tuple.tuple(), row -> {
            WorkPeriod p = new WorkPeriod();
            p.starts = row.getLocalTime("starts");
            p.ends = row.getLocalTime("ends");
            return p;
        });
    }

    /** When a limit started at {@code start} runs out. */
    public Uni<OffsetDateTime> deadline(OffsetDateTime start, TimeLimit limit) {
        return sql.one("SELECT deadline_after($1, $2, $3) AS due", Tuple.of(start, limit.amount, limit.unit.name()),
                row -> row.getOffsetDateTime("due"));
    }
}
