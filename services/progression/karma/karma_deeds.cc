#include "services/progression/karma/karma_deeds.h"

#include "services/progression/faction/faction_deeds.h"

namespace aiworld::progression {

const std::vector<std::string>& DefaultProtectedMonsters() {
  static const std::vector<std::string> kProtected = {"PORING", "LUNATIC", "DROPS"};
  return kProtected;
}

KarmaDeeds::KarmaDeeds(const GameCatalogue& catalogue, const std::vector<std::string>& protected_monsters) : catalogue_(catalogue) {
  for (const MonsterInfo& m : catalogue.monsters()) {
    for (const std::string& name : protected_monsters) {
      if (m.aegis_name == name) protected_ids_.insert(m.id);
    }
  }
}

std::optional<KarmaAction> KarmaDeeds::OfKill(const v1::MonsterKilled& kill) const {
  const MonsterInfo* mob = catalogue_.FindMonster(kill.mob_id());
  if (mob == nullptr) return std::nullopt;
  if (kill.spawn_tag().empty() && IsProtected(mob->id)) return KarmaAction::kKillProtectedMonster;
  const bool boss = mob->is_boss() || kill.boss_type() == v1::BOSS_TYPE_MVP || kill.boss_type() == v1::BOSS_TYPE_MINIBOSS;
  const bool evil = mob->race == "demon" || mob->race == "undead" || mob->element == "dark" || mob->element == "undead";
  if (boss && evil) return KarmaAction::kDefeatEvilBoss;
  if (mob->race == "demon") return KarmaAction::kKillDemon;
  if (mob->race == "undead") return KarmaAction::kKillUndead;
  return std::nullopt;
}

std::optional<KarmaAction> KarmaDeeds::OfCustom(std::string_view name) const {
  if (std::optional<size_t> faction = DonationFaction(name)) {
    if (Factions()[*faction].id == "rune_alliance") return KarmaAction::kDonateTemple;
    if (Factions()[*faction].id == "shadow_cult") return KarmaAction::kHelpShadowCult;
    return std::nullopt;
  }
  if (!name.starts_with(kKarmaEventPrefix)) return std::nullopt;
  const std::optional<KarmaAction> action = KarmaActionNamed(name.substr(kKarmaEventPrefix.size()));
  if (!action.has_value()) return std::nullopt;
  switch (*action) {
    case KarmaAction::kProtectPeacefulMonster:
    case KarmaAction::kDonateTemple:
    case KarmaAction::kHealWoundedNpc:
    case KarmaAction::kCompleteGoodQuest:
    case KarmaAction::kSavePlayer:
    case KarmaAction::kHelpShadowCult:
    case KarmaAction::kUseForbiddenSkill:
    case KarmaAction::kCompleteEvilQuest:
    case KarmaAction::kKillProtectedNpc:
      return action;
    default:
      return std::nullopt;  // kills and quests come from the game's own events, never twice
  }
}

std::optional<KarmaAction> KarmaDeeds::Of(const v1::GameEvent& event) const {
  if (event.has_monster_killed()) return OfKill(event.monster_killed());
  if (event.has_quest_completed()) return KarmaAction::kHelpNpcQuest;
  if (event.has_custom()) return OfCustom(event.custom().name());
  return std::nullopt;
}

}  // namespace aiworld::progression
