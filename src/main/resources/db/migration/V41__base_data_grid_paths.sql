-- Addresses, houses and units keep the path of their grid, as cases do (V9): "in a subtree" is
-- one index range instead of a probe per grid and per address. Set by triggers; rewritten when a
-- grid moves (GridService.move) and, for houses and units, when their address moves to another grid.
ALTER TABLE address ADD COLUMN grid_path text COLLATE "C";
UPDATE address a SET grid_path = g.path FROM grid g WHERE g.id = a.grid_id;
ALTER TABLE address ALTER COLUMN grid_path SET NOT NULL;
CREATE INDEX address_grid_path_idx ON address (grid_path, id) INCLUDE (kind);

ALTER TABLE house ADD COLUMN grid_path text COLLATE "C";
UPDATE house h SET grid_path = a.grid_path FROM address a WHERE a.id = h.address_id;
ALTER TABLE house ALTER COLUMN grid_path SET NOT NULL;
CREATE INDEX house_grid_path_idx ON house (grid_path, id) INCLUDE (use);

ALTER TABLE unit ADD COLUMN grid_path text COLLATE "C";
UPDATE unit u SET grid_path = a.grid_path FROM address a WHERE a.id = u.address_id;
ALTER TABLE unit ALTER COLUMN grid_path SET NOT NULL;
CREATE INDEX unit_grid_path_idx ON unit (grid_path, id) INCLUDE (kind);

CREATE FUNCTION address_grid_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.grid_path := (SELECT path FROM grid WHERE id = NEW.grid_id);
    RETURN NEW;
END $$;
CREATE TRIGGER address_grid_path BEFORE INSERT OR UPDATE OF grid_id ON address
    FOR EACH ROW EXECUTE FUNCTION address_grid_path();

-- a house or unit: its address's path
CREATE FUNCTION placed_grid_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.grid_path := (SELECT grid_path FROM address WHERE id = NEW.address_id);
    RETURN NEW;
END $$;
CREATE TRIGGER house_grid_path BEFORE INSERT OR UPDATE OF address_id ON house FOR EACH ROW EXECUTE FUNCTION placed_grid_path();
CREATE TRIGGER unit_grid_path BEFORE INSERT OR UPDATE OF address_id ON unit FOR EACH ROW EXECUTE FUNCTION placed_grid_path();

-- an address moved to another grid takes its house and units along
CREATE FUNCTION address_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE house SET grid_path = NEW.grid_path WHERE address_id = NEW.id;
    UPDATE unit SET grid_path = NEW.grid_path WHERE address_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER address_moved AFTER UPDATE OF grid_id ON address
    FOR EACH ROW WHEN (OLD.grid_id IS DISTINCT FROM NEW.grid_id) EXECUTE FUNCTION address_moved();
