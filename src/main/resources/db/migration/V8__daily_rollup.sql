-- Daily roll-up (日报告): per grid per day (Asia/Shanghai), kept current by triggers as events
-- happen, for the grid and every grid above it, so a township's or the city's day is one row
-- to read, never a recount of millions of cases.

CREATE TABLE daily_grid_figure (
    grid_id         bigint  NOT NULL REFERENCES grid (id),
    day             date    NOT NULL,
    reported        integer NOT NULL DEFAULT 0,
    accepted        integer NOT NULL DEFAULT 0,
    closed          integer NOT NULL DEFAULT 0,
    escalated       integer NOT NULL DEFAULT 0,
    visits          integer NOT NULL DEFAULT 0,
    points_awarded  bigint  NOT NULL DEFAULT 0,
    PRIMARY KEY (grid_id, day)
);

-- Adds to one day's counters of a grid and of all its ancestors (the ids in its path).
CREATE FUNCTION bump_daily(p_grid bigint, p_at timestamptz, p_reported int, p_accepted int, p_closed int,
                           p_escalated int, p_visits int, p_points bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO daily_grid_figure AS d (grid_id, day, reported, accepted, closed, escalated, visits, points_awarded)
    SELECT a::bigint, (p_at AT TIME ZONE 'Asia/Shanghai')::date, p_reported, p_accepted, p_closed, p_escalated, p_visits, p_points
    FROM grid g, unnest(string_to_array(trim(both '/' FROM g.path), '/')) AS a
    WHERE g.id = p_grid
    ORDER BY a::bigint
    ON CONFLICT (grid_id, day) DO UPDATE SET
        reported = d.reported + EXCLUDED.reported, accepted = d.accepted + EXCLUDED.accepted,
        closed = d.closed + EXCLUDED.closed, escalated = d.escalated + EXCLUDED.escalated,
        visits = d.visits + EXCLUDED.visits, points_awarded = d.points_awarded + EXCLUDED.points_awarded;
$$;

CREATE FUNCTION daily_from_case_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.action IN ('REPORT', 'ACCEPT', 'CLOSE', 'ESCALATE') THEN
        PERFORM bump_daily((SELECT grid_id FROM case_file WHERE id = NEW.case_id), NEW.at,
            (NEW.action = 'REPORT')::int, (NEW.action = 'ACCEPT')::int, (NEW.action = 'CLOSE')::int,
            (NEW.action = 'ESCALATE')::int, 0, 0);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER case_event_daily AFTER INSERT ON case_event FOR EACH ROW EXECUTE FUNCTION daily_from_case_event();

CREATE FUNCTION daily_from_visit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM bump_daily((SELECT grid_id FROM household WHERE id = NEW.household_id), NEW.visited_at, 0, 0, 0, 0, 1, 0);
    RETURN NULL;
END $$;
CREATE TRIGGER visit_daily AFTER INSERT ON visit FOR EACH ROW EXECUTE FUNCTION daily_from_visit();

-- Points count where they were earned: the reported case's grid, or the award's grid.
CREATE FUNCTION daily_from_points() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    where_earned bigint;
BEGIN
    IF NEW.amount > 0 AND NEW.reason NOT IN ('REFUND', 'CORRECTION') THEN
        where_earned := coalesce((SELECT grid_id FROM case_file WHERE id = NEW.case_id),
                                 (SELECT grid_id FROM points_award WHERE id = NEW.award_id));
        IF where_earned IS NOT NULL THEN
            PERFORM bump_daily(where_earned, NEW.created_at, 0, 0, 0, 0, 0, NEW.amount);
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER points_entry_daily AFTER INSERT ON points_entry FOR EACH ROW EXECUTE FUNCTION daily_from_points();

-- What happened before the roll-up existed.
SELECT bump_daily(c.grid_id, e.at, (e.action = 'REPORT')::int, (e.action = 'ACCEPT')::int, (e.action = 'CLOSE')::int,
                  (e.action = 'ESCALATE')::int, 0, 0)
FROM case_event e JOIN case_file c ON c.id = e.case_id WHERE e.action IN ('REPORT', 'ACCEPT', 'CLOSE', 'ESCALATE');
SELECT bump_daily(h.grid_id, v.visited_at, 0, 0, 0, 0, 1, 0) FROM visit v JOIN household h ON h.id = v.household_id;
