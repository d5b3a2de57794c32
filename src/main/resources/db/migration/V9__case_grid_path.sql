-- Cases keep the path of their grid, so that "cases in a subtree" is one index range on
-- case_file instead of one probe per grid of the subtree. Set on insert by trigger, rewritten
-- when a grid moves (GridService.move), like the grids' own paths.
ALTER TABLE case_file ADD COLUMN grid_path text COLLATE "C";
UPDATE case_file c SET grid_path = g.path FROM grid g WHERE g.id = c.grid_id;
ALTER TABLE case_file ALTER COLUMN grid_path SET NOT NULL;
CREATE INDEX case_file_grid_path_idx ON case_file (grid_path, id);

CREATE FUNCTION case_file_grid_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.grid_path := (SELECT path FROM grid WHERE id = NEW.grid_id);
    RETURN NEW;
END $$;
CREATE TRIGGER case_file_grid_path BEFORE INSERT OR UPDATE OF grid_id ON case_file
    FOR EACH ROW EXECUTE FUNCTION case_file_grid_path();
