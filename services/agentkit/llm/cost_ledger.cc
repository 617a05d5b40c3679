#include "services/agentkit/llm/cost_ledger.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/civil_time.h"
#include "runtime/log.h"

namespace aiworld::llm {
namespace {

// The UTC day and month that contain `now`.
struct Periods {
  absl::CivilDay day;
  absl::CivilMonth month;
  absl::Time day_start, day_end, month_start, month_end;
};

Periods PeriodsAt(absl::Time now) {
  const absl::TimeZone utc = absl::UTCTimeZone();
  Periods p;
  p.day = absl::ToCivilDay(now, utc);
  p.month = absl::CivilMonth(p.day);
  p.day_start = absl::FromCivil(p.day, utc);
  p.day_end = absl::FromCivil(p.day + 1, utc);
  p.month_start = absl::FromCivil(p.month, utc);
  p.month_end = absl::FromCivil(p.month + 1, utc);
  return p;
}

// A timestamptz literal PostgreSQL reads exactly (microseconds, UTC).
std::string Timestamp(absl::Time t) {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%E6SZ", t, absl::UTCTimeZone());
}

std::string PeriodStart(const Periods& p, const std::string& period) {
  return period == kDailyPeriod ? absl::FormatCivilTime(p.day) : absl::FormatCivilTime(absl::CivilDay(p.month));
}

std::string ProviderLabel(const std::string& provider) {
  return provider.empty() ? std::string(kAllProvidersLabel) : provider;
}

bool Reached(int64_t spent, int64_t limit, int threshold_percent) {
  if (limit <= 0) return spent > 0;  // a zero budget: any spending is all of it
  // spent / limit >= threshold / 100, in integers (micro-dollar amounts stay far below 2^63 / 100).
  return spent * 100 >= limit * threshold_percent;
}

}  // namespace

std::string FormatMicros(int64_t micros) {
  const char* sign = micros < 0 ? "-" : "";
  const uint64_t m = micros < 0 ? static_cast<uint64_t>(-(micros + 1)) + 1 : static_cast<uint64_t>(micros);
  return absl::StrFormat("%s%d.%06d", sign, m / 1000000, m % 1000000);
}

CostLedger::CostLedger(PgPool& pool, std::string group, prometheus::Registry& registry, const Clock& clock)
    : pool_(pool),
      group_(std::move(group)),
      clock_(clock),
      alerts_(prometheus::BuildCounter()
                  .Name("aiworld_llm_budget_alerts_total")
                  .Help("LLM budget alerts raised (once per budget, period and threshold percent across replicas)")
                  .Register(registry)),
      spent_(prometheus::BuildGauge()
                 .Name("aiworld_llm_spent_micros")
                 .Help("LLM spending of the current UTC day or month in micro-dollars (provider \"all\": every provider)")
                 .Register(registry)) {}

BudgetState CostLedger::Load(pqxx::transaction_base& tx, const std::string& group, const std::string& provider,
                             absl::Time now) {
  const Periods p = PeriodsAt(now);
  BudgetState state;
  const pqxx::row sums = tx.exec_params1(
      "SELECT COALESCE(sum(cost_micros) FILTER (WHERE provider = $1 AND at >= $2::timestamptz AND at < $3::timestamptz), 0)::bigint,"
      "       COALESCE(sum(cost_micros) FILTER (WHERE provider = $1), 0)::bigint,"
      "       COALESCE(sum(cost_micros) FILTER (WHERE at >= $2::timestamptz AND at < $3::timestamptz), 0)::bigint,"
      "       COALESCE(sum(cost_micros), 0)::bigint"
      "  FROM llm.usage WHERE grp = $6 AND at >= $4::timestamptz AND at < $5::timestamptz",
      provider, Timestamp(p.day_start), Timestamp(p.day_end), Timestamp(p.month_start), Timestamp(p.month_end), group);
  state.provider_daily_micros = provider.empty() ? 0 : sums[0].as<int64_t>();
  state.provider_monthly_micros = provider.empty() ? 0 : sums[1].as<int64_t>();
  state.all_daily_micros = sums[2].as<int64_t>();
  state.all_monthly_micros = sums[3].as<int64_t>();

  const pqxx::result budgets = tx.exec_params(
      "SELECT provider, period, limit_micros FROM llm.budgets WHERE grp = $2 AND provider IN ('', $1)"
      " ORDER BY provider = '', period",  // the provider's own first; daily before monthly
      provider, group);
  for (const pqxx::row& row : budgets) {
    BudgetLine line;
    line.provider = row[0].as<std::string>();
    line.period = row[1].as<std::string>();
    line.limit_micros = row[2].as<int64_t>();
    const bool daily = line.period == kDailyPeriod;
    if (line.provider.empty()) {
      line.spent_micros = daily ? state.all_daily_micros : state.all_monthly_micros;
    } else {
      line.spent_micros = daily ? state.provider_daily_micros : state.provider_monthly_micros;
    }
    line.exhausted = line.spent_micros >= line.limit_micros;
    line.period_end = daily ? p.day_end : p.month_end;
    state.budgets.push_back(std::move(line));
  }
  return state;
}

void CostLedger::PublishSpent(const std::string& provider, const BudgetState& state) {
  if (!provider.empty()) {
    spent_.Add({{"provider", provider}, {"period", kDailyPeriod}}).Set(static_cast<double>(state.provider_daily_micros));
    spent_.Add({{"provider", provider}, {"period", kMonthlyPeriod}}).Set(static_cast<double>(state.provider_monthly_micros));
  }
  spent_.Add({{"provider", kAllProvidersLabel}, {"period", kDailyPeriod}}).Set(static_cast<double>(state.all_daily_micros));
  spent_.Add({{"provider", kAllProvidersLabel}, {"period", kMonthlyPeriod}}).Set(static_cast<double>(state.all_monthly_micros));
}

absl::Status CostLedger::Record(const UsageRecord& record) {
  if (record.provider.empty()) return absl::InvalidArgumentError("llm usage: provider is required");
  const absl::Time now = clock_.Now();
  const Periods periods = PeriodsAt(now);
  BudgetState state;
  std::vector<Alert> raised;
  absl::Status status = pool_.Run([&](pqxx::connection& c) {
    raised.clear();
    pqxx::work tx(c);
    const std::optional<std::string> error =
        record.ok ? std::nullopt : std::optional<std::string>(record.error);
    tx.exec_params0(
        "INSERT INTO llm.usage (at, grp, agent, request_type, provider, model, input_tokens, output_tokens,"
        " cost_micros, latency_ms, ok, error)"
        " VALUES ($1::timestamptz, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        Timestamp(now), group_, record.agent, record.request_type, record.provider, record.model,
        record.input_tokens, record.output_tokens, record.cost_micros,
        static_cast<int>(std::min<int64_t>(absl::ToInt64Milliseconds(record.latency), int64_t{INT32_MAX})), record.ok,
        error);
    state = Load(tx, group_, record.provider, now);
    for (const BudgetLine& line : state.budgets) {
      for (const int threshold : kThresholds) {
        if (!Reached(line.spent_micros, line.limit_micros, threshold)) break;
        Alert alert{line.provider, line.period, PeriodStart(periods, line.period), threshold, line.spent_micros,
                    line.limit_micros};
        const pqxx::result inserted = tx.exec_params(
            "INSERT INTO llm.budget_alerts (grp, provider, period, period_start, threshold, spent_micros, limit_micros,"
            " raised_at) VALUES ($8, $1, $2, $3::date, $4, $5, $6, $7::timestamptz)"
            " ON CONFLICT DO NOTHING RETURNING threshold",
            alert.provider, alert.period, alert.period_start, alert.threshold, alert.spent_micros,
            alert.limit_micros, Timestamp(now), group_);
        if (!inserted.empty()) raised.push_back(std::move(alert));
      }
    }
    tx.commit();
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  PublishSpent(record.provider, state);
  for (const Alert& a : raised) {
    const std::string label = ProviderLabel(a.provider);
    alerts_.Add({{"provider", label}, {"period", a.period}, {"threshold", absl::StrCat(a.threshold)}}).Increment();
    log::Warn("llm budget alert", {{"provider", label},
                                   {"period", a.period},
                                   {"period_start", a.period_start},
                                   {"threshold_percent", a.threshold},
                                   {"spent_usd", FormatMicros(a.spent_micros)},
                                   {"limit_usd", FormatMicros(a.limit_micros)}});
  }
  return absl::OkStatus();
}

absl::StatusOr<BudgetState> CostLedger::Check(const std::string& provider) {
  const absl::Time now = clock_.Now();
  BudgetState state;
  absl::Status status = pool_.Run([&](pqxx::connection& c) {
    pqxx::read_transaction tx(c);
    state = Load(tx, group_, provider, now);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  PublishSpent(provider, state);
  return state;
}

absl::Status CostLedger::SetBudget(const std::string& provider, const std::string& period, int64_t limit_micros) {
  if (period != kDailyPeriod && period != kMonthlyPeriod) {
    return absl::InvalidArgumentError(absl::StrCat("llm budget: period must be daily or monthly, not \"", period, "\""));
  }
  if (limit_micros < 0) return absl::InvalidArgumentError("llm budget: the limit must not be negative");
  return pool_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params0(
        "INSERT INTO llm.budgets (grp, provider, period, limit_micros) VALUES ($4, $1, $2, $3)"
        " ON CONFLICT (grp, provider, period) DO UPDATE SET limit_micros = EXCLUDED.limit_micros, updated_at = now()",
        provider, period, limit_micros, group_);
    tx.commit();
    return absl::OkStatus();
  });
}

absl::Status CostLedger::RemoveBudget(const std::string& provider, const std::string& period) {
  return pool_.Run([&](pqxx::connection& c) {
    pqxx::work tx(c);
    tx.exec_params0("DELETE FROM llm.budgets WHERE grp = $3 AND provider = $1 AND period = $2", provider, period, group_);
    tx.commit();
    return absl::OkStatus();
  });
}

absl::StatusOr<std::vector<BudgetLine>> CostLedger::Budgets() {
  const absl::Time now = clock_.Now();
  std::vector<BudgetLine> lines;
  absl::Status status = pool_.Run([&](pqxx::connection& c) {
    lines.clear();
    pqxx::read_transaction tx(c);
    for (const pqxx::row& row : tx.exec_params("SELECT DISTINCT provider FROM llm.budgets WHERE grp = $1 ORDER BY 1", group_)) {
      const std::string provider = row[0].as<std::string>();
      for (BudgetLine& line : Load(tx, group_, provider, now).budgets) {
        if (line.provider == provider) lines.push_back(std::move(line));
      }
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return lines;
}

absl::StatusOr<std::vector<UsageDay>> CostLedger::UsageByDay(const std::string& from_day, const std::string& to_day,
                                                            const std::string& provider) {
  std::vector<UsageDay> days;
  absl::Status status = pool_.Run([&](pqxx::connection& c) {
    days.clear();
    pqxx::read_transaction tx(c);
    const pqxx::result rows = tx.exec_params(
        "SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, provider, model, count(*), count(*) FILTER (WHERE NOT ok),"
        "       COALESCE(sum(input_tokens), 0)::bigint, COALESCE(sum(output_tokens), 0)::bigint, COALESCE(sum(cost_micros), 0)::bigint"
        "  FROM llm.usage"
        " WHERE grp = $1 AND at >= ($2::date)::timestamp AT TIME ZONE 'UTC' AND at < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'"
        "   AND ($4 = '' OR provider = $4)"
        " GROUP BY 1, 2, 3 ORDER BY 1, 2, 3",
        group_, from_day, to_day, provider);
    for (const pqxx::row& row : rows) {
      UsageDay d;
      d.day = row[0].as<std::string>();
      d.provider = row[1].as<std::string>();
      d.model = row[2].as<std::string>();
      d.requests = row[3].as<uint64_t>();
      d.failed_requests = row[4].as<uint64_t>();
      d.input_tokens = row[5].as<uint64_t>();
      d.output_tokens = row[6].as<uint64_t>();
      d.cost_micros = row[7].as<int64_t>();
      days.push_back(std::move(d));
    }
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  return days;
}

}  // namespace aiworld::llm
