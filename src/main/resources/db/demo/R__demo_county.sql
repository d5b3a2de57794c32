-- Demo county for dev mode (and the tests' fixed accounts): Nanzhao county (南召县), cut into
-- townships, villages/communities and micro-grids, with staff for each demo user.
-- Idempotent: rows are added by code/subject only when missing.

CREATE OR REPLACE FUNCTION pg_temp.demo_grid(p_code text, p_name text, p_kind text, p_parent text, p_layers text[])
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    parent grid%ROWTYPE;
    new_id bigint;
BEGIN
    IF EXISTS (SELECT 1 FROM grid WHERE code = p_code) THEN
        RETURN;
    END IF;
    new_id := nextval('grid_id_seq');
    IF p_parent IS NULL THEN
        INSERT INTO grid (id, code, name, kind, level, parent_id, path, layers)
        VALUES (new_id, p_code, p_name, p_kind, 1, NULL, '/' || new_id || '/', p_layers);
    ELSE
        SELECT * INTO parent FROM grid WHERE code = p_parent;
        INSERT INTO grid (id, code, name, kind, level, parent_id, path, layers)
        VALUES (new_id, p_code, p_name, p_kind, parent.level + 1, parent.id, parent.path || new_id || '/', p_layers);
    END IF;
END $$;

CREATE OR REPLACE FUNCTION pg_temp.demo_staff(p_subject text, p_name text, p_grid text, p_role text)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO account (subject, display_name) VALUES (p_subject, p_name) ON CONFLICT (subject) DO NOTHING;
    IF NOT EXISTS (SELECT 1 FROM staff_assignment a JOIN grid g ON g.id = a.grid_id
                   WHERE a.subject = p_subject AND g.code = p_grid AND a.role = p_role) THEN
        INSERT INTO staff_assignment (grid_id, subject, role, start_date, created_by)
        SELECT id, p_subject, p_role, DATE '2026-01-01', 'demo' FROM grid WHERE code = p_grid;
    END IF;
END $$;

SELECT pg_temp.demo_grid('411321', '南召县', 'COUNTY', NULL,
    ARRAY['PARTY_BUILDING','COMPREHENSIVE_GOVERNANCE','POLICING','RELIGIOUS_AFFAIRS','EMERGENCY']);

SELECT pg_temp.demo_grid('411321001', '城关镇', 'TOWNSHIP', '411321', ARRAY['PARTY_BUILDING','COMPREHENSIVE_GOVERNANCE','POLICING']);
SELECT pg_temp.demo_grid('411321001001', '东关村', 'VILLAGE', '411321001', ARRAY['PARTY_BUILDING','COMPREHENSIVE_GOVERNANCE']);
SELECT pg_temp.demo_grid('411321001001001', '东关村一组微网格', 'MICRO_GRID', '411321001001', ARRAY['COMPREHENSIVE_GOVERNANCE']);
SELECT pg_temp.demo_grid('411321001001002', '东关村二组微网格', 'MICRO_GRID', '411321001001', ARRAY['COMPREHENSIVE_GOVERNANCE']);
SELECT pg_temp.demo_grid('411321001001003', '东关村三组微网格', 'MICRO_GRID', '411321001001', ARRAY['COMPREHENSIVE_GOVERNANCE','EMERGENCY']);
SELECT pg_temp.demo_grid('411321001002', '西关社区', 'COMMUNITY', '411321001', ARRAY['PARTY_BUILDING','COMPREHENSIVE_GOVERNANCE','POLICING']);
SELECT pg_temp.demo_grid('411321001002001', '西关社区第一居民小组', 'GROUP', '411321001002', ARRAY['COMPREHENSIVE_GOVERNANCE']);
SELECT pg_temp.demo_grid('411321001002002', '西关社区第二居民小组', 'GROUP', '411321001002', ARRAY['COMPREHENSIVE_GOVERNANCE']);

SELECT pg_temp.demo_grid('411321002', '云阳镇', 'TOWNSHIP', '411321', ARRAY['PARTY_BUILDING','COMPREHENSIVE_GOVERNANCE','EMERGENCY']);
SELECT pg_temp.demo_grid('411321002001', '云阳村', 'VILLAGE', '411321002', ARRAY['PARTY_BUILDING','COMPREHENSIVE_GOVERNANCE']);
SELECT pg_temp.demo_grid('411321002001001', '云阳村一组微网格', 'MICRO_GRID', '411321002001', ARRAY['COMPREHENSIVE_GOVERNANCE']);
SELECT pg_temp.demo_grid('411321002001002', '云阳村二组微网格', 'MICRO_GRID', '411321002001', ARRAY['COMPREHENSIVE_GOVERNANCE','EMERGENCY']);
SELECT pg_temp.demo_grid('411321002002', '铁佛寺村', 'VILLAGE', '411321002', ARRAY['PARTY_BUILDING','COMPREHENSIVE_GOVERNANCE','RELIGIOUS_AFFAIRS']);
SELECT pg_temp.demo_grid('411321002002001', '铁佛寺村一组微网格', 'MICRO_GRID', '411321002002', ARRAY['COMPREHENSIVE_GOVERNANCE']);

SELECT pg_temp.demo_grid('411321003', '皇路店镇', 'TOWNSHIP', '411321', ARRAY['PARTY_BUILDING','COMPREHENSIVE_GOVERNANCE']);
SELECT pg_temp.demo_grid('411321003001', '皇路店村', 'VILLAGE', '411321003', ARRAY['PARTY_BUILDING','COMPREHENSIVE_GOVERNANCE']);

UPDATE grid SET centre_lat = 33.4880, centre_lng = 112.4290,
    boundary = '{"type":"Polygon","coordinates":[[[112.20,33.30],[112.70,33.30],[112.70,33.70],[112.20,33.70],[112.20,33.30]]]}'
WHERE code = '411321' AND boundary IS NULL;

-- Demo users: the dev token endpoint (/dev/token/{user}) signs a token for each.
SELECT pg_temp.demo_staff('commander-chengguan', '王建国', '411321001', 'GRID_COMMANDER');
SELECT pg_temp.demo_staff('chief-dongguan', '李秀英', '411321001001', 'GRID_CHIEF');
SELECT pg_temp.demo_staff('worker-dongguan', '张伟', '411321001001001', 'GRID_WORKER');
SELECT pg_temp.demo_staff('worker-dongguan', '张伟', '411321001001002', 'GRID_WORKER');
SELECT pg_temp.demo_staff('reporter-dongguan', '刘大爷', '411321001001001', 'INFORMATION_REPORTER');
SELECT pg_temp.demo_staff('chief-yunyang', '陈静', '411321002001', 'GRID_CHIEF');
SELECT pg_temp.demo_staff('worker-yunyang', '赵磊', '411321002001001', 'GRID_WORKER');
SELECT pg_temp.demo_staff('police-chengguan', '孙警官', '411321001', 'COMMUNITY_POLICE');

-- Demo partner departments.
INSERT INTO department (code, name, kind) VALUES
    ('police-chengguan', '城关派出所', 'POLICE'),
    ('health-nanzhao', '南召县卫生健康委员会', 'HEALTH'),
    ('civil-nanzhao', '南召县民政局', 'CIVIL_AFFAIRS')
ON CONFLICT (code) DO NOTHING;
INSERT INTO account (subject, display_name) VALUES ('dept-police', '城关派出所值班民警') ON CONFLICT (subject) DO NOTHING;
INSERT INTO department_member (subject, department_id)
SELECT 'dept-police', id FROM department WHERE code = 'police-chengguan' ON CONFLICT (subject) DO NOTHING;

-- A demo points shop (积分超市) for 城关镇: points earned there expire after two years.
INSERT INTO shop (grid_id, name, expiry_years)
SELECT g.id, '城关镇积分超市', 2 FROM grid g
WHERE g.code = '411321001' AND NOT EXISTS (SELECT 1 FROM shop s WHERE s.grid_id = g.id);
INSERT INTO shop_item (shop_id, name, price, stock, per_person_limit, limit_period)
SELECT s.id, i.name, i.price, i.stock, i.lim, i.period
FROM shop s JOIN grid g ON g.id = s.grid_id AND g.code = '411321001'
CROSS JOIN (VALUES ('洗衣粉', 20, 50, 2, 'MONTH'), ('食用油 5L', 80, 20, 1, 'MONTH'), ('大米 10kg', 120, 10, 1, 'YEAR')) AS i (name, price, stock, lim, period)
WHERE NOT EXISTS (SELECT 1 FROM shop_item x WHERE x.shop_id = s.id AND x.name = i.name);
