#pragma once
// Progression.ListBosses over the DynamicBoss agent's state. Bad input is INVALID_ARGUMENT naming
// the field. Without include_inactive only live bosses are listed: ACTIVE and before their despawn
// time at `now` (the group's mesh clock). Pages are newest first; the page token is the decimal
// offset of the next page.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/progression.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::progression {

absl::StatusOr<v1::ListBossesResponse> ListBosses(agentkit::StateStore& boss_state, const v1::ListBossesRequest& request,
                                                  absl::Time now);

}  // namespace aiworld::progression
