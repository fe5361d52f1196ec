-- A SIGTERM or Ctrl-C ends an import run as 'interrupted' (resumable, like 'failed'). planned_at says the plan
-- was stored whole: a run stopped before that is planned again, one stopped after it resumes sending. Runs
-- that got past planning before this migration are marked planned, so that they still resume.
ALTER TABLE import_runs DROP CONSTRAINT import_runs_status_check;
ALTER TABLE import_runs ADD CONSTRAINT import_runs_status_check
    CHECK (status IN ('planning', 'sending', 'success', 'partial', 'failed', 'interrupted'));
ALTER TABLE import_runs ADD COLUMN planned_at DATETIME(6);
UPDATE import_runs SET planned_at = started_at WHERE status <> 'planning';
