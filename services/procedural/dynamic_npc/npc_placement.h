#pragma once
// Where roaming NPCs stand (reference §3.3): maps whose activity is at most 10% of the busiest
// map's, quietest first, the first 20; maps already holding one of our NPCs are skipped. Activity
// of a map is its arrivals today plus the characters on it now (WorldSnapshot.maps). With no
// activity data (an empty snapshot) or too few quiet maps, the reference's defaults fill in:
// mjo_dun01, anthell01, cmd_fild01, prt_fild08. Cells are random in 50..300 on each axis, kept
// inside the map's size from the catalogue.
#include <set>
#include <string>
#include <vector>

#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"

namespace aiworld::procedural {

inline constexpr uint64_t kQuietDivisor = 10;  // at most 1/10 of the busiest map's activity
inline constexpr size_t kQuietMapsConsidered = 20;

// visits_today + players_now.
uint64_t RoamingActivityOf(const v1::MapActivity& map);

// Candidate maps in the order they are preferred (quietest first, then the defaults), without
// `occupied` and without maps the catalogue does not know.
std::vector<std::string> RoamingNpcMaps(const v1::WorldSnapshot* world, const GameCatalogue& catalogue,
                                        const std::set<std::string>& occupied);

const std::vector<std::string>& DefaultRoamingMaps();

// A cell in lo..hi on each axis, clamped to the map's size (5 cells from its edges).
v1::MapPoint RandomCellOn(const MapInfo& map, RandomSource& random, int lo, int hi);

}  // namespace aiworld::procedural
