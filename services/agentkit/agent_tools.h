#pragma once
// What a group's agents decide and write with: the decision engine over the configured LLM
// providers (a failover chain, each provider behind the group's cost ledger and budgets) — or
// templates when no provider is configured — with its memory in the group's schema (cached answers,
// decisions per agent and tier), and the content filter every generated text passes.
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "aiworld/v1/llm_usage.pb.h"
#include "runtime/clock.h"
#include "runtime/pg_pool.h"
#include "services/agentkit/content_filter.h"
#include "services/agentkit/decision/decision_engine.h"
#include "services/agentkit/llm/cost_ledger.h"
#include "services/agentkit/llm/failover.h"
#include "services/agentkit/observed_mesh_clock.h"
#include "services/agentkit/pg_decision_store.h"

namespace aiworld::agentkit {

struct AgentToolsOptions {
  std::string group;               // the group's schema; its LLM calls and budgets
  std::string providers;           // llm::ParseProviderSpecs format; empty: templates only
  std::string mode = "balanced";   // aggressive, balanced, quality
  double daily_budget_usd = 0;     // all providers together; 0: none
  double monthly_budget_usd = 0;
  decision::DecisionEngineOptions engine;  // mode, store and clock are set from the rest
};

class AgentTools {
 public:
  static absl::StatusOr<std::unique_ptr<AgentTools>> Create(const AgentToolsOptions& options, PgPool& db,
                                                            const Clock& clock, prometheus::Registry& metrics);
  decision::DecisionEngine& decisions() { return *engine_; }
  const ContentFilter& filter() const { return filter_; }
  bool has_provider() const { return chain_ != nullptr; }
  // Flushes decision counts in the background; the server starts and stops it.
  std::shared_ptr<BackgroundWork> background() const { return store_; }
  PgDecisionStore& store() { return *store_; }
  // Mesh time as the gateway's requests tell it; query services answer as of it.
  ObservedMeshClock& mesh_clock() { return mesh_clock_; }

  absl::StatusOr<v1::ReportLlmUsageResponse> ReportLlmUsage(const v1::ReportLlmUsageRequest& request,
                                                            v1::AgentGroupKind kind);

 private:
  explicit AgentTools(const Clock& clock) : clock_(clock), mesh_clock_(clock), filter_(ContentFilter::Default()) {}
  const Clock& clock_;
  ObservedMeshClock mesh_clock_;
  std::unique_ptr<llm::CostLedger> ledger_;
  std::shared_ptr<llm::FailoverChain> chain_;
  std::shared_ptr<PgDecisionStore> store_;
  std::unique_ptr<decision::DecisionEngine> engine_;
  ContentFilter filter_;
};

}  // namespace aiworld::agentkit
