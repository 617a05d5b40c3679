#pragma once
// Where hazards go and which one each map gets (reference §3.8):
//   candidates  the quietest 30% (rounded down) of the snapshot's field and dungeon maps known to
//               the catalogue; when that is none, the quietest max(5, n / 3) (all of them when
//               fewer). Quiet = fewest players now, then visits today, then kills today.
//   sample      DAILY_HAZARD_COUNT (4) drawn at random from the candidates, at most one hazard per
//               map (maps with a running hazard are left out).
//   type        one of the map theme's hazards; on the map of the active world problem a negative
//               one (the theme's, else any negative hazard).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aiworld/v1/procedural.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"

namespace aiworld::procedural {

inline constexpr size_t kDailyHazardCount = 4;
inline constexpr double kQuietShare = 0.3;
inline constexpr size_t kQuietFallbackMin = 5;

// The candidate maps, quietest first.
std::vector<std::string> QuietMaps(const v1::WorldSnapshot& world, const GameCatalogue& catalogue);

// Up to `count` of `candidates` at random, none of `taken`, in the order drawn.
std::vector<std::string> SampleMaps(const std::vector<std::string>& candidates, const std::set<std::string>& taken,
                                    size_t count, RandomSource& random);

// The hazard for a map of this theme; `problem_map` says the active world problem is there.
v1::HazardType ChooseHazard(const std::string& theme, bool problem_map, RandomSource& random);

}  // namespace aiworld::procedural
