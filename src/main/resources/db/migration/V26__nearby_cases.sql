-- "Is this already reported?" by place: open cases within a radius of a point, across grids. The
-- earth's cube model (cube, earthdistance: contrib modules, trusted since PostgreSQL 13) and a
-- GiST index on the open cases' points keep it an index lookup for a city's open cases.
CREATE EXTENSION IF NOT EXISTS cube;
CREATE EXTENSION IF NOT EXISTS earthdistance;
CREATE INDEX case_file_open_point_idx ON case_file USING gist (ll_to_earth(lat, lng))
    WHERE lat IS NOT NULL AND state NOT IN ('CLOSED', 'REJECTED', 'WITHDRAWN');
