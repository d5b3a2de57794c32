package org.wangge.stats;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.wangge.common.Clock;
import org.wangge.common.Sql;
import org.wangge.grid.Subtrees;

/** The figures leaders read: case indicators, daily figures, staff assessment. */
@ApplicationScoped
public class StatsReader {

    private final Sql sql;
    private final Clock clock;
    private final AssessmentWeights weights;

    public StatsReader(Sql sql, Clock clock, AssessmentWeights weights) {
        this.sql = sql;
        this.clock = clock;
        this.weights = weights;
    }

    /** Indicators of the cases reported in a subtree over the period (Asia/Shanghai dates). */
    public Uni<CaseIndicators> indicatorsOfSubtree(org.wangge.grid.Subtree subtree, LocalDate from, LocalDate to,
            CaseIndicators.Granularity trendBy) {
        List<Object> args = period(from, to);
        String where = Subtrees.within(subtree, "c.grid_path", "c.county_code", args);
        return figures(where, args, from, to, trendBy);
    }

    /**
     * Indicators of a city's or a province's cases from their roll-up (V44), not from the cases:
     * the same figures as {@link #indicatorsOfSubtree}, as of the last fold (seconds), with the
     * 90th percentile of handling hours within 1%. Overdue cases due today are counted live.
     */
    public Uni<CaseIndicators> indicatorsOfTier(long gridId, String path, LocalDate from, LocalDate to, CaseIndicators.Granularity trendBy) {
        OffsetDateTime now = clock.now();
        LocalDate today = now.atZoneSameInstant(clock.zone()).toLocalDate();
        List<Object> dueToday = period(from, to);
        // the subtree as a prefix the (state, due_at) index does not serve: PostgreSQL switches a cached
        // statement to a generic plan, which took a path range of unknown bounds for a narrow one and
        // walked a province's cases by path (p99 390 ms); cases due today are few, found by due date
        dueToday.add(path);
        String subtree = "left(c.grid_path, length($" + dueToday.size() + "::text)) = $" + dueToday.size() + "::text";
        dueToday.add(today.atStartOfDay(clock.zone()).toOffsetDateTime());
        dueToday.add(now);
        dueToday.add(gridId);
        dueToday.add(from);
        dueToday.add(to);
        int at = dueToday.size() - 4;
        String statement = """
                SELECT c.dim, c.key, sum(c.n) AS n, sum(c.on_time) AS on_time, sum(c.reworked) AS reworked, sum(c.extended) AS extended,
                       sum(c.accept_ended) AS accept_ended, sum(c.accept_on_time) AS accept_on_time,
                       sum(c.dispatch_ended) AS dispatch_ended, sum(c.dispatch_on_time) AS dispatch_on_time,
                       sum(c.handle_ended) AS handle_ended, sum(c.handle_on_time) AS handle_on_time,
                       sum(c.verify_ended) AS verify_ended, sum(c.verify_on_time) AS verify_on_time,
                       sum(c.hours_sum) AS hours_sum, sum(c.rating_sum) AS rating_sum, sum(c.rating_n) AS rating_n
                FROM case_cohort c WHERE c.grid_id = $%1$d AND c.day >= $%2$d AND c.day <= $%3$d
                GROUP BY c.dim, c.key
                UNION ALL
                SELECT 'due-now', '', count(*), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM case_file c
                WHERE c.state IN (DEADLINE_STATES) AND c.due_at >= $%4$d AND c.due_at < $%5$d
                  AND c.created_at >= $1 AND c.created_at < $2 AND %6$s"""
                .replace("DEADLINE_STATES", org.wangge.cases.CaseState.DEADLINE_SQL)
                .formatted(at + 2, at + 3, at + 4, at, at + 1, subtree);
        return sql.list(statement, Tuple.from(dueToday), row -> row).map(rows -> fromCohorts(rows, today, from, to, trendBy));
    }

