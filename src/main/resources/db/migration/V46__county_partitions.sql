-- County as the partition key (DEVELOPERS.md, "County partitions").
--
-- Every county-owned table carries county_code and leads its primary key, unique keys and
-- foreign keys with it; the large ones (person, household, case_file, case_event,
-- daily_grid_figure) are partitioned by LIST on it, one partition per county grid and a default.
-- Province-wide unique values (the ID-number hash, the resident's account) live in lookup tables
-- keyed by the value. Province-wide tables (the grid tree, accounts, the catalogue, points by
-- subject, work queues) carry no county and are never referenced by a county table's key.

-- ---- a grid's county: the first six characters of its county's code, fixed at creation ----
ALTER TABLE grid ADD COLUMN county_code varchar(64);
WITH RECURSIVE t AS (
    SELECT id, kind, left(code, 6) AS county_code FROM grid WHERE parent_id IS NULL
    UNION ALL
    SELECT g.id, g.kind, CASE WHEN t.kind IN ('PROVINCE', 'CITY') THEN left(g.code, 6) ELSE t.county_code END
    FROM grid g JOIN t ON g.parent_id = t.id)
UPDATE grid g SET county_code = t.county_code FROM t WHERE t.id = g.id;
ALTER TABLE grid ALTER COLUMN county_code SET NOT NULL;
CREATE INDEX grid_county_idx ON grid (county_code);

-- below a county a grid takes its parent's county; a county, a city or a root takes its own code's
CREATE FUNCTION grid_county_of(p_parent bigint, p_code text) RETURNS text LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT CASE WHEN p.kind IN ('PROVINCE', 'CITY') THEN NULL ELSE p.county_code END
                     FROM grid p WHERE p.id = p_parent), left(p_code, 6))
$$;

CREATE FUNCTION grid_county() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    county text := grid_county_of(NEW.parent_id, NEW.code);
    subtree_end text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.county_code := county;
        RETURN NEW;
    END IF;
    NEW.county_code := OLD.county_code;
    IF NEW.parent_id IS NOT DISTINCT FROM OLD.parent_id OR county = OLD.county_code THEN
        RETURN NEW;
    END IF;
    -- what a grid owns lives in its county's partitions: an empty subtree may change county, one
    -- that owns records may not (the moved subtree's paths are already NEW.path's)
    subtree_end := left(NEW.path, length(NEW.path) - 1) || '0';
    IF EXISTS (SELECT 1 FROM grid g WHERE g.path >= NEW.path AND g.path < subtree_end AND (
               EXISTS (SELECT 1 FROM household x WHERE x.county_code = OLD.county_code AND x.grid_id = g.id)
            OR EXISTS (SELECT 1 FROM case_file x WHERE x.county_code = OLD.county_code AND x.grid_id = g.id)
            OR EXISTS (SELECT 1 FROM address x WHERE x.county_code = OLD.county_code AND x.grid_id = g.id))) THEN
        RAISE EXCEPTION 'grid % owns records of county % and cannot move to county %', NEW.id, OLD.county_code, county
            USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_county_fixed';
    END IF;
    NEW.county_code := county;
    UPDATE grid SET county_code = county WHERE path > NEW.path AND path < subtree_end;
    RETURN NEW;
END $$;
CREATE TRIGGER grid_county BEFORE INSERT OR UPDATE OF parent_id ON grid
    FOR EACH ROW EXECUTE FUNCTION grid_county();

-- ---- county_code on every county-owned table, filled from the row it hangs off ----
ALTER TABLE household ADD COLUMN county_code varchar(64);
UPDATE household h SET county_code = g.county_code FROM grid g WHERE g.id = h.grid_id;
ALTER TABLE person ADD COLUMN county_code varchar(64);
UPDATE person p SET county_code = h.county_code FROM household h WHERE h.id = p.household_id;
-- a person without a household (none is written so today) keeps the county of a household they were in
UPDATE person p SET county_code = (SELECT h.county_code FROM household_member m JOIN household h ON h.id = m.household_id
                                   WHERE m.person_id = p.id ORDER BY m.valid_from DESC LIMIT 1)
WHERE p.county_code IS NULL;
UPDATE person SET county_code = '000000' WHERE county_code IS NULL;

