#pragma once
// Procedural.ListWorldEvents over the WorldEvent agent's state: newest first; running events
// only unless include_inactive; the page token is the decimal offset of the next page. Bad input
// is INVALID_ARGUMENT naming the field.
#include "absl/status/statusor.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

absl::StatusOr<v1::ListWorldEventsResponse> ListWorldEvents(agentkit::StateStore& world_event_state,
                                                           const v1::ListWorldEventsRequest& request);

}  // namespace aiworld::procedural
