#pragma once
// Agents decide on the mesh clock, in game time (DESIGN §5); the game runs in real time. Before an
// action is queued the gateway turns its times into real ones at the mesh clock's scale: not_before
// and expires_at (mesh instants) become the real instants the mesh clock shows them, and every
// game-time span in the action's kind (ttl, duration, time_limit) shrinks by the time scale. At
// real time (a game day of 86400 s) nothing changes.
#include "aiworld/v1/actions.pb.h"
#include "runtime/mesh_clock.h"

namespace aiworld::gateway {

void ToRealTime(const MeshAnchor& anchor, v1::Action& action);

}  // namespace aiworld::gateway
