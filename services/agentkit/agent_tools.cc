#include "services/agentkit/agent_tools.h"

#include <cmath>

#include "absl/strings/str_cat.h"
#include "runtime/log.h"
#include "services/agentkit/llm/budgeted_provider.h"
#include "services/agentkit/llm/provider_spec.h"
#include "services/agentkit/llm_usage_report.h"

namespace aiworld::agentkit {

absl::StatusOr<std::unique_ptr<AgentTools>> AgentTools::Create(const AgentToolsOptions& options, PgPool& db,
                                                               const Clock& clock, prometheus::Registry& metrics) {
  std::unique_ptr<AgentTools> tools(new AgentTools(clock));
  decision::DecisionEngineOptions engine_options = options.engine;
  if (!decision::ParseMode(options.mode, &engine_options.mode)) {
    return absl::InvalidArgumentError(absl::StrCat("--llm-mode: \"", options.mode, "\" is not aggressive, balanced or quality"));
  }
  absl::StatusOr<std::vector<llm::ProviderSpec>> specs = llm::ParseProviderSpecs(options.providers);
  if (!specs.ok()) return specs.status();

  tools->ledger_ = std::make_unique<llm::CostLedger>(db, options.group, metrics, clock);
  // The flags are the group's budgets: a budget set to 0 is removed, not left from an earlier run.
  const auto budget = [&](double usd, const char* period) -> absl::Status {
    if (usd <= 0) return tools->ledger_->RemoveBudget(llm::kAllProviders, period);
    return tools->ledger_->SetBudget(llm::kAllProviders, period, static_cast<int64_t>(std::llround(usd * 1e6)));
  };
  for (const auto& [usd, period] : {std::pair{options.daily_budget_usd, llm::kDailyPeriod}, std::pair{options.monthly_budget_usd, llm::kMonthlyPeriod}}) {
    if (absl::Status s = budget(usd, period); !s.ok()) {
      log::Warn("could not record the LLM budget; the one stored before applies", {{"period", period}, {"error", s.ToString()}});
    }
  }
  if (!specs->empty()) {
    std::vector<std::unique_ptr<llm::LlmProvider>> chain;
    for (const llm::ProviderSpec& spec : *specs) {
      absl::StatusOr<std::unique_ptr<llm::LlmProvider>> provider = llm::MakeProvider(spec);
      if (!provider.ok()) return provider.status();
      // Each provider behind the budget, so an exhausted one is skipped for the next.
      chain.push_back(std::make_unique<llm::BudgetedProvider>(*std::move(provider), *tools->ledger_, metrics));
    }
    tools->chain_ = std::make_shared<llm::FailoverChain>(std::move(chain), llm::FailoverOptions{});
    log::Info("LLM providers configured", {{"chain", tools->chain_->name()}, {"mode", options.mode}});
  }

  tools->store_ = std::make_shared<PgDecisionStore>(db, options.group, metrics);
  engine_options.store = tools->store_.get();
  engine_options.clock = &clock;
  tools->engine_ = std::make_unique<decision::DecisionEngine>(tools->chain_, engine_options, metrics);
  absl::StatusOr<size_t> loaded = tools->store_->LoadInto(tools->engine_->cache(), clock.Now());
  if (loaded.ok()) {
    log::Info("decision cache loaded", {{"entries", static_cast<int64_t>(*loaded)}});
  }  // else: logged by the store; the cache starts cold
  return tools;
}

absl::StatusOr<v1::ReportLlmUsageResponse> AgentTools::ReportLlmUsage(const v1::ReportLlmUsageRequest& request,
                                                                      v1::AgentGroupKind kind) {
  return BuildLlmUsageReport(request, kind, *ledger_, chain_.get(), *store_, clock_);
}

}  // namespace aiworld::agentkit
