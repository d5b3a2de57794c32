-- Which instance runs an import and when it last said so: a job is given up only when its
-- instance has stopped refreshing it, not because some other instance restarted.
ALTER TABLE import_job ADD COLUMN runner varchar(60), ADD COLUMN heartbeat_at timestamptz;
