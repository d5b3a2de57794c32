-- The official schedule for 2026 (国务院办公厅关于2026年部分节假日安排的通知, 2025-11-04):
-- holidays, and the weekend days worked instead (调休上班). Each year's schedule is loaded the
-- same way by an admin (loadWorkCalendar) once the State Council publishes it.
INSERT INTO work_calendar_year (year, source, loaded_by)
VALUES (2026, '国务院办公厅关于2026年部分节假日安排的通知', 'demo')
ON CONFLICT (year) DO NOTHING;

INSERT INTO work_calendar_day (day, year, working, name)
SELECT d::date, 2026, false, h.name
FROM (VALUES ('2026-01-01', '2026-01-03', '元旦'), ('2026-02-15', '2026-02-23', '春节'), ('2026-04-04', '2026-04-06', '清明节'),
             ('2026-05-01', '2026-05-05', '劳动节'), ('2026-06-19', '2026-06-21', '端午节'), ('2026-09-25', '2026-09-27', '中秋节'),
             ('2026-10-01', '2026-10-07', '国庆节')) AS h(first, last, name),
     generate_series(h.first::date, h.last::date, interval '1 day') AS d
WHERE EXISTS (SELECT 1 FROM work_calendar_year WHERE year = 2026 AND loaded_by = 'demo')
ON CONFLICT (day) DO NOTHING;

INSERT INTO work_calendar_day (day, year, working, name)
SELECT w.day::date, 2026, true, w.name
FROM (VALUES ('2026-01-04', '元旦调休上班'), ('2026-02-14', '春节调休上班'), ('2026-02-28', '春节调休上班'),
             ('2026-05-09', '劳动节调休上班'), ('2026-09-20', '国庆节调休上班'), ('2026-10-10', '国庆节调休上班')) AS w(day, name)
WHERE EXISTS (SELECT 1 FROM work_calendar_year WHERE year = 2026 AND loaded_by = 'demo')
ON CONFLICT (day) DO NOTHING;
