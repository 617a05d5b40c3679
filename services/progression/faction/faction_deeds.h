#pragma once
// Which faction a real event serves (our mapping; the reference took faction actions as API input
// and never saw a game event):
//   a kill       the credited killer serves the faction that opposes the monster's race (catalogue):
//                undead and demon -> rune_alliance (order purges the unholy); angel and demihuman ->
//                shadow_cult (chaos against the orders of men and heaven); formless and dragon ->
//                nature_spirits (balance against constructs and wyrms); brute, plant, insect and fish
//                are wildlife and serve nobody. Unknown mob ids serve nobody.
//   a quest      completed on a map of a faction's territory (the map's region in the catalogue,
//                FactionOfRegion) serves that faction.
//   a donation   a server script emits the custom event "faction.donation.<faction_id>".
// PvP needs the characters' standings, so the agent decides it (see faction_agent.h).
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "aiworld/v1/events.pb.h"
#include "data/catalogue.h"
#include "services/progression/faction/faction_rules.h"

namespace aiworld::progression {

inline constexpr std::string_view kDonationEventPrefix = "faction.donation.";

struct FactionDeed {
  uint32_t char_id = 0;
  uint32_t account_id = 0;  // 0 when the event does not say
  size_t faction = 0;
  FactionAction action = FactionAction::kMonsterKill;
};

std::optional<size_t> FactionServedByRace(std::string_view race);
std::optional<size_t> FactionOfRegion(std::string_view region);
// The faction whose territory `map` is in; nullopt for a map not in the catalogue or no territory.
std::optional<size_t> FactionOfMap(const GameCatalogue& catalogue, std::string_view map);
// "faction.donation.rune_alliance" -> rune_alliance; nullopt for any other name.
std::optional<size_t> DonationFaction(std::string_view custom_name);

// The deeds of a kill, quest completion or donation event (at most one; none for other kinds or
// an event without a character).
std::vector<FactionDeed> DeedsOf(const v1::GameEvent& event, const GameCatalogue& catalogue);

}  // namespace aiworld::progression
