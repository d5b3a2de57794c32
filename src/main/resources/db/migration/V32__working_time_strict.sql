-- The working-time functions answer null for a null argument (a missing limit, a case without a
-- stage deadline) instead of reckoning from nothing.
ALTER FUNCTION is_working_day(date) STRICT;
ALTER FUNCTION add_working_seconds(timestamptz, double precision) STRICT;
ALTER FUNCTION add_working_days(timestamptz, integer) STRICT;
ALTER FUNCTION working_seconds_between(timestamptz, timestamptz) STRICT;
ALTER FUNCTION deadline_after(timestamptz, integer, text) STRICT;

-- A catalogue import may give 大类 and 小类 new numbers, swapping two within one sheet: the
-- numbers are unique when the import commits, not after each of its statements.
ALTER TABLE case_kind DROP CONSTRAINT case_kind_class_code_key,
    ADD CONSTRAINT case_kind_class_code_key UNIQUE (class_code) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE case_item DROP CONSTRAINT case_item_sub_code_key,
    ADD CONSTRAINT case_item_sub_code_key UNIQUE (kind_code, sub_code) DEFERRABLE INITIALLY DEFERRED;
