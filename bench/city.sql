-- A city like Hanzhong (DOMAIN.md §6), generated inside PostgreSQL, deterministic from a seed.
-- psql -v scale=1.0 -v seed=0.42 -f bench/city.sql   (scale 1.0: ~104k grids, 1M households,
-- 3.2M residents with their memberships, 1.5M visits, 500k cases with the residents they concern,
-- 24 partner departments; scale 0.01 for quick runs). Expects an empty, migrated database.
\set ON_ERROR_STOP on
\timing on
SELECT setseed(:seed);

-- Grids: city → 11 counties → 16 townships each → villages (17,249 at scale 1) → 5 micro-grids each.
-- With counties > 11 (BENCH_COUNTIES), several such cities of 11 counties under a province (陕西省):
-- the first city keeps Hanzhong's ids and codes; the counties share the villages.
CREATE TEMP TABLE sizes AS SELECT greatest(1, round(17249 * :scale))::int AS villages, :counties::int AS counties,
                                  ((:counties::int + 10) / 11) AS cities;

INSERT INTO grid (id, code, name, kind, level, parent_id, path, layers)
SELECT 99, '61', '陕西省', 'PROVINCE', 1, NULL, '/99/', '{COMPREHENSIVE_GOVERNANCE}' FROM sizes WHERE cities > 1;
INSERT INTO grid (id, code, name, kind, level, parent_id, path, layers)
SELECT k.id, '61' || lpad((6 + k.n)::text, 2, '0'), CASE WHEN k.n = 1 THEN '汉中市' ELSE '城市' || k.n END, 'CITY',
       CASE WHEN s.cities > 1 THEN 2 ELSE 1 END, CASE WHEN s.cities > 1 THEN 99 END,
       CASE WHEN s.cities > 1 THEN '/99/' ELSE '/' END || k.id || '/', '{PARTY_BUILDING,COMPREHENSIVE_GOVERNANCE}'
FROM sizes s, LATERAL (SELECT n, CASE WHEN n = 1 THEN 1 ELSE 80 + n END AS id FROM generate_series(1, s.cities) n) k;

INSERT INTO grid (id, code, name, kind, level, parent_id, path, layers)
SELECT 1 + c, p.code || lpad(((c - 1) % 11 + 1)::text, 2, '0'), '区县' || c, 'COUNTY', p.level + 1, p.id, p.path || (1 + c) || '/',
       '{COMPREHENSIVE_GOVERNANCE}'
FROM sizes s CROSS JOIN generate_series(1, s.counties) c
JOIN grid p ON p.kind = 'CITY' AND p.code = '61' || lpad((6 + (c - 1) / 11 + 1)::text, 2, '0');

INSERT INTO grid (id, code, name, kind, level, parent_id, path, layers)
SELECT 100 + (c - 1) * 16 + t, p.code || lpad(t::text, 3, '0'), '乡镇' || c || '-' || t, 'TOWNSHIP', p.level + 1,
       p.id, p.path || (100 + (c - 1) * 16 + t) || '/', '{COMPREHENSIVE_GOVERNANCE,POLICING}'
FROM sizes s CROSS JOIN generate_series(1, s.counties) c CROSS JOIN generate_series(1, 16) t
JOIN grid p ON p.id = 1 + c;

INSERT INTO grid (id, code, name, kind, level, parent_id, path, layers)
SELECT 1000 + v, p.code || lpad(v::text, 6, '0'), '村社区' || v, CASE WHEN v % 5 = 0 THEN 'COMMUNITY' ELSE 'VILLAGE' END, p.level + 1,
       p.id, p.path || (1000 + v) || '/', '{COMPREHENSIVE_GOVERNANCE}'
FROM sizes s CROSS JOIN generate_series(1, s.villages) v
JOIN grid p ON p.id = 100 + (v % (16 * (SELECT counties FROM sizes))) + 1;

