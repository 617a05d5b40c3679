#include "services/agentkit/agent_tools.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/log.h"
#include "services/agentkit/llm/budgeted_provider.h"
#include "services/agentkit/llm/failover.h"
#include "services/agentkit/llm/provider_spec.h"

namespace aiworld::agentkit {

absl::StatusOr<std::unique_ptr<AgentTools>> AgentTools::Create(const AgentToolsOptions& options, PgPool& db,
                                                               const Clock& clock, prometheus::Registry& metrics) {
  std::unique_ptr<AgentTools> tools(new AgentTools());
  decision::DecisionEngineOptions engine_options;
  if (!decision::ParseMode(options.mode, &engine_options.mode)) {
    return absl::InvalidArgumentError(absl::StrCat("--llm-mode: \"", options.mode, "\" is not aggressive, balanced or quality"));
  }
  absl::StatusOr<std::vector<llm::ProviderSpec>> specs = llm::ParseProviderSpecs(options.providers);
  if (!specs.ok()) return specs.status();
  if (!specs->empty()) {
    tools->ledger_ = std::make_unique<llm::CostLedger>(db, metrics, clock);
    const auto budget = [&](double usd, const char* period) -> absl::Status {
      if (usd <= 0) return absl::OkStatus();
      return tools->ledger_->SetBudget(llm::kAllProviders, period, static_cast<int64_t>(std::llround(usd * 1e6)));
    };
    if (absl::Status s = budget(options.daily_budget_usd, llm::kDailyPeriod); !s.ok()) return s;
    if (absl::Status s = budget(options.monthly_budget_usd, llm::kMonthlyPeriod); !s.ok()) return s;
    std::vector<std::unique_ptr<llm::LlmProvider>> chain;
    for (const llm::ProviderSpec& spec : *specs) {
      absl::StatusOr<std::unique_ptr<llm::LlmProvider>> provider = llm::MakeProvider(spec);
      if (!provider.ok()) return provider.status();
      // Each provider behind the budget, so an exhausted one is skipped for the next.
      chain.push_back(std::make_unique<llm::BudgetedProvider>(*std::move(provider), *tools->ledger_, metrics,
                                                              llm::BudgetedOptions{options.group, ""}));
    }
    tools->provider_ = std::make_shared<llm::FailoverChain>(std::move(chain), llm::FailoverOptions{});
    log::Info("LLM providers configured", {{"chain", tools->provider_->name()}, {"mode", options.mode}});
  }
  tools->engine_ = std::make_unique<decision::DecisionEngine>(tools->provider_, engine_options, metrics);
  return tools;
}

}  // namespace aiworld::agentkit
