#include "services/progression/reputation/reputation_gains.h"

#include <set>

#include "services/agentkit/action_envelope.h"
#include "services/progression/faction/faction_deeds.h"

namespace aiworld::progression {
namespace {

void KillGains(const v1::GameEvent& e, std::vector<ReputationGain>& out) {
  const v1::MonsterKilled& k = e.monster_killed();
  const uint32_t guardian = k.boss_type() == v1::BOSS_TYPE_MVP        ? kMvpGuardianGain
                            : k.boss_type() == v1::BOSS_TYPE_MINIBOSS ? kMinibossGuardianGain
                                                                      : 0;
  if (guardian > 0) {
    for (uint32_t id : agentkit::KillCredits(e)) out.push_back({id, ReputationKind::kWorldGuardian, guardian});
  }
  if (e.char_id() == 0 || k.spawn_tag().empty()) return;
  if (std::string_view(k.spawn_tag()).starts_with(kProblemSpawnPrefix)) {
    out.push_back({e.char_id(), ReputationKind::kProblemSolver, kProblemKillGain});
  } else if (guardian == 0) {
    out.push_back({e.char_id(), ReputationKind::kEventParticipant, kEventKillGain});
  }
}

}  // namespace

std::vector<ReputationGain> GainsOf(const v1::GameEvent& e, const GameCatalogue& catalogue) {
  std::vector<ReputationGain> out;
  if (e.has_monster_killed()) KillGains(e, out);
  if (e.char_id() == 0) return out;
  if (e.has_quest_completed()) out.push_back({e.char_id(), ReputationKind::kProblemSolver, kQuestSolverGain});
  if (e.has_npc_interaction() && e.npc_interaction().kind() == v1::NPC_INTERACTION_KIND_CLICK &&
      !e.npc_interaction().npc_tag().empty()) {
    out.push_back({e.char_id(), ReputationKind::kEventParticipant, kMeshNpcGain});
  }
  for (const FactionDeed& deed : DeedsOf(e, catalogue)) {
    const uint32_t loyalty = deed.action == FactionAction::kMonsterKill     ? kFactionKillLoyalty
                             : deed.action == FactionAction::kQuestComplete ? kFactionQuestLoyalty
                                                                            : kDonationLoyalty;
    out.push_back({deed.char_id, ReputationKind::kFactionLoyalist, loyalty});
  }
  return out;
}

std::optional<uint32_t> FirstVisitGain(const GameCatalogue& catalogue, std::string_view map) {
  const MapInfo* info = catalogue.FindMap(map);
  if (info == nullptr) return std::nullopt;
  return info->kind == MapKind::kDungeon ? kFirstDungeonVisitGain : kFirstVisitGain;
}

}  // namespace aiworld::progression
