#include "services/procedural/map_hazard/hazard_sites.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "services/procedural/map_hazard/hazard_types.h"

namespace aiworld::procedural {
namespace {

auto Quietness(const v1::MapActivity& m) { return std::make_tuple(m.players_now(), m.visits_today(), m.kills_today()); }

v1::HazardType Draw(const std::vector<v1::HazardType>& pool, RandomSource& random) {
  return pool[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(pool.size()) - 1))];
}

}  // namespace

std::vector<std::string> QuietMaps(const v1::WorldSnapshot& world, const GameCatalogue& catalogue) {
  std::vector<const v1::MapActivity*> maps;
  for (const v1::MapActivity& m : world.maps()) {
    const MapInfo* info = catalogue.FindMap(m.map());
    if (info != nullptr && info->kind != MapKind::kTown) maps.push_back(&m);
  }
  std::sort(maps.begin(), maps.end(), [](const v1::MapActivity* a, const v1::MapActivity* b) {
    if (Quietness(*a) != Quietness(*b)) return Quietness(*a) < Quietness(*b);
    return a->map() < b->map();
  });
  size_t keep = static_cast<size_t>(std::floor(maps.size() * kQuietShare));
  if (keep == 0) keep = std::min(maps.size(), std::max(kQuietFallbackMin, maps.size() / 3));
  std::vector<std::string> out;
  for (size_t i = 0; i < keep; ++i) out.push_back(maps[i]->map());
  return out;
}

std::vector<std::string> SampleMaps(const std::vector<std::string>& candidates, const std::set<std::string>& taken,
                                    size_t count, RandomSource& random) {
  std::vector<std::string> pool;
  for (const std::string& m : candidates) {
    if (!taken.contains(m)) pool.push_back(m);
  }
  std::vector<std::string> out;
  while (out.size() < count && !pool.empty()) {
    const size_t i = static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(pool.size()) - 1));
    out.push_back(pool[i]);
    pool.erase(pool.begin() + static_cast<std::ptrdiff_t>(i));
  }
  return out;
}

v1::HazardType ChooseHazard(const std::string& theme, bool problem_map, RandomSource& random) {
  const std::vector<v1::HazardType> suited = HazardsForTheme(theme);
  if (!problem_map) return Draw(suited, random);
  std::vector<v1::HazardType> negative;
  for (v1::HazardType t : suited) {
    if (HazardSpecOf(t).polarity == v1::HAZARD_POLARITY_NEGATIVE) negative.push_back(t);
  }
  if (negative.empty()) {
    for (const HazardSpec& s : HazardTypes()) {
      if (s.polarity == v1::HAZARD_POLARITY_NEGATIVE) negative.push_back(s.type);
    }
  }
  return Draw(negative, random);
}

}  // namespace aiworld::procedural
