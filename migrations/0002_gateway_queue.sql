-- The gateway's tables (DESIGN §4): bridge keys, the durable event inbox with one share per agent
-- group, rejected events, the action queue with its archive, guard-rail holds and the admin audit.

-- Per-server bridge keys. The secret is never stored: only its SHA-256.
CREATE TABLE gateway.server_keys (
  key_id      text PRIMARY KEY,                 -- public part of the key, "k" + 16 hex
  server_id   text NOT NULL,                    -- the rAthena server the key speaks for
  secret_hash text NOT NULL,                    -- lowercase hex SHA-256 of the secret part
  label       text NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);
CREATE INDEX server_keys_by_server ON gateway.server_keys (server_id);

-- One row per acknowledged batch; (server_id, sequence) makes a resent batch a no-op.
CREATE TABLE gateway.inbox (
  server_id        text   NOT NULL,
  sequence         bigint NOT NULL,
  batch            bytea  NOT NULL,             -- the EventBatch as received (serialized protobuf)
  event_count      integer NOT NULL,
  rejected_indices integer[] NOT NULL DEFAULT '{}',
  received_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (server_id, sequence)
);

-- What each agent group still has to handle of each batch. A group that is down keeps its shares
-- pending while the other groups' shares are done; shares of one (server, group) run in order.
CREATE TABLE gateway.inbox_shares (
  server_id       text    NOT NULL,
  sequence        bigint  NOT NULL,
  grp             text    NOT NULL,             -- core | procedural | progression | economy
  state           text    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'done')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  routed_events   integer,                      -- events sent to the group, once done
  action_count    integer,                      -- actions it returned, once done
  done_at         timestamptz,
  PRIMARY KEY (grp, server_id, sequence),
  FOREIGN KEY (server_id, sequence) REFERENCES gateway.inbox ON DELETE CASCADE
);
CREATE INDEX inbox_shares_pending ON gateway.inbox_shares (grp, server_id, sequence) WHERE state = 'pending';

-- Events refused by validation: kept, never silently lost.
CREATE TABLE gateway.rejected_events (
  id          bigserial PRIMARY KEY,
  server_id   text    NOT NULL,
  sequence    bigint  NOT NULL,
  event_index integer NOT NULL,
  field       text    NOT NULL,
  reason      text    NOT NULL,
  event       bytea,                            -- the GameEvent (serialized), when it parsed
  received_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (server_id, sequence, event_index)
);

-- Every idempotency key ever accepted, so a key stays unique after its action is archived.
CREATE TABLE gateway.action_keys (
  idempotency_key text PRIMARY KEY,
  action_id       text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now()
);

-- The hot queue: only actions not yet finished. Finished rows move to actions_archive.
CREATE TABLE gateway.actions (
  action_id        text PRIMARY KEY,
  idempotency_key  text NOT NULL UNIQUE,
  server_id        text NOT NULL,
  kind             text NOT NULL,
  priority         integer NOT NULL,
  state            text NOT NULL DEFAULT 'available' CHECK (state IN ('available', 'leased', 'dead')),
  attempts         integer NOT NULL DEFAULT 0,
  not_before       timestamptz NOT NULL DEFAULT now(),
  expires_at       timestamptz,
  lease_expires_at timestamptz,
  leased_by        text,
  target_char_id   bigint,
  target_map       text,
  amount           integer NOT NULL DEFAULT 1,   -- monsters of a spawn, for the live-spawn guard rail
  live_until       timestamptz,                  -- spawns: created_at + ttl
  origin_group     text NOT NULL,
  origin_agent     text NOT NULL DEFAULT '',
  origin_tier      text NOT NULL DEFAULT '',
  cause_server_id  text,
  cause_sequence   bigint,
  cause_job        text,
  payload          bytea NOT NULL,              -- the Action (serialized)
  last_error       text,
  created_at       timestamptz NOT NULL DEFAULT now()
);
-- Claims only ever look at live rows of one server, best first.
CREATE INDEX actions_claimable ON gateway.actions (server_id, priority DESC, created_at, action_id)
  WHERE state IN ('available', 'leased');
CREATE INDEX actions_dead ON gateway.actions (created_at) WHERE state = 'dead';
ALTER TABLE gateway.actions SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);

-- Finished actions: done, failed, expired; with the bridge's result.
CREATE TABLE gateway.actions_archive (
  action_id        text PRIMARY KEY,
  idempotency_key  text NOT NULL,
  server_id        text NOT NULL,
  kind             text NOT NULL,
  priority         integer NOT NULL,
  final_state      text NOT NULL CHECK (final_state IN ('done', 'failed', 'expired', 'duplicate')),
  attempts         integer NOT NULL,
  target_char_id   bigint,
  target_map       text,
  amount           integer NOT NULL,
  live_until       timestamptz,
  origin_group     text NOT NULL,
  origin_agent     text NOT NULL,
  origin_tier      text NOT NULL,
  cause_server_id  text,
  cause_sequence   bigint,
  cause_job        text,
  payload          bytea NOT NULL,
  result_reason    text NOT NULL DEFAULT '',
  created_at       timestamptz NOT NULL,
  finished_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX actions_archive_by_time ON gateway.actions_archive (server_id, kind, created_at);

-- Actions a guard rail held back instead of queueing (visible to Admin).
CREATE TABLE gateway.held_actions (
  id              bigserial PRIMARY KEY,
  idempotency_key text NOT NULL,
  server_id       text NOT NULL,
  kind            text NOT NULL,
  rule            text NOT NULL,                -- e.g. broadcasts_per_minute_map
  detail          text NOT NULL,
  origin_group    text NOT NULL,
  origin_agent    text NOT NULL DEFAULT '',
  payload         bytea NOT NULL,
  held_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX held_actions_by_time ON gateway.held_actions (held_at);

-- Every Admin call: who, what, with which arguments, from where.
CREATE TABLE gateway.admin_audit (
  id        bigserial PRIMARY KEY,
  caller    text NOT NULL,
  call      text NOT NULL,
  arguments text NOT NULL,                      -- the request as JSON, secrets removed
  peer      text NOT NULL,
  outcome   text NOT NULL,                      -- OK or the gRPC error
  at        timestamptz NOT NULL DEFAULT now()
);
