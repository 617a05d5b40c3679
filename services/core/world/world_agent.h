#pragma once
// The World agent (reference §3.1 "World", §3.17 world-state collector): folds every game event
// into per-server aggregates in ctx.state (see world_state.h) that BuildWorldSnapshot turns into
// the v1::WorldSnapshot the other agents decide from. It emits no actions and runs no jobs: its
// windows roll over by ctx.now as batches arrive, and the snapshot rolls them to its own "now".
#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::core::world {

inline constexpr char kWorldAgentName[] = "world";

class WorldAgent final : public agentkit::Agent {
 public:
  explicit WorldAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  std::string name() const override { return kWorldAgentName; }
  std::string description() const override;
  std::vector<v1::EventKind> subscriptions() const override;
  std::vector<v1::ActionKind> emitted_actions() const override { return {}; }

  // Loads the server's state, rolls it to ctx.now, folds the events in, keeps what ctx.world
  // carries from other groups (weather, hazards, factions, live content), and saves.
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  // Removes the characters (or every character of the account) from the online sets and the
  // characters seen today of every server; returns the entries removed.
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::core::world
