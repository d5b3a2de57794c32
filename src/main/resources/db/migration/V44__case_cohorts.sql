-- Case indicators of a city or a province from a roll-up, not from its cases. A province reports
-- ~1.25M cases a month; its month's indicators read ~30 days of its own rows here instead.
-- case_cohort holds, per county, city and province grid and per report day (Asia/Shanghai), the
-- marginal counts the indicators need: dim 'all' the totals and sums, 'kind', 'state',
-- 'priority', 'risk', 'source' one row per value, 'occurred' and 'closed' per day (the trend),
-- 'due' per due day of the cases still running against a deadline (overdue), 'hours' per
-- logarithmic bucket of the closed cases' handling time (the 90th percentile, within 2%).
-- Every write of a case appends a change (no row anyone else writes: no waiting); a periodic
-- fold recomputes each county-day touched from its cases, then each city-day from its counties'
-- rows and each province-day from its cities'. Recomputing, not adding deltas: a fold run twice
-- changes nothing. Cases outside any county are in no city's or province's figures.
CREATE TABLE case_cohort (
    grid_id          bigint           NOT NULL REFERENCES grid (id),
    day              date             NOT NULL,
    dim              varchar(10)      NOT NULL,
    key              varchar(40)      NOT NULL,
    n                bigint           NOT NULL,
    on_time          bigint           NOT NULL DEFAULT 0,
    reworked         bigint           NOT NULL DEFAULT 0,
    extended         bigint           NOT NULL DEFAULT 0,
    accept_ended     bigint           NOT NULL DEFAULT 0,
    accept_on_time   bigint           NOT NULL DEFAULT 0,
    dispatch_ended   bigint           NOT NULL DEFAULT 0,
    dispatch_on_time bigint           NOT NULL DEFAULT 0,
    handle_ended     bigint           NOT NULL DEFAULT 0,
    handle_on_time   bigint           NOT NULL DEFAULT 0,
    verify_ended     bigint           NOT NULL DEFAULT 0,
    verify_on_time   bigint           NOT NULL DEFAULT 0,
    hours_sum        double precision NOT NULL DEFAULT 0,
    rating_sum       bigint           NOT NULL DEFAULT 0,
    rating_n         bigint           NOT NULL DEFAULT 0,
    PRIMARY KEY (grid_id, day, dim, key)
);

CREATE TABLE case_cohort_change (
    id        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grid_path text    NOT NULL,
    day       date    NOT NULL
);

CREATE FUNCTION case_cohort_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO case_cohort_change (grid_path, day) VALUES (NEW.grid_path, (NEW.created_at AT TIME ZONE 'Asia/Shanghai')::date);
    IF TG_OP = 'UPDATE' AND OLD.grid_path IS DISTINCT FROM NEW.grid_path THEN
        INSERT INTO case_cohort_change (grid_path, day) VALUES (OLD.grid_path, (OLD.created_at AT TIME ZONE 'Asia/Shanghai')::date);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER case_cohort_changed AFTER INSERT OR UPDATE ON case_file
    FOR EACH ROW EXECUTE FUNCTION case_cohort_changed();