INSERT INTO grid (id, code, name, kind, level, parent_id, path, layers)
SELECT 1000000 + (v.id - 1000) * 5 + m, v.code || lpad(m::text, 2, '0'), v.name || '第' || m || '网格', 'MICRO_GRID', v.level + 1,
       v.id, v.path || (1000000 + (v.id - 1000) * 5 + m) || '/', '{COMPREHENSIVE_GOVERNANCE}'
FROM grid v, generate_series(1, 5) m WHERE v.kind IN ('VILLAGE', 'COMMUNITY');
SELECT setval('grid_id_seq', (SELECT max(id) FROM grid));

-- Staff: a chief per village, a worker per micro-grid.
INSERT INTO account (subject, display_name)
SELECT CASE WHEN kind <> 'MICRO_GRID' THEN 'chief-' ELSE 'worker-' END || id, '网格人员' || id FROM grid
WHERE kind IN ('VILLAGE', 'COMMUNITY', 'MICRO_GRID');
INSERT INTO staff_assignment (grid_id, subject, role, start_date, created_by)
SELECT id, CASE WHEN kind <> 'MICRO_GRID' THEN 'chief-' ELSE 'worker-' END || id, CASE WHEN kind <> 'MICRO_GRID' THEN 'GRID_CHIEF' ELSE 'GRID_WORKER' END,
       DATE '2026-01-01', 'generator'
FROM grid WHERE kind IN ('VILLAGE', 'COMMUNITY', 'MICRO_GRID');

-- Households: ~11.6 per micro-grid (1M at scale 1); residents ~3.2 per household.
-- micro-grid ids run from 1000006 to 1000005 + 5 × villages
INSERT INTO household (id, county_code, grid_id, address)
SELECT h, g.county_code, g.id, '门牌' || h || '号'
FROM generate_series(1, greatest(1, round(1000000 * :scale))::int) h
JOIN grid g ON g.id = 1000006 + (h::bigint * 7919) % (5 * (SELECT villages FROM sizes));
SELECT setval(pg_get_serial_sequence('household', 'id'), (SELECT max(id) FROM household));

-- Residents carry masks but no sealed documents (the benchmarks never read them in full).
-- (the ID-number lookup is filled in one statement after, not row by row)
ALTER TABLE person DISABLE TRIGGER person_lookups;
INSERT INTO person (id, county_code, name, gender, birth_date, id_type, id_number_hash, id_number_mask, residence_type, household_id, relation)
SELECT p, hh.county_code, '居民' || p, CASE WHEN p % 2 = 0 THEN 'FEMALE' ELSE 'MALE' END, DATE '1940-01-01' + (p * 37 % 29000),
       'RESIDENT_ID', decode(md5('person-' || p), 'hex'), '610***********' || lpad((p % 10000)::text, 4, '0'),
       CASE WHEN p % 10 = 0 THEN 'FLOATING' ELSE 'REGISTERED' END,
       hh.id, CASE WHEN p <= (SELECT max(id) FROM household) THEN 'HOUSEHOLDER' ELSE 'CHILD' END
FROM generate_series(1, greatest(1, round(3200000 * :scale))::int) p
JOIN household hh ON hh.id = (p - 1) % (SELECT max(id) FROM household) + 1;
SELECT setval(pg_get_serial_sequence('person', 'id'), (SELECT max(id) FROM person));
UPDATE household h SET householder_id = p.id FROM person p WHERE p.household_id = h.id AND p.relation = 'HOUSEHOLDER';
INSERT INTO person_identity SELECT id_type, id_number_hash, county_code, id FROM person WHERE id_number_hash IS NOT NULL;
ALTER TABLE person ENABLE TRIGGER person_lookups;

-- Memberships: everyone in their current household since 2015–2023; one resident in 50 moved in
-- 2024 from another household of the same micro-grid (households h and h ± 5 × villages share one).
INSERT INTO household_member (county_code, household_id, person_id, relation, valid_from, valid_to)
SELECT p.county_code, p.household_id, p.id, p.relation,
       CASE WHEN p.id % 50 = 7 THEN timestamptz '2024-06-01 00:00+08' ELSE timestamptz '2015-01-01 00:00+08' + (p.id % 3000 || ' days')::interval END,
       NULL
