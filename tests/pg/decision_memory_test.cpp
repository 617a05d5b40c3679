// The decision engine's memory in PostgreSQL through AgentTools, as a group server builds it, with a
// real OpenAI-wire provider (a local HTTP server): cached answers survive a restart, decisions are
// counted per agent and tier, and AgentGroup.ReportLlmUsage reports usage, budgets, provider health
// and tiers.
#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "runtime/migrator.h"
#include "services/agentkit/agent_group_service.h"
#include "services/agentkit/agent_tools.h"
#include "tests/support/fake_llm_server.h"
#include "tests/support/postgres.h"

using namespace aiworld;
using aiworld::testing::FakeLlmServer;
using aiworld::testing::FakeReply;
using aiworld::testing::QueryCount;

namespace {

// 2024-05-10 10:00 UTC.
absl::Time Morning() { return absl::FromCivil(absl::CivilSecond(2024, 5, 10, 10, 0, 0), absl::UTCTimeZone()); }

struct Database {
  Database() {
    pqxx::connection c(db.url());
    REQUIRE(Migrator(c).Apply(EmbeddedMigrations()).ok());
  }
  testing::TestDatabase db;
  PgPool pool{db.url(), {}};
  ManualClock clock{Morning()};
};

// One group process's tools; a second instance is a restart (or another replica).
std::unique_ptr<agentkit::AgentTools> Tools(Database& d, prometheus::Registry& registry, const std::string& providers,
                                            double daily_usd = 0) {
  agentkit::AgentToolsOptions options;
  options.group = "core";
  options.providers = providers;
  options.daily_budget_usd = daily_usd;
  options.engine.batching = false;  // one call per decision, so calls are easy to count
  auto tools = agentkit::AgentTools::Create(options, d.pool, d.clock, registry);
  REQUIRE(tools.ok());
  return *std::move(tools);
}

std::string OpenAi(const FakeLlmServer& server) {
  return "kind=openai,name=fake,url=" + server.base_url() + "/v1,model=gpt-4o-mini";
}

decision::DecisionRequest Greeting(const std::string& key) {
  decision::DecisionRequest r;
  r.type = "npc_dialogue";
  r.agent = "dialogue";
  r.cache_key = key;
  r.features = {1, 0, 1};
  r.prompt = "Greet the traveller.";
  r.template_answer = [] { return std::string("Well met."); };
  return r;
}

}  // namespace

TEST_CASE("cached answers are written through and a restarted group starts warm", "[pg]") {
  Database d;
  FakeLlmServer llm;
  llm.SetDefault(FakeReply::OpenAiOk("Hail, adventurer!", 30, 8));
  {
    prometheus::Registry registry;
    auto tools = Tools(d, registry, OpenAi(llm));
    const decision::Decision first = tools->decisions().Decide(Greeting("prontera/alice"));
    CHECK(first.tier == v1::TIER_SINGLE);
    CHECK(first.text == "Hail, adventurer!");
  }
  REQUIRE(llm.requests().size() == 1);
  CHECK(QueryCount(d.db.url(), "SELECT count(*) FROM core.decision_cache WHERE decision_type = 'npc_dialogue'"
                               " AND cache_key = 'prontera/alice' AND answer = 'Hail, adventurer!'") == 1);

  prometheus::Registry registry;
  auto restarted = Tools(d, registry, OpenAi(llm));
  const decision::Decision again = restarted->decisions().Decide(Greeting("prontera/alice"));
  INFO("the restarted engine must answer from the cache it loaded, not the provider");
  CHECK(again.tier == v1::TIER_CACHE);
  CHECK(again.text == "Hail, adventurer!");
  CHECK(llm.requests().size() == 1);
  // A different key with the same features is found by similarity after the restart too.
  CHECK(restarted->decisions().Decide(Greeting("payon/bob")).tier == v1::TIER_CACHE);
}

