#include "services/core/quest/quest_objectives.h"

#include <algorithm>
#include <cstdlib>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "services/core/quest/quest_rules.h"

namespace aiworld::core {
namespace {

template <typename T>
const T& PickOne(const std::vector<T>& from, RandomSource& random) {
  return from[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(from.size()) - 1))];
}

std::string TownOf(const GameCatalogue& catalogue, const std::string& map) {
  const MapInfo* info = catalogue.FindMap(map);
  return info == nullptr ? "" : info->region;
}

const ItemInfo* EtcItemForLevel(const GameCatalogue& catalogue, uint32_t level, RandomSource& random) {
  std::vector<const ItemInfo*> items = catalogue.ItemsOfKind(ItemKind::kEtc);
  if (items.empty()) return nullptr;
  std::stable_sort(items.begin(), items.end(), [](const ItemInfo* a, const ItemInfo* b) { return a->buy < b->buy; });
  // The cheapest third of the etc items spread over levels 1..99: rare treasures are not chores.
  const int64_t usable = std::max<int64_t>(1, static_cast<int64_t>(items.size()) / 3);
  const int64_t centre = (std::min<int64_t>(level, 99) - 1) * (usable - 1) / 98;
  const int64_t at = std::clamp<int64_t>(centre + random.UniformInt(-5, 5), 0, usable - 1);
  return items[static_cast<size_t>(at)];
}

v1::QuestObjective Kill(const GameCatalogue& catalogue, const MonsterInfo& m, const std::string& map, uint32_t quantity) {
  v1::QuestObjective o;
  o.set_kind(v1::QUEST_OBJECTIVE_KIND_KILL);
  o.set_mob_id(m.id);
  o.set_quantity(quantity);
  if (!map.empty()) o.mutable_place()->set_map(map);
  o.set_description(absl::StrCat("Defeat ", quantity, " ", m.name, map.empty() ? "" : " on " + MapLabel(catalogue, map)));
  return o;
}

v1::QuestObjective Visit(const GameCatalogue& catalogue, const std::string& map, const std::string& why) {
  v1::QuestObjective o;
  o.set_kind(v1::QUEST_OBJECTIVE_KIND_VISIT);
  o.mutable_place()->set_map(map);
  o.set_quantity(1);
  o.set_description(absl::StrCat(why, " ", MapLabel(catalogue, map)));
  return o;
}

v1::QuestObjective Collect(const ItemInfo& item, uint32_t quantity) {
  v1::QuestObjective o;
  o.set_kind(v1::QUEST_OBJECTIVE_KIND_COLLECT);
  o.set_item_id(item.id);
  o.set_quantity(quantity);
  o.set_description(absl::StrCat("Gather ", quantity, " ", item.name));
  return o;
}

v1::QuestObjective Talk(const ObjectiveRequest& r, const std::string& why) {
  v1::QuestObjective o;
  o.set_kind(v1::QUEST_OBJECTIVE_KIND_TALK);
  *o.mutable_npc() = r.giver;
  o.set_quantity(1);
  o.set_description(absl::StrCat(why, " ", r.giver_name.empty() ? "the quest giver" : r.giver_name));
  return o;
}

}  // namespace

std::vector<const MonsterInfo*> MonstersForLevel(const GameCatalogue& catalogue, uint32_t level) {
  const int lvl = static_cast<int>(std::max<uint32_t>(level, 1));
  std::vector<const MonsterInfo*> found;
  for (int window = 5; window <= 200; window += 5) {
    found.clear();
    for (const MonsterInfo& m : catalogue.monsters()) {
      if (m.is_boss() || std::abs(m.level - lvl) > window) continue;
      if (HuntingMapOf(catalogue, m).empty()) continue;
      found.push_back(&m);
    }
    if (found.size() >= 3) break;
  }
  std::stable_sort(found.begin(), found.end(), [lvl](const MonsterInfo* a, const MonsterInfo* b) {
    return std::abs(a->level - lvl) < std::abs(b->level - lvl);
  });
  return found;
}