FROM person p;
INSERT INTO household_member (county_code, household_id, person_id, relation, valid_from, valid_to)
SELECT p.county_code, CASE WHEN p.household_id + 5 * s.villages <= (SELECT max(id) FROM household) THEN p.household_id + 5 * s.villages
            WHEN p.household_id > 5 * s.villages THEN p.household_id - 5 * s.villages ELSE p.household_id END,
       p.id, 'CHILD', timestamptz '2010-01-01 00:00+08' + (p.id % 3000 || ' days')::interval, timestamptz '2024-06-01 00:00+08'
FROM person p, sizes s WHERE p.id % 50 = 7
-- (a household of another county is no household of this one: those keep their own)
AND p.county_code = (SELECT h.county_code FROM household h WHERE h.id = CASE
        WHEN p.household_id + 5 * s.villages <= (SELECT max(id) FROM household) THEN p.household_id + 5 * s.villages
        WHEN p.household_id > 5 * s.villages THEN p.household_id - 5 * s.villages ELSE p.household_id END);

-- Visits (入户走访): household h has h % 4 of them in 2026, by the worker of its micro-grid.
-- (the roll-up below counts them, as it does the case events)
ALTER TABLE visit DISABLE TRIGGER USER;
INSERT INTO visit (county_code, visitor_subject, household_id, person_id, visited_at, notes, findings)
SELECT h.county_code, 'worker-' || h.grid_id, h.id, CASE WHEN v = 1 THEN h.householder_id END,
       timestamptz '2026-01-01 00:00+08' + ((h.id::bigint * 7919 * v) % (300 * 86400) || ' seconds')::interval,
       '走访' || v, CASE WHEN v = 2 THEN '需跟进' END
FROM household h CROSS JOIN LATERAL generate_series(1, (h.id % 4)::int) v;
ALTER TABLE visit ENABLE TRIGGER USER;

-- Partner departments (街乡吹哨、部门报到).
INSERT INTO department (id, code, name, kind)
SELECT d, 'DEPT-' || lpad(d::text, 2, '0'), (ARRAY['城管执法局','市场监管局','公安分局','住建局','应急管理局','生态环境局','水务局','交通运输局'])[1 + (d - 1) % 8] || d,
       (ARRAY['URBAN_MANAGEMENT','MARKET_REGULATION','POLICE','HOUSING','EMERGENCY','ENVIRONMENT','WATER','TRANSPORT'])[1 + (d - 1) % 8]
FROM generate_series(1, 24) d;
SELECT setval(pg_get_serial_sequence('department', 'id'), 24);

-- Cases: 500k at scale 1 over the micro-grids, across the year, in every state of the loop
-- (their roll-up for cities and provinces is built at the end, not case by case).
ALTER TABLE case_event DISABLE TRIGGER USER;
ALTER TABLE case_file DISABLE TRIGGER case_cohort_changed;
INSERT INTO case_file (county_code, id, number, kind_code, title, priority, risk_colour, source, grid_id, state, reporter_subject,
                       owner_subject, tier_grid_id, handler_subject, handler_department_id, due_at, created_at, closed_at, rework_count, rating)
