#pragma once
// The AdaptiveDungeon agent of the procedural group ("adaptive_dungeon"), reference §3.15.
//
// Job adaptive_dungeon.daily (00:15 on the mesh clock): today's dungeon plan (DungeonPlanner:
// theme from the dominant faction, else the most active map theme; 5..10 floors; the boss on the
// last floor), a gate NPC from the template AIW_Tpl_DungeonGate in the busiest town (ttl to the
// end of the day; yesterday's gate removed) and a server broadcast written through the decision
// engine. Runs past their deadline are expired; plans older than 7 days are pruned.
// Events: NPC interactions with the gate and kills of run monsters (DungeonRuns).
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/procedural/adaptive_dungeon/dungeon_runs.h"

namespace aiworld::procedural {

inline constexpr const char* kDungeonDailyJob = "adaptive_dungeon.daily";

class AdaptiveDungeonAgent final : public agentkit::Agent {
 public:
  explicit AdaptiveDungeonAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn())
      : catalogue_(catalogue), runs_(catalogue) {}

  std::string name() const override { return "adaptive_dungeon"; }
  std::string description() const override {
    return "the daily dungeon themed by the dominant faction, and timed party runs with a boss on the last floor";
  }
  std::vector<v1::EventKind> subscriptions() const override;
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) override {
    return DungeonStore::EraseCharacters(state, char_ids);
  }

 private:
  void Daily(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;

  const GameCatalogue& catalogue_;
  DungeonRuns runs_;
};

}  // namespace aiworld::procedural
