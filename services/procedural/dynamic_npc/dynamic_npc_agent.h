#pragma once
// The DynamicNpc agent (procedural group, "dynamic_npc"): roaming NPCs on quiet maps (reference §3.3).
//
//   dynamic_npc.spawn    daily 06:00  expired NPCs removed; then min(DAILY_NPC_COUNT, 5 - alive) new
//                                     ones (npc_planner.h) -> SpawnNpc from the template
//                                     "AIW_Tpl_Wanderer" with ttl to 23:59:59, and one Broadcast
//   dynamic_npc.despawn  daily 23:59  NPCs due by 23:59:59 -> RemoveNpc, status EXPIRED
//   NpcInteraction CLICK or MENU_CHOICE on a live "dnpc_*" NPC -> NpcSay to that character
//     (npc_talk.h); on the first qualifying talk the reward: GiveReward once per character per NPC,
//     at most max_rewards_per_npc characters per NPC, plus ATK/MATK +10% for 1 h (ApplyStatus) for
//     the high tiers. Typed text and whispers are the Dialogue agent's (core group).
// State: npc_roster.h. Records are kept 30 days after despawn, for ListDynamicNpcs and the repeat
// penalty.
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/procedural/dynamic_npc/npc_planner.h"

namespace aiworld::procedural {

inline constexpr const char* kJobSpawnNpcs = "dynamic_npc.spawn";
inline constexpr const char* kJobDespawnNpcs = "dynamic_npc.despawn";
inline constexpr const char* kRoamingNpcTemplate = "AIW_Tpl_Wanderer";
inline constexpr absl::Duration kRoamingNpcRetention = absl::Hours(24 * 30);

struct DynamicNpcOptions {
  int daily_count = kDefaultDailyNpcCount;  // DAILY_NPC_COUNT, clamped to 1..5
  size_t max_rewards_per_npc = 20;          // ours: a roaming NPC's gifts are bounded
};

class DynamicNpcAgent final : public agentkit::Agent {
 public:
  explicit DynamicNpcAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn(), DynamicNpcOptions options = {})
      : catalogue_(catalogue), options_(options), planner_(catalogue) {}

  std::string name() const override { return "dynamic_npc"; }
  std::string description() const override {
    return "roaming NPCs with a personality on quiet maps: daily spawn, despawn at 23:59, talk and a reward once";
  }
  std::vector<v1::EventKind> subscriptions() const override { return {v1::EVENT_KIND_NPC_INTERACTION}; }
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  void Spawn(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;
  // Removes live NPCs whose despawn time is at or before `due`.
  void Despawn(agentkit::AgentContext& ctx, absl::Time due, std::vector<v1::Action>* actions) const;
  void OnInteraction(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions) const;

  const GameCatalogue& catalogue_;
  const DynamicNpcOptions options_;
  const RoamingNpcPlanner planner_;
};

}  // namespace aiworld::procedural
