#pragma once
// One decision through the decision engine (DESIGN §2): what a caller asks and what it gets back.
//
//   tier 1 RULES     the caller's rule handler answered
//   tier 2 CACHE     the same cache key within its TTL, or the nearest earlier decision of the same
//                    type whose feature vector has a cosine similarity >= the threshold
//   tier 3 BATCH     several prompts merged into ONE provider call, the JSON-array reply split back
//   tier 4 SINGLE    one provider call for this decision
//   TEMPLATE         no provider, provider error, exhausted budget: the caller's template answers
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/common.pb.h"

namespace aiworld::decision {

// The tiers are aiworld.v1.Tier, so a Decision's tier goes into any v1 message as it is.
using Tier = ::aiworld::v1::Tier;

struct DecisionRequest {
  std::string type;       // "npc_dialogue", "monster_spawn", ...: cache partition, batch group, metric label
  std::string agent;      // who asks (metric label; AgentContext::Decide fills it)
  std::string cache_key;  // exact-match key; empty: no exact caching (similarity only)
  std::vector<double> features;  // for the similarity search; empty: no similarity search
  std::string prompt;            // what tiers 3–4 send to the LLM
  std::string system;            // optional system prompt for tiers 3–4
  // Tier 1: a decision, or nullopt to go on. Null: no rules.
  std::function<std::optional<std::string>()> rules;
  // Used whenever no LLM may or can answer. Null: the empty string.
  std::function<std::string()> template_answer;
  // 0..1 as in the reference optimizer: at or above the mode's cut-off the decision skips the cache
  // and the batch and goes to a single call.
  double complexity = 0.3;
  int max_tokens = 256;
  double temperature = 0.7;
};

struct Decision {
  std::string text;
  Tier tier = ::aiworld::v1::TIER_UNSPECIFIED;
  absl::Duration latency = absl::ZeroDuration();
  int64_t cost_micros = 0;      // US dollars × 1e6; a batch's cost is shared between its members
  std::string provider;         // who answered tiers 3–4 (or "" for rules, cache, template)
  bool template_fallback = false;  // tiers 3–4 were wanted but the template answered
  std::string why;              // a short reason: "rules", "cache exact", "cache similarity 0.91", ...
  int llm_calls = 0;            // provider calls this decision caused (a batch's one call goes to one member)
  double similarity = 0;        // for a similarity cache hit
};

// "rules", "cache", "batch", "single", "template" (metric labels).
const char* TierLabel(Tier tier);

}  // namespace aiworld::decision
