#pragma once
// Core.GetMemories over the Memory agent's state: the memories of an NPC (about one character or
// all), best first — by relevance to `query` (importance × recency × keyword overlap) or, with no
// query, newest first — with the relationship and a short summary.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/core.pb.h"
#include "services/agentkit/state_store.h"
#include "services/core/memory/memory_book.h"

namespace aiworld::core {

// INVALID_ARGUMENT naming the field for a bad request. Each Memory's importance is its decayed
// importance at `now`, rounded, at least 1.
absl::StatusOr<v1::GetMemoriesResponse> GetMemories(agentkit::StateStore& memory_state, const v1::GetMemoriesRequest& request,
                                                    absl::Time now, const MemoryPolicy& policy = {});

}  // namespace aiworld::core
