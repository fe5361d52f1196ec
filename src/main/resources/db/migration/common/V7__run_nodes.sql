-- Every run row names the node that ran it (Quartz instance id of `run`, host:pid otherwise). Quartz's clustered
-- JobStore tables follow in V7.1, from the DDL the Quartz jar ships for the vendor.
ALTER TABLE sync_runs ADD COLUMN node VARCHAR(200);
