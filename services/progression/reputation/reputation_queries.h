#pragma once
// Progression.GetReputationLeaderboard over the Reputation agent's state (the reference declared
// its leaderboard route after /reputation/{player_id}, which shadowed it: it was unreachable), and
// the influence GetPlayerStanding combines. Bad input is INVALID_ARGUMENT naming the field.
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/progression.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::progression {

// Characters with any influence, best first (ties: equal rank, lower char id first); the page token
// is the decimal offset of the next page. A character whose name was never seen shows as "#<id>".
absl::StatusOr<v1::GetReputationLeaderboardResponse> GetReputationLeaderboard(
    agentkit::StateStore& reputation_state, const v1::GetReputationLeaderboardRequest& request);

// The character's influence as of `now` (gained_today is 0 once the game day is over); zeros and
// tier 0 "Newcomer" for a character never seen.
v1::Influence InfluenceOf(agentkit::StateStore& reputation_state, const std::string& server_id, uint32_t char_id, absl::Time now);
// The title of the character's influence tier; empty below tier 1.
std::string InfluenceTitleOf(agentkit::StateStore& reputation_state, const std::string& server_id, uint32_t char_id);

}  // namespace aiworld::progression
