-- The LLM cost ledger (issue 5): one row per provider call, the budgets, and the budget alerts
-- already raised. Amounts are US dollars x 1e6 (micro-dollars). Periods are UTC days and months.

-- One row per provider call, answered or failed. `at` is the caller's clock (UTC).
CREATE TABLE llm.usage (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  grp           text    NOT NULL DEFAULT '',     -- agent group of the caller (core, procedural, ...)
  agent         text    NOT NULL DEFAULT '',
  request_type  text    NOT NULL DEFAULT '',     -- dialogue, decision, ...
  provider      text    NOT NULL,                -- the provider that answered (or was asked)
  model         text    NOT NULL DEFAULT '',
  input_tokens  integer NOT NULL DEFAULT 0,
  output_tokens integer NOT NULL DEFAULT 0,
  cost_micros   bigint  NOT NULL DEFAULT 0,
  latency_ms    integer NOT NULL DEFAULT 0,
  ok            boolean NOT NULL,
  error         text                             -- why the call failed, when ok is false
);
CREATE INDEX usage_by_at ON llm.usage (at);
CREATE INDEX usage_by_provider_at ON llm.usage (provider, at);

-- Spending limits. provider '' is the budget of all providers together.
CREATE TABLE llm.budgets (
  provider     text   NOT NULL DEFAULT '',
  period       text   NOT NULL CHECK (period IN ('daily', 'monthly')),
  limit_micros bigint NOT NULL CHECK (limit_micros >= 0),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, period)
);

-- Alerts raised, so each threshold of each budget alerts once per period across all replicas.
CREATE TABLE llm.budget_alerts (
  provider     text    NOT NULL,                 -- '' = all providers
  period       text    NOT NULL CHECK (period IN ('daily', 'monthly')),
  period_start date    NOT NULL,                 -- UTC day, or the first day of the UTC month
  threshold    integer NOT NULL CHECK (threshold IN (50, 75, 90, 100)),  -- percent of the limit
  spent_micros bigint  NOT NULL,
  limit_micros bigint  NOT NULL,
  raised_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (provider, period, period_start, threshold)
);