    private CaseIndicators fromCohorts(List<io.vertx.mutiny.sqlclient.Row> rows, LocalDate today, LocalDate from, LocalDate to,
            CaseIndicators.Granularity trendBy) {
        JsonObject t = new JsonObject();
        JsonArray groups = new JsonArray();
        java.util.TreeMap<LocalDate, long[]> trend = new java.util.TreeMap<>();
        java.util.TreeMap<Integer, Long> hours = new java.util.TreeMap<>();
        long reported = 0;
        long notAccepted = 0;
        long closed = 0;
        long parked = 0;
        long overdue = 0;
        double hoursSum = 0;
        long ratingSum = 0;
        long rated = 0;
        java.util.Map<String, String> columns = java.util.Map.of("kind", "kind_code", "state", "state", "priority", "priority",
                "risk", "risk_colour", "source", "source");
        List<String> measures = List.of("on_time", "reworked", "extended", "accept_ended", "accept_on_time", "dispatch_ended",
                "dispatch_on_time", "handle_ended", "handle_on_time", "verify_ended", "verify_on_time");
        measures.forEach(m -> t.put(m, 0L)); // a period without cases has no totals row
        for (io.vertx.mutiny.sqlclient.Row r : rows) {
            String dim = r.getString("dim");
            String key = r.getString("key");
            long n = number(r.getValue("n")).longValue();
            switch (dim) {
                case "all" -> {
                    reported = n;
                    for (String m : measures) {
                        t.put(m, number(r.getValue(m)).longValue());
                    }
                    hoursSum = number(r.getValue("hours_sum"));
                    ratingSum = number(r.getValue("rating_sum")).longValue();
                    rated = number(r.getValue("rating_n")).longValue();
                }
                case "occurred", "closed" -> trend.computeIfAbsent(bucket(LocalDate.parse(key), trendBy), b -> new long[2])[dim.equals("closed") ? 1 : 0] += n;
                case "due" -> overdue += LocalDate.parse(key).isBefore(today) ? n : 0;
                case "due-now" -> overdue += n;
                case "hours" -> hours.merge(Integer.parseInt(key), n, Long::sum);
                default -> {
                    groups.add(new JsonObject().put(columns.get(dim), key).put("n", n));
                    if (dim.equals("state")) {
                        notAccepted += List.of("REPORTED", "REJECTED", "WITHDRAWN").contains(key) ? n : 0;
                        closed += key.equals("CLOSED") ? n : 0;
                        parked += key.equals("PARKED") ? n : 0;
                    }
                }
            }
        }
        t.put("reported", reported).put("accepted", reported - notAccepted).put("closed", closed).put("parked", parked).put("overdue", overdue);
        t.put("avg_hours", closed == 0 ? null : hoursSum / closed);
        t.put("p90_hours", percentile(hours, 0.9));
        t.put("avg_rating", rated == 0 ? null : (double) ratingSum / rated);
        JsonArray buckets = new JsonArray();
        trend.forEach((start, n) -> buckets.add(new JsonObject().put("bucket", start.toString()).put("reported", n[0]).put("closed", n[1])));
        return assemble(t, groups, buckets, from, to);
    }

