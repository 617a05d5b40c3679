#pragma once
// Where the day's treasures go (reference §3.10, job treasure.daily at 01:00). Candidates are the
// catalogue's fields and dungeons without a live treasure, ranked by traffic today (arrivals today
// plus characters there now, from the world snapshot; a map missing from it had none), ties in
// random order; the quietest 10 % are very_low, up to 30 % low, up to 70 % medium, the rest high.
// Each tier takes its share of the count (treasure_rules.h), one treasure per map, sampled without
// replacement; rarity by the tier's odds, kind by the kind odds, cell random in 50..350 inside the
// map. A snapshot with no traffic at all (no events yet) places nothing.
#include <set>
#include <string>
#include <vector>

#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/economy.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"
#include "services/economy/treasure/treasure_rules.h"

namespace aiworld::economy {

struct PlannedTreasure {
  v1::MapPoint at;
  TrafficTier tier = TrafficTier::kVeryLow;
  v1::TreasureRarity rarity = v1::TREASURE_RARITY_BRONZE;
  v1::TreasureKind kind = v1::TREASURE_KIND_CHEST;
};

std::vector<PlannedTreasure> PlanTreasures(const v1::WorldSnapshot* world, const GameCatalogue& catalogue, int count,
                                           const std::set<std::string>& occupied, RandomSource& random);

}  // namespace aiworld::economy
