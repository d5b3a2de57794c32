-- Demo 一标三实 for 东关村, made once its residents are in (dev mode calls demo_base_data() when
-- the demo roster has been imported): a house at every household's address (a few rented, with
-- tenancies, one of them ended), a dozen units with contacts, risk tags and inspections.
-- Idempotent: it does nothing once the village has units.

CREATE OR REPLACE FUNCTION demo_credit_code(first17 text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
    alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
    total integer := 0;
    weight integer := 1;
BEGIN
    FOR i IN 1..17 LOOP
        total := total + (strpos(alphabet, substr(first17, i, 1)) - 1) * weight;
        weight := weight * 3 % 31;
    END LOOP;
    RETURN first17 || substr(alphabet, (31 - total % 31) % 31 + 1, 1);
END $$;

CREATE OR REPLACE FUNCTION demo_base_data() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    village constant text := '411321001001';
    u record;
    unit_id bigint;
    place_id bigint;
    n integer := 0;
BEGIN
    IF EXISTS (SELECT 1 FROM unit un JOIN address a ON a.id = un.address_id JOIN grid g ON g.id = a.grid_id WHERE g.code LIKE village || '%')
       OR NOT EXISTS (SELECT 1 FROM household h JOIN grid g ON g.id = h.grid_id WHERE g.code LIKE village || '%') THEN
        RETURN;
    END IF;

    -- a house at each household's address, owned by its first member; every fourth one with a
    -- floating member is rented to the household
    INSERT INTO house (address_id, use, owner_person_id, area, created_by)
    SELECT DISTINCT ON (h.address_id) h.address_id,
           CASE WHEN EXISTS (SELECT 1 FROM person f WHERE f.household_id = h.id AND f.residence_type = 'FLOATING') AND h.id % 4 = 0
                THEN 'RENTED' ELSE 'SELF_OCCUPIED' END,
           (SELECT min(p.id) FROM person p WHERE p.household_id = h.id), 60 + h.id % 80, 'demo'
    FROM household h JOIN grid g ON g.id = h.grid_id
    WHERE g.code LIKE village || '%' AND h.address_id IS NOT NULL
    ORDER BY h.address_id, h.id
    ON CONFLICT (county_code, address_id) DO NOTHING;
    INSERT INTO tenancy (house_id, household_id, start_date, created_by)
    SELECT ho.id, h.id, DATE '2025-03-01', 'demo'
    FROM house ho JOIN household h ON h.address_id = ho.address_id WHERE ho.use = 'RENTED' AND ho.created_by = 'demo';
    -- one floating resident rented a room of their own for half a year and has left: one to follow up
    INSERT INTO tenancy (house_id, person_id, start_date, end_date, created_by)
    SELECT ho.id, f.id, DATE '2025-09-01', DATE '2026-02-28', 'demo'
    FROM house ho, LATERAL (SELECT p.id FROM person p JOIN household ph ON ph.id = p.household_id JOIN grid pg ON pg.id = ph.grid_id
                            WHERE pg.code LIKE village || '%' AND p.residence_type = 'FLOATING' AND ph.address_id <> ho.address_id
                            AND NOT EXISTS (SELECT 1 FROM tenancy t WHERE t.household_id = p.household_id)
                            ORDER BY p.id LIMIT 1) f
    WHERE ho.use = 'RENTED' AND ho.created_by = 'demo'
    ORDER BY ho.id LIMIT 1;

    -- a dozen units along 东关街, in the three micro-grids
    FOR u IN SELECT * FROM (VALUES
            ('东关村便民超市', 'SHOP', ARRAY['NINE_SMALL'], '001', 4),
            ('老李家常菜馆', 'RESTAURANT', ARRAY['NINE_SMALL'], '001', 3),
            ('东关小学', 'SCHOOL', ARRAY['CROWDED_PLACE'], '001', 45),
            ('东关村卫生室', 'HOSPITAL', ARRAY[]::text[], '001', 3),
            ('顺发汽车修理厂', 'ENTERPRISE', ARRAY['NINE_SMALL'], '002', 8),
            ('东关加油站', 'ENTERPRISE', ARRAY['HAZARDOUS_CHEMICALS'], '002', 6),
            ('悦来旅馆', 'ENTERPRISE', ARRAY['SPECIAL_TRADE', 'NINE_SMALL'], '002', 5),
            ('极速网吧', 'SHOP', ARRAY['SPECIAL_TRADE', 'CROWDED_PLACE'], '002', 4),
            ('东关幼儿园', 'SCHOOL', ARRAY['CROWDED_PLACE'], '003', 12),
            ('东关村老年协会', 'SOCIAL_ORGANISATION', ARRAY[]::text[], '003', 0),
            ('张记五金店', 'SHOP', ARRAY['NINE_SMALL'], '003', 2),
            ('东关村村民委员会', 'PUBLIC_INSTITUTION', ARRAY[]::text[], '003', 7)) AS v(name, kind, tags, grid, employees)
    LOOP
        n := n + 1;
        INSERT INTO address (kind, name, grid_id, lat, lng)
        SELECT 'PLACE', '东关街' || (100 + n * 2) || '号', g.id, 33.4880 + n * 0.0004, 112.4290 + n * 0.0003
        FROM grid g WHERE g.code = village || u.grid
        RETURNING id INTO place_id;
        INSERT INTO unit (name, credit_code, kind, address_id, legal_person_id, contact_person_id, employees, opening_hours, created_by, created_at)
        VALUES (u.name,
                CASE WHEN u.kind NOT IN ('SOCIAL_ORGANISATION') THEN demo_credit_code('92411321MA' || lpad(n::text, 7, '0')) END,
                u.kind, place_id,
                (SELECT p.id FROM person p JOIN household h ON h.id = p.household_id JOIN grid g ON g.id = h.grid_id
                 WHERE g.code = village || u.grid AND p.relation = 'HOUSEHOLDER' ORDER BY p.id OFFSET n LIMIT 1),
                (SELECT p.id FROM person p JOIN household h ON h.id = p.household_id JOIN grid g ON g.id = h.grid_id
                 WHERE g.code = village || u.grid AND p.relation = 'SPOUSE' ORDER BY p.id OFFSET n LIMIT 1),
                u.employees, CASE WHEN u.kind IN ('SHOP', 'RESTAURANT') THEN '08:00-22:00' END, 'demo',
                now() - make_interval(days => 20 + n * 7))
        RETURNING id INTO unit_id;
        INSERT INTO unit_risk (unit_id, tag_code) SELECT unit_id, unnest(u.tags);
    END LOOP;

    -- inspections by the village's grid worker: a restaurant with an open finding, a hardware shop
    -- that passed, a petrol station whose finding was put right on the spot
    INSERT INTO account (subject, display_name) VALUES ('worker-dongguan', '张伟') ON CONFLICT (subject) DO NOTHING;
    INSERT INTO inspection (unit_id, checklist_code, inspector_subject, inspected_at, notes)
    SELECT un.id, v.checklist, 'worker-dongguan', now() - make_interval(days => v.days_ago), v.notes
    FROM (VALUES ('老李家常菜馆', 'FIRE_SAFETY', 12, '厨房电线老化'), ('张记五金店', 'FIRE_SAFETY', 10, '检查合格'),
                 ('东关加油站', 'HAZMAT', 20, '台账补登')) AS v(unit, checklist, days_ago, notes)
    JOIN unit un ON un.name = v.unit;
    INSERT INTO inspection_finding (inspection_id, item_code, description, resolved_at, resolved_by, resolution)
    SELECT i.id, v.item, v.description, CASE WHEN v.resolved THEN i.inspected_at END, CASE WHEN v.resolved THEN 'worker-dongguan' END,
           CASE WHEN v.resolved THEN '当场补登台账' END
    FROM (VALUES ('老李家常菜馆', 'FIRE_WIRING', '后厨插线板串接，电线老化', false),
                 ('东关加油站', 'HAZMAT_LEDGER', '三月购销台账未登记', true)) AS v(unit, item, description, resolved)
    JOIN unit un ON un.name = v.unit JOIN inspection i ON i.unit_id = un.id;
END $$;
