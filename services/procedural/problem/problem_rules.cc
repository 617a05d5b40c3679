#include "services/procedural/problem/problem_rules.h"

#include <algorithm>
#include <cmath>

namespace aiworld::procedural {
namespace {

// Rounds down, forgiving the binary noise of products like 50 x 1000 x 1.2 x 1.2.
uint64_t Floor(double x) { return x <= 0 ? 0 : static_cast<uint64_t>(std::floor(x + 1e-6)); }

}  // namespace

const std::vector<ProblemTypeSpec>& ProblemTypes() {
  static const std::vector<ProblemTypeSpec> types = {
      {v1::PROBLEM_TYPE_MONSTER_SURGE, "monster_surge", "Monster Surge", 30, 2, 8, 12, 24, true},
      {v1::PROBLEM_TYPE_MVP_RAMPAGE, "mvp_rampage", "MVP Rampage", 50, 5, 10, 8, 16, true},
      {v1::PROBLEM_TYPE_GOOD_VS_EVIL, "good_vs_evil", "Good vs Evil", 40, 4, 9, 12, 24, false},
      {v1::PROBLEM_TYPE_RESOURCE_SHORTAGE, "resource_shortage", "Resource Shortage", 20, 1, 5, 16, 24, false},
      {v1::PROBLEM_TYPE_POLLUTION, "pollution", "Pollution", 25, 2, 6, 12, 20, false},
      {v1::PROBLEM_TYPE_WEATHER_HAZARD, "weather_hazard", "Weather Hazard", 15, 1, 4, 6, 12, false},
  };
  return types;
}

const ProblemTypeSpec& SpecOf(v1::ProblemType type) {
  for (const ProblemTypeSpec& s : ProblemTypes()) {
    if (s.type == type) return s;
  }
  return ProblemTypes().back();
}

const ProblemTypeSpec* SpecByName(std::string_view name) {
  for (const ProblemTypeSpec& s : ProblemTypes()) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

std::vector<v1::ProblemType> EligibleTypes(double average_level) {
  std::vector<v1::ProblemType> out;
  for (const ProblemTypeSpec& s : ProblemTypes()) {
    if (s.min_level <= average_level) out.push_back(s.type);
  }
  if (out.empty()) out.push_back(v1::PROBLEM_TYPE_WEATHER_HAZARD);
  return out;
}

std::vector<v1::ProblemType> LowPopulationTypes(const std::vector<v1::ProblemType>& eligible) {
  std::vector<v1::ProblemType> out;
  for (v1::ProblemType t : eligible) {
    if (SpecOf(t).min_difficulty <= kLowPopulationMaxMinDifficulty) out.push_back(t);
  }
  return out;
}

double TypeWeight(int uses_last_7_days) { return std::max(0.1, 1.0 - 0.2 * uses_last_7_days); }

v1::ProblemType WeightedPick(const std::vector<v1::ProblemType>& types, const std::vector<double>& weights,
                             RandomSource& random) {
  double total = 0;
  for (double w : weights) total += w;
  double roll = random.Uniform01() * total;
  for (size_t i = 0; i < types.size(); ++i) {
    if (roll < weights[i]) return types[i];
    roll -= weights[i];
  }
  return types.back();
}

int DifficultyFor(const ProblemTypeSpec& spec, double average_level) {
  const int raw = average_level <= 0 ? 0 : static_cast<int>(average_level) / kLevelPerDifficulty;
  return std::clamp(raw, spec.min_difficulty, spec.max_difficulty);
}

DifficultyMultipliers MultipliersOf(int difficulty) {
  static const DifficultyMultipliers table[] = {{1.0, 1.0}, {1.2, 1.2}, {1.5, 1.3}, {1.8, 1.5}, {2.2, 1.8},
                                                {2.8, 2.2}, {3.5, 2.8}, {4.5, 3.5}, {6.0, 4.5}, {8.0, 6.0}};
  return table[std::clamp(difficulty, 1, 10) - 1];
}

double ParticipationMultiplier(uint32_t online) { return std::min(1.5, 1.0 + online / 100.0); }

v1::RewardBundle ProblemReward(int level, int difficulty, uint32_t online) {
  const double l = std::max(level, 1);
  const DifficultyMultipliers m = MultipliersOf(difficulty);
  const double p = ParticipationMultiplier(online);
  v1::RewardBundle r;
  r.set_base_exp(Floor(l * 1000 * (1 + 0.2 * difficulty) * m.exp * p));
  r.set_zeny(static_cast<uint32_t>(std::min<uint64_t>(Floor(l * 500 * (1 + 0.15 * difficulty) * m.zeny * p), 2147483647)));
  auto add = [&](uint32_t item, int amount) {
    v1::ItemStack* s = r.add_items();
    s->set_item_id(item);
    s->set_amount(static_cast<uint32_t>(amount));
  };
  if (difficulty >= 3) add(607, difficulty);  // Yggdrasil Berry
  if (difficulty >= 5) add(608, difficulty / 2);  // Yggdrasil Seed
  if (difficulty >= 7) add(617, 1);  // Old Violet Box
  if (difficulty >= 9) add(616, 1);  // Old Card Album
  return r;
}

const char* RewardTierLabel(int difficulty) {
  if (difficulty >= 7) return "high";
  if (difficulty >= 4) return "medium";
  return "low";
}

}  // namespace aiworld::procedural
