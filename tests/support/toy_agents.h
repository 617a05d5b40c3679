#pragma once
// Small agents for testing the agent framework: a kill counter that broadcasts every third kill on
// a map (text picked by the seeded random source), and an agent that writes state and then fails.
#include "services/agentkit/agent.h"

namespace aiworld::testing {

class KillCounterAgent final : public agentkit::Agent {
 public:
  std::string name() const override { return "kill_counter"; }
  std::string description() const override { return "test: broadcasts every third kill on a map"; }
  std::vector<v1::EventKind> subscriptions() const override { return {v1::EVENT_KIND_MONSTER_KILLED}; }
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override { return {v1::ACTION_KIND_BROADCAST}; }
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;
};

class FailingAgent final : public agentkit::Agent {
 public:
  std::string name() const override { return "always_fails"; }
  std::string description() const override { return "test: writes state, then fails"; }
  std::vector<v1::EventKind> subscriptions() const override { return {v1::EVENT_KIND_MONSTER_KILLED}; }
  std::vector<v1::ActionKind> emitted_actions() const override { return {}; }
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
};

}  // namespace aiworld::testing
