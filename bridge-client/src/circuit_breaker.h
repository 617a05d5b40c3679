#pragma once
// Connection circuit breaker of the bridge: after `threshold` consecutive failed connection
// attempts it opens and allows no attempt for `open_for`; then one probe (half-open) decides.
#include <chrono>
#include <string>

namespace aiworld::bridge {

class CircuitBreaker {
 public:
  using Clock = std::chrono::steady_clock;
  enum class State { kClosed, kOpen, kHalfOpen };

  CircuitBreaker(int threshold, std::chrono::milliseconds open_for) : threshold_(threshold), open_for_(open_for) {}

  bool AllowAttempt(Clock::time_point now) {
    if (state_ == State::kOpen && now - opened_at_ >= open_for_) state_ = State::kHalfOpen;
    return state_ != State::kOpen;
  }
  void OnSuccess() {
    failures_ = 0;
    state_ = State::kClosed;
  }
  void OnFailure(Clock::time_point now) {
    ++failures_;
    if (state_ == State::kHalfOpen || failures_ >= threshold_) {
      state_ = State::kOpen;
      opened_at_ = now;
    }
  }
  State state() const { return state_; }
  int consecutive_failures() const { return failures_; }
  static const char* Name(State s) {
    switch (s) {
      case State::kClosed: return "closed";
      case State::kOpen: return "open";
      case State::kHalfOpen: return "half_open";
    }
    return "closed";
  }

 private:
  const int threshold_;
  const std::chrono::milliseconds open_for_;
  State state_ = State::kClosed;
  int failures_ = 0;
  Clock::time_point opened_at_{};
};

}  // namespace aiworld::bridge
