#pragma once
// The decision engine (DESIGN §2): per decision, tier 1 rules → tier 2 cache → tier 3 batch →
// tier 4 single call → template. Never fails: without a provider, over budget or on a provider
// error, tiers 3–4 answer from the caller's template and the Decision says so
// (template_fallback, why), as do the metrics.
//
// Modes (after the reference optimizer's LLM_OPTIMIZATION_MODE, with its bugs left out):
//
//   mode        similarity  complexity cut-off  batching  failed/malformed batch  budget tight
//   aggressive  0.80        0.7                 yes       template                template
//   balanced    0.85        0.6                 yes       single call             LLM
//   quality     0.95        0.4                 no        single call             LLM
//
// A request whose complexity is at or above the cut-off skips the cache lookup and the batch and
// goes to a single call (its answer is still cached). Exact cache hits count in every mode.
//
// Decide() is thread-safe and BLOCKING (tiers 3–4 wait for the provider): call it from a worker
// pool, never on a gRPC callback thread.
#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>

#include "absl/strings/string_view.h"
#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"
#include "runtime/clock.h"
#include "services/agentkit/decision/batcher.h"
#include "services/agentkit/decision/decision.h"
#include "services/agentkit/decision/decision_cache.h"
#include "services/agentkit/decision/decision_store.h"
#include "services/agentkit/llm/provider.h"

namespace aiworld::decision {

enum class Mode { kAggressive, kBalanced, kQuality };
// "aggressive", "balanced", "quality".
const char* ModeName(Mode mode);
bool ParseMode(absl::string_view s, Mode* out);

enum class BatchFallback { kSingle, kTemplate };

struct ModeProfile {
  double similarity_threshold = 0.85;
  double complexity_cutoff = 0.6;
  bool batching = true;
  BatchFallback batch_fallback = BatchFallback::kSingle;
  bool template_when_budget_tight = false;
};
ModeProfile ProfileOf(Mode mode);

struct DecisionEngineOptions {
  Mode mode = Mode::kBalanced;
  // Overrides of the mode's profile.
  std::optional<double> similarity_threshold;
  std::optional<bool> batching;
  std::optional<BatchFallback> batch_fallback;

  bool rules_enabled = true;
  bool cache_enabled = true;
  absl::Duration cache_ttl = absl::Hours(1);
  size_t cache_max_entries_per_type = 10000;
  BatcherOptions batch;  // max_batch 8, max_wait 50 ms
  // True while the LLM budget is nearly spent; aggressive mode then answers from templates.
  std::function<bool()> budget_tight;
  const Clock* clock = nullptr;  // for latencies and the cache TTL; null: the system clock
  // Keeps cached answers and per-agent tier counts beyond this process; null: memory only.
  DecisionStore* store = nullptr;
};

struct TierStats {
  int64_t count = 0;
  int64_t llm_calls = 0;          // provider calls made by decisions that ended in this tier
  int64_t avoided_llm_calls = 0;  // count - llm_calls: against one call per decision
  int64_t cost_micros = 0;
  absl::Duration latency_total = absl::ZeroDuration();
};

struct EngineStats {
  std::map<Tier, TierStats> tiers;  // every tier present, RULES..TEMPLATE
  int64_t decisions = 0;
  int64_t llm_calls = 0;
  int64_t avoided_llm_calls = 0;
  int64_t template_fallbacks = 0;
  int64_t cost_micros = 0;
  const TierStats& tier(Tier t) const { return tiers.at(t); }
};

class DecisionEngine {
 public:
  // provider may be null: tiers 3–4 then answer from templates (logged once here).
  DecisionEngine(std::shared_ptr<llm::LlmProvider> provider, DecisionEngineOptions options,
                 prometheus::Registry& registry);
  ~DecisionEngine();
  DecisionEngine(const DecisionEngine&) = delete;
  DecisionEngine& operator=(const DecisionEngine&) = delete;

  Decision Decide(const DecisionRequest& request);

  EngineStats Stats() const;
  DecisionCache& cache() { return cache_; }
  const ModeProfile& profile() const { return profile_; }
  bool has_provider() const { return provider_ != nullptr; }

 private:
  enum class FallbackReason { kNoProvider, kBudget, kProviderError, kMalformedBatch };
  Decision Template(const DecisionRequest& request, Decision d, FallbackReason reason, absl::string_view why);
  Decision Finish(const DecisionRequest& request, absl::Time start, Decision d);
  void Remember(const DecisionRequest& request, const Decision& d);

  const std::shared_ptr<llm::LlmProvider> provider_;
  const DecisionEngineOptions options_;
  const ModeProfile profile_;
  const Clock& clock_;
  DecisionCache cache_;
  std::unique_ptr<Batcher> batcher_;  // null without a provider or with batching off

  prometheus::Family<prometheus::Counter>& decisions_total_;
  prometheus::Family<prometheus::Histogram>& decision_seconds_;
  prometheus::Family<prometheus::Counter>& fallbacks_total_;
  prometheus::Counter& llm_calls_total_;
  std::atomic<bool> logged_fallback_[4] = {};

  mutable absl::Mutex mu_;
  EngineStats stats_ ABSL_GUARDED_BY(mu_);
};

}  // namespace aiworld::decision
