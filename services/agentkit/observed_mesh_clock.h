#pragma once
// A group's view of the mesh clock (DESIGN §5), learned from the requests the gateway sends: each
// HandleEvents and RunJob carries the mesh "now" and the real seconds per game day. Between
// requests mesh time runs on from the last one at that scale. Before any request it is the base
// clock. Query services answer "as of now" with it, so a time-scaled mesh shows the same day to the
// agents and to their queries. Thread-safe.
#include <cstdint>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "runtime/clock.h"

namespace aiworld::agentkit {

class ObservedMeshClock final : public Clock {
 public:
  explicit ObservedMeshClock(const Clock& base) : base_(base) {}

  // game_day_seconds 0 (not sent) counts as real time.
  void Observe(absl::Time mesh_now, uint32_t game_day_seconds);
  absl::Time Now() const override;

 private:
  const Clock& base_;
  mutable absl::Mutex mu_;
  bool observed_ ABSL_GUARDED_BY(mu_) = false;
  absl::Time real_at_ ABSL_GUARDED_BY(mu_);
  absl::Time mesh_at_ ABSL_GUARDED_BY(mu_);
  double scale_ ABSL_GUARDED_BY(mu_) = 1;
};

}  // namespace aiworld::agentkit
