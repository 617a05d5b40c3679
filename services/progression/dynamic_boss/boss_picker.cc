#include "services/progression/dynamic_boss/boss_picker.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "services/progression/dynamic_boss/boss_rules.h"

namespace aiworld::progression {
namespace {

bool LivesOn(const MonsterInfo& m, const std::string& map) {
  return std::find(m.maps.begin(), m.maps.end(), map) != m.maps.end();
}

}  // namespace

double MapMonsterLevel(const GameCatalogue& catalogue, const std::string& map) {
  double sum = 0;
  int n = 0;
  for (const MonsterInfo* m : catalogue.MonstersOn(map)) {
    if (m->is_boss()) continue;
    sum += m->level;
    ++n;
  }
  return n == 0 ? 50.0 : sum / n;
}

const MonsterInfo* PickBoss(const GameCatalogue& catalogue, const std::string& map, uint32_t rating, double level) {
  const bool mvps_too = rating >= kMvpPoolFromRating;
  const MonsterInfo* best = nullptr;
  for (const MonsterInfo* m : catalogue.Bosses()) {
    if (m->boss == BossType::kMvp && !mvps_too) continue;
    if (best == nullptr) {
      best = m;
      continue;
    }
    const double d = std::abs(m->level - level), best_d = std::abs(best->level - level);
    if (d != best_d) {
      if (d < best_d) best = m;
      continue;
    }
    const bool here = LivesOn(*m, map), best_here = LivesOn(*best, map);
    if (here != best_here) {
      if (here) best = m;
      continue;
    }
    if (m->id < best->id) best = m;
  }
  return best;
}

std::string BossDisplayName(const char* prefix, const MonsterInfo& boss) {
  std::string name = absl::StrCat(prefix, " ", boss.name);
  if (name.size() <= 23) return name;
  return boss.name.size() <= 23 ? boss.name : boss.name.substr(0, 23);
}

}  // namespace aiworld::progression
