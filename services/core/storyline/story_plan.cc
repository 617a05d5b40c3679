#include "services/core/storyline/story_plan.h"

#include <algorithm>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/core/quest/generated_text.h"
#include "services/core/quest/quest_objectives.h"

namespace aiworld::core {
namespace {

bool IsHuntingMap(const GameCatalogue& catalogue, const std::string& map) {
  const MapInfo* info = catalogue.FindMap(map);
  return info != nullptr && info->kind != MapKind::kTown && !catalogue.MonstersOn(map).empty();
}

// The most active non-town map by kills today (then visits), validated against the catalogue.
std::string MostActiveMap(const v1::WorldSnapshot& world, const GameCatalogue& catalogue) {
  const v1::MapActivity* best = nullptr;
  for (const v1::MapActivity& m : world.maps()) {
    if (!IsHuntingMap(catalogue, m.map())) continue;
    if (best == nullptr || m.kills_today() > best->kills_today() ||
        (m.kills_today() == best->kills_today() && m.visits_today() > best->visits_today())) {
      best = &m;
    }
  }
  return best == nullptr ? "" : best->map();
}

const MonsterInfo* MostKilledMvp(const v1::WorldSnapshot& world, const GameCatalogue& catalogue) {
  const MonsterInfo* best = nullptr;
  uint32_t kills = 0;
  for (const v1::MobKills& k : world.mvp_kills()) {
    const MonsterInfo* m = catalogue.FindMonster(k.mob_id());
    if (m == nullptr || !m->is_boss() || HuntingMapOf(catalogue, *m).empty()) continue;
    if (best == nullptr || k.kills_today() > kills) {
      best = m;
      kills = k.kills_today();
    }
  }
  return best;
}

}  // namespace

std::string ArcPlan::Encode() const {
  std::vector<std::string> minions;
  for (int id : minion_mobs) minions.push_back(std::to_string(id));
  return absl::StrCat("v1\t", theme, "\t", faction, "\t", town, "\t", absl::StrJoin(maps, ","), "\t", villain_mob, "\t",
                      villain_name, "\t", absl::StrJoin(minions, ","));
}

std::optional<ArcPlan> ArcPlan::Decode(const std::string& text) {
  std::vector<std::string> f = absl::StrSplit(text, '\t');
  if (f.size() != 8 || f[0] != "v1") return std::nullopt;
  ArcPlan p;
  p.theme = f[1];
  p.faction = f[2];
  p.town = f[3];
  p.maps = absl::StrSplit(f[4], ',', absl::SkipEmpty());
  if (!absl::SimpleAtoi(f[5], &p.villain_mob)) return std::nullopt;
  p.villain_name = f[6];
  for (absl::string_view id : absl::StrSplit(f[7], ',', absl::SkipEmpty())) {
    int mob = 0;
    if (!absl::SimpleAtoi(id, &mob)) return std::nullopt;
    p.minion_mobs.push_back(mob);
  }
  if (p.maps.empty()) return std::nullopt;
  return p;
}

std::vector<std::string> ThemesFor(const v1::WorldSnapshot& world, const GameCatalogue& catalogue) {
  std::vector<std::string> themes;
  if (!world.factions().dominant_faction().empty()) themes.push_back("faction_rise");
  if (!MostActiveMap(world, catalogue).empty()) themes.push_back("restless_land");
  if (MostKilledMvp(world, catalogue) != nullptr) themes.push_back("tyrant_return");
  const v1::EconomyCondition economy = world.economy().condition();
  if (economy == v1::ECONOMY_CONDITION_STRUGGLING || economy == v1::ECONOMY_CONDITION_CRISIS) themes.push_back("hard_times");
  if (economy == v1::ECONOMY_CONDITION_THRIVING) themes.push_back("gold_rush");
  themes.push_back("shadow");
  return themes;
}

ArcPlan PlanArc(const v1::WorldSnapshot& world, const GameCatalogue& catalogue, RandomSource& random,
                const std::string& force_theme, const std::string& force_faction) {
  const std::vector<std::string> themes = ThemesFor(world, catalogue);
  static const std::set<std::string> kKnown = {"faction_rise", "restless_land", "tyrant_return", "hard_times", "gold_rush", "shadow"};
  ArcPlan plan;
  plan.theme = kKnown.contains(force_theme)
                   ? force_theme
                   : themes[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(themes.size()) - 1))];
  plan.faction = !force_faction.empty() ? force_faction : world.factions().dominant_faction();

  // The villain first (it decides the region for tyrant_return), then the maps.
  const MonsterInfo* villain = plan.theme == "tyrant_return" ? MostKilledMvp(world, catalogue) : nullptr;
  std::string first_map = MostActiveMap(world, catalogue);
  if (villain != nullptr) first_map = HuntingMapOf(catalogue, *villain);
  if (first_map.empty()) {
    // Nothing known about the world yet: a field near the busiest town, else any field.
    std::vector<const MapInfo*> fields = catalogue.MapsOfKind(MapKind::kField);
    std::erase_if(fields, [&](const MapInfo* m) { return !IsHuntingMap(catalogue, m->name); });
    first_map = fields[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(fields.size()) - 1))]->name;
  }
  const std::string region = catalogue.FindMap(first_map)->region;
  plan.maps.push_back(first_map);
  for (const v1::MapActivity& m : world.maps()) {
    if (plan.maps.size() >= 3) break;
    const MapInfo* info = catalogue.FindMap(m.map());
    if (info != nullptr && info->region == region && IsHuntingMap(catalogue, m.map()) &&
        std::find(plan.maps.begin(), plan.maps.end(), m.map()) == plan.maps.end()) {
      plan.maps.push_back(m.map());
    }
  }
  for (const MapInfo* m : catalogue.MapsInRegion(region)) {
    if (plan.maps.size() >= 4) break;
    if (IsHuntingMap(catalogue, m->name) && std::find(plan.maps.begin(), plan.maps.end(), m->name) == plan.maps.end()) {
      plan.maps.push_back(m->name);
    }
  }
  for (const MapInfo* m : catalogue.MapsOfKind(MapKind::kField)) {  // a region with few maps
    if (plan.maps.size() >= 3) break;
    if (IsHuntingMap(catalogue, m->name) && std::find(plan.maps.begin(), plan.maps.end(), m->name) == plan.maps.end()) {
      plan.maps.push_back(m->name);
    }
  }

  plan.town = "prontera";
  for (const MapInfo* m : catalogue.MapsInRegion(region)) {
    if (m->kind == MapKind::kTown) {
      plan.town = m->name;
      break;
    }
  }

  if (villain == nullptr) {
    // A boss of the region, else the strongest monster of the first map.
    for (const MonsterInfo* b : catalogue.Bosses()) {
      for (const std::string& map : b->maps) {
        const MapInfo* info = catalogue.FindMap(map);
        if (villain == nullptr && info != nullptr && info->region == region && info->kind != MapKind::kTown) villain = b;
      }
    }
  }
  if (villain == nullptr) {
    for (const MonsterInfo* m : catalogue.MonstersOn(first_map)) {
      if (villain == nullptr || m->level > villain->level) villain = m;
    }
  }
  plan.villain_mob = villain->id;
  plan.villain_name = CutAtWord(villain->name, 23);

  for (const std::string& map : plan.maps) {
    for (const MonsterInfo* m : catalogue.MonstersOn(map)) {
      if (!m->is_boss() && std::find(plan.minion_mobs.begin(), plan.minion_mobs.end(), m->id) == plan.minion_mobs.end()) {
        plan.minion_mobs.push_back(m->id);
        break;
      }
    }
  }
  return plan;
}

