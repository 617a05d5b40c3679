#pragma once
// The Karma agent (progression group, "karma"; reference §3.11): karma per character and for the
// world, from real kills, quests, PvP and script-reported deeds (karma_deeds.h).
//   MonsterKilled, QuestCompleted, PlayerDied by a player, Custom
//                  the deed's value to the character (clamped to -10000..10000, good / evil counts),
//                  and value ÷ 10 (floor) to the world's pending karma
//                  -> per character whose karma changed, one SetCharVariable aiw_karma with the new
//                  value; when its alignment band changes, SetCharVariable aiw_karma_align (the
//                  KarmaAlignment number, 1 very good .. 5 very evil) and a player Broadcast
//   karma.update   every 15 min: the pending karma folded into the global karma (once: the
//                  reference re-read the actions it had written itself, so each counted again on
//                  later runs); a change of the global alignment -> a server Broadcast with its
//                  effects
//   karma.decay    daily 03:00: the same, then the global karma decays by 1 %
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/progression/karma/karma_deeds.h"

namespace aiworld::progression {

inline constexpr const char* kJobKarmaUpdate = "karma.update";
inline constexpr const char* kJobKarmaDecay = "karma.decay";

class KarmaAgent final : public agentkit::Agent {
 public:
  explicit KarmaAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn(),
                      const std::vector<std::string>& protected_monsters = DefaultProtectedMonsters())
      : deeds_(catalogue, protected_monsters) {}

  std::string name() const override { return "karma"; }
  std::string description() const override {
    return "karma per character and for the world from real kills (protected monsters), quests and PvP; decay; alignment effects";
  }
  std::vector<v1::EventKind> subscriptions() const override;
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  std::vector<uint32_t> CharactersOf(agentkit::StateStore& state, uint32_t account_id) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

  const KarmaDeeds& deeds() const { return deeds_; }

 private:
  KarmaDeeds deeds_;
};

}  // namespace aiworld::progression
