#include "services/progression/dynamic_boss/kill_window.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aiworld::progression {

void KillWindow::Add(absl::Time at, uint32_t count, uint64_t level_sum) {
  const int64_t minute = absl::ToUnixSeconds(at) / 60;
  auto it = std::lower_bound(buckets_.begin(), buckets_.end(), minute,
                             [](const Bucket& b, int64_t m) { return b.minute < m; });
  if (it == buckets_.end() || it->minute != minute) {
    Bucket b;
    b.minute = minute;
    it = buckets_.insert(it, b);
  }
  it->count += count;
  it->level_sum += level_sum;
}

bool KillWindow::InWindow(const Bucket& b, absl::Time now, absl::Duration window) {
  const absl::Time minute_end = absl::FromUnixSeconds((b.minute + 1) * 60);
  return minute_end > now - window && absl::FromUnixSeconds(b.minute * 60) <= now;
}

void KillWindow::Prune(absl::Time now, absl::Duration window) {
  std::erase_if(buckets_, [&](const Bucket& b) { return absl::FromUnixSeconds((b.minute + 1) * 60) <= now - window; });
}

uint32_t KillWindow::Count(absl::Time now, absl::Duration window) const {
  uint32_t n = 0;
  for (const Bucket& b : buckets_) n += InWindow(b, now, window) ? b.count : 0;
  return n;
}

double KillWindow::AverageLevel(absl::Time now, absl::Duration window) const {
  uint64_t n = 0, sum = 0;
  for (const Bucket& b : buckets_) {
    if (!InWindow(b, now, window)) continue;
    n += b.count;
    sum += b.level_sum;
  }
  return n == 0 ? 0.0 : static_cast<double>(sum) / static_cast<double>(n);
}

std::string KillWindow::Encode() const {
  std::string out = absl::StrCat("v1 ", last_x_, " ", last_y_);
  for (const Bucket& b : buckets_) absl::StrAppend(&out, " ", b.minute, ":", b.count, ":", b.level_sum);
  return out;
}

absl::StatusOr<KillWindow> KillWindow::Decode(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, ' ', absl::SkipEmpty());
  if (parts.empty() || parts[0] != "v1") return absl::InvalidArgumentError("window: unknown version");
  if (parts.size() < 3) return absl::InvalidArgumentError("window: expected the last cell");
  KillWindow w;
  if (!absl::SimpleAtoi(parts[1], &w.last_x_) || !absl::SimpleAtoi(parts[2], &w.last_y_)) {
    return absl::InvalidArgumentError("window.last_cell: not a cell");
  }
  for (size_t i = 3; i < parts.size(); ++i) {
    std::vector<absl::string_view> f = absl::StrSplit(parts[i], ':');
    Bucket b;
    if (f.size() != 3 || !absl::SimpleAtoi(f[0], &b.minute) || !absl::SimpleAtoi(f[1], &b.count) ||
        !absl::SimpleAtoi(f[2], &b.level_sum)) {
      return absl::InvalidArgumentError(absl::StrCat("window.bucket ", i - 3, ": expected minute:count:level_sum"));
    }
    if (!w.buckets_.empty() && b.minute <= w.buckets_.back().minute) {
      return absl::InvalidArgumentError(absl::StrCat("window.bucket ", i - 3, ": minutes out of order"));
    }
    w.buckets_.push_back(b);
  }
  return w;
}

}  // namespace aiworld::progression
