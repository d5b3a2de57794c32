-- Visibility by assignment role: a building chief answers for one building of their grid, and an
-- account remembers the token roles it last came with, so that an assignment is only made to an
-- account whose role allows it.
ALTER TABLE staff_assignment ADD COLUMN building varchar(50);
ALTER TABLE account ADD COLUMN roles text[];

-- Department membership is part of what a caller may see (cases dispatched to the department):
-- cached like jurisdictions, so a change says so on commit.
CREATE TRIGGER department_member_jurisdictions AFTER INSERT OR UPDATE OR DELETE ON department_member
    FOR EACH STATEMENT EXECUTE FUNCTION jurisdictions_changed();
-- A resident's own household too (linked through person.account_subject); row-level, so that only
-- changes of a linked person notify (NOTIFY folds repeats within a transaction).
CREATE FUNCTION person_account_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('jurisdictions', '');
    RETURN NULL;
END $$;
CREATE TRIGGER person_account_jurisdictions AFTER UPDATE OF account_subject, household_id ON person
    FOR EACH ROW WHEN (OLD.account_subject IS DISTINCT FROM NEW.account_subject
                       OR (NEW.account_subject IS NOT NULL AND OLD.household_id IS DISTINCT FROM NEW.household_id))
    EXECUTE FUNCTION person_account_changed();
CREATE TRIGGER person_account_jurisdictions_insert AFTER INSERT ON person
    FOR EACH ROW WHEN (NEW.account_subject IS NOT NULL) EXECUTE FUNCTION person_account_changed();
