#pragma once
// The shared anchor of the mesh clock in gateway.mesh_clock (migration 0007). Every gateway loads it
// at start, so all replicas agree on mesh time; a gateway started with another --game-day-seconds
// re-anchors it at the current mesh time (mesh time never jumps back) and the others follow it on
// their next Refresh.
#include <cstdint>

#include "absl/status/statusor.h"
#include "runtime/clock.h"
#include "runtime/mesh_clock.h"
#include "runtime/pg_pool.h"

namespace aiworld::gateway {

// Loads the anchor, creating it (mesh = real = now) when there is none, and re-anchors it when its
// scale differs from game_day_seconds. Safe when replicas start at once (the row is locked).
absl::StatusOr<MeshAnchor> LoadMeshAnchor(PgPool& db, const Clock& real, uint32_t game_day_seconds);

// Reads the stored anchor into `clock` (a replica follows another's re-anchor). Returns whether it
// changed; NOT_FOUND when no gateway has created it yet.
absl::StatusOr<bool> RefreshMeshClock(PgPool& db, ScaledClock& clock);

}  // namespace aiworld::gateway
