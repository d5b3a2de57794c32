-- Outbox cursors without the commit-order lock. Case events and points entries used to draw their
-- cursor (seq) under a transaction advisory lock held until commit, so every transaction writing
-- one waited for the one before it to commit. Now a row is written without a cursor, and one relay
-- per deployment (the session holding advisory lock 7429100, common.OutboxRelay) numbers what has
-- committed, in batches, in one statement each: a row committed late simply gets a later number,
-- so a reader that has seen seq N has still seen everything that will ever be numbered below N.
-- Writers tell the relay by NOTIFY outbox_written (identical notifications of one transaction are
-- folded into one); the relay sends one NOTIFY per table and batch, with the batch's last cursor.

CREATE OR REPLACE FUNCTION case_event_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.seq := NULL;
    NEW.at := clock_timestamp();
    PERFORM pg_notify('outbox_written', '');
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION points_entry_sequence() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.seq := NULL;
    PERFORM pg_notify('outbox_written', '');
    RETURN NEW;
END $$;

ALTER TABLE case_event ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE points_entry ALTER COLUMN seq DROP NOT NULL;
-- what the relay has yet to number, oldest first
CREATE INDEX case_event_unnumbered_idx ON case_event (id) WHERE seq IS NULL;
CREATE INDEX points_entry_unnumbered_idx ON points_entry (id) WHERE seq IS NULL;

-- Still append-only, but for the relay numbering a row once.
CREATE OR REPLACE FUNCTION case_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL AND to_jsonb(OLD) - 'seq' = to_jsonb(NEW) - 'seq' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'case_event is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE OR REPLACE FUNCTION points_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.seq IS NULL AND NEW.seq IS NOT NULL AND to_jsonb(OLD) - 'seq' = to_jsonb(NEW) - 'seq' THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'points_entry is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;

-- The sequences the lock drew from are left behind.
DROP SEQUENCE case_event_seq;
DROP SEQUENCE points_entry_seq;