TEST_CASE("answers past the cache TTL are dropped at load and not answered", "[pg]") {
  Database d;
  FakeLlmServer llm;
  llm.SetDefault(FakeReply::OpenAiOk("Old news.", 10, 3));
  {
    prometheus::Registry registry;
    Tools(d, registry, OpenAi(llm))->decisions().Decide(Greeting("k"));
  }
  d.clock.Advance(absl::Hours(2));  // the default TTL is one hour
  prometheus::Registry registry;
  auto later = Tools(d, registry, OpenAi(llm));
  CHECK(QueryCount(d.db.url(), "SELECT count(*) FROM core.decision_cache") == 0);
  CHECK(later->decisions().Decide(Greeting("k")).tier == v1::TIER_SINGLE);
  CHECK(llm.requests().size() == 2);
}

TEST_CASE("with no provider every decision is a template and is counted per agent and tier", "[pg]") {
  Database d;
  prometheus::Registry registry;
  auto tools = Tools(d, registry, "");
  CHECK_FALSE(tools->has_provider());
  decision::DecisionRequest ruled = Greeting("");
  ruled.agent = "quest";
  ruled.rules = [] { return std::optional<std::string>("by the rules"); };
  for (int i = 0; i < 3; ++i) {
    const decision::Decision t = tools->decisions().Decide(Greeting(""));
    CHECK(t.tier == v1::TIER_TEMPLATE);
    CHECK(t.text == "Well met.");
  }
  CHECK(tools->decisions().Decide(ruled).tier == v1::TIER_RULES);
  REQUIRE(tools->store().Flush().ok());
  CHECK(QueryCount(d.db.url(), "SELECT decisions FROM core.decision_counts WHERE day = '2024-05-10' AND agent = 'dialogue'"
                               " AND tier = 'template'") == 3);
  CHECK(QueryCount(d.db.url(), "SELECT decisions FROM core.decision_counts WHERE agent = 'quest' AND tier = 'rules'") == 1);
}

TEST_CASE("ReportLlmUsage answers usage per day budgets provider health and decisions per agent and tier", "[pg]") {
  Database d;
  FakeLlmServer llm;
  llm.SetDefault(FakeReply::OpenAiOk("Greetings.", 100, 20));
  prometheus::Registry registry;
  std::shared_ptr<agentkit::AgentTools> tools = Tools(d, registry, OpenAi(llm), 2.5);
  agentkit::AgentGroupService service({"core", v1::AGENT_GROUP_KIND_CORE, "test"}, {}, d.pool, d.clock, registry, tools);
  tools->decisions().Decide(Greeting("a"));
  tools->decisions().Decide(Greeting("a"));  // cache

  v1::ReportLlmUsageRequest request;
  v1::ReportLlmUsageResponse report;
  REQUIRE(service.ReportLlmUsage(nullptr, &request, &report).ok());
  REQUIRE(report.days_size() == 1);
  CHECK(report.days(0).day() == "2024-05-10");
  CHECK(report.days(0).provider() == "fake");
  CHECK(report.days(0).requests() == 1);
  CHECK(report.days(0).input_tokens() == 100);
  CHECK(report.days(0).output_tokens() == 20);
  REQUIRE(report.budgets_size() == 1);
  CHECK(report.budgets(0).group() == v1::AGENT_GROUP_KIND_CORE);
  CHECK(report.budgets(0).period() == v1::BUDGET_PERIOD_DAILY);
  CHECK(report.budgets(0).limit_micros() == 2'500'000);
  CHECK(report.budgets(0).spent_micros() == report.days(0).cost_micros());
  REQUIRE(report.providers_size() == 1);
  CHECK(report.providers(0).provider() == "fake");
  CHECK(report.providers(0).circuit() == v1::CIRCUIT_STATE_CLOSED);
  std::map<v1::Tier, uint64_t> tiers;
  for (const auto& t : report.agent_tiers()) {
    CHECK(t.agent() == "dialogue");
    tiers[t.tier()] += t.decisions();
  }
  CHECK(tiers[v1::TIER_SINGLE] == 1);
  CHECK(tiers[v1::TIER_CACHE] == 1);

  request.set_from_day("2024-05-11");
  request.set_to_day("2024-05-01");
  const grpc::Status bad = service.ReportLlmUsage(nullptr, &request, &report);
  CHECK(bad.error_code() == grpc::StatusCode::INVALID_ARGUMENT);
  CHECK_THAT(bad.error_message(), Catch::StartsWith("from_day:"));
}
