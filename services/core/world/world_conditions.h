#pragma once
// The World agent's derived states (reference §3.1 "World"), as pure functions of numbers that
// BuildWorldSnapshot computes from real events.
#include <cstdint>
#include <map>

#include "absl/time/time.h"
#include "aiworld/v1/world.pb.h"
#include "services/core/world/world_state.h"

namespace aiworld::core::world {

struct EconomyClass {
  v1::EconomyCondition condition = v1::ECONOMY_CONDITION_UNSPECIFIED;
  double score = 0.0;
};

// inflation < 5% and trade volume > 500k: thriving 0.9; < 10% and > 100k: stable 0.7;
// < 20%: struggling 0.4; else crisis 0.2. `inflation` is a fraction (0.05 = 5%).
EconomyClass ClassifyEconomy(double inflation, int64_t trade_volume);

// conflict < 0.2 peaceful, < 0.5 tense, < 0.8 conflict, else war.
v1::PoliticsCondition ClassifyPolitics(double conflict_level);

// No disasters and clear weather: favorable; no disasters: normal; fewer than 3: challenging;
// else hazardous.
v1::EnvironmentCondition ClassifyEnvironment(uint32_t negative_hazards, v1::Weather weather);

// Dawn 05-07, day 07-18, dusk 18-20, night 20-05 (UTC hours of the mesh clock).
v1::TimeOfDay TimeOfDayAt(absl::Time now);

// Price inflation per day: a Paasche index of vending prices, today against yesterday, over the
// items sold on both days (sum of today's amounts at today's average prices over the same amounts
// at yesterday's average prices) minus 1, clamped to -1..10. NPC shop prices are fixed by the game
// and trades carry no per-item price, so vending is where players set prices. 0 when no item was
// sold on both days.
double PriceInflation(const std::map<uint32_t, ItemSales>& today, const std::map<uint32_t, ItemSales>& yesterday);

// Conflict level from the last 24 h: the share of character deaths dealt by other players, damped
// by kConflictPseudoDeaths deaths that count as peaceful, so that two duels on an empty server are
// not a war: pvp_kills / (player_deaths + kConflictPseudoDeaths), 0..1.
inline constexpr double kConflictPseudoDeaths = 10.0;
double ConflictLevel(uint64_t pvp_kills, uint64_t player_deaths);

}  // namespace aiworld::core::world