    /** The first day of the trend bucket holding {@code day} (weeks start on Monday, as PostgreSQL's date_trunc). */
    private static LocalDate bucket(LocalDate day, CaseIndicators.Granularity by) {
        return switch (by) {
            case DAY -> day;
            case WEEK -> day.with(java.time.DayOfWeek.MONDAY);
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    /**
     * A percentile as PostgreSQL's percentile_cont computes it, from counts per logarithmic bucket
     * (bucket k holds hours h with round(50 ln h) = k): each bucket's values taken at its centre.
     */
    static Double percentile(java.util.NavigableMap<Integer, Long> buckets, double fraction) {
        long total = buckets.values().stream().mapToLong(Long::longValue).sum();
        if (total == 0) {
            return null;
        }
        double position = fraction * (total - 1);
        long lower = (long) Math.floor(position);
        double low = valueAt(buckets, lower);
        double high = lower + 1 < total ? valueAt(buckets, lower + 1) : low;
        return low + (position - lower) * (high - low);
    }

    /** The {@code index}-th value in order (0 the smallest), at its bucket's centre. */
    private static double valueAt(java.util.NavigableMap<Integer, Long> buckets, long index) {
        long seen = 0;
        for (var e : buckets.entrySet()) {
            seen += e.getValue();
            if (index < seen) {
                return Math.exp(e.getKey() / 50.0);
            }
        }
        return Math.exp(buckets.lastKey() / 50.0);
    }

    /** Indicators of the cases ever dispatched to a department, reported over the period. */
    public Uni<CaseIndicators> indicatorsOfDepartment(long department, LocalDate from, LocalDate to, CaseIndicators.Granularity trendBy) {
        List<Object> args = period(from, to);
        args.add(department);
        return figures("EXISTS (SELECT 1 FROM case_department cd WHERE cd.case_id = c.id AND cd.department_id = $" + args.size() + ")",
                args, from, to, trendBy);
    }

    private List<Object> period(LocalDate from, LocalDate to) {
        OffsetDateTime start = from.atStartOfDay(clock.zone()).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(clock.zone()).toOffsetDateTime();
        return new ArrayList<>(List.of(start, end));
    }

    /** The daily report of a grid with everything below it. */
    public Uni<List<DailyFigure>> daily(long id, String path, LocalDate from, LocalDate to) {
        // the folded rows of this grid, plus the deltas of its subtree not folded yet (V13)
        return sql.list("""
                SELECT day, sum(reported)::int AS reported, sum(accepted)::int AS accepted, sum(closed)::int AS closed,
                       sum(escalated)::int AS escalated, sum(visits)::int AS visits, sum(points_awarded)::bigint AS points_awarded
                FROM (SELECT day, reported, accepted, closed, escalated, visits, points_awarded FROM daily_grid_figure
                      WHERE grid_id = $1 AND day >= $2 AND day <= $3
                      UNION ALL
                      SELECT m.day, m.reported, m.accepted, m.closed, m.escalated, m.visits, m.points_awarded
                      FROM daily_grid_delta m JOIN grid sg ON sg.id = m.grid_id
                      WHERE sg.path >= $4 AND sg.path < $5 AND m.day >= $2 AND m.day <= $3) x
                GROUP BY day ORDER BY day""", Tuple.of(id, from, to, path, Subtrees.end(path)), DailyFigure::from);
    }

    /** Everyone assigned in the subtree during the period (optionally at one level), scored and ranked. */
    public Uni<List<StaffScore>> assessment(String path, LocalDate from, LocalDate to, Integer level) {
        OffsetDateTime start = from.atStartOfDay(clock.zone()).toOffsetDateTime();
        OffsetDateTime end = to.plusDays(1).atStartOfDay(clock.zone()).toOffsetDateTime();
        return sql.list("""
                WITH staff AS (
                  SELECT DISTINCT a.subject FROM staff_assignment a JOIN grid sg ON sg.id = a.grid_id
                  WHERE sg.path >= $1 AND sg.path < $2 AND ($7::int IS NULL OR sg.level = $7)
                    AND a.role <> 'INFORMATION_REPORTER' AND a.start_date <= $6 AND (a.end_date IS NULL OR a.end_date >= $5)),
                resolved AS (
                  SELECT e.actor_subject AS subject, c.id, e.at, c.due_at, c.rating FROM case_event e JOIN case_file c ON c.id = e.case_id
                  WHERE e.action = 'RESOLVE' AND e.at >= $3 AND e.at < $4)
                SELECT s.subject, acc.display_name,
                  (SELECT count(*) FROM case_file c WHERE c.reporter_subject = s.subject AND c.created_at >= $3 AND c.created_at < $4) AS reports,
                  (SELECT count(*) FROM visit v WHERE v.visitor_subject = s.subject AND v.visited_at >= $3 AND v.visited_at < $4) AS visits,
                  (SELECT count(DISTINCT r.id) FROM resolved r WHERE r.subject = s.subject) AS handled,
                  (SELECT avg((r.at <= r.due_at)::int) FROM resolved r WHERE r.subject = s.subject) AS on_time,
                  (SELECT avg(r.rating) FROM resolved r WHERE r.subject = s.subject AND r.rating IS NOT NULL) AS rating,
                  (SELECT count(*) FROM case_event w JOIN case_file c ON c.id = w.case_id
                    WHERE w.action = 'REWORK' AND w.at >= $3 AND w.at < $4 AND c.handler_subject = s.subject) AS reworks
                FROM staff s JOIN account acc ON acc.subject = s.subject""",
                Tuple.tuple().addString(path).addString(Subtrees.end(path)).addOffsetDateTime(start).addOffsetDateTime(end)
                        .addLocalDate(from).addLocalDate(to).addInteger(level), row -> {
                            StaffScore sc = new StaffScore();
                            sc.subject = row.getString("subject");
                            sc.displayName = row.getString("display_name");
                            sc.reportsFiled = row.getLong("reports").intValue();
                            sc.visitsMade = row.getLong("visits").intValue();
                            sc.casesHandled = row.getLong("handled").intValue();
                            sc.onTimeRate = number(row.getValue("on_time"));
                            sc.averageRating = number(row.getValue("rating"));
                            sc.reworks = row.getLong("reworks").intValue();
                            sc.score = weights.score(sc);
                            return sc;
                        }).map(scores -> {
                            List<StaffScore> ranked = new ArrayList<>(scores);
                            ranked.sort((a, b) -> a.score != b.score ? Double.compare(b.score, a.score) : a.subject.compareTo(b.subject));
                            for (int i = 0; i < ranked.size(); i++) {
                                ranked.get(i).rank = i + 1;
                            }
                            return ranked;
                        });
    }

    private Uni<CaseIndicators> figures(String scope, List<Object> args, LocalDate from, LocalDate to, CaseIndicators.Granularity trendBy) {
        List<Object> withNow = new ArrayList<>(args);
        withNow.add(clock.now());
        int now = withNow.size();
        String zone = clock.zone().getId();
        String unit = trendBy.name().toLowerCase();
        // One pass over the period's cases (kept in memory once), three summaries of it as JSON.
        // Cases keep their grid's path (V9): a subtree is a range of case_file alone, no join.
        String statement = """
                WITH m AS MATERIALIZED (
                  SELECT c.kind_code, c.state, c.priority, coalesce(c.risk_colour, 'NONE') AS risk_colour, c.source,
                         c.created_at, coalesce(c.occurred_at, c.created_at) AS occurred_at, c.closed_at, c.due_at, c.extension_count, c.rework_count, c.rating,
                         c.accepted_on_time, c.dispatched_on_time, c.resolved_on_time, c.verified_on_time
                  FROM case_file c WHERE c.created_at >= $1 AND c.created_at < $2 AND %s)
                SELECT
                  (SELECT row_to_json(t) FROM (
                     SELECT count(*) AS reported,
                            count(*) FILTER (WHERE state NOT IN ('REPORTED', 'REJECTED', 'WITHDRAWN')) AS accepted,
                            count(*) FILTER (WHERE state = 'CLOSED') AS closed,
                            count(*) FILTER (WHERE state = 'CLOSED' AND closed_at <= due_at) AS on_time,
                            count(*) FILTER (WHERE state = 'CLOSED' AND rework_count > 0) AS reworked,
                            count(*) FILTER (WHERE extension_count > 0) AS extended,
                            count(*) FILTER (WHERE state NOT IN (NO_DEADLINE_STATES) AND due_at < $%d) AS overdue,
                            count(*) FILTER (WHERE state = 'PARKED') AS parked,
                            count(accepted_on_time) AS accept_ended, count(*) FILTER (WHERE accepted_on_time) AS accept_on_time,
                            count(dispatched_on_time) AS dispatch_ended, count(*) FILTER (WHERE dispatched_on_time) AS dispatch_on_time,
                            count(resolved_on_time) AS handle_ended, count(*) FILTER (WHERE resolved_on_time) AS handle_on_time,
                            count(verified_on_time) AS verify_ended, count(*) FILTER (WHERE verified_on_time) AS verify_on_time,
                            avg(extract(epoch FROM closed_at - created_at) / 3600) FILTER (WHERE state = 'CLOSED') AS avg_hours,
                            percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM closed_at - created_at) / 3600)
                                FILTER (WHERE state = 'CLOSED') AS p90_hours,
                            avg(rating) AS avg_rating
                     FROM m) t) AS totals,
                  (SELECT coalesce(json_agg(g), '[]') FROM (
                     SELECT kind_code, state, priority, risk_colour, source, count(*) AS n FROM m
                     GROUP BY GROUPING SETS ((kind_code), (state), (priority), (risk_colour), (source))) g) AS groups,
                  -- buckets in local dates: a case that happened at 00:30 in Shanghai counts for that Shanghai day (reported offline: the day it happened)
                  (SELECT coalesce(json_agg(x ORDER BY x.bucket), '[]') FROM (
                     SELECT bucket, sum(r) AS reported, sum(cl) AS closed FROM (
                       SELECT date_trunc('%s', occurred_at AT TIME ZONE '%s')::date AS bucket, 1 AS r, 0 AS cl FROM m
                       UNION ALL
                       SELECT date_trunc('%s', closed_at AT TIME ZONE '%s')::date, 0, 1 FROM m WHERE closed_at IS NOT NULL) y
                     GROUP BY bucket) x) AS trend""".replace("NO_DEADLINE_STATES", org.wangge.cases.CaseState.NO_DEADLINE_SQL).formatted(scope, now, unit, zone, unit, zone);
        return sql.one(statement, Tuple.from(withNow), row -> assemble((JsonObject) row.getValue("totals"), (JsonArray) row.getValue("groups"),
                (JsonArray) row.getValue("trend"), from, to));
    }

    private static CaseIndicators assemble(JsonObject t, JsonArray groups, JsonArray trend, LocalDate from, LocalDate to) {
        CaseIndicators i = new CaseIndicators();
        i.from = from;
        i.to = to;
        i.reported = t.getInteger("reported");
        i.accepted = t.getInteger("accepted");
        i.closed = t.getInteger("closed");
        i.overdue = t.getInteger("overdue");
        i.parked = t.getInteger("parked");
        // 结案率: parked cases (缓办) leave the cases due to be closed
        i.resolutionRate = ratio(i.closed, i.accepted - i.parked);
        i.onTimeRate = ratio(t.getInteger("on_time"), i.closed);
        i.onTimeClosureRate = ratio(t.getInteger("on_time"), i.accepted - i.parked);
        i.reworkRate = ratio(t.getInteger("reworked"), i.closed);
        i.extended = t.getInteger("extended");
        i.extensionRate = ratio(i.extended, i.accepted);
        i.stages = new ArrayList<>();
        for (org.wangge.cases.catalogue.Stage stage : org.wangge.cases.catalogue.Stage.values()) {
            String key = stage.name().toLowerCase();
            CaseIndicators.StageFigure f = new CaseIndicators.StageFigure();
            f.stage = stage;
            f.ended = t.getInteger(key + "_ended");
            f.onTime = t.getInteger(key + "_on_time");
            f.onTimeRate = ratio(f.onTime, f.ended);
            i.stages.add(f);
        }
        i.averageHandlingHours = number(t.getNumber("avg_hours"));
        i.p90HandlingHours = number(t.getNumber("p90_hours"));
        i.averageRating = number(t.getNumber("avg_rating"));
        i.byKind = counts(groups, "kind_code");
        i.byState = counts(groups, "state");
        i.byPriority = counts(groups, "priority");
        i.byRiskColour = counts(groups, "risk_colour");
        i.bySource = counts(groups, "source");
        i.trend = new ArrayList<>();
        for (int n = 0; n < trend.size(); n++) {
            JsonObject r = trend.getJsonObject(n);
            CaseIndicators.Bucket b = new CaseIndicators.Bucket();
            b.start = LocalDate.parse(r.getString("bucket"));
            b.reported = r.getNumber("reported").intValue();
            b.closed = r.getNumber("closed").intValue();
            i.trend.add(b);
        }
        return i;
    }

    private static List<CaseIndicators.Count> counts(JsonArray groups, String column) {
        List<CaseIndicators.Count> out = new ArrayList<>();
        for (int n = 0; n < groups.size(); n++) {
            JsonObject r = groups.getJsonObject(n);
            // in a grouping set only its own column is set; the others are null
            boolean mine = r.getValue(column) != null;
            for (String other : List.of("kind_code", "state", "priority", "risk_colour", "source")) {
                if (!other.equals(column) && r.getValue(other) != null) {
                    mine = false;
                }
            }
            if (mine) {
                CaseIndicators.Count c = new CaseIndicators.Count();
                c.key = r.getString(column);
                c.total = r.getNumber("n").intValue();
                out.add(c);
            }
        }
        out.sort((a, b) -> b.total != a.total ? Integer.compare(b.total, a.total) : a.key.compareTo(b.key));
        return out;
    }

    private static Double ratio(int part, int whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static Double number(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
