#include "services/progression/faction/faction_deeds.h"

#include <map>
#include <string>


namespace aiworld::progression {
namespace {

constexpr size_t kRuneAlliance = 0;
constexpr size_t kShadowCult = 1;
constexpr size_t kNatureSpirits = 2;

}  // namespace

std::optional<size_t> FactionServedByRace(std::string_view race) {
  if (race == "undead" || race == "demon") return kRuneAlliance;
  if (race == "angel" || race == "demihuman") return kShadowCult;
  if (race == "formless" || race == "dragon") return kNatureSpirits;
  return std::nullopt;
}

std::optional<size_t> FactionOfRegion(std::string_view region) {
  // The kingdom's crown and church; the haunted, the desert and the cities of magic and industry;
  // the villages of forest, mountain and sea.
  static const std::map<std::string, size_t, std::less<>> kTerritories = {
      {"prontera", kRuneAlliance},    {"izlude", kRuneAlliance},      {"alberta", kRuneAlliance},
      {"aldebaran", kRuneAlliance},   {"juno", kRuneAlliance},        {"rachel", kRuneAlliance},
      {"lutie", kRuneAlliance},       {"glast_heim", kShadowCult},    {"niflheim", kShadowCult},
      {"morroc", kShadowCult},        {"geffen", kShadowCult},        {"einbroch", kShadowCult},
      {"lighthalzen", kShadowCult},   {"nameless_island", kShadowCult}, {"payon", kNatureSpirits},
      {"umbala", kNatureSpirits},     {"hugel", kNatureSpirits},      {"amatsu", kNatureSpirits},
      {"kunlun", kNatureSpirits},     {"louyang", kNatureSpirits},    {"ayothaya", kNatureSpirits},
      {"comodo", kNatureSpirits},     {"brasilis", kNatureSpirits},   {"moscovia", kNatureSpirits},
      {"jawaii", kNatureSpirits},     {"manuk", kNatureSpirits},      {"splendide", kNatureSpirits},
      {"dicastes", kNatureSpirits},   {"veins", kNatureSpirits},
  };
  auto it = kTerritories.find(region);
  if (it == kTerritories.end()) return std::nullopt;
  return it->second;
}

std::optional<size_t> FactionOfMap(const GameCatalogue& catalogue, std::string_view map) {
  const MapInfo* info = catalogue.FindMap(map);
  if (info == nullptr) return std::nullopt;
  return FactionOfRegion(info->region);
}

std::optional<size_t> DonationFaction(std::string_view custom_name) {
  if (!custom_name.starts_with(kDonationEventPrefix)) return std::nullopt;
  return FactionIndex(custom_name.substr(kDonationEventPrefix.size()));
}

std::vector<FactionDeed> DeedsOf(const v1::GameEvent& event, const GameCatalogue& catalogue) {
  if (event.char_id() == 0) return {};
  FactionDeed deed;
  deed.char_id = event.char_id();
  deed.account_id = event.account_id();
  std::optional<size_t> faction;
  if (event.has_monster_killed()) {
    const MonsterInfo* mob = catalogue.FindMonster(event.monster_killed().mob_id());
    if (mob != nullptr) faction = FactionServedByRace(mob->race);
    deed.action = FactionAction::kMonsterKill;
  } else if (event.has_quest_completed()) {
    faction = FactionOfMap(catalogue, event.map());
    deed.action = FactionAction::kQuestComplete;
  } else if (event.has_custom()) {
    faction = DonationFaction(event.custom().name());
    deed.action = FactionAction::kDonation;
  }
  if (!faction.has_value()) return {};
  deed.faction = *faction;
  return {deed};
}

}  // namespace aiworld::progression
