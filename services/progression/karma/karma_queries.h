#pragma once
// Progression.GetGlobalKarma over the Karma agent's state, and the character karma
// GetPlayerStanding combines. Bad input is INVALID_ARGUMENT naming the field.
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "aiworld/v1/progression.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::progression {

// The world's karma as of the last karma job, its alignment and that alignment's effects (a server
// with no karma yet: 0, neutral, no effects, no updated_at).
absl::StatusOr<v1::GetGlobalKarmaResponse> GetGlobalKarma(agentkit::StateStore& karma_state, const v1::GetGlobalKarmaRequest& request);

// The character's karma (0, neutral, no actions for a character never seen).
v1::PlayerKarma PlayerKarmaOf(agentkit::StateStore& karma_state, const std::string& server_id, uint32_t char_id);

}  // namespace aiworld::progression
