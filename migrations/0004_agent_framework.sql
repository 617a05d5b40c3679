-- The agent framework's tables (issue 5), the same in each group's schema: agent state, handled
-- batches and job slots (so a redelivery changes nothing twice and returns the recorded actions),
-- and agent switches.
DO $$
DECLARE
  s text;
BEGIN
  FOREACH s IN ARRAY ARRAY['core', 'procedural', 'progression', 'economy'] LOOP
    EXECUTE format($ddl$
      CREATE TABLE %1$I.agent_state (
        agent text NOT NULL,
        key   text NOT NULL,
        value bytea NOT NULL,
        PRIMARY KEY (agent, key)
      );
      CREATE TABLE %1$I.handled_batches (
        server_id  text   NOT NULL,
        sequence   bigint NOT NULL,
        actions    bytea  NOT NULL,  -- the HandleEventsResponse as first returned (serialized)
        handled_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (server_id, sequence)
      );
      CREATE TABLE %1$I.job_runs (
        job       text NOT NULL,
        server_id text NOT NULL,
        slot      timestamptz NOT NULL,
        actions   bytea NOT NULL,    -- the RunJobResponse as first returned (serialized)
        ran_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (job, server_id, slot)
      );
      CREATE TABLE %1$I.agent_settings (
        agent      text PRIMARY KEY,
        enabled    boolean NOT NULL,
        reason     text NOT NULL DEFAULT '',
        changed_at timestamptz NOT NULL DEFAULT now()
      );
    $ddl$, s);
  END LOOP;
END
$$;
