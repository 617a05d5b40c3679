#include "services/procedural/problem/problem_targets.h"

#include <algorithm>
#include <cstdlib>
#include <tuple>

namespace aiworld::procedural {
namespace {

auto ActivityKey(const v1::MapActivity& m) { return std::make_tuple(m.players_now(), m.visits_today(), m.kills_today()); }

const MonsterInfo* NearestLevel(const std::vector<const MonsterInfo*>& pool, int level, RandomSource& random) {
  if (pool.empty()) return nullptr;
  int best = -1;
  for (const MonsterInfo* m : pool) {
    const int d = std::abs(m->level - level);
    if (best < 0 || d < best) best = d;
  }
  std::vector<const MonsterInfo*> ties;
  for (const MonsterInfo* m : pool) {
    if (std::abs(m->level - level) == best) ties.push_back(m);
  }
  return ties[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(ties.size()) - 1))];
}

}  // namespace

std::vector<const v1::MapActivity*> RankedHuntingMaps(const v1::WorldSnapshot& world, const GameCatalogue& catalogue) {
  std::vector<const v1::MapActivity*> out;
  for (const v1::MapActivity& m : world.maps()) {
    const MapInfo* info = catalogue.FindMap(m.map());
    if (info == nullptr || info->kind == MapKind::kTown) continue;
    out.push_back(&m);
  }
  std::sort(out.begin(), out.end(), [](const v1::MapActivity* a, const v1::MapActivity* b) {
    if (ActivityKey(*a) != ActivityKey(*b)) return ActivityKey(*a) > ActivityKey(*b);
    return a->map() < b->map();
  });
  return out;
}

std::optional<std::string> TargetMapFor(const std::vector<const v1::MapActivity*>& ranked, int difficulty) {
  if (ranked.empty()) return std::nullopt;
  if (difficulty >= 7) return ranked.front()->map();
  if (difficulty >= 4) return ranked[ranked.size() / 2]->map();
  return ranked.back()->map();
}

const MonsterInfo* SurgeMonster(const GameCatalogue& catalogue, const std::string& map, int difficulty, RandomSource& random) {
  const int level = kMobLevelPerDifficulty * difficulty;
  std::vector<const MonsterInfo*> native;
  for (const MonsterInfo* m : catalogue.MonstersOn(map)) {
    if (!m->is_boss()) native.push_back(m);
  }
  if (!native.empty()) return NearestLevel(native, level, random);
  std::vector<const MonsterInfo*> any;
  for (const MonsterInfo& m : catalogue.monsters()) {
    if (!m.is_boss() && !m.maps.empty()) any.push_back(&m);
  }
  return NearestLevel(any, level, random);
}

const MonsterInfo* RampageMvp(const GameCatalogue& catalogue, const std::string& map, int difficulty) {
  const int level = kMobLevelPerDifficulty * difficulty;
  const MonsterInfo* best = nullptr;
  auto key = [&](const MonsterInfo* m) {
    const bool lives_here = std::find(m->maps.begin(), m->maps.end(), map) != m->maps.end();
    return std::make_tuple(std::abs(m->level - level), lives_here ? 0 : 1, m->id);
  };
  for (const MonsterInfo* m : catalogue.Mvps()) {
    if (best == nullptr || key(m) < key(best)) best = m;
  }
  return best;
}

}  // namespace aiworld::procedural
