-- The path an address, house or unit takes is read under a share lock: a grid or an address being
-- moved at the same time is waited for, and the moved path is the one taken (read committed then
-- returns the row as the mover committed it), never the old one.
CREATE OR REPLACE FUNCTION address_grid_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.grid_path := (SELECT path FROM grid WHERE id = NEW.grid_id FOR SHARE);
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION placed_grid_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.grid_path := (SELECT grid_path FROM address WHERE id = NEW.address_id FOR SHARE);
    RETURN NEW;
END $$;
