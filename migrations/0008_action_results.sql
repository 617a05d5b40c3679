-- The bridge's whole answer for a finished action, kept with it: the error code (actions.proto
-- ActionErrorCode, 0 = none) and what it touched (monsters spawned, players reached, items given),
-- so Admin.ExplainAction shows why an action failed and how much a done one did.
ALTER TABLE gateway.actions_archive
  ADD COLUMN result_code    integer NOT NULL DEFAULT 0 CHECK (result_code BETWEEN 0 AND 7),
  ADD COLUMN affected_count integer NOT NULL DEFAULT 0 CHECK (affected_count >= 0);
