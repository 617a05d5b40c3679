#pragma once
// The WorldEvent agent's threshold rules (original-system.md §3.4), checked in this order, at most
// one event running at a time:
//
//   event              condition on the world snapshot                     minutes  cooldown  prob
//   demonic_invasion   MVP kills today >= 100                              30-90    6 h       1.0
//   market_crash       zeny in circulation >= 1e9                          60-120   12 h      1.0
//   lucky_day          0 < online <= 10                                    30-60    8 h       0.5
//   wandering_caravan  online >= 20                                        45-90    6 h       0.7
//   global_xp_boost    0 < online <= 5                                     60-180   4 h       1.0
//   mvp_enraged        MVP kills today >= 50                               30-60    8 h       0.8
//   mythic_event       online >= 20, MVP kills >= 30, average level >= 80  15-30    48 h      0.001
//                      and its own second 0.1% roll (as in the reference)
//
// "Zeny in circulation" is the zeny the online characters hold (the snapshot's
// economy.zeny_on_hand_online); the reference read a mock value.
#include <optional>
#include <string>
#include <vector>

#include "aiworld/v1/procedural.pb.h"
#include "aiworld/v1/world.pb.h"
#include "runtime/random.h"

namespace aiworld::procedural {

struct WorldEventRule {
  v1::WorldEventType type = v1::WORLD_EVENT_TYPE_UNSPECIFIED;
  const char* name = "";     // "demonic_invasion"
  const char* display = "";  // "Demonic Invasion"
  int min_minutes = 1;
  int max_minutes = 1;
  int cooldown_hours = 1;
  double probability = 1.0;
};

inline constexpr int kMaxConcurrentWorldEvents = 1;
inline constexpr uint64_t kInvasionMvpKills = 100;
inline constexpr int64_t kMarketCrashZeny = 1'000'000'000;
inline constexpr uint32_t kLuckyDayMaxOnline = 10;
inline constexpr uint32_t kCaravanMinOnline = 20;
inline constexpr uint32_t kXpBoostMaxOnline = 5;
inline constexpr uint64_t kEnragedMvpKills = 50;
inline constexpr uint32_t kMythicMinOnline = 20;
inline constexpr uint64_t kMythicMvpKills = 30;
inline constexpr double kMythicMinLevel = 80;
inline constexpr double kMythicConditionRoll = 0.001;

// The seven rules in the order they are checked.
const std::vector<WorldEventRule>& WorldEventRules();
const WorldEventRule& RuleOf(v1::WorldEventType type);  // UNSPECIFIED: the first rule

// Why the rule's condition holds on the snapshot, e.g. "MVP kills today 104 >= 100"; nullopt when
// it does not. Only the mythic condition draws from `random` (its 0.1% roll).
std::optional<std::string> ConditionMet(const WorldEventRule& rule, const v1::WorldSnapshot& world, RandomSource& random);

// The reference's impacts as stat modifiers, e.g. global_xp_boost: base_exp x2, job_exp x2.
std::vector<v1::StatModifier> EffectsOf(v1::WorldEventType type);

}  // namespace aiworld::procedural
