-- The case timeline doubles as the outbox of live updates. Each event gets a cursor (seq) in
-- commit order: the BEFORE trigger takes a transaction-level advisory lock, held until commit,
-- before drawing the number, so a later seq can never become visible before an earlier one
-- and a reader that has seen seq N has seen everything below it. The event insert is the last
-- statement of every transaction that writes one, so the lock is held only for the commit.
-- NOTIFY (delivered on commit only) tells every instance that there is something to read.

CREATE SEQUENCE case_event_seq;
ALTER TABLE case_event ADD COLUMN seq bigint;

CREATE FUNCTION case_event_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7429001);
    NEW.seq := nextval('case_event_seq');
    PERFORM pg_notify('case_events', NEW.seq::text);
    RETURN NEW;
END $$;
CREATE TRIGGER case_event_sequence BEFORE INSERT ON case_event
    FOR EACH ROW EXECUTE FUNCTION case_event_sequence();

-- Events written before this migration (none in production yet) get numbers in id order.
ALTER TABLE case_event DISABLE TRIGGER case_event_no_change;
UPDATE case_event e SET seq = x.n FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM case_event) x WHERE e.id = x.id;
SELECT setval('case_event_seq', coalesce((SELECT max(seq) FROM case_event), 0) + 1, false);
ALTER TABLE case_event ENABLE TRIGGER case_event_no_change;
ALTER TABLE case_event ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX case_event_seq_idx ON case_event (seq);