absl::Status ValidateChapter(const v1::StoryChapter& chapter, const GameCatalogue& catalogue, const std::string& field) {
  auto map_ok = [&](const std::string& map, const std::string& where) -> absl::Status {
    if (catalogue.FindMap(map) == nullptr) {
      return absl::InvalidArgumentError(absl::StrCat(field, ".", where, ": ", map, " is not a map of the catalogue"));
    }
    return absl::OkStatus();
  };
  if (chapter.has_boss()) {
    if (catalogue.FindMonster(chapter.boss().mob_id()) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".boss.mob_id: ", chapter.boss().mob_id(), " is not a monster of the catalogue"));
    }
    if (absl::Status s = map_ok(chapter.boss().map(), "boss.map"); !s.ok()) return s;
  }
  for (int i = 0; i < chapter.npcs_size(); ++i) {
    const v1::StoryNpc& npc = chapter.npcs(i);
    if (absl::Status s = map_ok(npc.at().map(), absl::StrCat("npcs[", i, "].at.map")); !s.ok()) return s;
    if (catalogue.FindSprite(npc.sprite_id()) == nullptr) {
      return absl::InvalidArgumentError(
          absl::StrCat(field, ".npcs[", i, "].sprite_id: ", npc.sprite_id(), " is not a sprite of the catalogue"));
    }
  }
  for (int i = 0; i < chapter.modifiers_size(); ++i) {
    if (absl::Status s = map_ok(chapter.modifiers(i).map(), absl::StrCat("modifiers[", i, "].map")); !s.ok()) return s;
  }
  return absl::OkStatus();
}

}  // namespace aiworld::core
