-- Work recorded offline carries when it happened. A case reported later than it happened keeps
-- both times: occurred_at (null when it was reported as it happened) and created_at. The daily
-- figures count a report on the day it happened, as they count a visit on its visited_at.
ALTER TABLE case_file ADD COLUMN occurred_at timestamptz;

CREATE OR REPLACE FUNCTION daily_from_case_event() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    c record;
BEGIN
    IF NEW.action IN ('REPORT', 'ACCEPT', 'CLOSE', 'ESCALATE') THEN
        SELECT grid_id, occurred_at INTO c FROM case_file WHERE id = NEW.case_id;
        PERFORM bump_daily(c.grid_id, CASE WHEN NEW.action = 'REPORT' THEN coalesce(c.occurred_at, NEW.at) ELSE NEW.at END,
            (NEW.action = 'REPORT')::int, (NEW.action = 'ACCEPT')::int, (NEW.action = 'CLOSE')::int,
            (NEW.action = 'ESCALATE')::int, 0, 0);
    END IF;
    RETURN NULL;
END $$;