ALTER TABLE household_grid_history ADD COLUMN county_code varchar(64);
UPDATE household_grid_history x SET county_code = h.county_code FROM household h WHERE h.id = x.household_id;
ALTER TABLE household_member ADD COLUMN county_code varchar(64);
UPDATE household_member x SET county_code = p.county_code FROM person p WHERE p.id = x.person_id;
ALTER TABLE person_care ADD COLUMN county_code varchar(64);
UPDATE person_care x SET county_code = p.county_code FROM person p WHERE p.id = x.person_id;
ALTER TABLE visit ADD COLUMN county_code varchar(64);
UPDATE visit x SET county_code = h.county_code FROM household h WHERE h.id = x.household_id;

ALTER TABLE case_file ADD COLUMN county_code varchar(64);
-- (the cohorts' queue is not told: no figure changes)
ALTER TABLE case_file DISABLE TRIGGER case_cohort_changed;
UPDATE case_file c SET county_code = g.county_code FROM grid g WHERE g.id = c.grid_id;
ALTER TABLE case_file ENABLE TRIGGER case_cohort_changed;
ALTER TABLE case_event ADD COLUMN county_code varchar(64);
ALTER TABLE case_department ADD COLUMN county_code varchar(64);
ALTER TABLE case_person ADD COLUMN county_code varchar(64);
ALTER TABLE case_household ADD COLUMN county_code varchar(64);
ALTER TABLE case_contact ADD COLUMN county_code varchar(64);
ALTER TABLE case_attachment ADD COLUMN county_code varchar(64);
ALTER TABLE case_event DISABLE TRIGGER case_event_no_change;
UPDATE case_event x SET county_code = c.county_code FROM case_file c WHERE c.id = x.case_id;
ALTER TABLE case_event ENABLE TRIGGER case_event_no_change;
UPDATE case_department x SET county_code = c.county_code FROM case_file c WHERE c.id = x.case_id;
UPDATE case_person x SET county_code = c.county_code FROM case_file c WHERE c.id = x.case_id;
UPDATE case_household x SET county_code = c.county_code FROM case_file c WHERE c.id = x.case_id;
UPDATE case_contact x SET county_code = c.county_code FROM case_file c WHERE c.id = x.case_id;

ALTER TABLE address ADD COLUMN county_code varchar(64);
UPDATE address a SET county_code = g.county_code FROM grid g WHERE g.id = a.grid_id;
ALTER TABLE address_grid_change ADD COLUMN county_code varchar(64);
UPDATE address_grid_change x SET county_code = a.county_code FROM address a WHERE a.id = x.address_id;
ALTER TABLE house ADD COLUMN county_code varchar(64);
UPDATE house x SET county_code = a.county_code FROM address a WHERE a.id = x.address_id;
ALTER TABLE tenancy ADD COLUMN county_code varchar(64);
UPDATE tenancy x SET county_code = h.county_code FROM house h WHERE h.id = x.house_id;
ALTER TABLE unit ADD COLUMN county_code varchar(64);
UPDATE unit x SET county_code = a.county_code FROM address a WHERE a.id = x.address_id;
ALTER TABLE unit_risk ADD COLUMN county_code varchar(64);
UPDATE unit_risk x SET county_code = u.county_code FROM unit u WHERE u.id = x.unit_id;
ALTER TABLE inspection ADD COLUMN county_code varchar(64);
UPDATE inspection x SET county_code = u.county_code FROM unit u WHERE u.id = x.unit_id;
ALTER TABLE inspection_finding ADD COLUMN county_code varchar(64);
UPDATE inspection_finding x SET county_code = i.county_code FROM inspection i WHERE i.id = x.inspection_id;
UPDATE case_attachment x SET county_code = coalesce((SELECT c.county_code FROM case_file c WHERE c.id = x.case_id),
                                                    (SELECT f.county_code FROM inspection_finding f WHERE f.id = x.finding_id));
ALTER TABLE daily_grid_figure ADD COLUMN county_code varchar(64);
UPDATE daily_grid_figure x SET county_code = g.county_code FROM grid g WHERE g.id = x.grid_id;

-- ---- the old keys go: every key of a county table is rebuilt below with county_code first ----
-- (dropping a primary or unique key with CASCADE drops the foreign keys that lean on it)
ALTER TABLE household DROP CONSTRAINT household_pkey CASCADE;
ALTER TABLE person DROP CONSTRAINT person_pkey CASCADE;
ALTER TABLE person DROP CONSTRAINT person_id_number_unique;
ALTER TABLE person DROP CONSTRAINT person_account_subject_key;
ALTER TABLE household_grid_history DROP CONSTRAINT household_grid_history_pkey;
ALTER TABLE household_member DROP CONSTRAINT household_member_pkey;
ALTER TABLE person_care DROP CONSTRAINT person_care_pkey;
ALTER TABLE visit DROP CONSTRAINT visit_pkey;
ALTER TABLE case_file DROP CONSTRAINT case_file_pkey CASCADE;
ALTER TABLE case_file DROP CONSTRAINT case_file_number_key;
ALTER TABLE case_event DROP CONSTRAINT case_event_pkey;
ALTER TABLE case_department DROP CONSTRAINT case_department_pkey;
ALTER TABLE case_person DROP CONSTRAINT case_person_pkey;
ALTER TABLE case_household DROP CONSTRAINT case_household_pkey;
ALTER TABLE case_contact DROP CONSTRAINT case_contact_pkey;
ALTER TABLE case_attachment DROP CONSTRAINT case_attachment_pkey;
ALTER TABLE address DROP CONSTRAINT address_pkey CASCADE;
ALTER TABLE address DROP CONSTRAINT address_code_unique;
ALTER TABLE address_grid_change DROP CONSTRAINT address_grid_change_pkey;
ALTER TABLE house DROP CONSTRAINT house_pkey CASCADE;
ALTER TABLE house DROP CONSTRAINT house_address_unique;
ALTER TABLE tenancy DROP CONSTRAINT tenancy_pkey;
ALTER TABLE unit DROP CONSTRAINT unit_pkey CASCADE;
ALTER TABLE unit DROP CONSTRAINT unit_credit_code_unique;
ALTER TABLE unit_risk DROP CONSTRAINT unit_risk_pkey;
ALTER TABLE inspection DROP CONSTRAINT inspection_pkey CASCADE;
ALTER TABLE inspection_finding DROP CONSTRAINT inspection_finding_pkey CASCADE;
ALTER TABLE inspection_finding DROP CONSTRAINT inspection_finding_item_once;
ALTER TABLE inspection_finding DROP CONSTRAINT inspection_finding_case_once;
ALTER TABLE daily_grid_figure DROP CONSTRAINT daily_grid_figure_pkey;
DROP INDEX household_address_unique, person_care_open_unique, case_event_seq_idx, address_place_unique,
    address_child_unique, tenancy_open_unique;
-- foreign keys between county tables that no key drop above took with it
ALTER TABLE household DROP CONSTRAINT household_grid_id_fkey;
ALTER TABLE case_file DROP CONSTRAINT case_file_grid_id_fkey, DROP CONSTRAINT case_file_tier_grid_id_fkey,
    DROP CONSTRAINT case_file_kind_code_fkey, DROP CONSTRAINT case_file_item_code_fkey,
    DROP CONSTRAINT case_file_handler_department_id_fkey;
ALTER TABLE daily_grid_figure DROP CONSTRAINT daily_grid_figure_grid_id_fkey;
-- records kept by province-wide tables name a case or a person without a key: an audit row and a
-- points entry outlive what they name, and a province-wide table never leans on a county table
ALTER TABLE pii_audit DROP CONSTRAINT IF EXISTS pii_audit_person_id_fkey;
ALTER TABLE points_entry DROP CONSTRAINT IF EXISTS points_entry_case_id_fkey;

-- ---- the large tables become partitioned by county ----
CREATE FUNCTION pg_temp.partition_by_county(t text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    triggers text[];
    indexes text[];
    has_identity boolean;
    top bigint;
    d text;
BEGIN
    SELECT coalesce(array_agg(pg_get_triggerdef(oid) ORDER BY tgname), '{}') INTO triggers
    FROM pg_trigger WHERE tgrelid = t::regclass AND NOT tgisinternal;
    SELECT coalesce(array_agg(pg_get_indexdef(indexrelid)), '{}') INTO indexes FROM pg_index WHERE indrelid = t::regclass;
    FOR d IN SELECT indexrelid::regclass::text FROM pg_index WHERE indrelid = t::regclass LOOP
        EXECUTE format('DROP INDEX %s', d);
    END LOOP;
    SELECT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = t::regclass AND attname = 'id' AND attidentity <> '')
    INTO has_identity;
    EXECUTE format('ALTER TABLE %I RENAME TO %I', t, t || '_unpartitioned');
    EXECUTE format('CREATE TABLE %I (LIKE %I INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING STORAGE INCLUDING COMMENTS)'
                   ' PARTITION BY LIST (county_code)', t, t || '_unpartitioned');
    EXECUTE format('CREATE TABLE %I PARTITION OF %I DEFAULT', t || '_default', t);
    PERFORM county_partition(t, c.county_code) FROM (SELECT DISTINCT county_code FROM grid WHERE kind = 'COUNTY') c;
    EXECUTE format('INSERT INTO %I SELECT * FROM %I', t, t || '_unpartitioned');
    IF has_identity THEN
        EXECUTE format('SELECT max(id) FROM %I', t) INTO top;
    END IF;
    EXECUTE format('DROP TABLE %I', t || '_unpartitioned');
    IF has_identity THEN
        EXECUTE format('ALTER TABLE %I ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY', t);
        PERFORM setval(pg_get_serial_sequence(t, 'id'), coalesce(top, 0) + 1, false);
    END IF;
    FOREACH d IN ARRAY indexes LOOP
        EXECUTE d;
    END LOOP;
    FOREACH d IN ARRAY triggers LOOP
        EXECUTE d;
    END LOOP;
END $$;

-- a county's partition of one table, named after the table and the county
CREATE FUNCTION county_partition(t text, county text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    part text := t || '_' || lower(regexp_replace(county, '[^A-Za-z0-9]', '_', 'g'));
    waiting boolean;
BEGIN
    IF to_regclass(part) IS NOT NULL THEN
        RETURN;
    END IF;
    -- rows already in the default partition stay there: splitting them out is an offline job
    EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I WHERE county_code = $1)', t || '_default') INTO waiting USING county;
    IF waiting THEN
        RAISE NOTICE 'county % already has % rows in the default partition', county, t;
        RETURN;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES IN (%L)', part, t, county);
END $$;

CREATE FUNCTION county_partitions(county text) RETURNS void LANGUAGE sql AS $$
    SELECT county_partition(t, county) FROM unnest(ARRAY['household', 'person', 'case_file', 'case_event', 'daily_grid_figure']) t
$$;

SELECT pg_temp.partition_by_county('household');
SELECT pg_temp.partition_by_county('person');
SELECT pg_temp.partition_by_county('case_file');
SELECT pg_temp.partition_by_county('case_event');
SELECT pg_temp.partition_by_county('daily_grid_figure');

-- a new county grid gets its partitions with it
CREATE FUNCTION grid_county_partitions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM county_partitions(NEW.county_code);
    RETURN NULL;
END $$;
CREATE TRIGGER grid_county_partitions AFTER INSERT ON grid FOR EACH ROW WHEN (NEW.kind = 'COUNTY')
    EXECUTE FUNCTION grid_county_partitions();

ALTER TABLE household ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE person ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE case_file ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE case_event ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE daily_grid_figure ALTER COLUMN county_code SET NOT NULL;

-- ---- the smaller county tables take their county from the row they hang off when not given ----
CREATE FUNCTION county_from_parent() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    i int := 0;
    ref text;
BEGIN
    WHILE NEW.county_code IS NULL AND i < TG_NARGS LOOP
        ref := to_jsonb(NEW) ->> TG_ARGV[i + 1];
        IF ref IS NOT NULL THEN
            EXECUTE format('SELECT county_code FROM %I WHERE id = $1', TG_ARGV[i]) INTO NEW.county_code USING ref::bigint;
        END IF;
        i := i + 2;
    END LOOP;
    RETURN NEW;
END $$;

-- tables placed on a grid take the grid's county, and keep it: a row never leaves its county
CREATE FUNCTION county_of_grid() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    county text := (SELECT county_code FROM grid WHERE id = NEW.grid_id);
BEGIN
    IF NEW.county_code IS NULL THEN
        NEW.county_code := county;
    ELSIF county IS DISTINCT FROM NEW.county_code THEN
        RAISE EXCEPTION '% % is in county %, grid % in %', TG_TABLE_NAME, NEW.id, NEW.county_code, NEW.grid_id, county
            USING ERRCODE = 'check_violation', CONSTRAINT = 'grid_in_county';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER household_county BEFORE INSERT OR UPDATE OF grid_id ON household FOR EACH ROW EXECUTE FUNCTION county_of_grid();
CREATE TRIGGER case_file_county BEFORE INSERT OR UPDATE OF grid_id ON case_file FOR EACH ROW EXECUTE FUNCTION county_of_grid();
CREATE TRIGGER address_county BEFORE INSERT OR UPDATE OF grid_id ON address FOR EACH ROW EXECUTE FUNCTION county_of_grid();
CREATE TRIGGER household_grid_history_county BEFORE INSERT ON household_grid_history FOR EACH ROW
    EXECUTE FUNCTION county_from_parent('household', 'household_id');
CREATE TRIGGER household_member_county BEFORE INSERT ON household_member FOR EACH ROW
    EXECUTE FUNCTION county_from_parent('person', 'person_id');
CREATE TRIGGER person_care_county BEFORE INSERT ON person_care FOR EACH ROW EXECUTE FUNCTION county_from_parent('person', 'person_id');
CREATE TRIGGER visit_county BEFORE INSERT ON visit FOR EACH ROW EXECUTE FUNCTION county_from_parent('household', 'household_id');
CREATE TRIGGER case_department_county BEFORE INSERT ON case_department FOR EACH ROW EXECUTE FUNCTION county_from_parent('case_file', 'case_id');
CREATE TRIGGER case_person_county BEFORE INSERT ON case_person FOR EACH ROW EXECUTE FUNCTION county_from_parent('case_file', 'case_id');
CREATE TRIGGER case_household_county BEFORE INSERT ON case_household FOR EACH ROW EXECUTE FUNCTION county_from_parent('case_file', 'case_id');
CREATE TRIGGER case_contact_county BEFORE INSERT ON case_contact FOR EACH ROW EXECUTE FUNCTION county_from_parent('case_file', 'case_id');
CREATE TRIGGER case_attachment_county BEFORE INSERT ON case_attachment FOR EACH ROW
    EXECUTE FUNCTION county_from_parent('case_file', 'case_id', 'inspection_finding', 'finding_id');
CREATE TRIGGER address_grid_change_county BEFORE INSERT ON address_grid_change FOR EACH ROW
    EXECUTE FUNCTION county_from_parent('address', 'address_id');
CREATE TRIGGER house_county BEFORE INSERT ON house FOR EACH ROW EXECUTE FUNCTION county_from_parent('address', 'address_id');
CREATE TRIGGER tenancy_county BEFORE INSERT ON tenancy FOR EACH ROW EXECUTE FUNCTION county_from_parent('house', 'house_id');
CREATE TRIGGER unit_county BEFORE INSERT ON unit FOR EACH ROW EXECUTE FUNCTION county_from_parent('address', 'address_id');
CREATE TRIGGER unit_risk_county BEFORE INSERT ON unit_risk FOR EACH ROW EXECUTE FUNCTION county_from_parent('unit', 'unit_id');
CREATE TRIGGER inspection_county BEFORE INSERT ON inspection FOR EACH ROW EXECUTE FUNCTION county_from_parent('unit', 'unit_id');
CREATE TRIGGER inspection_finding_county BEFORE INSERT ON inspection_finding FOR EACH ROW
    EXECUTE FUNCTION county_from_parent('inspection', 'inspection_id');

ALTER TABLE household_grid_history ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE household_member ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE person_care ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE visit ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE case_department ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE case_person ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE case_household ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE case_contact ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE case_attachment ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE address ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE address_grid_change ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE house ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE tenancy ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE unit ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE unit_risk ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE inspection ALTER COLUMN county_code SET NOT NULL;
ALTER TABLE inspection_finding ALTER COLUMN county_code SET NOT NULL;

-- ---- keys, county first ----
ALTER TABLE household ADD PRIMARY KEY (county_code, id);
ALTER TABLE person ADD PRIMARY KEY (county_code, id);
ALTER TABLE household_grid_history ADD PRIMARY KEY (county_code, id);
ALTER TABLE household_member ADD PRIMARY KEY (county_code, id);
ALTER TABLE person_care ADD PRIMARY KEY (county_code, id);
ALTER TABLE visit ADD PRIMARY KEY (county_code, id);
ALTER TABLE case_file ADD PRIMARY KEY (county_code, id);
ALTER TABLE case_event ADD PRIMARY KEY (county_code, id);
ALTER TABLE case_department ADD PRIMARY KEY (county_code, case_id, department_id);
ALTER TABLE case_person ADD PRIMARY KEY (county_code, case_id, person_id);
ALTER TABLE case_household ADD PRIMARY KEY (county_code, case_id, household_id);
ALTER TABLE case_contact ADD PRIMARY KEY (county_code, case_id);
ALTER TABLE case_attachment ADD PRIMARY KEY (county_code, id);
ALTER TABLE address ADD PRIMARY KEY (county_code, id);
ALTER TABLE address_grid_change ADD PRIMARY KEY (county_code, id);
ALTER TABLE house ADD PRIMARY KEY (county_code, id);
ALTER TABLE tenancy ADD PRIMARY KEY (county_code, id);
ALTER TABLE unit ADD PRIMARY KEY (county_code, id);
ALTER TABLE unit_risk ADD PRIMARY KEY (county_code, unit_id, tag_code);
ALTER TABLE inspection ADD PRIMARY KEY (county_code, id);
ALTER TABLE inspection_finding ADD PRIMARY KEY (county_code, id);
ALTER TABLE daily_grid_figure ADD PRIMARY KEY (county_code, grid_id, day);

ALTER TABLE person ADD CONSTRAINT person_county_id_number_key UNIQUE (county_code, id_type, id_number_hash);
ALTER TABLE case_file ADD CONSTRAINT case_file_number_key UNIQUE (county_code, number);
ALTER TABLE address ADD CONSTRAINT address_code_unique UNIQUE (county_code, code);
ALTER TABLE house ADD CONSTRAINT house_address_unique UNIQUE (county_code, address_id);
ALTER TABLE unit ADD CONSTRAINT unit_credit_code_unique UNIQUE (county_code, credit_code);
ALTER TABLE inspection_finding ADD CONSTRAINT inspection_finding_item_once UNIQUE (county_code, inspection_id, item_code),
    ADD CONSTRAINT inspection_finding_case_once UNIQUE (county_code, case_id);
CREATE UNIQUE INDEX household_address_unique ON household (county_code, grid_id, address, (coalesce(building, '')),
    (coalesce(unit, '')), (coalesce(room, '')));
CREATE UNIQUE INDEX person_care_open_unique ON person_care (county_code, person_id, category_code) WHERE end_date IS NULL;
CREATE UNIQUE INDEX address_place_unique ON address (county_code, grid_id, name) WHERE parent_id IS NULL;
CREATE UNIQUE INDEX address_child_unique ON address (county_code, parent_id, name) WHERE parent_id IS NOT NULL;
CREATE UNIQUE INDEX tenancy_open_unique ON tenancy (county_code, house_id, coalesce(household_id, 0), coalesce(person_id, 0))
    WHERE end_date IS NULL;

-- rows are still found by id alone (global node ids carry no county): an id index per table
CREATE INDEX household_id_idx ON household (id);
CREATE INDEX person_id_idx ON person (id);
CREATE INDEX case_file_id_idx ON case_file (id);
CREATE INDEX case_event_id_idx ON case_event (id);
CREATE INDEX case_file_number_idx ON case_file (number);
CREATE INDEX person_id_number_idx ON person (id_number_hash);
CREATE INDEX person_account_idx ON person (account_subject) WHERE account_subject IS NOT NULL;
CREATE INDEX address_id_idx ON address (id);
CREATE INDEX house_id_idx ON house (id);
CREATE INDEX unit_id_idx ON unit (id);
CREATE INDEX unit_credit_code_idx ON unit (credit_code);
CREATE INDEX inspection_id_idx ON inspection (id);
CREATE INDEX inspection_finding_id_idx ON inspection_finding (id);
CREATE INDEX case_attachment_id_idx ON case_attachment (id);
CREATE INDEX person_care_id_idx ON person_care (id);
CREATE INDEX visit_id_idx ON visit (id);
CREATE INDEX tenancy_id_idx ON tenancy (id);
-- the relay's order is one across the province; only the relay numbers, so it is unique by construction
CREATE INDEX case_event_seq_idx ON case_event (seq);

-- ---- foreign keys between county tables, county first ----
ALTER TABLE household ADD CONSTRAINT household_grid_id_fkey FOREIGN KEY (grid_id) REFERENCES grid (id),
    ADD CONSTRAINT household_address_id_fkey FOREIGN KEY (county_code, address_id) REFERENCES address (county_code, id),
    ADD CONSTRAINT household_householder_id_fkey FOREIGN KEY (county_code, householder_id) REFERENCES person (county_code, id);
ALTER TABLE person ADD CONSTRAINT person_household_id_fkey FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id);
ALTER TABLE household_grid_history
    ADD CONSTRAINT household_grid_history_household_id_fkey FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id);