std::string HuntingMapOf(const GameCatalogue& catalogue, const MonsterInfo& monster) {
  for (const std::string& map : monster.maps) {
    const MapInfo* info = catalogue.FindMap(map);
    if (info != nullptr && info->kind != MapKind::kTown) return map;
  }
  return "";
}

std::string MapLabel(const GameCatalogue& catalogue, const std::string& map) {
  const MapInfo* info = catalogue.FindMap(map);
  if (info == nullptr || info->note.empty()) return map;
  const std::string short_note = info->note.substr(0, info->note.find(','));  // "Alberta, port town" -> "Alberta"
  if (absl::EqualsIgnoreCase(short_note, map)) return short_note;
  return absl::StrCat(short_note, " (", map, ")");
}

std::vector<v1::QuestObjective> PickObjectives(const ObjectiveRequest& r, const GameCatalogue& catalogue,
                                               RandomSource& random) {
  std::vector<const MonsterInfo*> monsters = MonstersForLevel(catalogue, r.level);
  if (monsters.size() > 6) monsters.resize(6);  // the nearest levels only
  const MonsterInfo& m = *PickOne(monsters, random);
  const std::string hunting_map = HuntingMapOf(catalogue, m);
  const uint32_t kills = KillQuantity(r.difficulty);
  const uint32_t items = CollectQuantity(r.difficulty);

  std::vector<v1::QuestObjective> out;
  switch (r.type) {
    case v1::QUEST_TYPE_KILL:
      out.push_back(Kill(catalogue, m, hunting_map, kills));
      break;
    case v1::QUEST_TYPE_ESCORT:
      out.push_back(Visit(catalogue, hunting_map, "Escort the traveller safely to"));
      out.push_back(Kill(catalogue, m, hunting_map, std::max<uint32_t>(3, kills / 2)));
      break;
    case v1::QUEST_TYPE_INVESTIGATE:
      out.push_back(Visit(catalogue, hunting_map, "Look for clues on"));
      out.push_back(Kill(catalogue, m, hunting_map, items));
      break;
    case v1::QUEST_TYPE_EXPLORE: {
      out.push_back(Visit(catalogue, hunting_map, "Explore"));
      std::string second;
      for (const MonsterInfo* other : monsters) {
        const std::string map = HuntingMapOf(catalogue, *other);
        if (map != hunting_map) {
          second = map;
          break;
        }
      }
      if (!second.empty()) out.push_back(Visit(catalogue, second, "Chart"));
      break;
    }
    case v1::QUEST_TYPE_DIALOGUE:
    case v1::QUEST_TYPE_DELIVERY: {
      const std::string home = TownOf(catalogue, r.giver_map);
      std::vector<std::string> towns;
      for (const MapInfo* t : catalogue.MapsOfKind(MapKind::kTown)) {
        if (t->region != home) towns.push_back(t->name);
      }
      const std::string town = towns.empty() ? std::string("prontera") : PickOne(towns, random);
      const bool delivery = r.type == v1::QUEST_TYPE_DELIVERY;
      out.push_back(Visit(catalogue, town, delivery ? "Carry the parcel to" : "Hear what people say in"));
      out.push_back(Talk(r, delivery ? "Bring the receipt back to" : "Tell what you heard to"));
      break;
    }
    case v1::QUEST_TYPE_FETCH:
      if (const ItemInfo* item = EtcItemForLevel(catalogue, r.level, random)) out.push_back(Collect(*item, items));
      break;
    case v1::QUEST_TYPE_CRAFT: {
      const ItemInfo* first = EtcItemForLevel(catalogue, r.level, random);
      const ItemInfo* second = EtcItemForLevel(catalogue, r.level, random);
      if (first != nullptr) out.push_back(Collect(*first, items));
      if (second != nullptr && second != first) out.push_back(Collect(*second, items));
      out.push_back(Talk(r, "Bring the materials to"));
      break;
    }
    default:
      break;
  }
  if (out.empty()) out.push_back(Kill(catalogue, m, hunting_map, kills));
  return out;
}

}  // namespace aiworld::core
