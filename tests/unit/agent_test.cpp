#include <catch2/catch.hpp>

#include "services/agentkit/state_store.h"
#include "tests/support/toy_agents.h"

using namespace aiworld;

namespace {
v1::RoutedEvent Kill(uint32_t index, const std::string& map, uint32_t char_id) {
  v1::RoutedEvent r;
  r.set_index(index);
  r.mutable_event()->set_map(map);
  r.mutable_event()->set_char_id(char_id);
  r.mutable_event()->mutable_monster_killed()->set_mob_id(1002);
  return r;
}
}  // namespace

TEST_CASE("an agent runs with no server and no database and decides the same from the same seed", "[unit]") {
  testing::KillCounterAgent agent;
  std::vector<v1::RoutedEvent> events;
  for (uint32_t i = 0; i < 6; ++i) events.push_back(Kill(i, "prt_fild08", 150000 + i % 2));
  std::vector<const v1::RoutedEvent*> view;
  for (const auto& e : events) view.push_back(&e);

  auto run = [&](agentkit::MemoryStateStore& state) {
    SeededRandom random = SeededRandom::FromKeys({"srv1", "7", "kill_counter"});
    v1::WorldSnapshot world;
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = 7;
    ctx.now = absl::FromUnixSeconds(1700000000);
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, view, &actions).ok());
    return actions;
  };
  agentkit::MemoryStateStore a, b;
  const auto first = run(a);
  const auto second = run(b);
  REQUIRE(first.size() == 2);
  CHECK(first[0].broadcast().map() == "prt_fild08");
  CHECK(first[0].SerializeAsString() == second[0].SerializeAsString());
  CHECK(first[1].SerializeAsString() == second[1].SerializeAsString());
  CHECK(*a.Get("map:prt_fild08") == "6");
  CHECK(*a.Get("char:150000") == "3");
  CHECK(a.Scan("char:").size() == 2);
  CHECK(agent.ErasePlayer(a, 0, {150000}) == 1);
  CHECK_FALSE(a.Get("char:150000").has_value());
}
