-- Photos of an inspection finding: attachments of the finding until it opens a case, then of the
-- case as well (the same rows, so the case shows what the inspector saw).
ALTER TABLE case_attachment ALTER COLUMN case_id DROP NOT NULL,
    ADD COLUMN finding_id bigint REFERENCES inspection_finding (id),
    ADD CONSTRAINT case_attachment_owner CHECK (case_id IS NOT NULL OR finding_id IS NOT NULL);
CREATE INDEX case_attachment_finding_idx ON case_attachment (finding_id, created_at) WHERE finding_id IS NOT NULL;
