// The LLM cost ledger and budgets against PostgreSQL: usage rows, daily/monthly budgets per
// provider and for all providers, alerts once per threshold and period, the UTC day change, and
// BudgetedProvider refusing, recording failures and surviving a ledger without a database.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>
#include <prometheus/registry.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "runtime/clock.h"
#include "runtime/migrator.h"
#include "runtime/pg_pool.h"
#include "services/agentkit/llm/budgeted_provider.h"
#include "services/agentkit/llm/cost_ledger.h"
#include "services/agentkit/llm/failover.h"
#include "services/agentkit/llm/provider_error.h"
#include "tests/support/postgres.h"

using aiworld::llm::BudgetedProvider;
using aiworld::llm::BudgetState;
using aiworld::llm::CostLedger;
using aiworld::llm::LlmRequest;
using aiworld::llm::LlmResponse;
using aiworld::llm::UsageRecord;
using aiworld::testing::QueryCount;

namespace {

// 2024-03-15 12:00:00 UTC: mid-day, mid-month.
absl::Time Noon() { return absl::FromCivil(absl::CivilSecond(2024, 3, 15, 12, 0, 0), absl::UTCTimeZone()); }

struct Fixture {
  Fixture() {
    pqxx::connection c(db.url());
    auto run = aiworld::Migrator(c).Apply(aiworld::EmbeddedMigrations());
    REQUIRE(run.ok());
  }
  aiworld::testing::TestDatabase db;
  aiworld::ManualClock clock{Noon()};
  aiworld::PgPool pool{db.url(), {}};
  prometheus::Registry registry;
  CostLedger ledger{pool, "core", registry, clock};
};

UsageRecord Usage(const std::string& provider, int64_t cost_micros) {
  UsageRecord r;
  r.agent = "dialogue";
  r.request_type = "dialogue";
  r.provider = provider;
  r.model = provider + "-model";
  r.input_tokens = 100;
  r.output_tokens = 20;
  r.cost_micros = cost_micros;
  r.latency = absl::Milliseconds(250);
  return r;
}

// The value of one series (0 when absent), for counters and gauges.
double Metric(prometheus::Registry& registry, const std::string& name,
              const std::vector<std::pair<std::string, std::string>>& labels) {
  for (const auto& family : registry.Collect()) {
    if (family.name != name) continue;
    for (const auto& m : family.metric) {
      bool all = true;
      for (const auto& [k, v] : labels) {
        bool found = false;
        for (const auto& l : m.label) found = found || (l.name == k && l.value == v);
        all = all && found;
      }
      if (!all) continue;
      return family.type == prometheus::MetricType::Counter ? m.counter.value : m.gauge.value;
    }
  }
  return 0;
}

double Alerts(prometheus::Registry& r, const std::string& provider, const std::string& period, int threshold) {
  return Metric(r, "aiworld_llm_budget_alerts_total",
                {{"provider", provider}, {"period", period}, {"threshold", std::to_string(threshold)}});
}

class FakeProvider final : public aiworld::llm::LlmProvider {
 public:
  explicit FakeProvider(std::string name, int64_t cost = 1000) : name_(std::move(name)), cost_(cost) {}
  absl::StatusOr<LlmResponse> Complete(const LlmRequest&) override {
    ++calls;
    if (!fail.ok()) return fail;
    LlmResponse r;
    r.text = "hello";
    r.input_tokens = 40;
    r.output_tokens = 10;
    r.provider = name_;
    r.model = "fake-1";
    r.cost_micros = cost_;
    r.latency = absl::Milliseconds(120);
    return r;
  }
  std::string name() const override { return name_; }

  std::atomic<int> calls{0};
  absl::Status fail;

 private:
  std::string name_;
  int64_t cost_;
};

LlmRequest Request() {
  LlmRequest r;
  r.messages = {{"user", "hi"}};
  r.request_type = "dialogue";
  return r;
}

}  // namespace

