#pragma once
// The mesh clock (DESIGN §5): game time that may run faster than real time, so a demo lives a whole
// game day in minutes. Mesh time = anchor_mesh + (real now - anchor_real) x 86400 / game_day_seconds.
// The anchor is shared by every gateway replica (gateway.mesh_clock), so they agree on mesh time;
// changing the scale re-anchors at the current mesh time, so mesh time never jumps back.
#include <cstdint>

#include "absl/status/status.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "runtime/clock.h"

namespace aiworld {

struct MeshAnchor {
  absl::Time anchor_real = absl::UnixEpoch();
  absl::Time anchor_mesh = absl::UnixEpoch();
  uint32_t game_day_seconds = 86400;  // real seconds per game day; 86400 = real time

  bool operator==(const MeshAnchor&) const = default;
};

inline constexpr uint32_t kMinGameDaySeconds = 60;
inline constexpr uint32_t kMaxGameDaySeconds = 86400;

// OK for 60..86400; otherwise INVALID_ARGUMENT naming `field`.
absl::Status ValidateGameDaySeconds(int64_t game_day_seconds, const char* field = "game_day_seconds");

// Mesh time at a real time under an anchor (pure).
absl::Time MeshTimeAt(const MeshAnchor& anchor, absl::Time real);
// The real time at which the mesh clock shows `mesh` (pure; the inverse of MeshTimeAt).
absl::Time RealTimeAt(const MeshAnchor& anchor, absl::Time mesh);
// A game-time span as real time at the anchor's scale (at least one microsecond when not zero).
absl::Duration RealDuration(const MeshAnchor& anchor, absl::Duration game);
// The anchor that continues `old` from real time `real_now` at a new scale: its mesh time starts where
// the old one was at that moment (pure). Times are truncated to microseconds, as PostgreSQL keeps them.
MeshAnchor Reanchor(const MeshAnchor& old, absl::Time real_now, uint32_t game_day_seconds);

class ScaledClock final : public Clock {
 public:
  ScaledClock(const Clock& base, MeshAnchor anchor) : base_(base), anchor_(anchor) {}

  absl::Time Now() const override { return MeshAt(base_.Now()); }
  // Mesh time of a real time (e.g. when a batch reached the inbox).
  absl::Time MeshAt(absl::Time real) const;
  uint32_t game_day_seconds() const;
  MeshAnchor anchor() const;
  // Follows an anchor stored by another replica. Returns true when it changed.
  bool SetAnchor(const MeshAnchor& anchor);
  const Clock& base() const { return base_; }

 private:
  const Clock& base_;
  mutable absl::Mutex mu_;
  MeshAnchor anchor_ ABSL_GUARDED_BY(mu_);
};

}  // namespace aiworld
