-- The mesh clock every gateway replica shares (DESIGN §5): mesh time = anchor_mesh + (real now -
-- anchor_real) x 86400 / game_day_seconds. One row; a gateway started with another game_day_seconds
-- re-anchors it at the current mesh time, so mesh time never jumps back.
CREATE TABLE gateway.mesh_clock (
  id               boolean     PRIMARY KEY DEFAULT true CHECK (id),
  anchor_real      timestamptz NOT NULL,
  anchor_mesh      timestamptz NOT NULL,
  game_day_seconds integer     NOT NULL CHECK (game_day_seconds BETWEEN 60 AND 86400),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The scheduler retries scheduled slots that failed or whose gateway died mid-run; few rows are in
-- these states, so it finds them through this small index instead of scanning every run.
CREATE INDEX job_runs_open ON gateway.job_runs (slot) WHERE status IN ('running', 'failed') AND NOT manual;