TEST_CASE("the ledger stores one usage row per call with tokens, cost, latency and request type", "[pg]") {
  Fixture f;
  REQUIRE(f.ledger.Record(Usage("deepseek", 1500)).ok());
  REQUIRE(f.ledger.Record(Usage("openai", 2500)).ok());
  UsageRecord failed = Usage("openai", 0);
  failed.ok = false;
  failed.error = "UNAVAILABLE: openai: HTTP 503";
  REQUIRE(f.ledger.Record(failed).ok());

  pqxx::connection c(f.db.url());
  pqxx::nontransaction tx(c);
  const pqxx::row row = tx.exec1(
      "SELECT grp, agent, request_type, provider, model, input_tokens, output_tokens, cost_micros, latency_ms, ok,"
      " error IS NULL, at = '2024-03-15T12:00:00Z'::timestamptz FROM llm.usage WHERE provider = 'deepseek'");
  CHECK(row[0].as<std::string>() == "core");
  CHECK(row[1].as<std::string>() == "dialogue");
  CHECK(row[2].as<std::string>() == "dialogue");
  CHECK(row[4].as<std::string>() == "deepseek-model");
  CHECK(row[5].as<int>() == 100);
  CHECK(row[6].as<int>() == 20);
  CHECK(row[7].as<int64_t>() == 1500);
  CHECK(row[8].as<int>() == 250);
  CHECK(row[9].as<bool>());
  CHECK(row[10].as<bool>());
  CHECK(row[11].as<bool>());  // the injected clock, not the database's now()
  CHECK(tx.exec1("SELECT count(*) FROM llm.usage WHERE NOT ok AND error = 'UNAVAILABLE: openai: HTTP 503'")[0].as<int>() == 1);

  auto state = f.ledger.Check("deepseek");
  REQUIRE(state.ok());
  CHECK(state->provider_daily_micros == 1500);
  CHECK(state->provider_monthly_micros == 1500);
  CHECK(state->all_daily_micros == 4000);
  CHECK(state->all_monthly_micros == 4000);
  CHECK(state->budgets.empty());  // none configured: unlimited
  CHECK_FALSE(state->exhausted());
  CHECK(Metric(f.registry, "aiworld_llm_spent_micros", {{"provider", "deepseek"}, {"period", "daily"}}) == 1500);
  CHECK(Metric(f.registry, "aiworld_llm_spent_micros", {{"provider", "all"}, {"period", "monthly"}}) == 4000);

  CHECK(f.ledger.Record(Usage("", 1)).code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("daily and monthly budgets apply per provider and for all providers", "[pg]") {
  Fixture f;
  REQUIRE(f.ledger.SetBudget("deepseek", "daily", 10'000).ok());
  REQUIRE(f.ledger.SetBudget("deepseek", "monthly", 100'000).ok());
  REQUIRE(f.ledger.SetBudget("", "daily", 25'000).ok());
  CHECK(f.ledger.SetBudget("deepseek", "weekly", 1).code() == absl::StatusCode::kInvalidArgument);
  CHECK(f.ledger.SetBudget("deepseek", "daily", -1).code() == absl::StatusCode::kInvalidArgument);

  REQUIRE(f.ledger.Record(Usage("deepseek", 9'999)).ok());
  auto ds = f.ledger.Check("deepseek");
  REQUIRE(ds.ok());
  REQUIRE(ds->budgets.size() == 3);
  CHECK(ds->budgets[0].provider == "deepseek");
  CHECK(ds->budgets[0].period == "daily");
  CHECK(ds->budgets[0].spent_micros == 9'999);
  CHECK(ds->budgets[0].limit_micros == 10'000);
  CHECK(ds->budgets[1].period == "monthly");
  CHECK(ds->budgets[2].provider.empty());
  CHECK(ds->budgets[2].period_end == absl::FromCivil(absl::CivilDay(2024, 3, 16), absl::UTCTimeZone()));
  CHECK_FALSE(ds->exhausted());

  REQUIRE(f.ledger.Record(Usage("deepseek", 1)).ok());  // exactly at the limit: exhausted
  ds = f.ledger.Check("deepseek");
  REQUIRE(ds.ok());
  REQUIRE(ds->exhausted());
  CHECK(ds->first_exhausted()->provider == "deepseek");
  CHECK(ds->first_exhausted()->period == "daily");

  // Another provider sees only the all-providers budget, which deepseek's spending counts in.
  auto oa = f.ledger.Check("openai");
  REQUIRE(oa.ok());
  REQUIRE(oa->budgets.size() == 1);
  CHECK(oa->budgets[0].spent_micros == 10'000);
  CHECK_FALSE(oa->exhausted());
  REQUIRE(f.ledger.Record(Usage("openai", 15'000)).ok());
  oa = f.ledger.Check("openai");
  REQUIRE(oa.ok());
  CHECK(oa->exhausted());
  CHECK(oa->first_exhausted()->provider.empty());

  // Raising a limit lifts the refusal; removing a budget removes it.
  REQUIRE(f.ledger.SetBudget("", "daily", 50'000).ok());
  CHECK_FALSE(f.ledger.Check("openai")->exhausted());
  REQUIRE(f.ledger.RemoveBudget("deepseek", "daily").ok());
  CHECK(f.ledger.Check("deepseek")->budgets.size() == 2);
  CHECK(QueryCount(f.db.url(), "SELECT count(*) FROM llm.budgets") == 2);
}

TEST_CASE("alerts are raised once per threshold and period, as rows and as metric increments", "[pg]") {
  Fixture f;
  REQUIRE(f.ledger.SetBudget("deepseek", "daily", 1000).ok());
  REQUIRE(f.ledger.SetBudget("", "monthly", 4000).ok());
  const std::string alerts_sql = "SELECT count(*) FROM llm.budget_alerts WHERE provider = 'deepseek' AND period = 'daily'";

  for (int i = 0; i < 4; ++i) REQUIRE(f.ledger.Record(Usage("deepseek", 100)).ok());  // 40 %
  CHECK(QueryCount(f.db.url(), alerts_sql) == 0);
  REQUIRE(f.ledger.Record(Usage("deepseek", 100)).ok());  // 50 %
  CHECK(QueryCount(f.db.url(), alerts_sql) == 1);
  CHECK(Alerts(f.registry, "deepseek", "daily", 50) == 1);
  CHECK(Alerts(f.registry, "deepseek", "daily", 75) == 0);
  REQUIRE(f.ledger.Record(Usage("deepseek", 100)).ok());  // 60 %: nothing new
  REQUIRE(f.ledger.Record(Usage("deepseek", 100)).ok());  // 70 %
  CHECK(QueryCount(f.db.url(), alerts_sql) == 1);
  REQUIRE(f.ledger.Record(Usage("deepseek", 100)).ok());  // 80 %: 75
  CHECK(QueryCount(f.db.url(), alerts_sql) == 2);
  REQUIRE(f.ledger.Record(Usage("deepseek", 100)).ok());  // 90 %: 90
  CHECK(QueryCount(f.db.url(), alerts_sql) == 3);
  REQUIRE(f.ledger.Record(Usage("deepseek", 100)).ok());  // 100 %: 100
  for (int i = 0; i < 5; ++i) REQUIRE(f.ledger.Record(Usage("deepseek", 100)).ok());  // 150 %
  CHECK(QueryCount(f.db.url(), alerts_sql) == 4);
  CHECK(QueryCount(f.db.url(),
                   "SELECT count(*) FROM llm.budget_alerts WHERE provider = 'deepseek' AND period = 'daily'"
                   " AND period_start = '2024-03-15' AND threshold IN (50, 75, 90, 100)") == 4);
  // The 100 % alert remembers what it saw.
  CHECK(QueryCount(f.db.url(), "SELECT spent_micros FROM llm.budget_alerts WHERE provider = 'deepseek' AND threshold = 100") == 1000);
  for (const int t : {50, 75, 90, 100}) {
    INFO("threshold " << t);
    CHECK(Alerts(f.registry, "deepseek", "daily", t) == 1);
  }
  // All providers monthly: 1500 of 4000 = 37.5 %: none yet.
  CHECK(QueryCount(f.db.url(), "SELECT count(*) FROM llm.budget_alerts WHERE provider = ''") == 0);
  REQUIRE(f.ledger.Record(Usage("openai", 1500)).ok());  // 3000 of 4000 = 75 %: 50 and 75 at once
  CHECK(QueryCount(f.db.url(), "SELECT count(*) FROM llm.budget_alerts WHERE provider = '' AND period = 'monthly'") == 2);
  CHECK(Alerts(f.registry, "all", "monthly", 50) == 1);
  CHECK(Alerts(f.registry, "all", "monthly", 75) == 1);
  CHECK(Alerts(f.registry, "all", "monthly", 90) == 0);
  CHECK(Metric(f.registry, "aiworld_llm_spent_micros", {{"provider", "deepseek"}, {"period", "daily"}}) == 1500);
  CHECK(Metric(f.registry, "aiworld_llm_spent_micros", {{"provider", "all"}, {"period", "monthly"}}) == 3000);

  // A second replica (its own ledger and registry, same database) does not raise them again.
  prometheus::Registry other_registry;
  CostLedger replica(f.pool, "core", other_registry, f.clock);
  REQUIRE(replica.Record(Usage("deepseek", 100)).ok());
  for (const int t : {50, 75, 90, 100}) CHECK(Alerts(other_registry, "deepseek", "daily", t) == 0);
  CHECK(QueryCount(f.db.url(), "SELECT count(*) FROM llm.budget_alerts") == 6);
}

TEST_CASE("a new UTC day resets the daily budget and its alerts but not the monthly one", "[pg]") {
  Fixture f;
  f.clock.Set(absl::FromCivil(absl::CivilSecond(2024, 3, 15, 23, 59, 0), absl::UTCTimeZone()));
  REQUIRE(f.ledger.SetBudget("deepseek", "daily", 1000).ok());
  REQUIRE(f.ledger.SetBudget("deepseek", "monthly", 10'000).ok());
  REQUIRE(f.ledger.Record(Usage("deepseek", 1000)).ok());
  REQUIRE(f.ledger.Check("deepseek")->exhausted());
  CHECK(Alerts(f.registry, "deepseek", "daily", 100) == 1);

  f.clock.Advance(absl::Minutes(2));  // 2024-03-16 00:01 UTC
  auto state = f.ledger.Check("deepseek");
  REQUIRE(state.ok());
  CHECK_FALSE(state->exhausted());
  CHECK(state->provider_daily_micros == 0);
  CHECK(state->provider_monthly_micros == 1000);
  CHECK(Metric(f.registry, "aiworld_llm_spent_micros", {{"provider", "deepseek"}, {"period", "daily"}}) == 0);

  REQUIRE(f.ledger.Record(Usage("deepseek", 500)).ok());  // 50 % of the new day
  CHECK(Alerts(f.registry, "deepseek", "daily", 50) == 2);
  CHECK(QueryCount(f.db.url(), "SELECT count(*) FROM llm.budget_alerts WHERE period = 'daily' AND period_start = '2024-03-16'") == 1);
  CHECK(f.ledger.Check("deepseek")->provider_monthly_micros == 1500);

  // A new month resets the monthly budget too.
  f.clock.Set(absl::FromCivil(absl::CivilSecond(2024, 4, 1, 0, 0, 0), absl::UTCTimeZone()));
  state = f.ledger.Check("deepseek");
  REQUIRE(state.ok());
  CHECK(state->provider_monthly_micros == 0);
  CHECK(state->all_monthly_micros == 0);
}

TEST_CASE("an exhausted budget makes BudgetedProvider refuse with RESOURCE_EXHAUSTED without calling the provider", "[pg]") {
  Fixture f;
  REQUIRE(f.ledger.SetBudget("deepseek", "daily", 2000).ok());
  auto inner = std::make_unique<FakeProvider>("deepseek", 1000);
  FakeProvider* fake = inner.get();
  BudgetedProvider provider(std::move(inner), f.ledger, f.registry, {"dialogue"});
  CHECK(provider.name() == "deepseek");

  for (int i = 0; i < 2; ++i) {
    auto answer = provider.Complete(Request());
    REQUIRE(answer.ok());
    CHECK(answer->text == "hello");
  }
  CHECK(fake->calls == 2);
  CHECK(QueryCount(f.db.url(), "SELECT sum(cost_micros) FROM llm.usage WHERE ok AND provider = 'deepseek'"
                               " AND model = 'fake-1' AND grp = 'core' AND agent = 'dialogue'"
                               " AND request_type = 'dialogue' AND input_tokens = 40 AND output_tokens = 10"
                               " AND latency_ms = 120") == 2000);

  auto refused = provider.Complete(Request());
  REQUIRE(refused.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK_THAT(std::string(refused.status().message()),
             Catch::StartsWith("llm budget exhausted: ") && Catch::Contains("daily budget of deepseek"));
  CHECK(aiworld::llm::IsBudgetExhausted(refused.status()));
  // Retry-After: until the end of the UTC day (12 hours from noon).
  CHECK(aiworld::llm::RetryAfterOf(refused.status()) == absl::Hours(12));
  CHECK(fake->calls == 2);  // the provider was not called
  CHECK(QueryCount(f.db.url(), "SELECT count(*) FROM llm.usage") == 2);  // nor was anything recorded
  CHECK(Metric(f.registry, "aiworld_llm_budget_refused_total", {{"provider", "deepseek"}, {"period", "daily"}}) == 1);
  CHECK_FALSE(aiworld::llm::IsBudgetExhausted(absl::ResourceExhaustedError("openai: HTTP 429")));

  // An exhausted all-providers budget refuses every provider.
  REQUIRE(f.ledger.SetBudget("", "monthly", 2000).ok());
  BudgetedProvider other(std::make_unique<FakeProvider>("openai"), f.ledger, f.registry);
  auto refused_other = other.Complete(Request());
  CHECK(refused_other.status().code() == absl::StatusCode::kResourceExhausted);
  CHECK_THAT(std::string(refused_other.status().message()), Catch::Contains("monthly budget of all providers"));

  // The next day deepseek's daily budget allows calls again (the monthly one is lifted here).
  REQUIRE(f.ledger.RemoveBudget("", "monthly").ok());
  f.clock.Advance(absl::Hours(12));
  CHECK(provider.Complete(Request()).ok());
  CHECK(fake->calls == 3);
}

TEST_CASE("in a failover chain an exhausted provider is skipped for the next one without waiting", "[pg]") {
  Fixture f;
  REQUIRE(f.ledger.SetBudget("deepseek", "daily", 0).ok());
  auto first = std::make_unique<FakeProvider>("deepseek");
  auto second = std::make_unique<FakeProvider>("openai", 700);
  FakeProvider* deepseek = first.get();
  std::vector<std::unique_ptr<aiworld::llm::LlmProvider>> links;
  links.push_back(std::make_unique<BudgetedProvider>(std::move(first), f.ledger, f.registry));
  links.push_back(std::make_unique<BudgetedProvider>(std::move(second), f.ledger, f.registry));
  int sleeps = 0;
  aiworld::llm::FailoverOptions options;
  options.clock = &f.clock;
  options.sleep = [&](absl::Duration) { ++sleeps; };
  aiworld::llm::FailoverChain chain(std::move(links), options);

  auto answer = chain.Complete(Request());
  REQUIRE(answer.ok());
  CHECK(answer->provider == "openai");
  CHECK(sleeps == 0);
  CHECK(deepseek->calls == 0);
  CHECK(QueryCount(f.db.url(), "SELECT count(*) FROM llm.usage WHERE provider = 'openai' AND cost_micros = 700") == 1);
}

TEST_CASE("a failed provider call is recorded with ok false and its error, and returned as is", "[pg]") {
  Fixture f;
  auto inner = std::make_unique<FakeProvider>("anthropic");
  FakeProvider* fake = inner.get();
  fake->fail = absl::UnavailableError("anthropic: HTTP 503: overloaded");
  prometheus::Registry progression_registry;
  CostLedger progression(f.pool, "progression", progression_registry, f.clock);
  BudgetedProvider provider(std::move(inner), progression, progression_registry, {"boss"});

  auto answer = provider.Complete(Request());
  CHECK(answer.status() == fake->fail);
  CHECK(QueryCount(f.db.url(), "SELECT count(*) FROM llm.usage WHERE NOT ok AND provider = 'anthropic'"
                               " AND cost_micros = 0 AND grp = 'progression' AND agent = 'boss'"
                               " AND error = 'UNAVAILABLE: anthropic: HTTP 503: overloaded'") == 1);
  CHECK(QueryCount(f.db.url(), "SELECT count(*) FROM llm.usage WHERE ok") == 0);
}

TEST_CASE("without a ledger database calls still go ahead and each ledger error is counted", "[pg]") {
  // Nothing listens on this port: every ledger operation fails fast with UNAVAILABLE.
  aiworld::PgPool pool("postgresql://postgres@127.0.0.1:" + std::to_string(aiworld::testing::FreeTcpPort()) + "/aiworld",
                       {1, absl::Seconds(1), 1});
  prometheus::Registry registry;
  aiworld::ManualClock clock(Noon());
  CostLedger ledger(pool, "core", registry, clock);
  auto inner = std::make_unique<FakeProvider>("deepseek");
  FakeProvider* fake = inner.get();
  BudgetedProvider provider(std::move(inner), ledger, registry);

  for (int i = 0; i < 2; ++i) {
    auto answer = provider.Complete(Request());
    REQUIRE(answer.ok());
    CHECK(answer->text == "hello");
  }
  CHECK(fake->calls == 2);
  CHECK(Metric(registry, "aiworld_llm_ledger_errors_total", {{"op", "check"}}) == 2);
  CHECK(Metric(registry, "aiworld_llm_ledger_errors_total", {{"op", "record"}}) == 2);
  CHECK(ledger.Check("deepseek").status().code() == absl::StatusCode::kUnavailable);
}

TEST_CASE("budgets and spending belong to one group so one group's flags never overwrite another's", "[pg]") {
  Fixture f;
  prometheus::Registry economy_registry;
  CostLedger economy(f.pool, "economy", economy_registry, f.clock);
  REQUIRE(f.ledger.SetBudget("", "daily", 5'000).ok());
  REQUIRE(economy.SetBudget("", "daily", 1'000'000).ok());
  REQUIRE(f.ledger.Record(Usage("deepseek", 5'000)).ok());

  auto core_state = f.ledger.Check("deepseek");
  REQUIRE(core_state.ok());
  CHECK(core_state->exhausted());
  auto economy_state = economy.Check("deepseek");
  REQUIRE(economy_state.ok());
  INFO("economy spent nothing and has its own 1 USD budget");
  CHECK(economy_state->all_daily_micros == 0);
  CHECK_FALSE(economy_state->exhausted());
  REQUIRE(economy_state->budgets.size() == 1);
  CHECK(economy_state->budgets[0].limit_micros == 1'000'000);
}

TEST_CASE("the ledger reports calls per UTC day provider and model and every budget with its spending", "[pg]") {
  Fixture f;
  REQUIRE(f.ledger.SetBudget("deepseek", "monthly", 100'000).ok());
  REQUIRE(f.ledger.SetBudget("", "daily", 50'000).ok());
  REQUIRE(f.ledger.Record(Usage("deepseek", 1'500)).ok());
  UsageRecord failed = Usage("deepseek", 0);
  failed.ok = false;
  failed.error = "UNAVAILABLE: 503";
  REQUIRE(f.ledger.Record(failed).ok());
  f.clock.Advance(absl::Hours(24));  // 2024-03-16
  REQUIRE(f.ledger.Record(Usage("openai", 2'500)).ok());

  auto days = f.ledger.UsageByDay("2024-03-15", "2024-03-16", "");
  REQUIRE(days.ok());
  REQUIRE(days->size() == 2);
  CHECK((*days)[0].day == "2024-03-15");
  CHECK((*days)[0].provider == "deepseek");
  CHECK((*days)[0].requests == 2);
  CHECK((*days)[0].failed_requests == 1);
  CHECK((*days)[0].input_tokens == 200);
  CHECK((*days)[0].cost_micros == 1'500);
  CHECK((*days)[1].day == "2024-03-16");
  CHECK((*days)[1].provider == "openai");

  auto only_openai = f.ledger.UsageByDay("2024-03-15", "2024-03-15", "openai");
  REQUIRE(only_openai.ok());
  CHECK(only_openai->empty());

  auto budgets = f.ledger.Budgets();
  REQUIRE(budgets.ok());
  REQUIRE(budgets->size() == 2);
  CHECK((*budgets)[0].provider.empty());
  CHECK((*budgets)[0].period == "daily");
  CHECK((*budgets)[0].spent_micros == 2'500);  // today is the 16th
  CHECK((*budgets)[1].provider == "deepseek");
  CHECK((*budgets)[1].spent_micros == 1'500);  // this month
}