ALTER TABLE household_member
    ADD CONSTRAINT household_member_household_id_fkey FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id),
    ADD CONSTRAINT household_member_person_id_fkey FOREIGN KEY (county_code, person_id) REFERENCES person (county_code, id);
ALTER TABLE person_care ADD CONSTRAINT person_care_person_id_fkey FOREIGN KEY (county_code, person_id) REFERENCES person (county_code, id);
ALTER TABLE visit ADD CONSTRAINT visit_household_id_fkey FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id),
    ADD CONSTRAINT visit_person_id_fkey FOREIGN KEY (county_code, person_id) REFERENCES person (county_code, id);
ALTER TABLE case_file ADD CONSTRAINT case_file_grid_id_fkey FOREIGN KEY (grid_id) REFERENCES grid (id),
    ADD CONSTRAINT case_file_tier_grid_id_fkey FOREIGN KEY (tier_grid_id) REFERENCES grid (id),
    ADD CONSTRAINT case_file_kind_code_fkey FOREIGN KEY (kind_code) REFERENCES case_kind (code),
    ADD CONSTRAINT case_file_item_code_fkey FOREIGN KEY (item_code) REFERENCES case_item (code),
    ADD CONSTRAINT case_file_handler_department_id_fkey FOREIGN KEY (handler_department_id) REFERENCES department (id),
    ADD CONSTRAINT case_file_duplicate_of_fkey FOREIGN KEY (county_code, duplicate_of) REFERENCES case_file (county_code, id),
    ADD CONSTRAINT case_file_unit_id_fkey FOREIGN KEY (county_code, unit_id) REFERENCES unit (county_code, id);
