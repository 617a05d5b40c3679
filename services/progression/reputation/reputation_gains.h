#pragma once
// What real events earn in each kind of reputation (our amounts: the reference took the amount as
// API input and never saw a game event). Daily caps apply on top (reputation_rules.h).
//   world_guardian     an MVP kill: +50 to everyone in it (killer, last hitter, party members on the
//                      map, damage dealers); a mini-boss kill: +10 to the same
//   explorer           the first arrival (login or map change) of a character on a map: +10 on a
//                      town or field, +20 in a dungeon (decided by the agent, which remembers visits)
//   problem_solver     a quest completed: +25; a kill of a world problem's spawn (tag
//                      "aiw_problem_..."): +5 to the killer
//   event_participant  a kill of another mesh spawn (any other spawn tag, not a boss): +5 to the
//                      killer; a click on a mesh NPC (one with an npc_tag): +5
//   faction_loyalist   a deed that serves a faction (faction_deeds.h): a kill +2, a quest +20, a
//                      donation +10
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "aiworld/v1/events.pb.h"
#include "data/catalogue.h"
#include "services/progression/reputation/reputation_rules.h"

namespace aiworld::progression {

inline constexpr uint32_t kMvpGuardianGain = 50;
inline constexpr uint32_t kMinibossGuardianGain = 10;
inline constexpr uint32_t kFirstVisitGain = 10;
inline constexpr uint32_t kFirstDungeonVisitGain = 20;
inline constexpr uint32_t kQuestSolverGain = 25;
inline constexpr uint32_t kProblemKillGain = 5;
inline constexpr uint32_t kEventKillGain = 5;
inline constexpr uint32_t kMeshNpcGain = 5;
inline constexpr uint32_t kFactionKillLoyalty = 2;
inline constexpr uint32_t kFactionQuestLoyalty = 20;
inline constexpr uint32_t kDonationLoyalty = 10;
inline constexpr std::string_view kProblemSpawnPrefix = "aiw_problem_";

struct ReputationGain {
  uint32_t char_id = 0;
  ReputationKind kind = ReputationKind::kWorldGuardian;
  uint32_t amount = 0;
};

// The gains of one event, explorer gains excepted (they need the character's past visits).
std::vector<ReputationGain> GainsOf(const v1::GameEvent& event, const GameCatalogue& catalogue);
// What a first visit to `map` is worth: 20 for a dungeon, 10 for a town or field, nullopt for a map
// not in the catalogue.
std::optional<uint32_t> FirstVisitGain(const GameCatalogue& catalogue, std::string_view map);

}  // namespace aiworld::progression
