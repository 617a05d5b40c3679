#pragma once
// A sliding count over the last hour, kept in state as per-minute buckets (at most 61 small
// entries per map however many kills arrive): the kills on a map for anti-farm, or the deaths to a
// world problem's monsters for escalation. Each bucket also sums the levels involved (the mob level
// killed, or the killer mob's level) so a boss can match the map, and the window remembers the
// last cell where it happened (a walkable cell: a player stood there) to spawn at.
//
// Encoding: "v1 <last_x> <last_y> <minute>:<count>:<level_sum> ..." (minute = unix seconds / 60).
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace aiworld::progression {

class KillWindow {
 public:
  // Counts `count` things at `at` with these levels summed.
  void Add(absl::Time at, uint32_t count, uint64_t level_sum);
  void SetLastCell(int32_t x, int32_t y) {
    last_x_ = x;
    last_y_ = y;
  }
  // Drops the buckets that no longer overlap the window ending at `now`.
  void Prune(absl::Time now, absl::Duration window);
  // What happened in the window ending at `now`, to the minute: a bucket counts while any part of
  // its minute lies within the window.
  uint32_t Count(absl::Time now, absl::Duration window) const;
  // Mean level over the window; 0 when it is empty.
  double AverageLevel(absl::Time now, absl::Duration window) const;
  bool empty() const { return buckets_.empty(); }
  int32_t last_x() const { return last_x_; }
  int32_t last_y() const { return last_y_; }

  std::string Encode() const;
  // INVALID_ARGUMENT naming the part that is wrong.
  static absl::StatusOr<KillWindow> Decode(absl::string_view text);

 private:
  struct Bucket {
    int64_t minute = 0;
    uint32_t count = 0;
    uint64_t level_sum = 0;
  };
  static bool InWindow(const Bucket& b, absl::Time now, absl::Duration window);

  std::vector<Bucket> buckets_;  // ascending minutes
  int32_t last_x_ = 0;
  int32_t last_y_ = 0;
};

}  // namespace aiworld::progression
