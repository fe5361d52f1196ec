-- A run that fetched named records one by one (GET path/ID: the contacts an import changed) ends as 'refreshed':
-- not a pass, so it proves no delete and says nothing of the stream's freshness.
ALTER TABLE sync_runs DROP CONSTRAINT sync_runs_status_check;
ALTER TABLE sync_runs ADD CONSTRAINT sync_runs_status_check
    CHECK (status IN ('running', 'success', 'failed', 'incomplete', 'abandoned', 'interrupted', 'refreshed'));
