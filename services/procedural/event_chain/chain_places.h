#pragma once
// Where a chain step happens, chosen from the catalogue and the world snapshot: hunts on a field or
// dungeon whose own monsters suit the chain's level (maps where players are active first), bosses
// among the mini-bosses nearest the level, talks in the busiest town.
#include <cstdint>
#include <string>

#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"

namespace aiworld::procedural {

struct HuntPlace {
  std::string map;
  int mob_id = 0;
};

HuntPlace PickHuntPlace(uint32_t level, const v1::WorldSnapshot* world, const GameCatalogue& catalogue,
                        RandomSource& random);
int PickChainBoss(uint32_t level, const GameCatalogue& catalogue, RandomSource& random);
v1::MapPoint PickTownSpot(const v1::WorldSnapshot* world, const GameCatalogue& catalogue, RandomSource& random);

}  // namespace aiworld::procedural