ALTER TABLE case_event ADD CONSTRAINT case_event_case_id_fkey FOREIGN KEY (county_code, case_id) REFERENCES case_file (county_code, id);
ALTER TABLE case_department ADD CONSTRAINT case_department_case_id_fkey FOREIGN KEY (county_code, case_id) REFERENCES case_file (county_code, id);
ALTER TABLE case_person ADD CONSTRAINT case_person_case_id_fkey FOREIGN KEY (county_code, case_id) REFERENCES case_file (county_code, id),
    ADD CONSTRAINT case_person_person_id_fkey FOREIGN KEY (county_code, person_id) REFERENCES person (county_code, id);
ALTER TABLE case_household ADD CONSTRAINT case_household_case_id_fkey FOREIGN KEY (county_code, case_id) REFERENCES case_file (county_code, id),
    ADD CONSTRAINT case_household_household_id_fkey FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id);
ALTER TABLE case_contact ADD CONSTRAINT case_contact_case_id_fkey FOREIGN KEY (county_code, case_id) REFERENCES case_file (county_code, id);
ALTER TABLE case_attachment ADD CONSTRAINT case_attachment_case_id_fkey FOREIGN KEY (county_code, case_id) REFERENCES case_file (county_code, id),
    ADD CONSTRAINT case_attachment_finding_id_fkey FOREIGN KEY (county_code, finding_id) REFERENCES inspection_finding (county_code, id);
