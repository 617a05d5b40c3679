#pragma once
// A per-provider circuit breaker on consecutive failed calls.
//   closed    calls pass; failure_threshold consecutive failures open it
//   open      calls are refused until open_duration has passed on the clock
//   half-open one probe call passes (others are refused); its success closes the breaker,
//             its failure opens it again for open_duration
// Thread-safe.
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "runtime/clock.h"

namespace aiworld::llm {

struct BreakerOptions {
  int failure_threshold = 5;
  absl::Duration open_duration = absl::Seconds(30);
};

class CircuitBreaker {
 public:
  enum class State { kClosed, kOpen, kHalfOpen };
  enum class Admit { kRefuse, kCall, kProbe };

  CircuitBreaker(BreakerOptions options, const Clock& clock) : options_(options), clock_(clock) {}

  // Whether a call may go to the provider now; kProbe is the single half-open trial call.
  Admit Acquire();
  void RecordSuccess();
  void RecordFailure();
  State state() const;

 private:
  const BreakerOptions options_;
  const Clock& clock_;
  mutable absl::Mutex mu_;
  State state_ ABSL_GUARDED_BY(mu_) = State::kClosed;
  int failures_ ABSL_GUARDED_BY(mu_) = 0;
  absl::Time open_until_ ABSL_GUARDED_BY(mu_);
  bool probe_in_flight_ ABSL_GUARDED_BY(mu_) = false;
};

const char* BreakerStateName(CircuitBreaker::State state);

}  // namespace aiworld::llm
