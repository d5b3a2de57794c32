-- 延期: a handler who needs more time asks for a later deadline; a lead over the case's tier
-- approves (the deadline moves, the case counts as extended) or refuses. The request waits on the
-- case; the timeline keeps who asked, why and what was decided.
ALTER TABLE case_file ADD COLUMN requested_due_at timestamptz,
                      ADD COLUMN extension_count integer NOT NULL DEFAULT 0;
