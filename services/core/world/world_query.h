#pragma once
// Core.GetWorldSnapshot over the World agent's state.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/core.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::core::world {

// INVALID_ARGUMENT naming server_id for a bad id; NOT_FOUND for a server never seen; DATA_LOSS
// for unreadable state.
absl::StatusOr<v1::GetWorldSnapshotResponse> GetWorldSnapshot(const v1::GetWorldSnapshotRequest& request,
                                                              agentkit::StateStore& world_state, absl::Time now);

}  // namespace aiworld::core::world
