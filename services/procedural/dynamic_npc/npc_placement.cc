#include "services/procedural/dynamic_npc/npc_placement.h"

#include <algorithm>

namespace aiworld::procedural {

uint64_t RoamingActivityOf(const v1::MapActivity& map) {
  return static_cast<uint64_t>(map.visits_today()) + map.players_now();
}

const std::vector<std::string>& DefaultRoamingMaps() {
  static const std::vector<std::string> kDefaults = {"mjo_dun01", "anthell01", "cmd_fild01", "prt_fild08"};
  return kDefaults;
}

std::vector<std::string> RoamingNpcMaps(const v1::WorldSnapshot* world, const GameCatalogue& catalogue,
                                        const std::set<std::string>& occupied) {
  std::vector<const v1::MapActivity*> known;
  uint64_t busiest = 0;
  if (world != nullptr) {
    for (const v1::MapActivity& m : world->maps()) {
      if (catalogue.FindMap(m.map()) == nullptr) continue;
      known.push_back(&m);
      busiest = std::max(busiest, RoamingActivityOf(m));
    }
  }
  // At most 10% of the busiest: activity * 10 <= busiest, in integers so 10 of 100 is in and 11 is not.
  std::vector<const v1::MapActivity*> quiet;
  for (const v1::MapActivity* m : known) {
    if (RoamingActivityOf(*m) * kQuietDivisor <= busiest) quiet.push_back(m);
  }
  std::stable_sort(quiet.begin(), quiet.end(), [](const v1::MapActivity* a, const v1::MapActivity* b) {
    const uint64_t x = RoamingActivityOf(*a), y = RoamingActivityOf(*b);
    return x != y ? x < y : a->map() < b->map();
  });
  if (quiet.size() > kQuietMapsConsidered) quiet.resize(kQuietMapsConsidered);

  std::vector<std::string> out;
  auto add = [&](const std::string& name) {
    if (occupied.contains(name) || std::find(out.begin(), out.end(), name) != out.end()) return;
    if (catalogue.FindMap(name) == nullptr) return;
    out.push_back(name);
  };
  for (const v1::MapActivity* m : quiet) add(m->map());
  for (const std::string& name : DefaultRoamingMaps()) add(name);
  return out;
}

v1::MapPoint RandomCellOn(const MapInfo& map, RandomSource& random, int lo, int hi) {
  auto axis = [&](int size) {
    const int max_cell = std::max(1, size - 6);
    const int a = std::min(lo, max_cell);
    const int b = std::max(a, std::min(hi, max_cell));
    return static_cast<int32_t>(random.UniformInt(a, b));
  };
  v1::MapPoint p;
  p.set_map(map.name);
  p.set_x(axis(map.width));
  p.set_y(axis(map.height));
  return p;
}

}  // namespace aiworld::procedural
