#pragma once
// Where a problem happens and what it spawns, from the real world snapshot and the catalogue.
//   target map    difficulty >= 7 the busiest map, >= 4 the median map, else the quietest
//                 (reference §3.2), among the snapshot's field and dungeon maps that the
//                 catalogue knows (towns have no monsters to hunt); none: no problem today.
//   activity      players now, then visits today, then kills today (then the name, for ties).
//   monsters      of about level 10 x difficulty: surge - a normal monster that lives on the map
//                 (any normal monster when none does); rampage - the MVP nearest that level, with
//                 escorts like a surge's. The reference spawned the placeholder 1002 + difficulty.
#include <optional>
#include <string>
#include <vector>

#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"

namespace aiworld::procedural {

inline constexpr int kMobLevelPerDifficulty = 10;

// Field and dungeon maps of the snapshot known to the catalogue, busiest first.
std::vector<const v1::MapActivity*> RankedHuntingMaps(const v1::WorldSnapshot& world, const GameCatalogue& catalogue);

// By difficulty from a busiest-first ranking; nullopt when the ranking is empty. The median of n
// maps is the one at index n / 2.
std::optional<std::string> TargetMapFor(const std::vector<const v1::MapActivity*>& ranked, int difficulty);

// A normal (not boss) monster for the map, level nearest 10 x difficulty; ties are drawn at random.
const MonsterInfo* SurgeMonster(const GameCatalogue& catalogue, const std::string& map, int difficulty, RandomSource& random);
// The MVP whose level is nearest 10 x difficulty (ties: one living on the map, then the lower id).
const MonsterInfo* RampageMvp(const GameCatalogue& catalogue, const std::string& map, int difficulty);

}  // namespace aiworld::procedural
