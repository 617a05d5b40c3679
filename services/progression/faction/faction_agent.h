#pragma once
// The Faction agent (progression group, "faction"; reference §3.5): reputation per character and
// faction from real events, the world alignment of the three factions, its decay and the dominant
// faction.
//   MonsterKilled, QuestCompleted, Custom "faction.donation.<id>"
//                  the deed's faction (faction_deeds.h): reputation +10 / +100 / +50 for the
//                  character (clamped 0..10000) and reputation ÷ 10 to the faction's pending alignment
//   PlayerDied by a player (PvP)
//                  the victim's faction (highest reputation of tier >= 1): the killer gets
//                  pvp_attack -150 with it; a killer of another faction also gets pvp_defend +200
//                  with his own (he fought for it)
//                  -> per character whose tier changed: SetCharVariable aiw_fac_<faction>_tier (the
//                  tier, 0..5), a player Broadcast on a rise (what the tier unlocks), SetCharVariable
//                  aiw_fac_<faction>_title ("Exalted of the ...", or "" when the tier is lost); when
//                  the character's own faction changes, SetCharVariable aiw_faction (its id or "")
//   faction.alignment  every 5 min: pending alignment folded into each score, then the 1 % decay
//                  above |100|; the dominant faction (highest |score| >= 1000) -> a server Broadcast
//                  in the faction's colour when it changes (or stops) or its dominance rises
// The job reads only what events left in the state (the pending alignment, consumed once), never
// the actions this agent sent.
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"

namespace aiworld::progression {

inline constexpr const char* kJobFactionAlignment = "faction.alignment";

class FactionAgent final : public agentkit::Agent {
 public:
  explicit FactionAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn()) : catalogue_(catalogue) {}

  std::string name() const override { return "faction"; }
  std::string description() const override {
    return "faction reputation per character from real kills, quests, donations and PvP; world alignment, decay and the "
           "dominant faction";
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
