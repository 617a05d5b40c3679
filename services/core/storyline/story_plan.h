#pragma once
// What an arc is about, chosen from the world snapshot, on catalogue content only (the reference
// never validated the LLM's map, monster and item ids; here the model writes text only and every
// id comes from the catalogue, checked again by ValidateChapter).
//
// Themes (one is drawn among those the world supports):
//   faction_rise    a faction dominates (factions.dominant_faction)
//   restless_land   the most active map by kills today: its monsters swarm
//   tyrant_return   MVPs were killed today: the most killed MVP returns as the villain
//   hard_times      the economy is struggling or in crisis
//   gold_rush       the economy is thriving
//   shadow          always possible: a shadow over the busiest town
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "aiworld/v1/core.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"

namespace aiworld::core {

struct ArcPlan {
  std::string theme;
  std::string faction;               // may be empty
  std::string town;                  // where the story NPCs stand (a town map)
  std::vector<std::string> maps;     // target maps, 3..5 non-town maps, chapter targets rotate over them
  int villain_mob = 0;               // a boss-class monster when one fits, else the strongest local one
  std::string villain_name;          // 1..23 bytes
  std::vector<int> minion_mobs;      // non-boss monsters of the target maps, for the chapter quests

  std::string Encode() const;
  static std::optional<ArcPlan> Decode(const std::string& text);
};

// Themes the world supports, in the order above ("shadow" always last).
std::vector<std::string> ThemesFor(const v1::WorldSnapshot& world, const GameCatalogue& catalogue);

// force_theme: one of the themes above, else ignored (the theme is drawn); force_faction: used
// when non-empty.
ArcPlan PlanArc(const v1::WorldSnapshot& world, const GameCatalogue& catalogue, RandomSource& random,
                const std::string& force_theme, const std::string& force_faction);

// Every map, monster and sprite a chapter names exists in the catalogue; the error names the field
// ("chapters[2].boss.mob_id: 9999 is not a monster of the catalogue").
absl::Status ValidateChapter(const v1::StoryChapter& chapter, const GameCatalogue& catalogue, const std::string& field);

}  // namespace aiworld::core
