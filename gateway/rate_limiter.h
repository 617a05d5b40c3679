#pragma once
// Per-server token buckets for events per second. Each gateway replica limits what it receives.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "runtime/clock.h"

namespace aiworld::gateway {

class RateLimiter {
 public:
  // rate tokens per second, up to burst banked.
  RateLimiter(double rate, double burst, const Clock& clock) : rate_(rate), burst_(burst), clock_(clock) {}

  // Takes n tokens, or none and says how long until n would be there.
  bool TryTake(const std::string& key, double n, absl::Duration* retry_after) {
    absl::MutexLock lock(&mu_);
    const absl::Time now = clock_.Now();
    Bucket& b = buckets_.try_emplace(key, Bucket{burst_, now}).first->second;
    b.tokens = std::min(burst_, b.tokens + absl::ToDoubleSeconds(now - b.updated) * rate_);
    b.updated = now;
    if (b.tokens >= n) {
      b.tokens -= n;
      return true;
    }
    if (retry_after != nullptr) {
      const double missing = std::min(n, burst_) - b.tokens;
      *retry_after = absl::Milliseconds(std::ceil(missing / rate_ * 1000.0));
    }
    return false;
  }

 private:
  struct Bucket {
    double tokens;
    absl::Time updated;
  };
  const double rate_;
  const double burst_;
  const Clock& clock_;
  absl::Mutex mu_;
  std::map<std::string, Bucket> buckets_ ABSL_GUARDED_BY(mu_);
};

}  // namespace aiworld::gateway
