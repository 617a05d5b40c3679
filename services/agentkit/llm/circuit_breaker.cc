#include "services/agentkit/llm/circuit_breaker.h"

namespace aiworld::llm {

CircuitBreaker::Admit CircuitBreaker::Acquire() {
  absl::MutexLock lock(&mu_);
  switch (state_) {
    case State::kClosed:
      return Admit::kCall;
    case State::kOpen:
      if (clock_.Now() < open_until_) return Admit::kRefuse;
      state_ = State::kHalfOpen;
      probe_in_flight_ = true;
      return Admit::kProbe;
    case State::kHalfOpen:
      if (probe_in_flight_) return Admit::kRefuse;
      probe_in_flight_ = true;
      return Admit::kProbe;
  }
  return Admit::kRefuse;
}

void CircuitBreaker::RecordSuccess() {
  absl::MutexLock lock(&mu_);
  state_ = State::kClosed;
  failures_ = 0;
  probe_in_flight_ = false;
}

void CircuitBreaker::RecordFailure() {
  absl::MutexLock lock(&mu_);
  probe_in_flight_ = false;
  ++failures_;
  if (state_ == State::kHalfOpen || failures_ >= options_.failure_threshold) {
    state_ = State::kOpen;
    open_until_ = clock_.Now() + options_.open_duration;
  }
}

CircuitBreaker::State CircuitBreaker::state() const {
  absl::MutexLock lock(&mu_);
  return state_;
}

const char* BreakerStateName(CircuitBreaker::State state) {
  switch (state) {
    case CircuitBreaker::State::kClosed:
      return "closed";
    case CircuitBreaker::State::kOpen:
      return "open";
    case CircuitBreaker::State::kHalfOpen:
      return "half-open";
  }
  return "unknown";
}

}  // namespace aiworld::llm
