#include "gateway/llm_usage_merge.h"

#include <map>
#include <string>
#include <tuple>

namespace aiworld::gateway {

void MergeLlmUsage(const std::vector<v1::ReportLlmUsageResponse>& reports, v1::GetLlmUsageResponse* out) {
  std::map<std::tuple<std::string, std::string, std::string>, v1::LlmUsageDay> days;
  std::map<int, uint64_t> tiers;
  for (const v1::ReportLlmUsageResponse& r : reports) {
    for (const v1::LlmUsageDay& d : r.days()) {
      v1::LlmUsageDay& sum = days[{d.day(), d.provider(), d.model()}];
      sum.set_day(d.day());
      sum.set_provider(d.provider());
      sum.set_model(d.model());
      sum.set_requests(sum.requests() + d.requests());
      sum.set_failed_requests(sum.failed_requests() + d.failed_requests());
      sum.set_input_tokens(sum.input_tokens() + d.input_tokens());
      sum.set_output_tokens(sum.output_tokens() + d.output_tokens());
      sum.set_cost_micros(sum.cost_micros() + d.cost_micros());
    }
    for (const v1::LlmBudget& b : r.budgets()) *out->add_budgets() = b;
    for (const v1::ProviderHealth& p : r.providers()) *out->add_providers() = p;
    for (const v1::AgentTierCount& c : r.agent_tiers()) {
      *out->add_agent_tiers() = c;
      tiers[c.tier()] += c.decisions();
    }
  }
  for (auto& [key, d] : days) *out->add_days() = std::move(d);
  for (const auto& [tier, n] : tiers) {
    v1::TierCount* t = out->add_tiers();
    t->set_tier(static_cast<v1::Tier>(tier));
    t->set_decisions(n);
  }
}

}  // namespace aiworld::gateway
