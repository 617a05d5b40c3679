#pragma once
// Procedural.ListDigSpots and Procedural.GetArchaeologyProgress over the Archaeology agent's state.
// Bad input is INVALID_ARGUMENT naming the field. `now` is the mesh clock: an open spot past its
// expiry is reported EXPIRED, and only secret maps still open are listed.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

// Newest first (creation, then id); coordinates only with include_positions; page token = decimal
// offset of the next page.
absl::StatusOr<v1::ListDigSpotsResponse> ListDigSpots(agentkit::StateStore& archaeology_state,
                                                       const v1::ListDigSpotsRequest& request, absl::Time now);
// Zeros (with the char_id) for a character that never dug.
absl::StatusOr<v1::GetArchaeologyProgressResponse> GetArchaeologyProgress(agentkit::StateStore& archaeology_state,
                                                                           const v1::GetArchaeologyProgressRequest& request,
                                                                           absl::Time now);

}  // namespace aiworld::procedural
