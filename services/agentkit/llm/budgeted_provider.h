#pragma once
// A provider that keeps to the LLM budgets: before each call it asks the CostLedger whether a
// budget that applies (the provider's own daily/monthly, the all-providers daily/monthly) is
// exhausted, and refuses with RESOURCE_EXHAUSTED ("llm budget exhausted: ...") without calling the
// provider if so; callers then answer from templates. Every call it makes is recorded in the ledger,
// answered (tokens, cost, under LlmResponse::provider) or failed (ok = false, the error).
//
// The ledger never fails the game path: when its database is unavailable the call goes ahead
// unchecked and unrecorded; the first error of an outage is logged (and the recovery), every error
// counts in aiworld_llm_ledger_errors_total{op="check"|"record"}.
//
// Where to put it: around each provider of a FailoverChain (per-provider budgets are then enforced
// and an exhausted provider is skipped for the next one: the refusal carries a Retry-After of the
// time until the budget's period ends, so the chain moves on instead of waiting unless that is under
// its max_retry_after), or around the whole chain (then only the all-providers budgets apply before
// the call, since the chain's name is no provider's; costs are still recorded per answering provider).
//
// Blocking, like every provider: call it on a worker pool.
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/registry.h>

#include <atomic>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/agentkit/llm/cost_ledger.h"
#include "services/agentkit/llm/provider.h"

namespace aiworld::llm {

struct BudgetedOptions {
  std::string agent;  // recorded as llm.usage.agent (LlmRequest does not carry one)
};

class BudgetedProvider final : public LlmProvider {
 public:
  BudgetedProvider(std::unique_ptr<LlmProvider> inner, CostLedger& ledger, prometheus::Registry& registry,
                   BudgetedOptions options = {});

  absl::StatusOr<LlmResponse> Complete(const LlmRequest& request) override;
  std::string name() const override { return inner_->name(); }

 private:
  void LedgerFailed(const char* op, const absl::Status& status);
  void LedgerAnswered();

  const std::unique_ptr<LlmProvider> inner_;
  CostLedger& ledger_;
  const BudgetedOptions options_;
  prometheus::Family<prometheus::Counter>& ledger_errors_;
  prometheus::Family<prometheus::Counter>& refused_;
  std::atomic<bool> ledger_down_{false};
};

// True for the refusal of BudgetedProvider (as opposed to a provider's own HTTP 429).
bool IsBudgetExhausted(const absl::Status& status);

}  // namespace aiworld::llm
