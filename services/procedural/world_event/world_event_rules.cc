#include "services/procedural/world_event/world_event_rules.h"

#include "absl/strings/str_cat.h"

namespace aiworld::procedural {
namespace {

v1::StatModifier Mod(const char* stat, double multiplier, int32_t add = 0) {
  v1::StatModifier m;
  m.set_stat(stat);
  m.set_multiplier(multiplier);
  m.set_add(add);
  return m;
}

}  // namespace

const std::vector<WorldEventRule>& WorldEventRules() {
  static const std::vector<WorldEventRule> rules = {
      {v1::WORLD_EVENT_TYPE_DEMONIC_INVASION, "demonic_invasion", "Demonic Invasion", 30, 90, 6, 1.0},
      {v1::WORLD_EVENT_TYPE_MARKET_CRASH, "market_crash", "Market Crash", 60, 120, 12, 1.0},
      {v1::WORLD_EVENT_TYPE_LUCKY_DAY, "lucky_day", "Lucky Day", 30, 60, 8, 0.5},
      {v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN, "wandering_caravan", "Wandering Caravan", 45, 90, 6, 0.7},
      {v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST, "global_xp_boost", "Global Experience Boost", 60, 180, 4, 1.0},
      {v1::WORLD_EVENT_TYPE_MVP_ENRAGED, "mvp_enraged", "Enraged MVPs", 30, 60, 8, 0.8},
      {v1::WORLD_EVENT_TYPE_MYTHIC_EVENT, "mythic_event", "Mythic Event", 15, 30, 48, 0.001},
  };
  return rules;
}

const WorldEventRule& RuleOf(v1::WorldEventType type) {
  for (const WorldEventRule& r : WorldEventRules()) {
    if (r.type == type) return r;
  }
  return WorldEventRules().front();
}

std::optional<std::string> ConditionMet(const WorldEventRule& rule, const v1::WorldSnapshot& world, RandomSource& random) {
  const uint32_t online = world.players().online();
  const uint64_t mvp_kills = world.combat_today().mvp_kills();
  switch (rule.type) {
    case v1::WORLD_EVENT_TYPE_DEMONIC_INVASION:
      if (mvp_kills >= kInvasionMvpKills) return absl::StrCat("MVP kills today ", mvp_kills, " >= ", kInvasionMvpKills);
      return std::nullopt;
    case v1::WORLD_EVENT_TYPE_MARKET_CRASH: {
      const int64_t zeny = world.economy().zeny_on_hand_online();
      if (zeny >= kMarketCrashZeny) return absl::StrCat("zeny in circulation ", zeny, " >= ", kMarketCrashZeny);
      return std::nullopt;
    }
    case v1::WORLD_EVENT_TYPE_LUCKY_DAY:
      if (online > 0 && online <= kLuckyDayMaxOnline) return absl::StrCat("online ", online, " <= ", kLuckyDayMaxOnline);
      return std::nullopt;
    case v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN:
      if (online >= kCaravanMinOnline) return absl::StrCat("online ", online, " >= ", kCaravanMinOnline);
      return std::nullopt;
    case v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST:
      if (online > 0 && online <= kXpBoostMaxOnline) return absl::StrCat("online ", online, " <= ", kXpBoostMaxOnline);
      return std::nullopt;
    case v1::WORLD_EVENT_TYPE_MVP_ENRAGED:
      if (mvp_kills >= kEnragedMvpKills) return absl::StrCat("MVP kills today ", mvp_kills, " >= ", kEnragedMvpKills);
      return std::nullopt;
    case v1::WORLD_EVENT_TYPE_MYTHIC_EVENT: {
      const double level = world.players().average_base_level();
      if (online < kMythicMinOnline || mvp_kills < kMythicMvpKills || level < kMythicMinLevel) return std::nullopt;
      if (!random.Bernoulli(kMythicConditionRoll)) return std::nullopt;
      return absl::StrCat("online ", online, ", MVP kills today ", mvp_kills, ", average level ", static_cast<int>(level));
    }
    default:
      return std::nullopt;
  }
}

std::vector<v1::StatModifier> EffectsOf(v1::WorldEventType type) {
  switch (type) {
    case v1::WORLD_EVENT_TYPE_DEMONIC_INVASION: return {Mod("monster_spawn", 3.0)};
    case v1::WORLD_EVENT_TYPE_MARKET_CRASH: return {Mod("item_price", 0.7), Mod("npc_buy_rate", 1.3)};
    case v1::WORLD_EVENT_TYPE_LUCKY_DAY: return {Mod("refine_rate", 1.5), Mod("drop_rate", 1.2), Mod("card_drop_rate", 1.3)};
    case v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN: return {Mod("traveling_merchants", 1.0, 10)};
    case v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST: return {Mod("base_exp", 2.0), Mod("job_exp", 2.0)};
    case v1::WORLD_EVENT_TYPE_MVP_ENRAGED:
      return {Mod("mvp_hp", 1.5),       Mod("mvp_atk", 1.3),       Mod("mvp_def", 1.2),
              Mod("mvp_exp", 2.0),      Mod("mvp_drop_rate", 1.5), Mod("mvp_rare_drop_rate", 2.0)};
    case v1::WORLD_EVENT_TYPE_MYTHIC_EVENT:
      return {Mod("all_stats", 1.5), Mod("magic_damage", 2.0), Mod("physical_damage", 2.0)};
    default: return {};
  }
}

}  // namespace aiworld::procedural
