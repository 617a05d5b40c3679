-- What the decision engine remembers across restarts and replicas (issue 5), in each group's
-- schema: the tier-2 cache (exact keys and feature vectors, bounded per type by the engine) and
-- decisions counted per UTC day, agent and tier. LLM budgets become per group: each group's
-- replicas share one budget, and one group's flags no longer overwrite another's.
DO $$
DECLARE
  s text;
BEGIN
  FOREACH s IN ARRAY ARRAY['core', 'procedural', 'progression', 'economy'] LOOP
    EXECUTE format($ddl$
      CREATE TABLE %1$I.decision_cache (
        decision_type text NOT NULL,
        cache_key     text NOT NULL,   -- the exact key, or '~' and a digest of the features
        features      double precision[] NOT NULL DEFAULT '{}',
        answer        text NOT NULL,
        stored_at     timestamptz NOT NULL,
        PRIMARY KEY (decision_type, cache_key)
      );
      CREATE INDEX decision_cache_by_stored_at ON %1$I.decision_cache (stored_at);
      CREATE TABLE %1$I.decision_counts (
        day       date   NOT NULL,     -- UTC
        agent     text   NOT NULL,     -- '' for decisions asked outside an agent
        tier      text   NOT NULL,     -- rules, cache, batch, single, template
        decisions bigint NOT NULL,
        PRIMARY KEY (day, agent, tier)
      );
    $ddl$, s);
  END LOOP;
END
$$;

ALTER TABLE llm.budgets ADD COLUMN grp text NOT NULL DEFAULT '';
ALTER TABLE llm.budgets DROP CONSTRAINT budgets_pkey;
ALTER TABLE llm.budgets ADD PRIMARY KEY (grp, provider, period);
ALTER TABLE llm.budget_alerts ADD COLUMN grp text NOT NULL DEFAULT '';
ALTER TABLE llm.budget_alerts DROP CONSTRAINT budget_alerts_pkey;
ALTER TABLE llm.budget_alerts ADD PRIMARY KEY (grp, provider, period, period_start, threshold);
CREATE INDEX usage_by_grp_at ON llm.usage (grp, at);
