#include <catch2/catch.hpp>
#include <pqxx/pqxx>

#include "runtime/migrator.h"
#include "services/agentkit/agent_group_service.h"
#include "tests/support/postgres.h"
#include "tests/support/toy_agents.h"

using namespace aiworld;
using aiworld::testing::QueryCount;

namespace {

struct Group {
  testing::TestDatabase db;
  std::unique_ptr<PgPool> pool;
  ManualClock clock{absl::FromUnixSeconds(1700000000)};
  prometheus::Registry registry;
  std::unique_ptr<agentkit::AgentGroupService> service;

  Group() {
    {
      pqxx::connection c(db.url());
      REQUIRE(Migrator(c).Apply(EmbeddedMigrations()).ok());
    }
    pool = std::make_unique<PgPool>(db.url(), PgPool::Options{});
    std::vector<std::shared_ptr<agentkit::Agent>> agents = {std::make_shared<testing::KillCounterAgent>(),
                                                            std::make_shared<testing::FailingAgent>()};
    service = std::make_unique<agentkit::AgentGroupService>(
        agentkit::GroupIdentity{"procedural", v1::AGENT_GROUP_KIND_PROCEDURAL, "test"}, agents, *pool, clock, registry);
  }

  v1::HandleEventsResponse Handle(uint64_t sequence, int kills, const std::string& map = "prt_fild08") {
    v1::HandleEventsRequest req;
    req.set_server_id("srv1");
    req.set_batch_sequence(sequence);
    for (int i = 0; i < kills; ++i) {
      v1::RoutedEvent* r = req.add_events();
      r->set_index(static_cast<uint32_t>(i));
      r->mutable_event()->set_map(map);
      r->mutable_event()->set_char_id(150000 + static_cast<uint32_t>(i % 2));
      r->mutable_event()->mutable_monster_killed()->set_mob_id(1002);
    }
    v1::HandleEventsResponse resp;
    const grpc::Status s = service->HandleEvents(nullptr, &req, &resp);
    REQUIRE(s.ok());
    return resp;
  }

  std::string State(const std::string& agent, const std::string& key) {
    pqxx::connection c(db.url());
    pqxx::result r = pqxx::nontransaction(c).exec_params(
        "SELECT convert_from(value, 'UTF8') FROM procedural.agent_state WHERE agent = $1 AND key = $2", agent, key);
    return r.empty() ? "" : r[0][0].as<std::string>();
  }
};

}  // namespace

TEST_CASE("a redelivered batch changes nothing twice and returns the same actions", "[pg]") {
  Group g;
  const v1::HandleEventsResponse first = g.Handle(1, 6);
  CHECK_FALSE(first.duplicate());
  REQUIRE(first.actions_size() == 2);
  CHECK(first.actions(0).origin().agent() == "kill_counter");
  CHECK(first.actions(0).origin().group() == v1::AGENT_GROUP_KIND_PROCEDURAL);
  CHECK(g.State("kill_counter", "map:prt_fild08") == "6");
  for (int again = 0; again < 3; ++again) {
    v1::HandleEventsResponse redelivered = g.Handle(1, 6);
    CHECK(redelivered.duplicate());
    redelivered.set_duplicate(false);
    CHECK(redelivered.SerializeAsString() == first.SerializeAsString());
  }
  CHECK(g.State("kill_counter", "map:prt_fild08") == "6");
  CHECK(QueryCount(g.db.url(), "SELECT count(*) FROM procedural.handled_batches") == 1);
  // The next batch continues from the committed state.
  CHECK(g.Handle(2, 3).actions_size() == 1);
  CHECK(g.State("kill_counter", "map:prt_fild08") == "9");
}

TEST_CASE("a failing agent's changes roll back while the other agents' commit", "[pg]") {
  Group g;
  const v1::HandleEventsResponse resp = g.Handle(1, 3);
  REQUIRE(resp.errors_size() == 1);
  CHECK(resp.errors(0).agent() == "always_fails");
  CHECK_THAT(resp.errors(0).reason(), Catch::Contains("failed on purpose"));
  CHECK(g.State("always_fails", "half_done").empty());
  CHECK(g.State("kill_counter", "map:prt_fild08") == "3");
  CHECK(resp.actions_size() == 1);
}

TEST_CASE("a disabled agent gets no events and Describe says so", "[pg]") {
  Group g;
  v1::SetAgentEnabledRequest off;
  off.set_agent("kill_counter");
  off.set_enabled(false);
  off.set_reason("test");
  v1::SetAgentEnabledResponse changed;
  REQUIRE(g.service->SetAgentEnabled(nullptr, &off, &changed).ok());
  CHECK(changed.changed());
  CHECK_FALSE(changed.agent().enabled());
  CHECK(g.Handle(1, 6).actions_size() == 0);
  CHECK(g.State("kill_counter", "map:prt_fild08").empty());
  v1::DescribeResponse d;
  REQUIRE(g.service->Describe(nullptr, nullptr, &d).ok());
  REQUIRE(d.agents_size() == 2);
  CHECK(d.agents(0).name() == "kill_counter");
  CHECK_FALSE(d.agents(0).enabled());
  CHECK(d.agents(0).subscribed_events(0) == v1::EVENT_KIND_MONSTER_KILLED);
  v1::SetAgentEnabledRequest unknown;
  unknown.set_agent("nobody");
  CHECK(g.service->SetAgentEnabled(nullptr, &unknown, &changed).error_code() == grpc::StatusCode::NOT_FOUND);
}

TEST_CASE("jobs run once per slot and erasing a player removes its entries", "[pg]") {
  Group g;
  g.Handle(1, 4);
  v1::RunJobRequest job;
  job.set_job("kill_report");
  job.set_server_id("srv1");
  job.mutable_slot()->set_seconds(1700006400);
  v1::RunJobResponse ran, again;
  REQUIRE(g.service->RunJob(nullptr, &job, &ran).ok());
  REQUIRE(ran.actions_size() == 1);
  CHECK(ran.actions(0).broadcast().text() == "1 maps saw kills");
  REQUIRE(g.service->RunJob(nullptr, &job, &again).ok());
  CHECK(again.duplicate());
  job.set_job("no_such_job");
  CHECK(g.service->RunJob(nullptr, &job, &again).error_code() == grpc::StatusCode::NOT_FOUND);

  v1::ErasePlayerDataRequest erase;
  erase.add_char_ids(150000);
  erase.set_dry_run(true);
  v1::ErasePlayerDataResponse counted;
  REQUIRE(g.service->ErasePlayerData(nullptr, &erase, &counted).ok());
  CHECK(counted.tables(0).rows() == 1);
  CHECK_FALSE(g.State("kill_counter", "char:150000").empty());
  erase.set_dry_run(false);
  v1::ErasePlayerDataResponse erased;
  REQUIRE(g.service->ErasePlayerData(nullptr, &erase, &erased).ok());
  CHECK(erased.tables(0).rows() == 1);
  CHECK(g.State("kill_counter", "char:150000").empty());
  CHECK_FALSE(g.State("kill_counter", "char:150001").empty());
}
