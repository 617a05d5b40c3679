#pragma once
// A group's answer to AgentGroup.ReportLlmUsage: its calls per day, provider and model and its
// budgets (from the cost ledger), the health of this replica's providers (from the failover chain)
// and its decisions per agent and tier (from the decision store).
#include "absl/status/statusor.h"
#include "aiworld/v1/llm_usage.pb.h"
#include "runtime/clock.h"
#include "services/agentkit/llm/cost_ledger.h"
#include "services/agentkit/llm/failover.h"
#include "services/agentkit/pg_decision_store.h"

namespace aiworld::agentkit {

// chain may be null (no provider configured). Day fields default as ResolveDayRange does.
absl::StatusOr<v1::ReportLlmUsageResponse> BuildLlmUsageReport(const v1::ReportLlmUsageRequest& request,
                                                               v1::AgentGroupKind group, llm::CostLedger& ledger,
                                                               const llm::FailoverChain* chain, PgDecisionStore& store,
                                                               const Clock& clock);

}  // namespace aiworld::agentkit
