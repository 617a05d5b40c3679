#pragma once
// The DynamicBoss agent's numbers (original-system.md §3.7), with the reference's bugs fixed:
//   check           every 15 min (BOSS_SPAWN_CHECK_INTERVAL 900); the highest-priority trigger wins
//   anti_farm       a map's kills in the last hour > 100 (BOSS_ANTI_FARM_THRESHOLD, strictly
//                   greater); modifier 1 + (kills / 100 - 1) x 0.2; priority 3
//   random          "5% daily" as documented: the reference drew 5% at every 15-min check
//                   (4.8 a day, bug §8.9); here the per-check chance gives 5% per game day, at most
//                   one a day; modifier U(1.2, 1.8); priority 1
//   templates       name prefix; HP/ATK/DEF multipliers; min difficulty:
//                   anti_farm "Enraged" 3.0/1.5/1.2, 3; treasure_guard 2.5/1.8/1.5, 4;
//                   problem_escalation "Corrupted" 4.0/2.0/1.3, 5; faction_champion 3.5/2.2/1.6, 6;
//                   random_encounter "Wandering" 5.0/2.5/2.0, 7
//   stats           percent of the real monster's mob_db stats: multiplier x wipe adjustment x
//                   modifier (the reference's fixed level-50 base and level scaling do not apply to
//                   a real mob, whose mob_db stats already follow its level); wipes (deaths caused
//                   by the map's previous boss): >= 3 x0.80, >= 5 x0.65 (always 0 in the reference)
//   rating          int(min difficulty x modifier)
//   despawn         30 min; 10 min without combat (no player on its map) -> removed early
//   rewards         per participant: exp 5000 x d, zeny 2000 x d (the reference's pool over an
//                   "estimated 5" participants, split over the real ones); reputation 20 x d;
//                   items d >= 3 984 x (d / 2), d >= 5 985 x (d / 3), d >= 4 617 x 1 (the
//                   reference's 6224/6225 are renewal items absent from a pre-renewal server;
//                   Oridecon and Elunium are their pre-renewal counterparts)
// Ours (the reference has no numbers): problem escalation at >= 5 player deaths to a world
// problem's monsters on one map in the last hour; a treasure guard on a card drop; a faction
// champion once per change of the dominant faction; at most 5 live bosses per server; one boss per
// map per hour.
#include <cstdint>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/progression.pb.h"
#include "runtime/random.h"
#include "services/progression/faction/faction_rules.h"  // DominanceOf

namespace aiworld::progression {

struct BossTemplate {
  v1::BossTrigger trigger = v1::BOSS_TRIGGER_UNSPECIFIED;
  const char* name = "";    // "anti_farm"
  const char* prefix = "";  // "Enraged": the boss is shown as "<prefix> <monster name>"
  double hp = 1.0;
  double atk = 1.0;
  double def = 1.0;
  int min_difficulty = 1;
  int priority = 1;  // higher wins when several triggers fire in one check
};

inline constexpr uint32_t kAntiFarmThreshold = 100;  // kills in the window, strictly greater
inline constexpr absl::Duration kKillWindow = absl::Hours(1);
inline constexpr absl::Duration kCheckInterval = absl::Minutes(15);
inline constexpr double kRandomEncounterDailyChance = 0.05;
inline constexpr uint32_t kEscalationDeaths = 5;  // deaths to problem monsters in the window, at least
inline constexpr absl::Duration kBossLifetime = absl::Minutes(30);
inline constexpr absl::Duration kIdleDespawn = absl::Minutes(10);
inline constexpr absl::Duration kMapCooldown = absl::Hours(1);
inline constexpr size_t kMaxActiveBosses = 5;
inline constexpr size_t kMaxRewardedParticipants = 30;
inline constexpr uint32_t kMvpPoolFromRating = 5;  // ratings below draw mini-bosses only
inline constexpr absl::Duration kHistoryKept = absl::Hours(24 * 60);
inline constexpr double kMaxModifier = 10.0;

// The five templates in the reference's order.
const std::vector<BossTemplate>& BossTemplates();
const BossTemplate& TemplateOf(v1::BossTrigger trigger);  // UNSPECIFIED: random_encounter

// 1 + (kills / 100 - 1) x 0.2, within 1..10.
double AntiFarmModifier(uint32_t kills);
// The same shape over the escalation threshold: 1 + (deaths / 5 - 1) x 0.2, within 1..10.
double EscalationModifier(uint32_t deaths);
// U(1.2, 1.8).
double RandomEncounterModifier(RandomSource& random);
// 1.0, 1.2, 1.4, 1.6 for minor .. total dominance.
double ChampionModifier(v1::Dominance dominance);

// The chance at one check that makes kRandomEncounterDailyChance over a game day of checks:
// 1 - (1 - 0.05)^(1 / 96).
double RandomEncounterChancePerCheck();

// int(min difficulty x modifier), within 1..100.
uint32_t DifficultyRating(const BossTemplate& t, double modifier);
// >= 5 deaths 0.65, >= 3 0.80, else 1.
double WipeFactor(uint32_t deaths_to_previous_boss);

struct BossStats {
  uint32_t hp_percent = 100;
  uint32_t atk_percent = 100;
  uint32_t def_percent = 100;
};
// Percents of the mob_db values, within 10..10000.
BossStats StatsFor(const BossTemplate& t, double modifier, uint32_t deaths_to_previous_boss);

// What each participant receives for a boss of this rating.
v1::RewardBundle BossReward(uint32_t rating);
uint32_t BossReputation(uint32_t rating);  // 20 x d

}  // namespace aiworld::progression
