-- Every run row names the node that ran it (host:pid). The embedded mirror cannot hold a cluster, so it gets
-- no Quartz tables.
ALTER TABLE sync_runs ADD COLUMN node VARCHAR(200);