ALTER TABLE address ADD CONSTRAINT address_parent_id_fkey FOREIGN KEY (county_code, parent_id) REFERENCES address (county_code, id);
ALTER TABLE address_grid_change
    ADD CONSTRAINT address_grid_change_address_id_fkey FOREIGN KEY (county_code, address_id) REFERENCES address (county_code, id);
ALTER TABLE house ADD CONSTRAINT house_address_id_fkey FOREIGN KEY (county_code, address_id) REFERENCES address (county_code, id),
    ADD CONSTRAINT house_owner_person_id_fkey FOREIGN KEY (county_code, owner_person_id) REFERENCES person (county_code, id);
ALTER TABLE tenancy ADD CONSTRAINT tenancy_house_id_fkey FOREIGN KEY (county_code, house_id) REFERENCES house (county_code, id),
    ADD CONSTRAINT tenancy_household_id_fkey FOREIGN KEY (county_code, household_id) REFERENCES household (county_code, id),
    ADD CONSTRAINT tenancy_person_id_fkey FOREIGN KEY (county_code, person_id) REFERENCES person (county_code, id);
ALTER TABLE unit ADD CONSTRAINT unit_address_id_fkey FOREIGN KEY (county_code, address_id) REFERENCES address (county_code, id),
    ADD CONSTRAINT unit_legal_person_id_fkey FOREIGN KEY (county_code, legal_person_id) REFERENCES person (county_code, id),
    ADD CONSTRAINT unit_contact_person_id_fkey FOREIGN KEY (county_code, contact_person_id) REFERENCES person (county_code, id);
