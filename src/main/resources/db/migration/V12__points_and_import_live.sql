-- Points entries are an outbox of live updates too (the mini-program's balance): as case events
-- (V5), each gets a cursor in commit order, drawn under a transaction advisory lock held until
-- commit, and NOTIFY points_entries tells every instance on commit.
CREATE SEQUENCE points_entry_seq;
ALTER TABLE points_entry ADD COLUMN seq bigint;

CREATE FUNCTION points_entry_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(7429002);
    NEW.seq := nextval('points_entry_seq');
    PERFORM pg_notify('points_entries', NEW.seq::text);
    RETURN NEW;
END $$;
CREATE TRIGGER points_entry_sequence BEFORE INSERT ON points_entry
    FOR EACH ROW EXECUTE FUNCTION points_entry_sequence();

ALTER TABLE points_entry DISABLE TRIGGER points_entry_no_change;
UPDATE points_entry e SET seq = x.n FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM points_entry) x WHERE e.id = x.id;
SELECT setval('points_entry_seq', coalesce((SELECT max(seq) FROM points_entry), 0) + 1, false);
ALTER TABLE points_entry ENABLE TRIGGER points_entry_no_change;
ALTER TABLE points_entry ALTER COLUMN seq SET NOT NULL;
CREATE UNIQUE INDEX points_entry_seq_idx ON points_entry (seq);
CREATE INDEX points_entry_subject_seq_idx ON points_entry (subject, seq);

-- An import job's progress is state, not a stream: each committed change of it is announced
-- (NOTIFY import_jobs, payload the job id) and subscribers read the row.
CREATE FUNCTION import_job_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.done_rows IS DISTINCT FROM OLD.done_rows OR NEW.status IS DISTINCT FROM OLD.status THEN
        PERFORM pg_notify('import_jobs', NEW.id::text);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER import_job_notify AFTER UPDATE ON import_job
    FOR EACH ROW EXECUTE FUNCTION import_job_notify();
