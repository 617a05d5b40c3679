#pragma once
// The levels the online players actually have, from the world snapshot's level buckets: the 25th
// and 75th percentile (bucket midpoints), so content suits most players rather than the outliers.
#include <cstdint>
#include <optional>

#include "aiworld/v1/world.pb.h"

namespace aiworld::procedural {

struct LevelBand {
  uint32_t low = 1;
  uint32_t high = 1;
  uint32_t Middle() const { return (low + high) / 2; }
};

// Used when nobody has been seen yet (an empty snapshot): early-to-mid game, where most of the
// catalogue's monsters live.
inline constexpr LevelBand kDefaultLevelBand{15, 60};

// Buckets when there are any; else the average base level +- 10; else nullopt.
std::optional<LevelBand> LevelBandOf(const v1::WorldSnapshot* world);

}  // namespace aiworld::procedural
