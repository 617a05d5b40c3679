#pragma once
// Plans the day's dungeon: floors, rooms and their links, monsters from the theme's pools at levels
// that follow the server's level band down the floors (the deepest floor at the top of the band),
// the boss room on the last floor, the reward, and where it is played: the gate in the busiest
// town and up to kMaxInstances real dungeon maps of the theme (the quietest first) that parties
// are sent to.
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"
#include "services/procedural/adaptive_dungeon/dungeon_rules.h"
#include "services/procedural/adaptive_dungeon/level_band.h"

namespace aiworld::procedural {

struct DungeonPlan {
  v1::Dungeon dungeon;                  // the public plan (GetDungeon)
  std::vector<std::string> instance_maps;
  v1::MapPoint gate;                    // where the entrance NPC stands
  int boss_mob_id = 0;
  LevelBand band;
};

struct PlanInputs {
  std::string server_id;
  absl::Time now;
  ThemeChoice theme;
  LevelBand band = kDefaultLevelBand;
  const v1::WorldSnapshot* world = nullptr;  // for the busiest town and the quietest maps
};

DungeonPlan PlanDungeon(const PlanInputs& in, RandomSource& random, const GameCatalogue& catalogue);

// "YYYY-MM-DD" of `t` (UTC, the mesh clock) and the next midnight.
std::string DayOf(absl::Time t);
absl::Time EndOfDay(absl::Time t);

// The planned level of a floor: band.low on floor 1, band.high on the last.
uint32_t FloorLevel(const LevelBand& band, uint32_t floor, uint32_t floors);

}  // namespace aiworld::procedural
