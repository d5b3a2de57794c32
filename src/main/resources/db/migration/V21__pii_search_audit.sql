-- Exact searches by ID number or phone are audited beside full reads (field idNumberSearch or
-- phoneSearch): one row per person the search returned, or one row without a person when it
-- returned nobody.
ALTER TABLE pii_audit ALTER COLUMN person_id DROP NOT NULL;
