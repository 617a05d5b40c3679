#include "services/progression/karma/karma_rules.h"

namespace aiworld::progression {
namespace {

struct ActionRow {
  KarmaAction action;
  const char* name;
  int32_t value;
};

constexpr ActionRow kActions[] = {
    {KarmaAction::kHelpNpcQuest, "help_npc_quest", 15},
    {KarmaAction::kDefeatEvilBoss, "defeat_evil_boss", 25},
    {KarmaAction::kProtectPeacefulMonster, "protect_peaceful_monster", 10},
    {KarmaAction::kDonateTemple, "donate_temple", 20},
    {KarmaAction::kHealWoundedNpc, "heal_wounded_npc", 12},
    {KarmaAction::kCompleteGoodQuest, "complete_good_quest", 30},
    {KarmaAction::kSavePlayer, "save_player", 18},
    {KarmaAction::kKillProtectedMonster, "kill_protected_monster", -10},
    {KarmaAction::kHelpShadowCult, "help_shadow_cult", -25},
    {KarmaAction::kUseForbiddenSkill, "use_forbidden_skill", -15},
    {KarmaAction::kCompleteEvilQuest, "complete_evil_quest", -30},
    {KarmaAction::kKillProtectedNpc, "kill_protected_npc", -50},
    {KarmaAction::kKillDemon, "kill_demon", 5},
    {KarmaAction::kKillUndead, "kill_undead", 5},
    {KarmaAction::kTradeNormal, "trade_normal", 0},
    {KarmaAction::kPvpDuel, "pvp_duel", 0},
};

const ActionRow* RowOf(KarmaAction action) {
  for (const ActionRow& row : kActions) {
    if (row.action == action) return &row;
  }
  return nullptr;
}

v1::StatModifier Times(const char* stat, double multiplier) {
  v1::StatModifier m;
  m.set_stat(stat);
  m.set_multiplier(multiplier);
  return m;
}

}  // namespace

int32_t KarmaValue(KarmaAction action) { return RowOf(action)->value; }

const char* KarmaActionName(KarmaAction action) { return RowOf(action)->name; }

std::optional<KarmaAction> KarmaActionNamed(std::string_view name) {
  for (const ActionRow& row : kActions) {
    if (name == row.name) return row.action;
  }
  return std::nullopt;
}

int32_t GlobalImpact(int32_t value) {
  const int32_t q = value / 10;
  return (value % 10 != 0 && value < 0) ? q - 1 : q;
}

int32_t ClampKarma(int64_t karma) {
  if (karma > kMaxKarma) return kMaxKarma;
  if (karma < -kMaxKarma) return -kMaxKarma;
  return static_cast<int32_t>(karma);
}

v1::KarmaAlignment KarmaAlignmentOf(int32_t karma) {
  if (karma > 7000) return v1::KARMA_ALIGNMENT_VERY_GOOD;
  if (karma >= 3000) return v1::KARMA_ALIGNMENT_GOOD;
  if (karma > -3000) return v1::KARMA_ALIGNMENT_NEUTRAL;
  if (karma >= -7000) return v1::KARMA_ALIGNMENT_EVIL;
  return v1::KARMA_ALIGNMENT_VERY_EVIL;
}

const char* KarmaAlignmentName(v1::KarmaAlignment alignment) {
  switch (alignment) {
    case v1::KARMA_ALIGNMENT_VERY_GOOD: return "very good";
    case v1::KARMA_ALIGNMENT_GOOD: return "good";
    case v1::KARMA_ALIGNMENT_NEUTRAL: return "neutral";
    case v1::KARMA_ALIGNMENT_EVIL: return "evil";
    case v1::KARMA_ALIGNMENT_VERY_EVIL: return "very evil";
    default: return "unknown";
  }
}

std::vector<v1::StatModifier> KarmaEffects(v1::KarmaAlignment alignment) {
  switch (alignment) {
    case v1::KARMA_ALIGNMENT_VERY_GOOD: return {Times("day_length", 1.3), Times("heal", 1.2)};
    case v1::KARMA_ALIGNMENT_GOOD: return {Times("day_length", 1.1)};
    case v1::KARMA_ALIGNMENT_EVIL: return {Times("day_length", 0.9), Times("heal", 0.9)};
    case v1::KARMA_ALIGNMENT_VERY_EVIL: return {Times("day_length", 0.7), Times("heal", 0.8)};
    default: return {};
  }
}

int32_t DecayedKarma(int32_t karma) { return karma - karma / 100; }

}  // namespace aiworld::progression
