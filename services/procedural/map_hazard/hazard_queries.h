#pragma once
// Procedural.ListHazards over the MapHazard agent's state: newest first; active hazards only
// unless include_inactive; optionally one map; the page token is the decimal offset of the next
// page. Bad input is INVALID_ARGUMENT naming the field.
#include "absl/status/statusor.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

absl::StatusOr<v1::ListHazardsResponse> ListHazards(agentkit::StateStore& hazard_state, const v1::ListHazardsRequest& request);

}  // namespace aiworld::procedural
