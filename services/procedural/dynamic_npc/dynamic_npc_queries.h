#pragma once
// Procedural.ListDynamicNpcs over the DynamicNpc agent's state. Bad input is INVALID_ARGUMENT naming
// the field. Newest first (spawn time, then tag); the page token is the decimal offset of the next
// page. `now` is the mesh clock: a live NPC past its despawn time is reported EXPIRED.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

absl::StatusOr<v1::ListDynamicNpcsResponse> ListDynamicNpcs(agentkit::StateStore& dynamic_npc_state,
                                                             const v1::ListDynamicNpcsRequest& request, absl::Time now);

}  // namespace aiworld::procedural
