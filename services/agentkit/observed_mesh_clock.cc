#include "services/agentkit/observed_mesh_clock.h"

#include <algorithm>

namespace aiworld::agentkit {

void ObservedMeshClock::Observe(absl::Time mesh_now, uint32_t game_day_seconds) {
  const absl::Time real = base_.Now();
  absl::MutexLock lock(&mu_);
  // A redelivered or late request carries an older "now": mesh time never goes back.
  const absl::Time estimate = observed_ ? mesh_at_ + (real - real_at_) * scale_ : mesh_now;
  mesh_at_ = std::max(mesh_now, estimate);
  real_at_ = real;
  scale_ = game_day_seconds == 0 ? 1.0 : 86400.0 / static_cast<double>(std::clamp<uint32_t>(game_day_seconds, 60, 86400));
  observed_ = true;
}

absl::Time ObservedMeshClock::Now() const {
  const absl::Time real = base_.Now();
  absl::MutexLock lock(&mu_);
  if (!observed_) return real;
  return mesh_at_ + (real - real_at_) * scale_;
}

}  // namespace aiworld::agentkit
