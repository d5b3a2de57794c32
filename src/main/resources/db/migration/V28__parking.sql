-- 挂账/缓办: a case that cannot be solved now (funds, a court date, the season) is parked with a
-- reason and a lead's approval. While parked no deadline runs (it is not overdue, and its
-- deadline moves on by the time parked when it is taken up again), and it leaves the
-- denominator of the closure rate. parked_from is the state it goes back to.
ALTER TABLE case_file ADD COLUMN park_requested boolean NOT NULL DEFAULT false,
                      ADD COLUMN parked_from varchar(20),
                      ADD COLUMN parked_at timestamptz;
