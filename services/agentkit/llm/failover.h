#pragma once
// An ordered failover chain of providers, itself a provider.
//
// Per call, providers are tried in order. For each one:
//   - its circuit breaker may refuse it (open): skipped without a request;
//   - a half-open breaker lets exactly one attempt through (no retries) as its probe;
//   - otherwise up to 1 + max_retries attempts: only RESOURCE_EXHAUSTED (429), UNAVAILABLE (5xx,
//     transport) and DEADLINE_EXCEEDED (timeouts) are retried, after Retry-After when the reply
//     gave one, else after exponential backoff with jitter; a Retry-After longer than
//     max_retry_after is not waited for: the chain moves on to the next provider.
// After the attempts: success → breaker success, the answer (LlmResponse::provider says who);
// INVALID_ARGUMENT (400/422, the request's fault) → returned at once, no failover, and the
// breaker counts it as the provider being alive; any other error (401/403 dead key, 404, 429/5xx/
// timeouts that outlived their retries, malformed replies) → breaker failure, next provider.
// When no provider answers: UNAVAILABLE naming each provider's last error.
// Blocking (sleeps between retries): call it on a worker pool, never on a gRPC thread.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/synchronization/mutex.h"
#include "runtime/clock.h"
#include "runtime/random.h"
#include "services/agentkit/llm/circuit_breaker.h"
#include "services/agentkit/llm/provider.h"

namespace aiworld::llm {

struct RetryOptions {
  int max_retries = 2;  // attempts per provider = 1 + max_retries
  absl::Duration initial_backoff = absl::Seconds(1);
  double multiplier = 2.0;
  absl::Duration max_backoff = absl::Seconds(30);
  double jitter = 0.5;  // a backoff d is drawn uniformly from [d × (1 − jitter), d]
  absl::Duration max_retry_after = absl::Seconds(60);
};

struct FailoverOptions {
  RetryOptions retry;
  BreakerOptions breaker;
  const Clock* clock = nullptr;                     // null: the system clock
  RandomSource* random = nullptr;                   // null: ProcessRandom()
  std::function<void(absl::Duration)> sleep;        // null: absl::SleepFor
};

class FailoverChain final : public LlmProvider {
 public:
  FailoverChain(std::vector<std::unique_ptr<LlmProvider>> providers, FailoverOptions options);

  absl::StatusOr<LlmResponse> Complete(const LlmRequest& request) override;
  std::string name() const override;  // "failover[a,b,...]"

  size_t size() const { return links_.size(); }
  CircuitBreaker::State breaker_state(size_t index) const { return links_[index]->breaker.state(); }

  struct LinkHealth {
    std::string provider;
    CircuitBreaker::State circuit = CircuitBreaker::State::kClosed;
    std::string last_error;  // empty: none yet
    absl::Time last_error_at = absl::InfinitePast();
  };
  // Every provider of the chain in order, for reports.
  std::vector<LinkHealth> Health() const;

  // The wait before retry number `retry` (0-based) when the reply gave no Retry-After.
  absl::Duration Backoff(int retry);

 private:
  struct Link {
    Link(std::unique_ptr<LlmProvider> p, BreakerOptions options, const Clock& clock)
        : provider(std::move(p)), breaker(options, clock) {}
    std::unique_ptr<LlmProvider> provider;
    CircuitBreaker breaker;
    mutable absl::Mutex mu;
    std::string last_error ABSL_GUARDED_BY(mu);
    absl::Time last_error_at ABSL_GUARDED_BY(mu) = absl::InfinitePast();
  };

  absl::StatusOr<LlmResponse> TryLink(Link& link, bool probe, const LlmRequest& request);

  const FailoverOptions options_;
  const Clock& clock_;
  std::vector<std::unique_ptr<Link>> links_;
  absl::Mutex random_mu_;
};

}  // namespace aiworld::llm
