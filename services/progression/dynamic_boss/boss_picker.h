#pragma once
// Which real monster a dynamic boss is: a mini-boss of the catalogue for a rating below 5, any
// mini-boss or MVP from 5 on, whose level is nearest the level the trigger calls for (the monsters
// farmed, the problem's killers, the players around). Ties: one that lives on the map, then the
// lower id. The reference spawned placeholder ids 1900-1904.
#include <string>

#include "data/catalogue.h"

namespace aiworld::progression {

// The level to match when the trigger has none: the mean level of the map's normal monsters, else 50.
double MapMonsterLevel(const GameCatalogue& catalogue, const std::string& map);

// Nullptr only for a catalogue without bosses.
const MonsterInfo* PickBoss(const GameCatalogue& catalogue, const std::string& map, uint32_t rating, double level);

// "<prefix> <name>" when it fits 23 bytes, else the monster's name.
std::string BossDisplayName(const char* prefix, const MonsterInfo& boss);

}  // namespace aiworld::progression
