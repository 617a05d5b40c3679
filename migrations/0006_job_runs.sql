-- Job slots as the gateway runs them (scheduler and Admin.RunJobNow): one row per (job, server,
-- slot), so each slot runs exactly once across gateway replicas. A running row whose lease ran out
-- (its gateway died) or a failed row is claimed again; a done row returns what it queued.
CREATE TABLE gateway.job_runs (
  job            text        NOT NULL,
  server_id      text        NOT NULL,
  slot           timestamptz NOT NULL,
  status         text        NOT NULL CHECK (status IN ('running', 'done', 'failed', 'skipped')),
  manual         boolean     NOT NULL DEFAULT false,
  attempts       integer     NOT NULL DEFAULT 1,
  claimed_by     text        NOT NULL,
  lease_until    timestamptz NOT NULL,
  started_at     timestamptz NOT NULL DEFAULT now(),
  finished_at    timestamptz,
  actions_queued integer     NOT NULL DEFAULT 0,
  action_ids     text[]      NOT NULL DEFAULT '{}',
  summary        text        NOT NULL DEFAULT '',
  error          text        NOT NULL DEFAULT '',
  PRIMARY KEY (job, server_id, slot)
);
CREATE INDEX job_runs_by_server_job ON gateway.job_runs (server_id, job, slot DESC);
