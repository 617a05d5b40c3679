#pragma once
// The Decision agent (agent "npc_behaviour"): NPCs live a little. It learns which NPCs exist from NPC
// interactions and NPC shop trades (npc_registry.h) and, every 60 s (job "npc_behaviour.tick"), lets
// some of them choose a behaviour for their class (npc_class.h) through the decision engine (type
// "npc_behaviour", temperature 0.6 as in the reference; the template is a weighted random pick),
// played as MoveNpc / NpcSay actions (behaviour_plan.h).
//
// Bounded so the world is not flooded:
//   - an NPC acts at most once per 5 minutes (of mesh time), idle included;
//   - at most 3 actions per map and 20 actions per tick, and at most 40 decisions per tick;
//   - only NPCs on maps with players now, when the world snapshot lists maps;
//   - only mesh-spawned NPCs (npc_tag) move unless move_server_npcs is set (the bridge moves a server
//     NPC only when its allow-list names it); inanimate sprites (hidden, portal, sign, treasure)
//     never act.
// A tick's NPCs are taken in an order shuffled by the slot's seed, so the caps do not always favour
// the same ones.
#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::core {

struct NpcBehaviourLimits {
  absl::Duration tick = absl::Seconds(60);
  absl::Duration npc_cooldown = absl::Minutes(5);
  int max_actions_per_map = 3;
  int max_actions_per_tick = 20;
  int max_decisions_per_tick = 40;
  bool move_server_npcs = false;
};

class NpcBehaviourAgent final : public agentkit::Agent {
 public:
  static constexpr char kTickJob[] = "npc_behaviour.tick";

  explicit NpcBehaviourAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn(), NpcBehaviourLimits limits = {})
      : catalogue_(catalogue), limits_(limits) {}

  std::string name() const override { return "npc_behaviour"; }
  std::string description() const override {
    return "NPC behaviour by class: idle, emote, wander, patrol, advertise, ... as MoveNpc and NpcSay, capped per map";
  }
  std::vector<v1::EventKind> subscriptions() const override {
    return {v1::EVENT_KIND_NPC_INTERACTION, v1::EVENT_KIND_NPC_SHOP_TRADE};
  }
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override { return {v1::ACTION_KIND_MOVE_NPC, v1::ACTION_KIND_NPC_SAY}; }
  // Learns NPCs; emits nothing (behaviour runs on the tick).
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;

 private:
  const GameCatalogue& catalogue_;
  const NpcBehaviourLimits limits_;
};

}  // namespace aiworld::core
