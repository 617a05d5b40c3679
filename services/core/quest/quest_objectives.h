#pragma once
// Objectives of a generated quest, on real catalogue content suited to the character's level:
//   monsters  non-boss, spawning on a field or dungeon, level within +-5 of the character's (the
//             window widens by 5 until at least 3 qualify); KILL objectives are bound to the
//             monster's most spawned map
//   items     etc items, the price band rising with level (materials for fetch and craft)
//   towns     a town of the catalogue other than the one the giver stands in
// By type:
//   kill         KILL m x KillQuantity on its map
//   escort       VISIT the destination (m's map), KILL m x KillQuantity/2 there (the ambush)
//   investigate  VISIT m's map, KILL m x CollectQuantity there
//   explore      VISIT two different maps of level-suited monsters
//   dialogue     VISIT a town, TALK to the giver (report back)
//   delivery     VISIT a town (the parcel's destination), TALK to the giver (report back)
//   fetch        COLLECT an etc item x CollectQuantity
//   craft        COLLECT two etc items x CollectQuantity, TALK to the giver (to have it made)
// A TALK objective counts only once every other objective is done (it is the report back).
#include <cstdint>
#include <string>
#include <vector>

#include "aiworld/v1/core.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"

namespace aiworld::core {

struct ObjectiveRequest {
  v1::QuestType type = v1::QUEST_TYPE_KILL;
  v1::QuestDifficulty difficulty = v1::QUEST_DIFFICULTY_EASY;
  uint32_t level = 1;
  v1::NpcRef giver;
  std::string giver_name;
  std::string giver_map;  // where the giver stands; its town is not chosen as a destination
};

// Non-boss monsters for a level, nearest level first (see the header comment).
std::vector<const MonsterInfo*> MonstersForLevel(const GameCatalogue& catalogue, uint32_t level);
// The first field or dungeon map a monster spawns on; empty when it has none.
std::string HuntingMapOf(const GameCatalogue& catalogue, const MonsterInfo& monster);
// "prt_fild08 (Prontera Field)" or just the name when the catalogue has no note.
std::string MapLabel(const GameCatalogue& catalogue, const std::string& map);

std::vector<v1::QuestObjective> PickObjectives(const ObjectiveRequest& request, const GameCatalogue& catalogue,
                                               RandomSource& random);

}  // namespace aiworld::core
