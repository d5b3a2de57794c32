-- An event's time is taken when it gets its cursor (under the commit-order lock), not at the
-- start of its transaction: timeline times then rise with the cursor, and live-delivery latency
-- is measured from (almost) the commit.
CREATE OR REPLACE FUNCTION case_event_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7429001);
    NEW.seq := nextval('case_event_seq');
    NEW.at := clock_timestamp();
    PERFORM pg_notify('case_events', NEW.seq::text);
    RETURN NEW;
END $$;
