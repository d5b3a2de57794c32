-- Every instance keeps callers' jurisdictions (the maximal grid paths of their current staff
-- assignments) in memory. Whatever can change one says so on commit: any write to staff
-- assignments, and grid moves and retirements (paths and retired_at). Statement-level, so a
-- subtree move or a bulk change sends one notification, not one per row.
CREATE FUNCTION jurisdictions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('jurisdictions', '');
    RETURN NULL;
END $$;
CREATE TRIGGER staff_assignment_jurisdictions AFTER INSERT OR UPDATE OR DELETE ON staff_assignment
    FOR EACH STATEMENT EXECUTE FUNCTION jurisdictions_changed();
CREATE TRIGGER staff_assignment_jurisdictions_truncate AFTER TRUNCATE ON staff_assignment
    FOR EACH STATEMENT EXECUTE FUNCTION jurisdictions_changed();
CREATE TRIGGER grid_jurisdictions AFTER UPDATE OF path, retired_at OR DELETE ON grid
    FOR EACH STATEMENT EXECUTE FUNCTION jurisdictions_changed();
