#pragma once
// What a group's agents decide and write with: the decision engine over the configured LLM
// providers (a failover chain, each provider behind the cost ledger's budgets) — or templates when
// no provider is configured — and the content filter every generated text passes.
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "runtime/clock.h"
#include "runtime/pg_pool.h"
#include "services/agentkit/content_filter.h"
#include "services/agentkit/decision/decision_engine.h"
#include "services/agentkit/llm/cost_ledger.h"

namespace aiworld::agentkit {

struct AgentToolsOptions {
  std::string group;               // recorded with every LLM call
  std::string providers;           // llm::ParseProviderSpecs format; empty: templates only
  std::string mode = "balanced";   // aggressive, balanced, quality
  double daily_budget_usd = 0;     // all providers together; 0: none
  double monthly_budget_usd = 0;
};

class AgentTools {
 public:
  static absl::StatusOr<std::unique_ptr<AgentTools>> Create(const AgentToolsOptions& options, PgPool& db,
                                                            const Clock& clock, prometheus::Registry& metrics);
  decision::DecisionEngine& decisions() { return *engine_; }
  const ContentFilter& filter() const { return filter_; }
  bool has_provider() const { return provider_ != nullptr; }

 private:
  AgentTools() : filter_(ContentFilter::Default()) {}
  std::unique_ptr<llm::CostLedger> ledger_;
  std::shared_ptr<llm::LlmProvider> provider_;
  std::unique_ptr<decision::DecisionEngine> engine_;
  ContentFilter filter_;
};

}  // namespace aiworld::agentkit
