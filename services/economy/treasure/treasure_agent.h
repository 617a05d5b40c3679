#pragma once
// The Treasure agent (economy group, "treasure"): hidden treasures by traffic with rarity tiers,
// rewards and card fragments (reference §3.10; rules in treasure_rules.h, placement in
// treasure_planner.h).
//
//   treasure.daily   01:00   DAILY_TREASURE_COUNT (10) treasures -> SpawnNpc of the template
//                            "AIW_Tpl_Treasure" (sprite 111 HIDDEN_NPC, parameters treasure_id, kind,
//                            rarity) with a ttl of its 2..12 h, and one Broadcast
//   treasure.expire  hourly  live treasures past their despawn time are EXPIRED (their NPC left with
//                            its ttl); records a week past despawn are dropped
//   NpcInteraction CLICK on a live "trs_*" NPC: claimed (COMPLETED) by the character, the NPC
//     removed (RemoveNpc), its items and zeny given (GiveReward), its card fragments added; every
//     100 fragments buy a random real card (GiveReward); "aiw_card_fragments" keeps the count for
//     scripts; the finder is told (Broadcast PLAYER). First click wins.
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/economy/treasure/treasure_rules.h"

namespace aiworld::economy {

inline constexpr const char* kJobTreasureDaily = "treasure.daily";
inline constexpr const char* kJobTreasureExpire = "treasure.expire";
inline constexpr const char* kTreasureTemplate = "AIW_Tpl_Treasure";
inline constexpr const char* kFragmentsVariable = "aiw_card_fragments";
inline constexpr int kHiddenNpcSprite = 111;
inline constexpr absl::Duration kTreasureRetention = absl::Hours(24 * 7);

struct TreasureOptions {
  int daily_treasures = kDefaultDailyTreasures;  // DAILY_TREASURE_COUNT, clamped to 5..15
};

class TreasureAgent final : public agentkit::Agent {
 public:
  explicit TreasureAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn(), TreasureOptions options = {});

  std::string name() const override { return "treasure"; }
  std::string description() const override {
    return "hidden treasures by map traffic with rarity tiers; real items, zeny and card fragments to the finder";
  }
  std::vector<v1::EventKind> subscriptions() const override { return {v1::EVENT_KIND_NPC_INTERACTION}; }
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  std::vector<uint32_t> CharactersOf(agentkit::StateStore& state, uint32_t account_id) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  // Marks overdue treasures EXPIRED and drops old records.
  void Sweep(agentkit::AgentContext& ctx) const;
  void Place(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;
  void OnClick(agentkit::AgentContext& ctx, const v1::RoutedEvent& e, std::vector<v1::Action>* actions) const;

  const GameCatalogue& catalogue_;
  const TreasureOptions options_;
};

}  // namespace aiworld::economy
