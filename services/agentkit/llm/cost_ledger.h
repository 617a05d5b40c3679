#pragma once
// The LLM cost ledger of one agent group: every provider call is a row of llm.usage, budgets are
// rows of llm.budgets (per provider, or '' for all providers; daily or monthly), and crossing 50/75/90/100 % of a
// budget raises an alert once per budget and period across all replicas (llm.budget_alerts, a
// warning in the log, aiworld_llm_budget_alerts_total). Periods are UTC days and UTC months of the
// injected clock. Amounts are micro-dollars (US dollars × 1e6).
//
// Blocking (database round trips): call it where LLM calls run, on a worker pool.
#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/registry.h>

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "runtime/clock.h"
#include "runtime/pg_pool.h"

namespace aiworld::llm {

inline constexpr char kDailyPeriod[] = "daily";
inline constexpr char kMonthlyPeriod[] = "monthly";
// The provider of a budget that covers all providers (in llm.budgets and llm.budget_alerts).
inline constexpr char kAllProviders[] = "";
// How the all-providers budget is labelled in metrics and logs.
inline constexpr char kAllProvidersLabel[] = "all";

struct UsageRecord {
  std::string agent;
  std::string request_type;  // LlmRequest::request_type
  std::string provider;      // required
  std::string model;
  int input_tokens = 0;
  int output_tokens = 0;
  int64_t cost_micros = 0;
  absl::Duration latency = absl::ZeroDuration();
  bool ok = true;
  std::string error;  // when !ok
};

// One configured budget and how much of it the current period has used.
struct BudgetLine {
  std::string provider;  // "" = all providers
  std::string period;    // kDailyPeriod or kMonthlyPeriod
  int64_t spent_micros = 0;
  int64_t limit_micros = 0;
  bool exhausted = false;           // spent >= limit
  absl::Time period_end;            // when the period (and so this budget) starts afresh
};

// Calls of one UTC day, provider and model.
struct UsageDay {
  std::string day;  // YYYY-MM-DD
  std::string provider;
  std::string model;
  uint64_t requests = 0;
  uint64_t failed_requests = 0;
  uint64_t input_tokens = 0;
  uint64_t output_tokens = 0;
  int64_t cost_micros = 0;
};

struct BudgetState {
  // Spending of the current UTC day and month, of the provider asked about and of all providers.
  int64_t provider_daily_micros = 0;
  int64_t provider_monthly_micros = 0;
  int64_t all_daily_micros = 0;
  int64_t all_monthly_micros = 0;
  // The budgets that apply: the provider's own, then the all-providers ones. None configured:
  // spending is unlimited.
  std::vector<BudgetLine> budgets;

  bool exhausted() const { return first_exhausted() != nullptr; }
  const BudgetLine* first_exhausted() const {
    for (const BudgetLine& b : budgets) {
      if (b.exhausted) return &b;
    }
    return nullptr;
  }
};

class CostLedger {
 public:
  // group: the agent group whose calls and budgets these are (each group's replicas share them).
  CostLedger(PgPool& pool, std::string group, prometheus::Registry& registry,
             const Clock& clock = SystemClock::Instance());
  CostLedger(const CostLedger&) = delete;
  CostLedger& operator=(const CostLedger&) = delete;

  // Inserts the call (at the clock's now), then raises the alerts its spending newly crosses. An
  // alert is logged and counted only by the replica whose insert of the alert row won.
  absl::Status Record(const UsageRecord& record);

  // Spending of the current day and month and the budgets that apply to `provider` (its own and
  // the all-providers ones; "" for only the latter). Also refreshes aiworld_llm_spent_micros.
  absl::StatusOr<BudgetState> Check(const std::string& provider);

  // Creates or replaces a budget; provider "" is all providers. INVALID_ARGUMENT on an unknown
  // period or a negative limit. A limit of 0 refuses every call that costs.
  absl::Status SetBudget(const std::string& provider, const std::string& period, int64_t limit_micros);
  // Removes a budget (no error when there was none).
  absl::Status RemoveBudget(const std::string& provider, const std::string& period);

  // Every budget of the group with what the current period has spent.
  absl::StatusOr<std::vector<BudgetLine>> Budgets();
  // The group's calls per UTC day, provider and model, from_day..to_day ("YYYY-MM-DD", inclusive);
  // provider "" = all.
  absl::StatusOr<std::vector<UsageDay>> UsageByDay(const std::string& from_day, const std::string& to_day,
                                                   const std::string& provider);

  const Clock& clock() const { return clock_; }
  const std::string& group() const { return group_; }

  static constexpr int kThresholds[] = {50, 75, 90, 100};

 private:
  struct Alert {
    std::string provider;
    std::string period;
    std::string period_start;
    int threshold = 0;
    int64_t spent_micros = 0;
    int64_t limit_micros = 0;
  };

  // Throws what libpqxx throws; PgPool::Run maps it to a status.
  static BudgetState Load(pqxx::transaction_base& tx, const std::string& group, const std::string& provider,
                          absl::Time now);
  void PublishSpent(const std::string& provider, const BudgetState& state);

  PgPool& pool_;
  const std::string group_;
  const Clock& clock_;
  prometheus::Family<prometheus::Counter>& alerts_;
  prometheus::Family<prometheus::Gauge>& spent_;
};

// "1.234567" for 1234567 micro-dollars.
std::string FormatMicros(int64_t micros);

}  // namespace aiworld::llm
