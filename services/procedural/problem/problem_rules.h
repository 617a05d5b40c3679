#pragma once
// The Problem agent's numbers (original-system.md §3.2):
//   type          min average level; difficulty range; duration in hours
//                 monster_surge (30; 2-8; 12-24), mvp_rampage (50; 5-10; 8-16),
//                 good_vs_evil (40; 4-9; 12-24), resource_shortage (20; 1-5; 16-24),
//                 pollution (25; 2-6; 12-20), weather_hazard (15; 1-4; 6-12)
//   eligible      types whose min level <= average level (none: weather_hazard)
//   low online    fewer than 10 online: uniformly among eligible types whose min difficulty <= 3
//   weight        max(0.1, 1 - 0.2 x uses in the last 7 days)
//   difficulty    clamp(floor(average level / 15), min, max)
//   reward        base_exp = L x 1000 x (1 + 0.2 d) x exp(d) x P
//                 zeny     = L x 500  x (1 + 0.15 d) x zeny(d) x P
//                 with the difficulty multipliers below and P = min(1.5, 1 + online / 100);
//                 items: d >= 3 607 x d; d >= 5 608 x (d / 2); d >= 7 617 x 1; d >= 9 616 x 1
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aiworld/v1/procedural.pb.h"
#include "runtime/random.h"

namespace aiworld::procedural {

struct ProblemTypeSpec {
  v1::ProblemType type = v1::PROBLEM_TYPE_UNSPECIFIED;
  const char* name = "";     // "monster_surge"
  const char* display = "";  // "Monster Surge"
  double min_level = 0;
  int min_difficulty = 1;
  int max_difficulty = 1;
  int min_hours = 1;
  int max_hours = 1;
  bool spawns_monsters = false;  // surge and rampage only
};

inline constexpr uint32_t kLowPopulationOnline = 10;
inline constexpr int kLowPopulationMaxMinDifficulty = 3;
inline constexpr int kLevelPerDifficulty = 15;

// The six types in the reference's order.
const std::vector<ProblemTypeSpec>& ProblemTypes();
const ProblemTypeSpec& SpecOf(v1::ProblemType type);  // UNSPECIFIED: weather_hazard
const ProblemTypeSpec* SpecByName(std::string_view name);

// Types whose min level <= average level, in table order; weather_hazard alone when none is.
std::vector<v1::ProblemType> EligibleTypes(double average_level);
// Of `eligible`, the ones whose min difficulty <= 3 (the low-population pool).
std::vector<v1::ProblemType> LowPopulationTypes(const std::vector<v1::ProblemType>& eligible);
// max(0.1, 1 - 0.2 x uses).
double TypeWeight(int uses_last_7_days);
// A weighted pick; weights[i] belongs to types[i]. types must not be empty.
v1::ProblemType WeightedPick(const std::vector<v1::ProblemType>& types, const std::vector<double>& weights,
                             RandomSource& random);

int DifficultyFor(const ProblemTypeSpec& spec, double average_level);

struct DifficultyMultipliers {
  double exp = 1.0;
  double zeny = 1.0;
};
// 1: 1.0/1.0, 2: 1.2/1.2, 3: 1.5/1.3, 4: 1.8/1.5, 5: 2.2/1.8, 6: 2.8/2.2, 7: 3.5/2.8, 8: 4.5/3.5,
// 9: 6.0/4.5, 10: 8.0/6.0 (difficulty clamped to 1..10).
DifficultyMultipliers MultipliersOf(int difficulty);
double ParticipationMultiplier(uint32_t online);
// The reward of one participant; `level` is the average level the problem was made for (>= 1).
v1::RewardBundle ProblemReward(int level, int difficulty, uint32_t online);
// "high" (>= 7), "medium" (>= 4), "low".
const char* RewardTierLabel(int difficulty);

}  // namespace aiworld::procedural