-- The rows of one county and day, from its cases.
CREATE FUNCTION case_cohort_of_county(p_grid bigint, p_path text, p_day date) RETURNS void LANGUAGE sql AS $$
    DELETE FROM case_cohort WHERE grid_id = p_grid AND day = p_day;
    WITH m AS MATERIALIZED (
        SELECT c.kind_code, c.state, c.priority, coalesce(c.risk_colour, 'NONE') AS risk_colour, c.source, c.closed_at, c.due_at,
               (coalesce(c.occurred_at, c.created_at) AT TIME ZONE 'Asia/Shanghai')::date AS occurred_day,
               (c.closed_at AT TIME ZONE 'Asia/Shanghai')::date AS closed_day,
               extract(epoch FROM c.closed_at - c.created_at) / 3600 AS hours,
               c.extension_count, c.rework_count, c.rating,
               c.accepted_on_time, c.dispatched_on_time, c.resolved_on_time, c.verified_on_time
        FROM case_file c
        WHERE (c.created_at AT TIME ZONE 'Asia/Shanghai')::date = p_day
          AND c.grid_path >= p_path AND c.grid_path < left(p_path, -1) || '0')
    INSERT INTO case_cohort (grid_id, day, dim, key, n, on_time, reworked, extended, accept_ended, accept_on_time, dispatch_ended,
                             dispatch_on_time, handle_ended, handle_on_time, verify_ended, verify_on_time, hours_sum, rating_sum, rating_n)
    SELECT p_grid, p_day, 'all', '', count(*),
           count(*) FILTER (WHERE state = 'CLOSED' AND closed_at <= due_at),
           count(*) FILTER (WHERE state = 'CLOSED' AND rework_count > 0),
           count(*) FILTER (WHERE extension_count > 0),
           count(accepted_on_time), count(*) FILTER (WHERE accepted_on_time),
           count(dispatched_on_time), count(*) FILTER (WHERE dispatched_on_time),
           count(resolved_on_time), count(*) FILTER (WHERE resolved_on_time),
           count(verified_on_time), count(*) FILTER (WHERE verified_on_time),
           coalesce(sum(hours) FILTER (WHERE state = 'CLOSED'), 0), coalesce(sum(rating), 0), count(rating)
    FROM m HAVING count(*) > 0
    UNION ALL
    SELECT p_grid, p_day, d.dim, d.key, d.n, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM (SELECT CASE WHEN GROUPING(kind_code) = 0 THEN 'kind' WHEN GROUPING(state) = 0 THEN 'state'
                      WHEN GROUPING(priority) = 0 THEN 'priority' WHEN GROUPING(risk_colour) = 0 THEN 'risk' ELSE 'source' END AS dim,
                 coalesce(kind_code, state, priority, risk_colour, source) AS key, count(*) AS n
          FROM m GROUP BY GROUPING SETS ((kind_code), (state), (priority), (risk_colour), (source))) d
    UNION ALL
    SELECT p_grid, p_day, 'occurred', occurred_day::text, count(*), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 FROM m GROUP BY occurred_day
    UNION ALL
    SELECT p_grid, p_day, 'closed', closed_day::text, count(*), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM m WHERE closed_at IS NOT NULL GROUP BY closed_day
    UNION ALL
    SELECT p_grid, p_day, 'due', (due_at AT TIME ZONE 'Asia/Shanghai')::date::text, count(*), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM m WHERE state NOT IN ('CLOSED', 'REJECTED', 'WITHDRAWN', 'PARKED') AND due_at IS NOT NULL GROUP BY 4
    UNION ALL
    SELECT p_grid, p_day, 'hours', round(ln(greatest(hours, 0.001)) * 50)::int::text, count(*), 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    FROM m WHERE state = 'CLOSED' GROUP BY 4;
$$;

-- The rows of a city or province and day: the sums of the tier below within it.
CREATE FUNCTION case_cohort_of_tier(p_grid bigint, p_path text, p_day date, p_below text) RETURNS void LANGUAGE sql AS $$
    DELETE FROM case_cohort WHERE grid_id = p_grid AND day = p_day;
    INSERT INTO case_cohort (grid_id, day, dim, key, n, on_time, reworked, extended, accept_ended, accept_on_time, dispatch_ended,
                             dispatch_on_time, handle_ended, handle_on_time, verify_ended, verify_on_time, hours_sum, rating_sum, rating_n)
    SELECT p_grid, p_day, c.dim, c.key, sum(c.n), sum(c.on_time), sum(c.reworked), sum(c.extended), sum(c.accept_ended),
           sum(c.accept_on_time), sum(c.dispatch_ended), sum(c.dispatch_on_time), sum(c.handle_ended), sum(c.handle_on_time),
           sum(c.verify_ended), sum(c.verify_on_time), sum(c.hours_sum), sum(c.rating_sum), sum(c.rating_n)
    FROM grid g JOIN case_cohort c ON c.grid_id = g.id AND c.day = p_day
    WHERE g.kind = p_below AND g.path > p_path AND g.path < left(p_path, -1) || '0'
    GROUP BY c.dim, c.key;
