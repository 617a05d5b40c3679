#pragma once
// Progression.ListSocialEvents and Progression.ListGuildTasks over the Social agent's state. Bad
// input is INVALID_ARGUMENT naming the field. Without include_inactive only what runs at `now`
// (the group's mesh clock) is listed: ACTIVE and before its end or deadline. Pages are newest
// first; the page token is the decimal offset of the next page.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/progression.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::progression {

absl::StatusOr<v1::ListSocialEventsResponse> ListSocialEvents(agentkit::StateStore& social_state,
                                                              const v1::ListSocialEventsRequest& request, absl::Time now);
absl::StatusOr<v1::ListGuildTasksResponse> ListGuildTasks(agentkit::StateStore& social_state,
                                                          const v1::ListGuildTasksRequest& request, absl::Time now);

}  // namespace aiworld::progression
