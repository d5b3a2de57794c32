-- A grid's subtree lies in one county unless it holds a province or a city (V46: their children
-- take their own code's county). Readers ask that of every grid they scope a read to, so that
-- PostgreSQL reads one county's partitions; the few grids above counties keep an index of their own.
CREATE INDEX grid_above_counties_idx ON grid (path) WHERE kind IN ('PROVINCE', 'CITY');
