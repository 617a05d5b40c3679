#pragma once
// The DynamicBoss agent (progression group, "dynamic_boss"): bosses that answer what players do
// (reference §3.7; triggers and what drives them in boss_triggers.h, numbers in boss_rules.h).
//   MonsterKilled   counts player kills per map in a one-hour window (anti-farm); a kill of one of
//                   its bosses (spawn tag "aiw_boss_<n>") defeats it: COMPLETED, a server
//                   Broadcast and one GiveReward per participant (the 30 who did most; each once)
//   PlayerDied      a death to one of its bosses makes the victim a participant and counts toward
//                   the next boss's wipe factor; a death to a world problem's monster counts toward
//                   problem escalation
//   ItemPickedUp    a card dropped by a monster: treasure guard
//   after a batch   at most one boss for the maps the batch touched (SpawnMonster + Broadcast)
//   dynamic_boss.evaluate  every 15 min: bosses past their 30 minutes EXPIRED (the spawn's ttl
//                   removed them); bosses up 10 min with nobody on their map removed
//                   (RemoveMonsters); every trigger checked, the highest-priority plan spawns
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::progression {

inline constexpr const char* kJobBossEvaluate = "dynamic_boss.evaluate";

class DynamicBossAgent final : public agentkit::Agent {
 public:
  explicit DynamicBossAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  std::string name() const override { return "dynamic_boss"; }
  std::string description() const override {
    return "bosses of real monsters against farming, escalating problems, treasure finds, dominant factions and at random; "
           "rewards for who defeats them";
  }
  std::vector<v1::EventKind> subscriptions() const override;
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::progression