SELECT g.county_code, c, 'G' || lpad(c::text, 8, '0'),
       (ARRAY['DISPUTE','SAFETY_HAZARD','LIVELIHOOD','PUBLIC_SECURITY','ENVIRONMENT','EMERGENCY'])[1 + c % 6],
       '生成案件 ' || c, (ARRAY['URGENT','HIGH','NORMAL','NORMAL','LOW'])[1 + c % 5],
       CASE WHEN c % 6 = 0 THEN (ARRAY['RED','YELLOW','GREEN','GREEN'])[1 + c % 4] END,
       (ARRAY['PATROL','SNAPSHOT','RESIDENT','HOTLINE','WECHAT_GROUP','CAMERA'])[1 + c % 6],
       g.id, s.state, 'worker-' || g.id, 'chief-' || g.parent_id, g.id,
       -- dispatched: a third to a partner department, the rest to the micro-grid's worker
       CASE WHEN s.state IN ('DISPATCHED','IN_PROGRESS','RESOLVED','VERIFIED','CLOSED') AND c % 3 <> 0 THEN 'worker-' || g.id END,
       CASE WHEN s.state IN ('DISPATCHED','IN_PROGRESS','RESOLVED','VERIFIED','CLOSED') AND c % 3 = 0 THEN 1 + c % 24 END,
       t.created + interval '72 hours', t.created,
       CASE WHEN s.state = 'CLOSED' THEN t.created + ((c % 120) || ' hours')::interval END,
       CASE WHEN c % 11 = 0 THEN 1 ELSE 0 END, CASE WHEN s.state = 'CLOSED' AND c % 3 = 0 THEN 1 + c % 5 END
FROM generate_series(1, greatest(1, round(500000 * :scale))::int) c
CROSS JOIN LATERAL (SELECT (ARRAY['REPORTED','ACCEPTED','DISPATCHED','IN_PROGRESS','RESOLVED','VERIFIED','CLOSED','CLOSED','CLOSED','CLOSED','REJECTED'])[1 + c % 11] AS state) s
CROSS JOIN LATERAL (SELECT timestamptz '2026-01-01 00:00+08' + ((c::bigint * 104729) % (320 * 86400) || ' seconds')::interval AS created) t
JOIN grid g ON g.id = 1000006 + (c::bigint * 7919) % (5 * (SELECT villages FROM sizes));
SELECT setval(pg_get_serial_sequence('case_file', 'id'), (SELECT max(id) FROM case_file));
SELECT setval('case_number_seq', (SELECT count(*) FROM case_file));
INSERT INTO case_department (county_code, case_id, department_id)
SELECT county_code, id, handler_department_id FROM case_file WHERE handler_department_id IS NOT NULL;

-- The residents a case concerns: case c happened in the micro-grid of household c; its householder,
-- and for every other case a second member of that household.
INSERT INTO case_person (county_code, case_id, person_id)
SELECT c.county_code, c.id, c.id FROM case_file c WHERE c.id <= (SELECT max(id) FROM household)
UNION ALL
SELECT c.county_code, c.id, c.id + h.n FROM case_file c, (SELECT max(id) AS n FROM household) h
WHERE c.id % 2 = 0 AND c.id + h.n <= (SELECT max(id) FROM person);

-- Timelines: the steps each case's state implies, in order.
INSERT INTO case_event (county_code, case_id, action, from_state, to_state, actor_subject, actor_name, note, at, seq)
SELECT c.county_code, c.id, st.action, st.from_state, st.to_state, c.reporter_subject, '生成', NULL, c.created_at + (st.n || ' hours')::interval,
       row_number() OVER (ORDER BY c.id, st.n)
FROM case_file c
CROSS JOIN LATERAL (VALUES
    (0, 'REPORT', NULL, 'REPORTED', 0), (1, 'ACCEPT', 'REPORTED', 'ACCEPTED', 1), (2, 'DISPATCH', 'ACCEPTED', 'DISPATCHED', 2),
    (3, 'TAKE', 'DISPATCHED', 'IN_PROGRESS', 3), (4, 'RESOLVE', 'IN_PROGRESS', 'RESOLVED', 4), (5, 'VERIFY', 'RESOLVED', 'VERIFIED', 5),
    (6, 'CLOSE', 'VERIFIED', 'CLOSED', 6)) AS st(n, action, from_state, to_state, rank)
WHERE st.rank <= CASE c.state WHEN 'REPORTED' THEN 0 WHEN 'REJECTED' THEN 0 WHEN 'ACCEPTED' THEN 1 WHEN 'DISPATCHED' THEN 2
                              WHEN 'IN_PROGRESS' THEN 3 WHEN 'RESOLVED' THEN 4 WHEN 'VERIFIED' THEN 5 ELSE 6 END;
