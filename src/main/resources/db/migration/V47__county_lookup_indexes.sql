-- Lookups that name no county (V46): a key led by county_code serves a query that gives the
-- county; one that gives only the old columns would read the whole index. Each old key's columns
-- keep an index of their own.
CREATE INDEX address_place_idx ON address (grid_id, name) WHERE parent_id IS NULL;
CREATE INDEX address_child_idx ON address (parent_id, name) WHERE parent_id IS NOT NULL;
CREATE INDEX address_code_idx ON address (code);
CREATE INDEX house_address_idx ON house (address_id);
CREATE INDEX case_contact_case_idx ON case_contact (case_id);
CREATE INDEX case_department_case_idx ON case_department (case_id, department_id);
CREATE INDEX case_person_case_idx ON case_person (case_id, person_id);
CREATE INDEX case_household_case_idx ON case_household (case_id, household_id);
CREATE INDEX inspection_finding_item_idx ON inspection_finding (inspection_id, item_code);
CREATE INDEX inspection_finding_case_idx ON inspection_finding (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX unit_risk_unit_idx ON unit_risk (unit_id, tag_code);
CREATE INDEX daily_grid_figure_grid_idx ON daily_grid_figure (grid_id, day);
CREATE INDEX household_grid_history_id_idx ON household_grid_history (id);
CREATE INDEX household_member_id_idx ON household_member (id);
CREATE INDEX address_grid_change_id_idx ON address_grid_change (id);
