#include "services/procedural/adaptive_dungeon/level_band.h"

#include <algorithm>
#include <cmath>

namespace aiworld::procedural {
namespace {

// The bucket midpoint where the cumulative count first reaches `fraction` of the total.
uint32_t Percentile(const v1::PlayerStats& players, uint64_t total, double fraction) {
  const double wanted = std::max(1.0, std::ceil(fraction * static_cast<double>(total)));
  uint64_t seen = 0;
  for (const v1::LevelBucket& b : players.levels()) {
    seen += b.players();
    if (static_cast<double>(seen) >= wanted) return (b.min_level() + b.max_level()) / 2;
  }
  const v1::LevelBucket& last = players.levels(players.levels_size() - 1);
  return (last.min_level() + last.max_level()) / 2;
}

}  // namespace

std::optional<LevelBand> LevelBandOf(const v1::WorldSnapshot* world) {
  if (world == nullptr) return std::nullopt;
  const v1::PlayerStats& players = world->players();
  uint64_t total = 0;
  for (const v1::LevelBucket& b : players.levels()) total += b.players();
  if (total > 0) {
    LevelBand band;
    band.low = std::max<uint32_t>(1, Percentile(players, total, 0.25));
    band.high = std::max(band.low, Percentile(players, total, 0.75));
    return band;
  }
  if (players.average_base_level() >= 1) {
    const auto avg = static_cast<uint32_t>(std::lround(players.average_base_level()));
    return LevelBand{avg > 10 ? avg - 10 : 1, avg + 10};
  }
  return std::nullopt;
}

}  // namespace aiworld::procedural