ALTER TABLE case_event ENABLE TRIGGER USER;

-- The daily roll-up, rebuilt set-wise for every tier.
INSERT INTO daily_grid_figure (county_code, grid_id, day, reported, accepted, closed, escalated, visits, points_awarded)
SELECT (SELECT t.county_code FROM grid t WHERE t.id = a::bigint), a::bigint, l.day, sum(l.reported), sum(l.accepted), sum(l.closed), sum(l.escalated), sum(l.visits), 0
FROM (SELECT x.grid_id, x.day, sum(x.reported) AS reported, sum(x.accepted) AS accepted, sum(x.closed) AS closed,
             sum(x.escalated) AS escalated, sum(x.visits) AS visits
      FROM (SELECT c.grid_id, (e.at AT TIME ZONE 'Asia/Shanghai')::date AS day, (e.action = 'REPORT')::int AS reported,
                   (e.action = 'ACCEPT')::int AS accepted, (e.action = 'CLOSE')::int AS closed,
                   (e.action = 'ESCALATE')::int AS escalated, 0 AS visits
            FROM case_event e JOIN case_file c ON c.id = e.case_id
            WHERE e.action IN ('REPORT', 'ACCEPT', 'CLOSE', 'ESCALATE')
            UNION ALL
            SELECT h.grid_id, (v.visited_at AT TIME ZONE 'Asia/Shanghai')::date, 0, 0, 0, 0, 1
            FROM visit v JOIN household h ON h.id = v.household_id) x
      GROUP BY 1, 2) l
JOIN grid g ON g.id = l.grid_id, unnest(string_to_array(trim(both '/' FROM g.path), '/')) a
GROUP BY a, l.day;

-- 一标三实: a house at each household's address (its householder the owner; a third rented, to the
-- household), and about 5 units per 100 households at places of their own: 40% with a risk tag,
-- half of those inspected in the last 60 days.
INSERT INTO house (county_code, address_id, use, owner_person_id, area, created_by)
SELECT h.county_code, h.address_id, CASE WHEN h.id % 3 = 0 THEN 'RENTED' WHEN h.id % 17 = 1 THEN 'VACANT' ELSE 'SELF_OCCUPIED' END,
       h.householder_id, 40 + h.id % 100, 'generator'
FROM household h WHERE h.address_id IS NOT NULL
ON CONFLICT (county_code, address_id) DO NOTHING;
INSERT INTO tenancy (county_code, house_id, household_id, start_date, created_by)
SELECT ho.county_code, ho.id, h.id, DATE '2024-01-01' + (h.id % 700)::int, 'generator'
FROM house ho JOIN household h ON h.address_id = ho.address_id WHERE ho.use = 'RENTED';

