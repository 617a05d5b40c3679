#pragma once
// The Reputation agent (progression group, "reputation"; reference §3.6): five kinds of
// reputation per character from real events (reputation_gains.h), each capped at 500 a game day,
// weighted into total influence and its tiers.
//   Login, MapChange, MonsterKilled, NpcInteraction, QuestCompleted, Custom
//                       the gains, cut by the daily cap; the acting character's name is kept for
//                       the leaderboard
//                       -> when a character's tier changes: SetCharVariable aiw_rep_tier (0..5) and
//                       aiw_rep_title (the tier's title); on a first rise to a tier, a player
//                       Broadcast and, at tiers 4 and 5, GiveReward of the tier's headgear (keyed by
//                       character and tier, so never given twice)
//   reputation.tiers    hourly, the reference's tier fix: every character's tier re-derived from
//                       its influence, with the same actions for any that was out of step
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::progression {

inline constexpr const char* kJobReputationTiers = "reputation.tiers";

class ReputationAgent final : public agentkit::Agent {
 public:
  explicit ReputationAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  std::string name() const override { return "reputation"; }
  std::string description() const override {
    return "five kinds of reputation from real events with weights and daily caps; influence tiers, titles and benefits";
  }
  std::vector<v1::EventKind> subscriptions() const override;
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;
  std::vector<uint32_t> CharactersOf(agentkit::StateStore& state, uint32_t account_id) override;
  uint64_t ErasePlayer(agentkit::StateStore& state, uint32_t account_id, const std::vector<uint32_t>& char_ids) override;

 private:
  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::progression