$$;

-- Recomputes what the changes since the last fold touched, counties first; one folder at a time
-- (the others return at once). Returns the changes taken.
-- A county's cases of one report day: one index range.
CREATE INDEX case_file_day_path_idx ON case_file (((created_at AT TIME ZONE 'Asia/Shanghai')::date), grid_path);

-- Recomputes what the changes taken touched, counties first, at most 20,000 changes a run (the
-- job runs again at once when it took that many); one folder at a time (the others return at
-- once). Returns the changes taken.
CREATE FUNCTION fold_case_cohorts() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    taken bigint;
    paths text[];
    days date[];
    t record;
BEGIN
    IF NOT pg_try_advisory_xact_lock(7429004) THEN
        RETURN 0;
    END IF;
    WITH moved AS (DELETE FROM case_cohort_change WHERE id IN (SELECT id FROM case_cohort_change ORDER BY id LIMIT 20000)
                   RETURNING grid_path, day),
         touched AS (SELECT DISTINCT grid_path, day FROM moved)
    SELECT (SELECT count(*) FROM moved), array_agg(grid_path), array_agg(day) INTO taken, paths, days FROM touched;
    IF taken = 0 THEN
        RETURN 0;
    END IF;
    FOR t IN
        SELECT DISTINCT g.id, g.kind, g.path, x.day, CASE g.kind WHEN 'COUNTY' THEN 1 WHEN 'CITY' THEN 2 ELSE 3 END AS tier
        FROM unnest(paths, days) AS x(grid_path, day)
        JOIN grid g ON g.id = ANY (string_to_array(trim(both '/' FROM x.grid_path), '/')::bigint[])
        WHERE g.kind IN ('COUNTY', 'CITY', 'PROVINCE')
        ORDER BY tier, g.id, x.day
    LOOP
        IF t.kind = 'COUNTY' THEN
            PERFORM case_cohort_of_county(t.id, t.path, t.day);
        ELSE
            PERFORM case_cohort_of_tier(t.id, t.path, t.day, CASE t.kind WHEN 'CITY' THEN 'COUNTY' ELSE 'CITY' END);
        END IF;
    END LOOP;
    RETURN taken;
END $$;

-- Every county's days from their cases, then every city's, then every province's (here for the
-- cases there are; again by anything that writes cases with the trigger off, as bench/city.sql).
CREATE FUNCTION rebuild_case_cohorts() RETURNS void LANGUAGE sql AS $$
    TRUNCATE case_cohort, case_cohort_change;
    SELECT case_cohort_of_county(g.id, g.path, d.day)
    FROM grid g, LATERAL (SELECT DISTINCT (c.created_at AT TIME ZONE 'Asia/Shanghai')::date AS day FROM case_file c
                          WHERE c.grid_path >= g.path AND c.grid_path < left(g.path, -1) || '0') d
    WHERE g.kind = 'COUNTY';
    SELECT case_cohort_of_tier(g.id, g.path, d.day, 'COUNTY')
    FROM grid g, LATERAL (SELECT DISTINCT c.day FROM case_cohort c JOIN grid k ON k.id = c.grid_id
                          WHERE k.kind = 'COUNTY' AND k.path > g.path AND k.path < left(g.path, -1) || '0') d
    WHERE g.kind = 'CITY';
    SELECT case_cohort_of_tier(g.id, g.path, d.day, 'CITY')
    FROM grid g, LATERAL (SELECT DISTINCT c.day FROM case_cohort c JOIN grid k ON k.id = c.grid_id
                          WHERE k.kind = 'CITY' AND k.path > g.path AND k.path < left(g.path, -1) || '0') d
    WHERE g.kind = 'PROVINCE';
$$;
SELECT rebuild_case_cohorts();
