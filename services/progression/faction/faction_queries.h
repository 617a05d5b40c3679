#pragma once
// Progression.ListFactions over the Faction agent's state, and the per-character faction standing
// GetPlayerStanding combines. Bad input is INVALID_ARGUMENT naming the field.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "aiworld/v1/progression.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::progression {

// Every faction with its alignment as of the last faction.alignment run (a server with no faction
// activity yet: every score 0, no dominant faction).
absl::StatusOr<v1::ListFactionsResponse> ListFactions(agentkit::StateStore& faction_state, const v1::ListFactionsRequest& request);

// The character's reputation with every faction (zeros for a character never seen).
std::vector<v1::FactionStanding> FactionStandingsOf(agentkit::StateStore& faction_state, const std::string& server_id,
                                                    uint32_t char_id);
// Titles the character's faction tiers give ("Exalted of the Rune Alliance"), in faction order.
std::vector<std::string> FactionTitlesOf(agentkit::StateStore& faction_state, const std::string& server_id, uint32_t char_id);

}  // namespace aiworld::progression