ALTER TABLE unit_risk ADD CONSTRAINT unit_risk_unit_id_fkey FOREIGN KEY (county_code, unit_id) REFERENCES unit (county_code, id) ON DELETE CASCADE;
ALTER TABLE inspection ADD CONSTRAINT inspection_unit_id_fkey FOREIGN KEY (county_code, unit_id) REFERENCES unit (county_code, id);
ALTER TABLE inspection_finding
    ADD CONSTRAINT inspection_finding_inspection_id_fkey FOREIGN KEY (county_code, inspection_id) REFERENCES inspection (county_code, id),
    ADD CONSTRAINT inspection_finding_case_id_fkey FOREIGN KEY (county_code, case_id) REFERENCES case_file (county_code, id);
ALTER TABLE daily_grid_figure ADD CONSTRAINT daily_grid_figure_grid_id_fkey FOREIGN KEY (grid_id) REFERENCES grid (id);

-- ---- province-wide unique values: lookup tables keyed by the value ----
CREATE TABLE person_identity (
    id_type        varchar(30) NOT NULL,
    id_number_hash bytea       NOT NULL,
    county_code    varchar(64) NOT NULL,
    person_id      bigint      NOT NULL,
    CONSTRAINT person_id_number_unique PRIMARY KEY (id_type, id_number_hash)
);
CREATE TABLE person_account (
    account_subject varchar(255) NOT NULL,
    county_code     varchar(64)  NOT NULL,
    person_id       bigint       NOT NULL,
    CONSTRAINT person_account_subject_key PRIMARY KEY (account_subject)
);
INSERT INTO person_identity SELECT id_type, id_number_hash, county_code, id FROM person WHERE id_number_hash IS NOT NULL;
INSERT INTO person_account SELECT account_subject, county_code, id FROM person WHERE account_subject IS NOT NULL;

