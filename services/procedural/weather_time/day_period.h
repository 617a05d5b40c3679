#pragma once
// Periods of the game day on the mesh clock (reference §3.9, UTC of the mesh clock): dawn 05-07
// (exp x1.1), day 07-18, dusk 18-20 (drops x1.15), night 20-05 (exp x1.05, spawns x1.1, ghosts,
// undead and werewolves about). A full moon (FULL_MOON_RANDOM_CHANCE 0.1 of nights) replaces the
// night's effects with exp x1.15, drops x1.2, spawns x1.3.
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/world.pb.h"

namespace aiworld::procedural {

inline constexpr double kFullMoonChance = 0.1;

v1::TimeOfDay PeriodAt(absl::Time t);
// Start and end of the period containing t (a night runs from 20:00 to 05:00 the next day).
absl::Time PeriodStart(absl::Time t);
absl::Time PeriodEnd(absl::Time t);
// "dawn", "day", "dusk", "night".
const char* PeriodName(v1::TimeOfDay period);

std::vector<v1::StatModifier> TimeEffects(v1::TimeOfDay period, bool full_moon);

}  // namespace aiworld::procedural
