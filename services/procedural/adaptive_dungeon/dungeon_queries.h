#pragma once
// Procedural.GetDungeon over the AdaptiveDungeon's state: today's dungeon, unset when none was
// generated or the newest one has expired at `now` (the mesh clock). Bad input is
// INVALID_ARGUMENT naming the field.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

absl::StatusOr<v1::GetDungeonResponse> GetDungeon(agentkit::StateStore& dungeon_state,
                                                  const v1::GetDungeonRequest& request, absl::Time now);

}  // namespace aiworld::procedural
