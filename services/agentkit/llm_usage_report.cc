#include "services/agentkit/llm_usage_report.h"

#include "runtime/day_range.h"
#include "runtime/proto_time.h"

namespace aiworld::agentkit {
namespace {

v1::CircuitState CircuitOf(llm::CircuitBreaker::State state) {
  switch (state) {
    case llm::CircuitBreaker::State::kClosed: return v1::CIRCUIT_STATE_CLOSED;
    case llm::CircuitBreaker::State::kOpen: return v1::CIRCUIT_STATE_OPEN;
    case llm::CircuitBreaker::State::kHalfOpen: return v1::CIRCUIT_STATE_HALF_OPEN;
  }
  return v1::CIRCUIT_STATE_UNSPECIFIED;
}

}  // namespace

absl::StatusOr<v1::ReportLlmUsageResponse> BuildLlmUsageReport(const v1::ReportLlmUsageRequest& request,
                                                               v1::AgentGroupKind group, llm::CostLedger& ledger,
                                                               const llm::FailoverChain* chain, PgDecisionStore& store,
                                                               const Clock& clock) {
  if (request.provider().size() > 32) return absl::InvalidArgumentError("provider: at most 32 bytes");
  absl::StatusOr<DayRange> days = ResolveDayRange(request.from_day(), request.to_day(), clock.Now());
  if (!days.ok()) return days.status();

  v1::ReportLlmUsageResponse report;
  absl::StatusOr<std::vector<llm::UsageDay>> usage = ledger.UsageByDay(days->from_day, days->to_day, request.provider());
  if (!usage.ok()) return usage.status();
  for (const llm::UsageDay& u : *usage) {
    v1::LlmUsageDay* d = report.add_days();
    d->set_day(u.day);
    d->set_provider(u.provider);
    d->set_model(u.model);
    d->set_requests(u.requests);
    d->set_failed_requests(u.failed_requests);
    d->set_input_tokens(u.input_tokens);
    d->set_output_tokens(u.output_tokens);
    d->set_cost_micros(u.cost_micros);
  }

  absl::StatusOr<std::vector<llm::BudgetLine>> budgets = ledger.Budgets();
  if (!budgets.ok()) return budgets.status();
  for (const llm::BudgetLine& line : *budgets) {
    v1::LlmBudget* b = report.add_budgets();
    b->set_group(group);
    b->set_provider(line.provider);
    b->set_period(line.period == llm::kDailyPeriod ? v1::BUDGET_PERIOD_DAILY : v1::BUDGET_PERIOD_MONTHLY);
    b->set_limit_micros(line.limit_micros);
    b->set_spent_micros(line.spent_micros);
    b->set_exhausted(line.exhausted);
  }

  if (chain != nullptr) {
    for (const llm::FailoverChain::LinkHealth& h : chain->Health()) {
      v1::ProviderHealth* p = report.add_providers();
      p->set_group(group);
      p->set_provider(h.provider);
      p->set_circuit(CircuitOf(h.circuit));
      p->set_last_error(h.last_error);
      if (!h.last_error.empty()) *p->mutable_last_error_at() = ToProto(h.last_error_at);
    }
  }

  absl::StatusOr<std::vector<TierCountRow>> counts = store.CountsBetween(days->from_day, days->to_day);
  if (!counts.ok()) return counts.status();
  for (const TierCountRow& row : *counts) {
    v1::AgentTierCount* c = report.add_agent_tiers();
    c->set_group(group);
    c->set_agent(row.agent);
    c->set_tier(row.tier);
    c->set_decisions(row.decisions);
  }
  return report;
}

}  // namespace aiworld::agentkit
