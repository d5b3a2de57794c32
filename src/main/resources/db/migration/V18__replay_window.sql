-- Live feeds replay only within a window of time (wangge.live.replay-window): the first item inside
-- it is found by time, in one index step.
CREATE INDEX case_event_at_idx ON case_event (at);
CREATE INDEX points_entry_created_idx ON points_entry (created_at);