-- kept by the person's own writes, so a duplicate anywhere in the province fails the write that made it
CREATE FUNCTION person_lookups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF TG_OP = 'DELETE' OR (OLD.id_type, OLD.id_number_hash) IS DISTINCT FROM (NEW.id_type, NEW.id_number_hash) THEN
            DELETE FROM person_identity WHERE id_type = OLD.id_type AND id_number_hash = OLD.id_number_hash AND person_id = OLD.id;
        END IF;
        IF TG_OP = 'DELETE' OR OLD.account_subject IS DISTINCT FROM NEW.account_subject THEN
            DELETE FROM person_account WHERE account_subject = OLD.account_subject AND person_id = OLD.id;
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN NULL;
        END IF;
    END IF;
    IF NEW.id_number_hash IS NOT NULL AND (TG_OP = 'INSERT'
            OR (OLD.id_type, OLD.id_number_hash) IS DISTINCT FROM (NEW.id_type, NEW.id_number_hash)) THEN
        INSERT INTO person_identity VALUES (NEW.id_type, NEW.id_number_hash, NEW.county_code, NEW.id);
    END IF;
    IF NEW.account_subject IS NOT NULL AND (TG_OP = 'INSERT' OR OLD.account_subject IS DISTINCT FROM NEW.account_subject) THEN
        INSERT INTO person_account VALUES (NEW.account_subject, NEW.county_code, NEW.id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER person_lookups AFTER INSERT OR UPDATE OF id_type, id_number_hash, account_subject OR DELETE ON person
    FOR EACH ROW EXECUTE FUNCTION person_lookups();

-- ---- the daily fold writes each tier's figure in that grid's county ----
CREATE OR REPLACE FUNCTION fold_daily() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    folded bigint;
BEGIN
    IF NOT pg_try_advisory_xact_lock(7429003) THEN
        RETURN 0;
    END IF;
    WITH moved AS (DELETE FROM daily_grid_delta RETURNING *),
    tiers AS (
        SELECT a::bigint AS grid_id, m.day, sum(m.reported) AS reported, sum(m.accepted) AS accepted, sum(m.closed) AS closed,
               sum(m.escalated) AS escalated, sum(m.visits) AS visits, sum(m.points_awarded) AS points_awarded
        FROM moved m JOIN grid g ON g.id = m.grid_id, unnest(string_to_array(trim(both '/' FROM g.path), '/')) AS a
        GROUP BY 1, 2),
    written AS (
        INSERT INTO daily_grid_figure AS d (county_code, grid_id, day, reported, accepted, closed, escalated, visits, points_awarded)
        SELECT g.county_code, t.grid_id, t.day, t.reported, t.accepted, t.closed, t.escalated, t.visits, t.points_awarded
        FROM tiers t JOIN grid g ON g.id = t.grid_id ORDER BY g.county_code, t.grid_id, t.day
        ON CONFLICT (county_code, grid_id, day) DO UPDATE SET
            reported = d.reported + EXCLUDED.reported, accepted = d.accepted + EXCLUDED.accepted,
            closed = d.closed + EXCLUDED.closed, escalated = d.escalated + EXCLUDED.escalated,
            visits = d.visits + EXCLUDED.visits, points_awarded = d.points_awarded + EXCLUDED.points_awarded
        RETURNING 1)
    SELECT (SELECT count(*) FROM moved) INTO folded FROM (SELECT count(*) FROM written) w;
    RETURN folded;
END $$;

ANALYZE household, person, case_file, case_event, daily_grid_figure, person_identity, person_account;
