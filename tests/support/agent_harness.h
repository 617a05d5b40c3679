#pragma once
// One agent with no server and no database, as its unit tests drive it: in-memory state, a world
// snapshot, a clock the test moves, and batches and job runs seeded as the group server seeds them
// (a batch from (server, sequence, agent); a job from what the test passes).
#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

#include "runtime/random.h"
#include "services/agentkit/agent.h"
#include "services/agentkit/state_store.h"

namespace aiworld::testing {

template <class AgentT>
struct AgentHarness {
  AgentHarness(std::string agent_name, absl::Time start) : name(std::move(agent_name)), now(start) {}

  std::string name;
  agentkit::MemoryStateStore state;
  v1::WorldSnapshot world;
  absl::Time now;
  AgentT agent;
  uint64_t sequence = 0;
  // Give the events of each batch their index and an increasing event id, as the gateway does.
  bool number_events = false;
  uint64_t event_id = 0;

  agentkit::AgentContext Context(RandomSource& random) {
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = name;
    return ctx;
  }

  std::vector<v1::Action> Batch(std::vector<v1::RoutedEvent> events) {
    SeededRandom random = SeededRandom::FromKeys({"srv1", std::to_string(++sequence), name});
    agentkit::AgentContext ctx = Context(random);
    ctx.batch_sequence = sequence;
    std::vector<const v1::RoutedEvent*> view;
    for (size_t i = 0; i < events.size(); ++i) {
      if (number_events) {
        events[i].set_index(static_cast<uint32_t>(i));
        events[i].mutable_event()->set_event_id(++event_id);
      }
      view.push_back(&events[i]);
    }
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, view, &actions).ok());
    return actions;
  }

  std::vector<v1::Action> RunJob(const std::string& job, RandomSource& random) {
    agentkit::AgentContext ctx = Context(random);
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, job, &actions).ok());
    return actions;
  }

  // A job run seeded from (job, seed, agent).
  std::vector<v1::Action> RunJob(const std::string& job, const std::string& seed) {
    SeededRandom random = SeededRandom::FromKeys({job, seed, name});
    return RunJob(job, random);
  }
};

}  // namespace aiworld::testing
