#include "services/economy/treasure/treasure_planner.h"

#include <algorithm>
#include <map>

namespace aiworld::economy {
namespace {

int32_t CellIn(int size, RandomSource& random) {
  const int max_cell = std::max(1, size - 6);  // keep off the map's unwalkable border
  const int lo = std::min(kTreasureCellMin, max_cell);
  const int hi = std::max(lo, std::min(kTreasureCellMax, max_cell));
  return static_cast<int32_t>(random.UniformInt(lo, hi));
}

}  // namespace

std::vector<PlannedTreasure> PlanTreasures(const v1::WorldSnapshot* world, const GameCatalogue& catalogue, int count,
                                           const std::set<std::string>& occupied, RandomSource& random) {
  std::map<std::string, uint64_t> traffic;
  uint64_t total = 0;
  if (world != nullptr) {
    for (const v1::MapActivity& m : world->maps()) {
      const uint64_t t = uint64_t{m.visits_today()} + m.players_now();
      traffic[m.map()] += t;
      total += t;
    }
  }
  if (total == 0 || count <= 0) return {};

  std::vector<const MapInfo*> pool;
  for (const MapInfo& m : catalogue.maps()) {
    if (m.kind != MapKind::kTown && !occupied.contains(m.name)) pool.push_back(&m);
  }
  for (size_t i = pool.size(); i > 1; --i) {
    std::swap(pool[i - 1], pool[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(i) - 1))]);
  }
  auto traffic_of = [&](const MapInfo* m) {
    auto it = traffic.find(m->name);
    return it == traffic.end() ? uint64_t{0} : it->second;
  };
  std::stable_sort(pool.begin(), pool.end(), [&](const MapInfo* a, const MapInfo* b) { return traffic_of(a) < traffic_of(b); });

  std::vector<const MapInfo*> tiers[4];
  for (size_t i = 0; i < pool.size(); ++i) tiers[static_cast<int>(TierOfRank(i, pool.size()))].push_back(pool[i]);
  const TierCounts split = SplitTreasures(count);
  const int wanted[4] = {split.very_low, split.low, split.medium, split.high};

  std::vector<PlannedTreasure> out;
  for (int t = 0; t < 4; ++t) {
    std::vector<const MapInfo*>& maps = tiers[t];
    const TrafficTier tier = static_cast<TrafficTier>(t);
    for (int k = 0; k < wanted[t] && !maps.empty(); ++k) {
      const size_t at = static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(maps.size()) - 1));
      PlannedTreasure p;
      p.at.set_map(maps[at]->name);
      p.at.set_x(CellIn(maps[at]->width, random));
      p.at.set_y(CellIn(maps[at]->height, random));
      p.tier = tier;
      p.rarity = RollRarity(tier, random.Uniform01());
      p.kind = RollKind(random.Uniform01());
      out.push_back(std::move(p));
      maps.erase(maps.begin() + static_cast<std::ptrdiff_t>(at));
    }
  }
  return out;
}

}  // namespace aiworld::economy
