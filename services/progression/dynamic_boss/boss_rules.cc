#include "services/progression/dynamic_boss/boss_rules.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace aiworld::progression {
namespace {

BossTemplate Make(v1::BossTrigger trigger, const char* name, const char* prefix, double hp, double atk, double def,
                  int min_difficulty, int priority) {
  BossTemplate t;
  t.trigger = trigger;
  t.name = name;
  t.prefix = prefix;
  t.hp = hp;
  t.atk = atk;
  t.def = def;
  t.min_difficulty = min_difficulty;
  t.priority = priority;
  return t;
}

uint32_t Percent(double factor) {
  return static_cast<uint32_t>(std::clamp(std::lround(factor * 100.0), 10L, 10000L));
}

void AddItem(v1::RewardBundle& reward, uint32_t item_id, uint32_t amount) {
  if (amount == 0) return;
  v1::ItemStack* s = reward.add_items();
  s->set_item_id(item_id);
  s->set_amount(amount);
}

}  // namespace

const std::vector<BossTemplate>& BossTemplates() {
  // Priorities: the reference gave anti_farm 3 and random 1; the three it only templated sit
  // between (an escalating problem as urgent as farming, guards and champions above chance).
  static const std::vector<BossTemplate> kTemplates = {
      Make(v1::BOSS_TRIGGER_ANTI_FARM, "anti_farm", "Enraged", 3.0, 1.5, 1.2, 3, 3),
      Make(v1::BOSS_TRIGGER_TREASURE_GUARD, "treasure_guard", "Guardian", 2.5, 1.8, 1.5, 4, 2),
      Make(v1::BOSS_TRIGGER_PROBLEM_ESCALATION, "problem_escalation", "Corrupted", 4.0, 2.0, 1.3, 5, 3),
      Make(v1::BOSS_TRIGGER_FACTION_CHAMPION, "faction_champion", "Champion", 3.5, 2.2, 1.6, 6, 2),
      Make(v1::BOSS_TRIGGER_RANDOM_ENCOUNTER, "random_encounter", "Wandering", 5.0, 2.5, 2.0, 7, 1),
  };
  return kTemplates;
}

const BossTemplate& TemplateOf(v1::BossTrigger trigger) {
  for (const BossTemplate& t : BossTemplates()) {
    if (t.trigger == trigger) return t;
  }
  return BossTemplates().back();
}

double AntiFarmModifier(uint32_t kills) {
  return std::clamp(1.0 + (static_cast<double>(kills) / kAntiFarmThreshold - 1.0) * 0.2, 1.0, kMaxModifier);
}

double EscalationModifier(uint32_t deaths) {
  return std::clamp(1.0 + (static_cast<double>(deaths) / kEscalationDeaths - 1.0) * 0.2, 1.0, kMaxModifier);
}

double RandomEncounterModifier(RandomSource& random) { return 1.2 + 0.6 * random.Uniform01(); }

double ChampionModifier(v1::Dominance dominance) {
  switch (dominance) {
    case v1::DOMINANCE_MODERATE: return 1.2;
    case v1::DOMINANCE_MAJOR: return 1.4;
    case v1::DOMINANCE_TOTAL: return 1.6;
    default: return 1.0;
  }
}

double RandomEncounterChancePerCheck() {
  const double checks_per_day = absl::Hours(24) / kCheckInterval;
  return 1.0 - std::pow(1.0 - kRandomEncounterDailyChance, 1.0 / checks_per_day);
}

uint32_t DifficultyRating(const BossTemplate& t, double modifier) {
  const double rating = std::floor(t.min_difficulty * modifier);
  return static_cast<uint32_t>(std::clamp(rating, 1.0, 100.0));
}

double WipeFactor(uint32_t deaths_to_previous_boss) {
  if (deaths_to_previous_boss >= 5) return 0.65;
  if (deaths_to_previous_boss >= 3) return 0.80;
  return 1.0;
}

BossStats StatsFor(const BossTemplate& t, double modifier, uint32_t deaths_to_previous_boss) {
  const double scale = WipeFactor(deaths_to_previous_boss) * modifier;
  BossStats s;
  s.hp_percent = Percent(t.hp * scale);
  s.atk_percent = Percent(t.atk * scale);
  s.def_percent = Percent(t.def * scale);
  return s;
}

v1::RewardBundle BossReward(uint32_t rating) {
  v1::RewardBundle r;
  r.set_base_exp(5000ULL * rating);
  r.set_zeny(2000U * rating);
  if (rating >= 3) AddItem(r, 984, rating / 2);  // Oridecon
  if (rating >= 5) AddItem(r, 985, rating / 3);  // Elunium
  if (rating >= 4) AddItem(r, 617, 1);           // Old Purple Box
  return r;
}

uint32_t BossReputation(uint32_t rating) { return std::min<uint32_t>(20 * rating, 10000); }

}  // namespace aiworld::progression
