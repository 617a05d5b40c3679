#pragma once
// The EventChain agent of the procedural group ("event_chain"), reference §3.16.
//
// Jobs (mesh clock):
//   event_chain.advance       every 30 min  chains past 7 days expire; steps 24 h old end
//   event_chain.maybe_start   every 2 h     10% chance of a new chain of a random type when more
//                                           than 5 are online and fewer than 3 are active
// Events: kills on the current hunt/boss step's map, NPC interactions with a talk step's NPC
// (ChainRunner).
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/procedural/event_chain/chain_runner.h"

namespace aiworld::procedural {

inline constexpr const char* kChainAdvanceJob = "event_chain.advance";
inline constexpr const char* kChainMaybeStartJob = "event_chain.maybe_start";

class EventChainAgent final : public agentkit::Agent {
 public:
  explicit EventChainAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : runner_(catalogue) {}

  std::string name() const override { return "event_chain"; }
  std::string description() const override {
    return "multi-step event chains whose step outcomes shape the next step and the rewards; at most 3 at once";
  }
  std::vector<v1::EventKind> subscriptions() const override;
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) override {
    return ChainStore::EraseCharacters(state, char_ids);
  }

  const ChainRunner& runner() const { return runner_; }

 private:
  ChainRunner runner_;
};

}  // namespace aiworld::procedural
