#pragma once
// Where the day's dig spots go (reference §3.14, job archaeology.dig_spots at 02:00):
// DAILY_DIG_SPOT_COUNT (15) spots, 70% on the quietest 30% of maps, 20% on the middle 40%, 10% on the
// busiest 30% (shares rounded down; the remainder goes to the quietest). Candidate maps are the
// catalogue's fields and dungeons without an open spot, ranked by traffic today (arrivals today plus
// characters there now, from the world snapshot; a map missing from it had none), ties in random
// order; at most one spot per map. Rarity by band: quiet U(0.3, 0.8), middle U(0.2, 0.6), busy
// U(0.1, 0.4). Cells random in 50..250, kept inside the map. With an empty snapshot every map is
// quiet.
#include <set>
#include <string>
#include <vector>

#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"

namespace aiworld::procedural {

inline constexpr int kDefaultDailyDigSpots = 15;

enum class TrafficBand { kQuiet, kMiddle, kBusy };

struct PlannedDigSpot {
  v1::MapPoint at;
  double rarity = 0;
  TrafficBand band = TrafficBand::kQuiet;
};

struct BandCounts {
  int quiet = 0;
  int middle = 0;
  int busy = 0;
};

// 70/20/10 of count, rounded down, the remainder to quiet.
BandCounts SplitDigSpots(int count);
// The rarity range of a band.
std::pair<double, double> RarityRange(TrafficBand band);

std::vector<PlannedDigSpot> PlanDigSpots(const v1::WorldSnapshot* world, const GameCatalogue& catalogue, int count,
                                         const std::set<std::string>& occupied, RandomSource& random);

}  // namespace aiworld::procedural
