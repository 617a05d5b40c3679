#include "services/procedural/archaeology/dig_site_planner.h"

#include <algorithm>
#include <map>

namespace aiworld::procedural {
namespace {

v1::MapPoint CellOn(const MapInfo& map, RandomSource& random) {
  auto axis = [&](int size) {
    const int max_cell = std::max(1, size - 6);
    const int lo = std::min(50, max_cell);
    const int hi = std::max(lo, std::min(250, max_cell));
    return static_cast<int32_t>(random.UniformInt(lo, hi));
  };
  v1::MapPoint p;
  p.set_map(map.name);
  p.set_x(axis(map.width));
  p.set_y(axis(map.height));
  return p;
}

}  // namespace

BandCounts SplitDigSpots(int count) {
  BandCounts c;
  if (count <= 0) return c;
  c.middle = count * 2 / 10;
  c.busy = count / 10;
  c.quiet = count - c.middle - c.busy;
  return c;
}

std::pair<double, double> RarityRange(TrafficBand band) {
  switch (band) {
    case TrafficBand::kQuiet: return {0.3, 0.8};
    case TrafficBand::kMiddle: return {0.2, 0.6};
    case TrafficBand::kBusy: return {0.1, 0.4};
  }
  return {0.3, 0.8};
}

std::vector<PlannedDigSpot> PlanDigSpots(const v1::WorldSnapshot* world, const GameCatalogue& catalogue, int count,
                                         const std::set<std::string>& occupied, RandomSource& random) {
  std::map<std::string, uint64_t> traffic;
  if (world != nullptr) {
    for (const v1::MapActivity& m : world->maps()) traffic[m.map()] = uint64_t{m.visits_today()} + m.players_now();
  }
  std::vector<const MapInfo*> pool;
  for (const MapInfo& m : catalogue.maps()) {
    if (m.kind != MapKind::kTown && !occupied.contains(m.name)) pool.push_back(&m);
  }
  // Random order first, so maps with equal traffic are ranked by chance, then quietest first.
  for (size_t i = pool.size(); i > 1; --i) {
    std::swap(pool[i - 1], pool[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(i) - 1))]);
  }
  auto traffic_of = [&](const MapInfo* m) {
    auto it = traffic.find(m->name);
    return it == traffic.end() ? uint64_t{0} : it->second;
  };
  std::stable_sort(pool.begin(), pool.end(), [&](const MapInfo* a, const MapInfo* b) { return traffic_of(a) < traffic_of(b); });

  std::vector<const MapInfo*> bands[3];
  const bool any_traffic = !traffic.empty();
  const size_t n = pool.size();
  const size_t quiet_end = any_traffic ? n * 3 / 10 : n;
  const size_t busy_begin = any_traffic ? n - n * 3 / 10 : n;
  for (size_t i = 0; i < n; ++i) {
    bands[i < quiet_end ? 0 : (i >= busy_begin ? 2 : 1)].push_back(pool[i]);
  }
  const BandCounts split = SplitDigSpots(count);
  const int wanted[3] = {any_traffic ? split.quiet : count, any_traffic ? split.middle : 0, any_traffic ? split.busy : 0};

  std::vector<PlannedDigSpot> out;
  for (int b = 0; b < 3; ++b) {
    std::vector<const MapInfo*>& maps = bands[b];
    const TrafficBand band = static_cast<TrafficBand>(b);
    const auto [lo, hi] = RarityRange(band);
    for (int k = 0; k < wanted[b] && !maps.empty(); ++k) {
      const size_t at = static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(maps.size()) - 1));
      PlannedDigSpot spot;
      spot.at = CellOn(*maps[at], random);
      spot.rarity = lo + (hi - lo) * random.Uniform01();
      spot.band = band;
      out.push_back(std::move(spot));
      maps.erase(maps.begin() + static_cast<std::ptrdiff_t>(at));
    }
  }
  return out;
}

}  // namespace aiworld::procedural
