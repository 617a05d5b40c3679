#pragma once
// Progression.GetPlayerStanding: one character's standing from the three agents that keep it —
// faction reputation (Faction), influence (Reputation) and karma (Karma) — read straight from their
// states by key, so it answers well inside the 50 ms the Dialogue agent waits. Titles: the influence
// title first (the one Dialogue shows), then the Exalted faction titles.
//
// WorldFactionState is the snapshot part only this group knows (dominant faction, scores, global
// karma), for whoever attaches it to the world snapshot.
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/progression.pb.h"
#include "aiworld/v1/world.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::progression {

// INVALID_ARGUMENT naming server_id or char_id (>= 150000); zeros for a character never seen.
// `now` (the mesh clock) decides which reputation counts as gained today.
absl::StatusOr<v1::GetPlayerStandingResponse> GetPlayerStanding(agentkit::StateStore& faction_state,
                                                                agentkit::StateStore& reputation_state,
                                                                agentkit::StateStore& karma_state,
                                                                const v1::GetPlayerStandingRequest& request, absl::Time now);

v1::FactionState WorldFactionState(agentkit::StateStore& faction_state, agentkit::StateStore& karma_state, const std::string& server_id);

}  // namespace aiworld::progression
