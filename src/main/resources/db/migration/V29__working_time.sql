-- Working time (工作时间). Standards give limits such as "4 working hours" or "7 working days";
-- only working time counts towards them. A day is worked Monday to Friday unless the year's
-- schedule says otherwise: China moves holidays and adds make-up working days (调休) every year,
-- so an admin loads each year's schedule (data, not code). Times are Asia/Shanghai, like every
-- other date here.

CREATE TABLE work_calendar_year (
    year       integer      PRIMARY KEY CHECK (year BETWEEN 2000 AND 2100),
    source     varchar(200),
    loaded_by  varchar(255) NOT NULL,
    loaded_at  timestamptz  NOT NULL DEFAULT now()
);

-- Only the days that differ from Monday-to-Friday: holidays (working = false) on weekdays or
-- weekends, and make-up working days (working = true) on weekends.
CREATE TABLE work_calendar_day (
    day      date        PRIMARY KEY,
    year     integer     NOT NULL REFERENCES work_calendar_year (year) ON DELETE CASCADE,
    working  boolean     NOT NULL,
    name     varchar(40) NOT NULL,
    CHECK (extract(year FROM day) = year)
);

-- The working hours of a working day, in local time.
CREATE TABLE work_period (
    starts  time NOT NULL PRIMARY KEY,
    ends    time NOT NULL,
    CHECK (ends > starts)
);
INSERT INTO work_period (starts, ends) VALUES ('09:00', '12:00'), ('13:00', '18:00');

CREATE FUNCTION is_working_day(p_day date) RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT working FROM work_calendar_day WHERE day = p_day), extract(isodow FROM p_day) < 6);
$$;

-- The moment p_seconds of working time after p_start (a start outside working hours begins at
-- the next working period; a limit that ends exactly at a period's end is due then).
CREATE FUNCTION add_working_seconds(p_start timestamptz, p_seconds double precision) RETURNS timestamptz
LANGUAGE plpgsql STABLE AS $$
DECLARE
    local_start timestamp := p_start AT TIME ZONE 'Asia/Shanghai';
    d date := local_start::date;
    t time := local_start::time;
    remaining double precision := p_seconds;
    p record;
    s time;
    available double precision;
BEGIN
    IF p_seconds <= 0 THEN
        RETURN p_start;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM work_period) THEN
        RAISE EXCEPTION 'No working hours are set';
    END IF;
    LOOP
        IF is_working_day(d) THEN
            FOR p IN SELECT starts, ends FROM work_period ORDER BY starts LOOP
                s := greatest(p.starts, t);
                IF s < p.ends THEN
                    available := extract(epoch FROM p.ends - s);
                    IF available >= remaining THEN
                        RETURN ((d + s) + make_interval(secs => remaining)) AT TIME ZONE 'Asia/Shanghai';
                    END IF;
                    remaining := remaining - available;
                END IF;
            END LOOP;
        END IF;
        d := d + 1;
        t := time '00:00';
        IF d > local_start::date + 3660 THEN
            RAISE EXCEPTION 'No working day within ten years of %', p_start;
        END IF;
    END LOOP;
END $$;

-- The end of the working day p_days working days after p_start's day (the day of the start does
-- not count, as with any legal period: a report on Friday with 1 working day is due on Monday's close).
CREATE FUNCTION add_working_days(p_start timestamptz, p_days integer) RETURNS timestamptz
LANGUAGE plpgsql STABLE AS $$
DECLARE
    d date := (p_start AT TIME ZONE 'Asia/Shanghai')::date;
    counted integer := 0;
    closing time := (SELECT max(ends) FROM work_period);
BEGIN
    IF closing IS NULL THEN
        RAISE EXCEPTION 'No working hours are set';
    END IF;
    WHILE counted < p_days LOOP
        d := d + 1;
        IF is_working_day(d) THEN
            counted := counted + 1;
        END IF;
        IF d > (p_start AT TIME ZONE 'Asia/Shanghai')::date + 3660 THEN
            RAISE EXCEPTION 'No working day within ten years of %', p_start;
        END IF;
    END LOOP;
    RETURN (d + closing) AT TIME ZONE 'Asia/Shanghai';
END $$;

-- The working time between two moments, in seconds (0 when b is not after a).
CREATE FUNCTION working_seconds_between(a timestamptz, b timestamptz) RETURNS double precision
LANGUAGE plpgsql STABLE AS $$
DECLARE
    la timestamp := a AT TIME ZONE 'Asia/Shanghai';
    lb timestamp := b AT TIME ZONE 'Asia/Shanghai';
    d date := la::date;
    total double precision := 0;
    p record;
BEGIN
    WHILE d <= lb::date LOOP
        IF is_working_day(d) THEN
            FOR p IN SELECT starts, ends FROM work_period LOOP
                total := total + greatest(0, extract(epoch FROM least(lb, d + p.ends) - greatest(la, d + p.starts)));
            END LOOP;
        END IF;
        d := d + 1;
    END LOOP;
    RETURN total;
END $$;

-- A time limit after a start: calendar minutes or hours, working hours, or working days.
CREATE FUNCTION deadline_after(p_start timestamptz, p_amount integer, p_unit text) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT CASE p_unit
        WHEN 'MINUTES' THEN p_start + make_interval(mins => p_amount)
        WHEN 'HOURS' THEN p_start + make_interval(hours => p_amount)
        WHEN 'WORKING_HOURS' THEN add_working_seconds(p_start, p_amount * 3600.0)
        WHEN 'WORKING_DAYS' THEN add_working_days(p_start, p_amount)
    END;
$$;

-- A deadline moved on after a pause (parking): the time that was left at the pause, counted
-- from the end of the pause in the limit's own kind of time.
CREATE FUNCTION deadline_resumed(p_due timestamptz, p_paused timestamptz, p_resumed timestamptz, p_working boolean) RETURNS timestamptz
LANGUAGE sql STABLE AS $$
    SELECT CASE WHEN p_working THEN add_working_seconds(p_resumed, working_seconds_between(p_paused, p_due))
                ELSE p_due + (p_resumed - p_paused) END;
$$;
