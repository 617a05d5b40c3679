#include "services/agentkit/llm/failover.h"

#include <algorithm>
#include <cmath>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/time/clock.h"
#include "services/agentkit/llm/provider_error.h"

namespace aiworld::llm {

FailoverChain::FailoverChain(std::vector<std::unique_ptr<LlmProvider>> providers, FailoverOptions options)
    : options_(std::move(options)),
      clock_(options_.clock != nullptr ? *options_.clock : SystemClock::Instance()) {
  for (auto& p : providers) {
    if (p) links_.push_back(std::make_unique<Link>(std::move(p), options_.breaker, clock_));
  }
}

std::string FailoverChain::name() const {
  std::vector<std::string> names;
  for (const auto& link : links_) names.push_back(link->provider->name());
  return absl::StrCat("failover[", absl::StrJoin(names, ","), "]");
}

std::vector<FailoverChain::LinkHealth> FailoverChain::Health() const {
  std::vector<LinkHealth> health;
  for (const auto& link : links_) {
    LinkHealth h;
    h.provider = link->provider->name();
    h.circuit = link->breaker.state();
    absl::MutexLock lock(&link->mu);
    h.last_error = link->last_error;
    h.last_error_at = link->last_error_at;
    health.push_back(std::move(h));
  }
  return health;
}

absl::Duration FailoverChain::Backoff(int retry) {
  const RetryOptions& r = options_.retry;
  absl::Duration d = r.initial_backoff * std::pow(r.multiplier, retry);
  d = std::min(d, r.max_backoff);
  const double jitter = std::clamp(r.jitter, 0.0, 1.0);
  double u = 0;
  {
    absl::MutexLock lock(&random_mu_);
    u = (options_.random != nullptr ? *options_.random : ProcessRandom()).Uniform01();
  }
  return d * (1.0 - jitter * u);
}

absl::StatusOr<LlmResponse> FailoverChain::TryLink(Link& link, bool probe, const LlmRequest& request) {
  const int max_attempts = probe ? 1 : 1 + std::max(0, options_.retry.max_retries);
  absl::StatusOr<LlmResponse> result;
  for (int attempt = 0; attempt < max_attempts; ++attempt) {
    result = link.provider->Complete(request);
    if (result.ok() || !IsRetryable(result.status()) || attempt + 1 == max_attempts) break;
    absl::Duration wait = Backoff(attempt);
    if (const auto retry_after = RetryAfterOf(result.status())) {
      if (*retry_after > options_.retry.max_retry_after) break;  // too long: the next provider instead
      wait = *retry_after;
    }
    if (options_.sleep) {
      options_.sleep(wait);
    } else {
      absl::SleepFor(wait);
    }
  }
  return result;
}

absl::StatusOr<LlmResponse> FailoverChain::Complete(const LlmRequest& request) {
  if (links_.empty()) return absl::FailedPreconditionError("llm: no provider configured");
  std::vector<std::string> errors;
  for (auto& link : links_) {
    const CircuitBreaker::Admit admit = link->breaker.Acquire();
    if (admit == CircuitBreaker::Admit::kRefuse) {
      errors.push_back(absl::StrCat(link->provider->name(), ": circuit open"));
      continue;
    }
    absl::StatusOr<LlmResponse> result = TryLink(*link, admit == CircuitBreaker::Admit::kProbe, request);
    if (result.ok() || !ShouldFailOver(result.status())) {
      link->breaker.RecordSuccess();  // answered, or rejected the request itself: it is alive
      return result;
    }
    link->breaker.RecordFailure();
    errors.push_back(std::string(result.status().message()));
    absl::MutexLock lock(&link->mu);
    link->last_error = errors.back().substr(0, 255);
    link->last_error_at = clock_.Now();
  }
  return absl::UnavailableError(
      absl::StrCat("llm: no provider answered: ", absl::StrJoin(errors, "; ")));
}

}  // namespace aiworld::llm
