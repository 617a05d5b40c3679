#pragma once
// Builds the v1::WorldSnapshot of one server from the World agent's state, as seen at `now`.
//
// "Last hour" is the hour before `now`, estimated from the hourly windows the state keeps: the
// current clock hour plus the previous hour weighted by the part of it still inside the last 60
// minutes (at 14:15, all of 14:00-14:15 and 3/4 of 13:00-14:00). "Today" is since 00:00 UTC of the
// mesh clock. "24 h" is the 24 hourly buckets before `now` weighted the same way.
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/state_store.h"
#include "services/core/world/world_state.h"

namespace aiworld::core::world {

// `external` carries what other groups report (weather, hazards, factions, live content); the
// state is not changed (its windows roll in a copy).
v1::WorldSnapshot BuildWorldSnapshot(const ServerWorldState& state, const v1::WorldSnapshot& external,
                                     const std::string& server_id, absl::Time now, const GameCatalogue& catalogue);

// The same from the World agent's StateStore (ctx.state of "world", or ctx.StateOf("world") from
// a sibling agent), with the built-in catalogue. Unreadable state is DATA_LOSS.
absl::StatusOr<v1::WorldSnapshot> BuildWorldSnapshot(agentkit::StateStore& world_state, const std::string& server_id,
                                                     absl::Time now);

}  // namespace aiworld::core::world
