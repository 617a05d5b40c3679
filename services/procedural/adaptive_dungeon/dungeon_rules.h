#pragma once
// The AdaptiveDungeon's numbers (reference §3.15 and §7) and its theme rules.
//
// Theme: from the world's dominant faction (rune_alliance -> holy, shadow_cult -> demon,
// nature_spirits -> earth, any other faction -> chaotic). With no dominant faction, from the
// most active map theme: visits plus kills today summed per catalogue theme over the fields and
// dungeons of the snapshot (towns are left out: they are always the busiest and say nothing about
// where players hunt), then mapped to a dungeon theme (volcano/desert fire, snow/water/beach ice,
// undead/ruins undead, castle/tower/machine demon, temple holy, the rest earth). An empty world
// gives chaotic, whose pools mix every theme.
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"

namespace aiworld::procedural {

inline constexpr uint32_t kFloorsMin = 5;    // DUNGEON_FLOOR_COUNT_MIN
inline constexpr uint32_t kFloorsMax = 10;   // DUNGEON_FLOOR_COUNT_MAX
inline constexpr uint32_t kRoomsMin = 3;
inline constexpr uint32_t kRoomsMax = 7;
inline constexpr double kSideLinkChance = 0.30;
inline constexpr uint32_t kCheckpointEvery = 3;
inline constexpr uint32_t kMonsterTypesMin = 3;
inline constexpr uint32_t kMonsterTypesMax = 5;
inline constexpr int kSpawnCountMin = 3;      // rand(3..6) x (1 + 0.15 x floor)
inline constexpr int kSpawnCountMax = 6;
inline constexpr double kSpawnFloorGrowth = 0.15;
inline constexpr double kEliteChance = 0.20;
inline constexpr double kMiniBossChance = 0.10;
inline constexpr uint32_t kCurrencyPerFloor = 100;
inline constexpr double kExpPerFloor = 0.1;   // exp multiplier 1 + 0.1 x floors
inline constexpr double kDropBonus = 0.5;
inline constexpr absl::Duration kTimeLimit = absl::Minutes(60);  // DUNGEON_TIME_LIMIT_MINUTES
inline constexpr uint32_t kPartyMin = 2;      // DUNGEON_PARTY_SIZE_MIN
inline constexpr uint32_t kPartyMax = 12;     // DUNGEON_PARTY_SIZE_MAX
// Ours (the reference has none): elite stats, how much of a floor must die to open the next one,
// how long a party's first member waits for the second at the gate, concurrent instances.
inline constexpr uint32_t kEliteHpPercent = 150;
inline constexpr uint32_t kEliteAtkPercent = 130;
inline constexpr double kFloorClearShare = 0.8;
inline constexpr absl::Duration kGateWait = absl::Minutes(5);
inline constexpr size_t kMaxInstances = 3;
inline constexpr const char* kGateTemplate = "AIW_Tpl_DungeonGate";

// min(10, 1 + floors / 2).
uint32_t DungeonDifficulty(uint32_t floors);
// 1 + 0.1 x floors.
double ExpMultiplier(uint32_t floors);
// rand(3..6) x (1 + 0.15 x floor), rounded, given the rand(3..6) draw.
uint32_t SpawnCount(int draw, uint32_t floor);
// The floor that holds the boss room: always the last one. (The reference compared the floor
// with the configured maximum, 10, so a dungeon of 5..9 floors had no boss.)
uint32_t BossFloor(uint32_t floors);
// Floors 3, 6, 9 get a checkpoint room, except the boss floor.
bool HasCheckpoint(uint32_t floor, uint32_t floors);

v1::DungeonTheme ThemeOfFaction(std::string_view faction_id);
// The dungeon theme of a catalogue map theme; UNSPECIFIED for "city".
v1::DungeonTheme ThemeOfMapTheme(std::string_view map_theme);

struct ThemeChoice {
  v1::DungeonTheme theme = v1::DUNGEON_THEME_CHAOTIC;
  std::string faction_id;  // empty unless a faction chose it
  std::string why;         // e.g. "dominant faction rune_alliance", "most active map theme cave"
};
ThemeChoice ChooseTheme(const v1::WorldSnapshot* world, const GameCatalogue& catalogue);

// Whether a monster belongs to a theme's pool (by element and race; chaotic takes all).
bool InThemePool(const MonsterInfo& monster, v1::DungeonTheme theme);
// Whether a dungeon map suits a theme (by its catalogue theme; chaotic takes all).
bool MapSuitsTheme(const MapInfo& map, v1::DungeonTheme theme);

// "fire", "ice", ... and "Fire", "Ice", ... for text.
std::string ThemeWord(v1::DungeonTheme theme);
std::string ThemeTitle(v1::DungeonTheme theme);

}  // namespace aiworld::procedural
