#pragma once
// What a world event does in the game (reference §3.4 impacts), beyond the event NPC script that
// receives every effect as parameters (StartWorldEvent on "AIW_Evt_WorldEvent"):
//
//   demonic_invasion   prt_fild01-03: Deviling (1582) x3 per map per wave, a wave every 15 minutes
//                      (waves = duration / 15); map flag loadevent on those maps
//   wandering_caravan  the towns with players now (at most 10; none: the first 10 towns of the
//                      catalogue): loadevent, where the script's merchants greet arrivals
//   global_xp_boost    the maps with players now (at most 32): bexp 200 and jexp 200 (exp x2)
//   mvp_enraged        the maps with MVP kills today (at most 32): bexp 200 and jexp 200 (the
//                      MVPs' exp x2; their HP, ATK, DEF and drops are the script's)
//   mythic_event       prontera: loadevent (the Mythic Guardian is the script's)
//   market_crash, lucky_day   server-wide: the script only
// Every map flag lasts as long as the event (its ttl).
#include <cstdint>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"

namespace aiworld::procedural {

inline constexpr const char* kWorldEventNpc = "AIW_Evt_WorldEvent";
inline constexpr int32_t kInvasionMobId = 1582;  // Deviling
inline constexpr uint32_t kInvasionSpawnPerMap = 3;
inline constexpr int kInvasionWaveMinutes = 15;
inline constexpr size_t kCaravanTowns = 10;
inline constexpr size_t kMaxFlaggedMaps = 32;
inline constexpr const char* kMythicMap = "prontera";

struct MapFlagPlan {
  std::string flag;
  int32_t value = 0;  // 0 for on/off flags
};

struct WorldEventImpact {
  std::vector<std::string> maps;    // the maps it touches; empty = server-wide
  std::vector<MapFlagPlan> flags;   // set on every map of `maps`
  uint32_t waves = 0;               // invasion waves; 0 = spawns nothing
};

const std::vector<std::string>& InvasionMaps();
// duration / 15 minutes, rounded down.
uint32_t InvasionWaves(int duration_minutes);

WorldEventImpact ImpactOf(v1::WorldEventType type, int duration_minutes, const v1::WorldSnapshot& world,
                          const GameCatalogue& catalogue);

}  // namespace aiworld::procedural