CREATE FUNCTION pg_temp.credit_code(first17 text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT first17 || substr('0123456789ABCDEFGHJKLMNPQRTUWXY', (31 - sum((strpos('0123456789ABCDEFGHJKLMNPQRTUWXY', substr(first17, i, 1)) - 1)
         * ((3 ^ (i - 1))::numeric % 31)::int) % 31)::int % 31 + 1, 1)
  FROM generate_series(1, 17) i $$;
INSERT INTO address (kind, name, grid_id)
SELECT 'PLACE', '商铺' || u || '号', 1000006 + (u::bigint * 104729) % (5 * (SELECT villages FROM sizes))
FROM generate_series(1, greatest(1, round(50000 * :scale))::int) u;
INSERT INTO unit (county_code, name, credit_code, kind, address_id, legal_person_id, employees, opening_hours, created_by, created_at)
SELECT x.county_code, '单位' || x.u, CASE WHEN x.u % 10 <> 9 THEN pg_temp.credit_code('926107' || lpad(x.u::text, 11, '0')) END,
       (ARRAY['SHOP', 'RESTAURANT', 'ENTERPRISE', 'SHOP', 'RESTAURANT', 'SCHOOL', 'HOSPITAL', 'SOCIAL_ORGANISATION', 'ENTERPRISE', 'OTHER'])[x.u % 10 + 1],
       -- the legal representative: a householder of the unit's own grid (a resident of its county)
       x.id, (SELECT h.householder_id FROM household h WHERE h.grid_id = x.grid_id ORDER BY h.id OFFSET x.u % 5 LIMIT 1), 1 + x.u % 30,
       CASE WHEN x.u % 10 IN (0, 1, 3, 4) THEN '08:00-22:00' END, 'generator', TIMESTAMPTZ '2025-06-01' + make_interval(days => x.u % 300)
FROM (SELECT a.id, a.county_code, a.grid_id, substring(a.name FROM '商铺(\d+)号')::int AS u FROM address a WHERE a.kind = 'PLACE' AND a.name LIKE '商铺%号') x;
INSERT INTO unit_risk (county_code, unit_id, tag_code)
SELECT u.county_code, u.id, t.tag FROM unit u, LATERAL (VALUES
    (CASE WHEN u.id % 5 IN (0, 1) THEN 'NINE_SMALL' END), (CASE WHEN u.id % 25 = 2 THEN 'HAZARDOUS_CHEMICALS' END),
    (CASE WHEN u.id % 10 = 3 THEN 'CROWDED_PLACE' END)) t(tag)
WHERE t.tag IS NOT NULL;
INSERT INTO inspection (county_code, unit_id, checklist_code, inspector_subject, inspected_at, notes)
SELECT r.county_code, r.unit_id, rt.checklist_code, 'worker-' || a.grid_id, now() - make_interval(days => (r.unit_id % 60)::int), '例行检查'
FROM unit_risk r JOIN unit_risk_tag rt ON rt.code = r.tag_code JOIN unit u ON u.id = r.unit_id JOIN address a ON a.id = u.address_id
WHERE r.unit_id % 2 = 0;
INSERT INTO inspection_finding (county_code, inspection_id, item_code, description)
SELECT i.county_code, i.id, ci.code, '发现隐患' FROM inspection i
JOIN LATERAL (SELECT code FROM inspection_check_item c WHERE c.checklist_code = i.checklist_code ORDER BY c.sort_order LIMIT 1) ci ON true
WHERE i.id % 4 = 0;

-- the roll-up of cities' and provinces' case indicators (V44), all at once
ALTER TABLE case_file ENABLE TRIGGER case_cohort_changed;
SELECT rebuild_case_cohorts();

-- as autovacuum leaves a database that has been running: statistics, and the visibility map that
-- lets index-only scans skip the heap
VACUUM ANALYZE;
SELECT (SELECT count(*) FROM grid) AS grids, (SELECT count(*) FROM staff_assignment) AS staff,
       (SELECT count(*) FROM household) AS households, (SELECT count(*) FROM person) AS persons,
       (SELECT count(*) FROM household_member) AS memberships, (SELECT count(*) FROM visit) AS visits,
       (SELECT count(*) FROM case_file) AS cases, (SELECT count(*) FROM case_person) AS case_persons,
       (SELECT count(*) FROM case_event) AS events, (SELECT count(*) FROM address) AS addresses, (SELECT count(*) FROM house) AS houses,
       (SELECT count(*) FROM tenancy) AS tenancies, (SELECT count(*) FROM unit) AS units, (SELECT count(*) FROM inspection) AS inspections;

-- Marks the dataset complete (bench/generate-city checks for it).
-- version 2: memberships, visits, departments and the residents of cases (the client-shaped reads need them)
-- version 3: houses, tenancies, units, risk tags and inspections (一标三实)
CREATE TABLE bench_dataset AS SELECT now() AS generated_at, :scale::float AS scale, :seed::float AS seed, 4 AS version,
       :counties::int AS counties;
