#include "services/agentkit/decision/decision_engine.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/log.h"

namespace aiworld::decision {

namespace {

constexpr Tier kTiers[] = {::aiworld::v1::TIER_RULES, ::aiworld::v1::TIER_CACHE, ::aiworld::v1::TIER_BATCH,
                           ::aiworld::v1::TIER_SINGLE, ::aiworld::v1::TIER_TEMPLATE};

const char* ReasonLabel(int reason) {
  switch (reason) {
    case 0: return "no_provider";
    case 1: return "budget";
    case 2: return "provider_error";
    default: return "malformed_batch";
  }
}

DecisionCacheOptions CacheOptions(const DecisionEngineOptions& o, const ModeProfile& p) {
  DecisionCacheOptions c;
  c.ttl = o.cache_ttl;
  c.max_entries_per_type = o.cache_max_entries_per_type;
  c.similarity_threshold = p.similarity_threshold;
  return c;
}

ModeProfile EffectiveProfile(const DecisionEngineOptions& o) {
  ModeProfile p = ProfileOf(o.mode);
  if (o.similarity_threshold) p.similarity_threshold = *o.similarity_threshold;
  if (o.batching) p.batching = *o.batching;
  if (o.batch_fallback) p.batch_fallback = *o.batch_fallback;
  return p;
}

}  // namespace

const char* TierLabel(Tier tier) {
  switch (tier) {
    case ::aiworld::v1::TIER_RULES: return "rules";
    case ::aiworld::v1::TIER_CACHE: return "cache";
    case ::aiworld::v1::TIER_BATCH: return "batch";
    case ::aiworld::v1::TIER_SINGLE: return "single";
    case ::aiworld::v1::TIER_TEMPLATE: return "template";
    default: return "unspecified";
  }
}

const char* ModeName(Mode mode) {
  switch (mode) {
    case Mode::kAggressive: return "aggressive";
    case Mode::kQuality: return "quality";
    case Mode::kBalanced: break;
  }
  return "balanced";
}

bool ParseMode(absl::string_view s, Mode* out) {
  if (s == "aggressive") {
    *out = Mode::kAggressive;
  } else if (s == "balanced") {
    *out = Mode::kBalanced;
  } else if (s == "quality") {
    *out = Mode::kQuality;
  } else {
    return false;
  }
  return true;
}

ModeProfile ProfileOf(Mode mode) {
  ModeProfile p;
  switch (mode) {
    case Mode::kAggressive:
      p.similarity_threshold = 0.80;
      p.complexity_cutoff = 0.7;
      p.batching = true;
      p.batch_fallback = BatchFallback::kTemplate;
      p.template_when_budget_tight = true;
      break;
    case Mode::kBalanced:
      p.similarity_threshold = 0.85;
      p.complexity_cutoff = 0.6;
      p.batching = true;
      p.batch_fallback = BatchFallback::kSingle;
      break;
    case Mode::kQuality:
      p.similarity_threshold = 0.95;
      p.complexity_cutoff = 0.4;
      p.batching = false;
      p.batch_fallback = BatchFallback::kSingle;
      break;
  }
  return p;
}

DecisionEngine::DecisionEngine(std::shared_ptr<llm::LlmProvider> provider, DecisionEngineOptions options,
                               prometheus::Registry& registry)
    : provider_(std::move(provider)),
      options_(std::move(options)),
      profile_(EffectiveProfile(options_)),
      clock_(options_.clock != nullptr ? *options_.clock : SystemClock::Instance()),
      cache_(CacheOptions(options_, profile_), clock_),
      decisions_total_(prometheus::BuildCounter()
                           .Name("aiworld_decisions_total")
                           .Help("Decisions made by the decision engine, by decision type and tier.")
                           .Register(registry)),
      decision_seconds_(prometheus::BuildHistogram()
                            .Name("aiworld_decision_seconds")
                            .Help("Time to make one decision, by tier.")
                            .Register(registry)),
      fallbacks_total_(prometheus::BuildCounter()
                           .Name("aiworld_decision_template_fallbacks_total")
                           .Help("Decisions that wanted an LLM but were answered from a template, by reason.")
                           .Register(registry)),
      llm_calls_total_(prometheus::BuildCounter()
                           .Name("aiworld_decision_llm_calls_total")
                           .Help("Provider calls made by the decision engine (a batch is one call).")
                           .Register(registry)
                           .Add({})) {
  for (Tier t : kTiers) {
    stats_.tiers[t];
    decision_seconds_.Add({{"tier", TierLabel(t)}},
                          prometheus::Histogram::BucketBoundaries{0.0001, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                                  0.25, 0.5, 1, 2.5, 5, 10, 30});
  }
  for (int r = 0; r < 4; ++r) fallbacks_total_.Add({{"reason", ReasonLabel(r)}});
  prometheus::BuildGauge()
      .Name("aiworld_decision_provider_configured")
      .Help("1 when the decision engine has an LLM provider, 0 when tiers 3-4 answer from templates.")
      .Register(registry)
      .Add({})
      .Set(provider_ ? 1 : 0);
  if (provider_ == nullptr) {
    log::Warn("decision engine has no LLM provider: tiers 3-4 answer from templates",
              {{"mode", ModeName(options_.mode)}});
  } else if (profile_.batching) {
    batcher_ = std::make_unique<Batcher>(provider_, options_.batch);
  }
}

DecisionEngine::~DecisionEngine() = default;

Decision DecisionEngine::Decide(const DecisionRequest& request) {
  const absl::Time start = clock_.Now();
  Decision d;

  // Tier 1: rules.
  if (options_.rules_enabled && request.rules) {
    if (std::optional<std::string> answer = request.rules()) {
      d.text = std::move(*answer);
      d.tier = ::aiworld::v1::TIER_RULES;
      d.why = "rules";
      return Finish(request, start, std::move(d));
    }
  }

  // Tier 2: cache, unless the decision is too complex for this mode.
  const bool complex = request.complexity >= profile_.complexity_cutoff;
  if (options_.cache_enabled && !complex) {
    if (std::optional<CacheHit> hit = cache_.Lookup(request.type, request.cache_key, request.features)) {
      d.text = std::move(hit->text);
      d.tier = ::aiworld::v1::TIER_CACHE;
      d.similarity = hit->similarity;
      d.why = hit->exact ? "cache exact" : absl::StrFormat("cache similarity %.3f", hit->similarity);
      return Finish(request, start, std::move(d));
    }
  }

  if (provider_ == nullptr) {
    return Finish(request, start, Template(request, std::move(d), FallbackReason::kNoProvider, "no LLM provider configured"));
  }
  if (profile_.template_when_budget_tight && options_.budget_tight && options_.budget_tight()) {
    return Finish(request, start,
                  Template(request, std::move(d), FallbackReason::kBudget,
                           absl::StrCat("LLM budget tight (", ModeName(options_.mode), " mode)")));
  }

  // Tier 3: batch.
  std::string batch_failure;
  if (batcher_ != nullptr && !complex) {
    BatchItem item{request.type, request.system, request.prompt, request.max_tokens, request.temperature};
    BatchResult r = batcher_->Submit(std::move(item)).get();
    d.llm_calls += r.charged ? 1 : 0;
    d.cost_micros += r.cost_micros;
    if (r.text.ok()) {
      d.text = std::move(*r.text);
      d.tier = r.batch_size > 1 ? ::aiworld::v1::TIER_BATCH : ::aiworld::v1::TIER_SINGLE;
      d.provider = std::move(r.provider);
      d.why = r.batch_size > 1 ? absl::StrCat("batch of ", r.batch_size) : "single (batch of one)";
      Remember(request, d);
      return Finish(request, start, std::move(d));
    }
    if (!r.malformed_reply || profile_.batch_fallback == BatchFallback::kTemplate) {
      return Finish(request, start,
                    Template(request, std::move(d),
                             r.malformed_reply ? FallbackReason::kMalformedBatch : FallbackReason::kProviderError,
                             absl::StrCat("batch failed: ", r.text.status().ToString())));
    }
    batch_failure = absl::StrCat(" after batch failure: ", r.text.status().message());
  }

  // Tier 4: one call.
  llm::LlmRequest call;
  call.system = request.system;
  call.messages.emplace_back("user", request.prompt);
  call.max_tokens = request.max_tokens;
  call.temperature = request.temperature;
  call.request_type = request.type;
  const absl::StatusOr<llm::LlmResponse> response = provider_->Complete(call);
  ++d.llm_calls;
  if (!response.ok()) {
    return Finish(request, start,
                  Template(request, std::move(d), FallbackReason::kProviderError,
                           absl::StrCat("provider error: ", response.status().ToString(), batch_failure)));
  }
  d.text = response->text;
  d.tier = ::aiworld::v1::TIER_SINGLE;
  d.provider = response->provider;
  d.cost_micros += response->cost_micros;
  d.why = absl::StrCat(complex ? "single (complex)" : "single", batch_failure);
  Remember(request, d);
  return Finish(request, start, std::move(d));
}

Decision DecisionEngine::Template(const DecisionRequest& request, Decision d, FallbackReason reason,
                                  absl::string_view why) {
  d.text = request.template_answer ? request.template_answer() : std::string();
  d.tier = ::aiworld::v1::TIER_TEMPLATE;
  d.template_fallback = true;
  d.why = std::string(why);
  const int r = static_cast<int>(reason);
  fallbacks_total_.Add({{"reason", ReasonLabel(r)}}).Increment();
  if (reason != FallbackReason::kNoProvider && !logged_fallback_[r].exchange(true)) {
    log::Warn("decision answered from a template (logged once per reason)",
              {{"type", request.type}, {"reason", ReasonLabel(r)}, {"why", d.why}});
  }
  return d;
}

void DecisionEngine::Remember(const DecisionRequest& request, const Decision& d) {
  if (!options_.cache_enabled || (request.cache_key.empty() && request.features.empty())) return;
  cache_.Put(request.type, request.cache_key, request.features, d.text);
  if (options_.store != nullptr) {
    options_.store->SaveAnswer({request.type, request.cache_key, request.features, d.text, clock_.Now()});
  }
}

Decision DecisionEngine::Finish(const DecisionRequest& request, absl::Time start, Decision d) {
  d.latency = clock_.Now() - start;
  const char* tier = TierLabel(d.tier);
  decisions_total_.Add({{"agent", request.agent}, {"type", request.type}, {"tier", tier}}).Increment();
  decision_seconds_.Add({{"tier", tier}}, prometheus::Histogram::BucketBoundaries{})
      .Observe(absl::ToDoubleSeconds(d.latency));
  if (d.llm_calls > 0) llm_calls_total_.Increment(static_cast<double>(d.llm_calls));
  if (options_.store != nullptr) options_.store->CountDecision(request.agent, d.tier, start);
  absl::MutexLock lock(&mu_);
  TierStats& t = stats_.tiers[d.tier];
  ++t.count;
  t.llm_calls += d.llm_calls;
  t.avoided_llm_calls += 1 - d.llm_calls;
  t.cost_micros += d.cost_micros;
  t.latency_total += d.latency;
  ++stats_.decisions;
  stats_.llm_calls += d.llm_calls;
  stats_.avoided_llm_calls += 1 - d.llm_calls;
  stats_.cost_micros += d.cost_micros;
  if (d.template_fallback) ++stats_.template_fallbacks;
  return d;
}

EngineStats DecisionEngine::Stats() const {
  absl::MutexLock lock(&mu_);
  return stats_;
}

}  // namespace aiworld::decision
