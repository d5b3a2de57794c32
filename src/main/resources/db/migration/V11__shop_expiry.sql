-- Expiry is a policy of each shop: points earned in a grid expire after the years set by the
-- nearest active shop at or above that grid (none set: they never expire).
ALTER TABLE shop ADD COLUMN expiry_years integer CHECK (expiry_years IS NULL OR expiry_years BETWEEN 1 AND 50);
