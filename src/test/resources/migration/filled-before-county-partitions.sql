-- A database as V45 left it, with a row in every table a county will own: two counties of one
-- city, residents, cases with their timeline and links, base data, inspections, figures.
INSERT INTO grid (id, code, name, kind, level, parent_id, path) VALUES
    (9001, '6107', '汉中市', 'CITY', 1, NULL, '/9001/'),
    (9002, '610702', '汉台区', 'COUNTY', 2, 9001, '/9001/9002/'),
    (9003, '610702001', '北关街道', 'STREET', 3, 9002, '/9001/9002/9003/'),
    (9004, '61070200101', '北关一网格', 'MICRO_GRID', 4, 9003, '/9001/9002/9003/9004/'),
    (9005, '610703', '南郑区', 'COUNTY', 2, 9001, '/9001/9005/'),
    (9006, '610703001', '汉山街道', 'STREET', 3, 9005, '/9001/9005/9006/'),
    (9007, '61070300101', '汉山一网格', 'MICRO_GRID', 4, 9006, '/9001/9005/9006/9007/');
SELECT setval('grid_id_seq', 9100);
INSERT INTO account (subject, display_name) VALUES ('m-worker', '网格员'), ('m-resident', '居民');

INSERT INTO household (grid_id, address, building, unit, room)
SELECT g, '幸福小区', b || '栋', '1单元', r || '01' FROM unnest(ARRAY[9004, 9007]) g, generate_series(1, 3) b, generate_series(1, 4) r;
INSERT INTO person (name, gender, id_type, id_number_hash, id_number_mask, residence_type, household_id, relation, account_subject)
SELECT '居民' || h.id || '-' || m, 'MALE', 'RESIDENT_ID', decode(md5('id' || h.id || '-' || m), 'hex'), '610***', 'REGISTERED', h.id,
       CASE WHEN m = 1 THEN 'HOUSEHOLDER' ELSE 'CHILD' END, CASE WHEN h.id = (SELECT min(id) FROM household) AND m = 1 THEN 'm-resident' END
FROM household h, generate_series(1, 2) m;
UPDATE household h SET householder_id = (SELECT min(p.id) FROM person p WHERE p.household_id = h.id);
INSERT INTO household_member (household_id, person_id, relation, valid_from) SELECT household_id, id, relation, now() FROM person;
INSERT INTO household_grid_history (household_id, grid_id, valid_from) SELECT id, grid_id, now() FROM household;
INSERT INTO person_care (person_id, category_code, level, start_date)
SELECT id, 'EMPTY_NEST_ELDERLY', 'LOW', DATE '2026-01-01' FROM person WHERE relation = 'HOUSEHOLDER';
INSERT INTO visit (visitor_subject, household_id, person_id, visited_at)
SELECT 'm-worker', household_id, id, now() - interval '1 day' FROM person WHERE relation = 'HOUSEHOLDER';

INSERT INTO department (code, name, kind) VALUES ('m-police', '派出所', 'POLICE');
INSERT INTO case_file (number, kind_code, title, priority, source, grid_id, state, reporter_subject, tier_grid_id, due_at)
SELECT 'M' || g || '-' || n, 'DISPUTE', '邻里纠纷 ' || n, 'NORMAL', 'PATROL', g, 'REPORTED', 'm-worker', g, now() + interval '3 days'
FROM unnest(ARRAY[9004, 9007]) g, generate_series(1, 5) n;
INSERT INTO case_event (case_id, action, to_state, actor_subject) SELECT id, 'REPORT', 'REPORTED', 'm-worker' FROM case_file;
INSERT INTO case_event (case_id, action, from_state, to_state, actor_subject) SELECT id, 'ACCEPT', 'REPORTED', 'ACCEPTED', 'm-worker' FROM case_file;
UPDATE case_event SET seq = id WHERE seq IS NULL;
INSERT INTO case_person (case_id, person_id)
SELECT c.id, (SELECT min(p.id) FROM person p JOIN household h ON h.id = p.household_id WHERE h.grid_id = c.grid_id) FROM case_file c;
INSERT INTO case_household (case_id, household_id) SELECT c.id, (SELECT min(h.id) FROM household h WHERE h.grid_id = c.grid_id) FROM case_file c;
INSERT INTO case_department (case_id, department_id) SELECT c.id, d.id FROM case_file c, department d WHERE d.code = 'm-police';
INSERT INTO case_contact (case_id, phone_cipher, key_id) SELECT id, '\x01'::bytea, 'dev1' FROM case_file;
INSERT INTO case_attachment (id, case_id, file_name, content_type, size_bytes, storage_key, uploaded_by)
SELECT gen_random_uuid(), id, 'photo.jpg', 'image/jpeg', 10, 'k/' || id, 'm-worker' FROM case_file;

INSERT INTO house (address_id, use, owner_person_id, created_by)
SELECT h.address_id, 'RENTED', h.householder_id, 'm-worker' FROM household h;
INSERT INTO tenancy (house_id, household_id, start_date, created_by)
SELECT ho.id, h.id, DATE '2026-01-01', 'm-worker' FROM house ho JOIN household h ON h.address_id = ho.address_id;
INSERT INTO unit (name, credit_code, kind, address_id, legal_person_id, created_by)
SELECT '小餐馆' || h.id, NULL, 'RESTAURANT', h.address_id, h.householder_id, 'm-worker' FROM household h;
INSERT INTO unit_risk (unit_id, tag_code) SELECT id, 'NINE_SMALL' FROM unit;
INSERT INTO inspection (unit_id, checklist_code, inspector_subject, inspected_at) SELECT id, 'FIRE_SAFETY', 'm-worker', now() FROM unit;
INSERT INTO inspection_finding (inspection_id, item_code, description)
SELECT i.id, (SELECT code FROM inspection_check_item WHERE checklist_code = 'FIRE_SAFETY' ORDER BY code LIMIT 1), '灭火器过期' FROM inspection i;
INSERT INTO case_attachment (id, finding_id, file_name, content_type, size_bytes, storage_key, uploaded_by)
SELECT gen_random_uuid(), id, 'finding.jpg', 'image/jpeg', 10, 'f/' || id, 'm-worker' FROM inspection_finding;

INSERT INTO points_account (subject) VALUES ('m-worker');
INSERT INTO points_entry (subject, amount, balance_after, reason, case_id)
SELECT 'm-worker', 5, 5, 'VERIFIED_REPORT', min(id) FROM case_file;
INSERT INTO pii_audit (actor_subject, person_id, field, reason, request_id)
SELECT 'm-worker', min(id), 'idNumber', '核实身份', 'm-1' FROM person;
SELECT fold_daily();
