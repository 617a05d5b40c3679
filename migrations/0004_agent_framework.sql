-- core: the agent framework's tables (issue 5): agent state, handled batches and job slots (so a
-- redelivery changes nothing twice and returns the recorded actions), agent switches.
CREATE TABLE core.agent_state (
  agent text NOT NULL,
  key   text NOT NULL,
  value bytea NOT NULL,
  PRIMARY KEY (agent, key)
);
CREATE TABLE core.handled_batches (
  server_id  text   NOT NULL,
  sequence   bigint NOT NULL,
  actions    bytea  NOT NULL,   -- the HandleEventsResponse as first returned (serialized)
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (server_id, sequence)
);
CREATE TABLE core.job_runs (
  job       text NOT NULL,
  server_id text NOT NULL,
  slot      timestamptz NOT NULL,
  actions   bytea NOT NULL,     -- the RunJobResponse as first returned (serialized)
  ran_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job, server_id, slot)
);
CREATE TABLE core.agent_settings (
  agent      text PRIMARY KEY,
  enabled    boolean NOT NULL,
  reason     text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now()
);
-- procedural: the agent framework's tables (issue 5): agent state, handled batches and job slots (so a
-- redelivery changes nothing twice and returns the recorded actions), agent switches.
CREATE TABLE procedural.agent_state (
  agent text NOT NULL,
  key   text NOT NULL,
  value bytea NOT NULL,
  PRIMARY KEY (agent, key)
);
CREATE TABLE procedural.handled_batches (
  server_id  text   NOT NULL,
  sequence   bigint NOT NULL,
  actions    bytea  NOT NULL,   -- the HandleEventsResponse as first returned (serialized)
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (server_id, sequence)
);
CREATE TABLE procedural.job_runs (
  job       text NOT NULL,
  server_id text NOT NULL,
  slot      timestamptz NOT NULL,
  actions   bytea NOT NULL,     -- the RunJobResponse as first returned (serialized)
  ran_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job, server_id, slot)
);
CREATE TABLE procedural.agent_settings (
  agent      text PRIMARY KEY,
  enabled    boolean NOT NULL,
  reason     text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now()
);
-- progression: the agent framework's tables (issue 5): agent state, handled batches and job slots (so a
-- redelivery changes nothing twice and returns the recorded actions), agent switches.
CREATE TABLE progression.agent_state (
  agent text NOT NULL,
  key   text NOT NULL,
  value bytea NOT NULL,
  PRIMARY KEY (agent, key)
);
CREATE TABLE progression.handled_batches (
  server_id  text   NOT NULL,
  sequence   bigint NOT NULL,
  actions    bytea  NOT NULL,   -- the HandleEventsResponse as first returned (serialized)
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (server_id, sequence)
);
CREATE TABLE progression.job_runs (
  job       text NOT NULL,
  server_id text NOT NULL,
  slot      timestamptz NOT NULL,
  actions   bytea NOT NULL,     -- the RunJobResponse as first returned (serialized)
  ran_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job, server_id, slot)
);
CREATE TABLE progression.agent_settings (
  agent      text PRIMARY KEY,
  enabled    boolean NOT NULL,
  reason     text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now()
);
-- economy: the agent framework's tables (issue 5): agent state, handled batches and job slots (so a
-- redelivery changes nothing twice and returns the recorded actions), agent switches.
CREATE TABLE economy.agent_state (
  agent text NOT NULL,
  key   text NOT NULL,
  value bytea NOT NULL,
  PRIMARY KEY (agent, key)
);
CREATE TABLE economy.handled_batches (
  server_id  text   NOT NULL,
  sequence   bigint NOT NULL,
  actions    bytea  NOT NULL,   -- the HandleEventsResponse as first returned (serialized)
  handled_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (server_id, sequence)
);
CREATE TABLE economy.job_runs (
  job       text NOT NULL,
  server_id text NOT NULL,
  slot      timestamptz NOT NULL,
  actions   bytea NOT NULL,     -- the RunJobResponse as first returned (serialized)
  ran_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (job, server_id, slot)
);
CREATE TABLE economy.agent_settings (
  agent      text PRIMARY KEY,
  enabled    boolean NOT NULL,
  reason     text NOT NULL DEFAULT '',
  changed_at timestamptz NOT NULL DEFAULT now()
);
