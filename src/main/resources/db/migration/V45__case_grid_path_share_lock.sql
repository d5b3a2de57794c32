-- A case takes its grid's path under a share lock too (as addresses, houses and units do since
-- V42): a report into a grid being moved waits for the move and takes the moved path, where it
-- used to take the old one, which the move's rewrite of its cases' paths could not see.
CREATE OR REPLACE FUNCTION case_file_grid_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.grid_path := (SELECT path FROM grid WHERE id = NEW.grid_id FOR SHARE);
    RETURN NEW;
END $$;
