-- The daily roll-up without hot rows: every event in a city used to update the same city,
-- county and township rows of the day, so concurrent writers queued on those row locks until
-- commit. Events now append a delta row for their own grid (no conflict with anyone); a short
-- periodic job folds the deltas into the rows of the grid and every grid above it, and reads add
-- what is not folded yet, so figures stay current to the event.
CREATE TABLE daily_grid_delta (
    id              bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    grid_id         bigint  NOT NULL REFERENCES grid (id),
    day             date    NOT NULL,
    reported        integer NOT NULL,
    accepted        integer NOT NULL,
    closed          integer NOT NULL,
    escalated       integer NOT NULL,
    visits          integer NOT NULL,
    points_awarded  bigint  NOT NULL
);

CREATE OR REPLACE FUNCTION bump_daily(p_grid bigint, p_at timestamptz, p_reported int, p_accepted int, p_closed int,
                                      p_escalated int, p_visits int, p_points bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO daily_grid_delta (grid_id, day, reported, accepted, closed, escalated, visits, points_awarded)
    VALUES (p_grid, (p_at AT TIME ZONE 'Asia/Shanghai')::date, p_reported, p_accepted, p_closed, p_escalated, p_visits, p_points);
$$;

-- Moves the deltas into the tier rows in one transaction (a reader sees them on one side or the
-- other, never both); one folder at a time, the others return at once. Returns the deltas folded.
CREATE FUNCTION fold_daily() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    folded bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(7429003) THEN
        RETURN 0;
    END IF;
    WITH moved AS (DELETE FROM daily_grid_delta RETURNING *),
    tiers AS (
        SELECT a::bigint AS grid_id, m.day, sum(m.reported) AS reported, sum(m.accepted) AS accepted, sum(m.closed) AS closed,
               sum(m.escalated) AS escalated, sum(m.visits) AS visits, sum(m.points_awarded) AS points_awarded
        FROM moved m JOIN grid g ON g.id = m.grid_id, unnest(string_to_array(trim(both '/' FROM g.path), '/')) AS a
        GROUP BY 1, 2),
    written AS (
        INSERT INTO daily_grid_figure AS d (grid_id, day, reported, accepted, closed, escalated, visits, points_awarded)
        SELECT grid_id, day, reported, accepted, closed, escalated, visits, points_awarded FROM tiers ORDER BY grid_id, day
        ON CONFLICT (grid_id, day) DO UPDATE SET
            reported = d.reported + EXCLUDED.reported, accepted = d.accepted + EXCLUDED.accepted,
            closed = d.closed + EXCLUDED.closed, escalated = d.escalated + EXCLUDED.escalated,
            visits = d.visits + EXCLUDED.visits, points_awarded = d.points_awarded + EXCLUDED.points_awarded
        RETURNING 1)
    SELECT (SELECT count(*) FROM moved) INTO folded FROM (SELECT count(*) FROM written) w;
    RETURN folded;
END $$;
