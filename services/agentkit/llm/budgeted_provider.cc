#include "services/agentkit/llm/budgeted_provider.h"

#include <algorithm>
#include <utility>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "runtime/log.h"

namespace aiworld::llm {
namespace {

constexpr char kBudgetExhaustedUrl[] = "type.aiworld.dev/llm.budget_exhausted";
// The payload provider_error.h's RetryAfterOf() reads (see provider_error.cc).
constexpr char kRetryAfterUrl[] = "type.aiworld.dev/llm.retry_after_ms";

absl::Status Exhausted(const BudgetLine& line, absl::Time now) {
  const std::string who = line.provider.empty() ? std::string("all providers") : line.provider;
  absl::Status status = absl::ResourceExhaustedError(
      absl::StrCat("llm budget exhausted: ", line.period, " budget of ", who, ": spent $",
                   FormatMicros(line.spent_micros), " of $", FormatMicros(line.limit_micros)));
  status.SetPayload(kBudgetExhaustedUrl, absl::Cord(line.period));
  const absl::Duration until_reset = std::max(line.period_end - now, absl::ZeroDuration());
  status.SetPayload(kRetryAfterUrl, absl::Cord(absl::StrCat(absl::ToInt64Milliseconds(until_reset))));
  return status;
}

}  // namespace

bool IsBudgetExhausted(const absl::Status& status) {
  return status.code() == absl::StatusCode::kResourceExhausted && status.GetPayload(kBudgetExhaustedUrl).has_value();
}

BudgetedProvider::BudgetedProvider(std::unique_ptr<LlmProvider> inner, CostLedger& ledger,
                                   prometheus::Registry& registry, BudgetedOptions options)
    : inner_(std::move(inner)),
      ledger_(ledger),
      options_(std::move(options)),
      ledger_errors_(prometheus::BuildCounter()
                         .Name("aiworld_llm_ledger_errors_total")
                         .Help("LLM cost-ledger operations that failed (the LLM call went ahead)")
                         .Register(registry)),
      refused_(prometheus::BuildCounter()
                   .Name("aiworld_llm_budget_refused_total")
                   .Help("LLM calls refused because a budget was exhausted (answered from templates)")
                   .Register(registry)) {}

void BudgetedProvider::LedgerFailed(const char* op, const absl::Status& status) {
  ledger_errors_.Add({{"op", op}}).Increment();
  if (!ledger_down_.exchange(true)) {
    log::Warn("llm cost ledger unavailable: calls go ahead unchecked and unrecorded",
              {{"provider", inner_->name()}, {"op", op}, {"error", status}});
  }
}

void BudgetedProvider::LedgerAnswered() {
  if (ledger_down_.exchange(false)) log::Info("llm cost ledger available again", {{"provider", inner_->name()}});
}

absl::StatusOr<LlmResponse> BudgetedProvider::Complete(const LlmRequest& request) {
  const std::string provider = inner_->name();
  absl::StatusOr<BudgetState> budget = ledger_.Check(provider);
  if (!budget.ok()) {
    LedgerFailed("check", budget.status());
  } else {
    LedgerAnswered();
    if (const BudgetLine* line = budget->first_exhausted()) {
      refused_.Add({{"provider", line->provider.empty() ? std::string(kAllProvidersLabel) : line->provider},
                    {"period", line->period}})
          .Increment();
      return Exhausted(*line, ledger_.clock().Now());
    }
  }

  const absl::Time start = ledger_.clock().Now();
  absl::StatusOr<LlmResponse> result = inner_->Complete(request);

  UsageRecord record;
  record.agent = options_.agent;
  record.request_type = request.request_type;
  if (result.ok()) {
    record.provider = result->provider.empty() ? provider : result->provider;
    record.model = result->model;
    record.input_tokens = result->input_tokens;
    record.output_tokens = result->output_tokens;
    record.cost_micros = result->cost_micros;
    record.latency = result->latency;
    record.ok = true;
  } else {
    record.provider = provider;
    record.latency = ledger_.clock().Now() - start;
    record.ok = false;
    record.error = absl::StrCat(absl::StatusCodeToString(result.status().code()), ": ", result.status().message());
  }
  if (const absl::Status recorded = ledger_.Record(record); !recorded.ok()) {
    LedgerFailed("record", recorded);
  } else {
    LedgerAnswered();
  }
  return result;
}

}  // namespace aiworld::llm
