#include "services/procedural/adaptive_dungeon/dungeon_rules.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace aiworld::procedural {

uint32_t DungeonDifficulty(uint32_t floors) { return std::min<uint32_t>(10, 1 + floors / 2); }

double ExpMultiplier(uint32_t floors) { return 1.0 + kExpPerFloor * floors; }

uint32_t SpawnCount(int draw, uint32_t floor) {
  return static_cast<uint32_t>(std::lround(draw * (1.0 + kSpawnFloorGrowth * floor)));
}

uint32_t BossFloor(uint32_t floors) { return floors; }

bool HasCheckpoint(uint32_t floor, uint32_t floors) {
  return floor % kCheckpointEvery == 0 && floor != BossFloor(floors);
}

v1::DungeonTheme ThemeOfFaction(std::string_view faction_id) {
  if (faction_id.empty()) return v1::DUNGEON_THEME_UNSPECIFIED;
  if (faction_id == "rune_alliance") return v1::DUNGEON_THEME_HOLY;
  if (faction_id == "shadow_cult") return v1::DUNGEON_THEME_DEMON;
  if (faction_id == "nature_spirits") return v1::DUNGEON_THEME_EARTH;
  return v1::DUNGEON_THEME_CHAOTIC;
}

v1::DungeonTheme ThemeOfMapTheme(std::string_view t) {
  if (t == "city") return v1::DUNGEON_THEME_UNSPECIFIED;
  if (t == "volcano" || t == "desert") return v1::DUNGEON_THEME_FIRE;
  if (t == "snow" || t == "water" || t == "beach") return v1::DUNGEON_THEME_ICE;
  if (t == "undead" || t == "ruins") return v1::DUNGEON_THEME_UNDEAD;
  if (t == "castle" || t == "tower" || t == "machine") return v1::DUNGEON_THEME_DEMON;
  if (t == "temple") return v1::DUNGEON_THEME_HOLY;
  return v1::DUNGEON_THEME_EARTH;
}

ThemeChoice ChooseTheme(const v1::WorldSnapshot* world, const GameCatalogue& catalogue) {
  ThemeChoice choice;
  if (world == nullptr) {
    choice.why = "no world snapshot yet";
    return choice;
  }
  const std::string& dominant = world->factions().dominant_faction();
  if (!dominant.empty()) {
    choice.theme = ThemeOfFaction(dominant);
    choice.faction_id = dominant;
    choice.why = "dominant faction " + dominant;
    return choice;
  }
  // Activity per catalogue theme; ties go to the theme seen first in the snapshot (busiest first).
  std::map<std::string, uint64_t> activity;
  std::vector<std::string> order;
  for (const v1::MapActivity& m : world->maps()) {
    const MapInfo* info = catalogue.FindMap(m.map());
    if (info == nullptr || info->kind == MapKind::kTown) continue;
    if (ThemeOfMapTheme(info->theme) == v1::DUNGEON_THEME_UNSPECIFIED) continue;
    if (!activity.contains(info->theme)) order.push_back(info->theme);
    activity[info->theme] += static_cast<uint64_t>(m.visits_today()) + m.kills_today();
  }
  std::string best;
  uint64_t best_activity = 0;
  for (const std::string& theme : order) {
    if (activity[theme] > best_activity) {
      best = theme;
      best_activity = activity[theme];
    }
  }
  if (best.empty()) {
    choice.why = "no field or dungeon activity yet";
    return choice;
  }
  choice.theme = ThemeOfMapTheme(best);
  choice.why = "most active map theme " + best;
  return choice;
}

bool InThemePool(const MonsterInfo& m, v1::DungeonTheme theme) {
  switch (theme) {
    case v1::DUNGEON_THEME_FIRE: return m.element == "fire";
    case v1::DUNGEON_THEME_ICE: return m.element == "water";
    case v1::DUNGEON_THEME_UNDEAD: return m.race == "undead" || m.element == "undead";
    case v1::DUNGEON_THEME_DEMON: return m.race == "demon" || m.element == "dark";
    case v1::DUNGEON_THEME_EARTH: return m.element == "earth";
    case v1::DUNGEON_THEME_HOLY: return m.element == "holy" || m.race == "angel";
    default: return true;
  }
}

bool MapSuitsTheme(const MapInfo& map, v1::DungeonTheme theme) {
  if (map.kind != MapKind::kDungeon) return false;
  if (theme == v1::DUNGEON_THEME_CHAOTIC || theme == v1::DUNGEON_THEME_UNSPECIFIED) return true;
  return ThemeOfMapTheme(map.theme) == theme;
}

std::string ThemeWord(v1::DungeonTheme theme) {
  std::string name = v1::DungeonTheme_Name(theme);
  const std::string prefix = "DUNGEON_THEME_";
  if (name.rfind(prefix, 0) == 0) name = name.substr(prefix.size());
  return absl::AsciiStrToLower(name);
}

std::string ThemeTitle(v1::DungeonTheme theme) {
  std::string word = ThemeWord(theme);
  if (!word.empty()) word[0] = absl::ascii_toupper(word[0]);
  return word;
}

}  // namespace aiworld::procedural
