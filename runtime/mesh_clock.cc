#include "runtime/mesh_clock.h"

#include "absl/strings/str_cat.h"

namespace aiworld {
namespace {

absl::Time TruncateToMicros(absl::Time t) { return absl::FromUnixMicros(absl::ToUnixMicros(t)); }

}  // namespace

absl::Status ValidateGameDaySeconds(int64_t game_day_seconds, const char* field) {
  if (game_day_seconds < kMinGameDaySeconds || game_day_seconds > kMaxGameDaySeconds) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": ", game_day_seconds,
                                                   " is outside 60..86400 (real seconds per game day; 86400 = real time)"));
  }
  return absl::OkStatus();
}

absl::Time MeshTimeAt(const MeshAnchor& anchor, absl::Time real) {
  // Duration arithmetic is exact to a quarter nanosecond; multiply first so no precision is lost.
  return anchor.anchor_mesh + (real - anchor.anchor_real) * int64_t{86400} / static_cast<int64_t>(anchor.game_day_seconds);
}

absl::Time RealTimeAt(const MeshAnchor& anchor, absl::Time mesh) {
  return anchor.anchor_real + RealDuration(anchor, mesh - anchor.anchor_mesh);
}

absl::Duration RealDuration(const MeshAnchor& anchor, absl::Duration game) {
  if (game == absl::ZeroDuration() || anchor.game_day_seconds == 86400) return game;
  const absl::Duration real = game * static_cast<int64_t>(anchor.game_day_seconds) / int64_t{86400};
  if (real == absl::ZeroDuration()) return game > absl::ZeroDuration() ? absl::Microseconds(1) : -absl::Microseconds(1);
  return real;
}

MeshAnchor Reanchor(const MeshAnchor& old, absl::Time real_now, uint32_t game_day_seconds) {
  MeshAnchor next;
  next.anchor_real = TruncateToMicros(real_now);
  next.anchor_mesh = TruncateToMicros(MeshTimeAt(old, next.anchor_real));
  next.game_day_seconds = game_day_seconds;
  return next;
}

absl::Time ScaledClock::MeshAt(absl::Time real) const {
  absl::MutexLock lock(&mu_);
  return MeshTimeAt(anchor_, real);
}

uint32_t ScaledClock::game_day_seconds() const {
  absl::MutexLock lock(&mu_);
  return anchor_.game_day_seconds;
}

MeshAnchor ScaledClock::anchor() const {
  absl::MutexLock lock(&mu_);
  return anchor_;
}

bool ScaledClock::SetAnchor(const MeshAnchor& anchor) {
  absl::MutexLock lock(&mu_);
  if (anchor_ == anchor) return false;
  anchor_ = anchor;
  return true;
}

}  // namespace aiworld
