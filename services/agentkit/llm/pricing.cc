#include "services/agentkit/llm/pricing.h"

#include <cmath>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aiworld::llm {
namespace {

constexpr int64_t kDollar = 1'000'000;  // micro-dollars

int64_t Dollars(double d) { return std::llround(d * kDollar); }

bool Matches(absl::string_view pattern, absl::string_view model, size_t* strength) {
  if (absl::EndsWith(pattern, "*")) {
    const absl::string_view prefix = pattern.substr(0, pattern.size() - 1);
    if (!absl::StartsWith(model, prefix)) return false;
    *strength = prefix.size();
    return true;
  }
  if (pattern != model) return false;
  *strength = static_cast<size_t>(-1);  // exact beats any prefix
  return true;
}

}  // namespace

PricingTable PricingTable::BuiltIn() {
  PricingTable t;
  // From the original system's pricing docs (original-system.md §4.3, $/1k × 1000 = $/1M).
  t.Set("openai", "gpt-4-turbo*", {Dollars(10), Dollars(30)});
  t.Set("openai", "gpt-4", {Dollars(30), Dollars(60)});
  t.Set("openai", "gpt-4-0*", {Dollars(30), Dollars(60)});
  t.Set("openai", "gpt-3.5-turbo*", {Dollars(0.5), Dollars(1.5)});
  t.Set("anthropic", "claude-3-5-sonnet*", {Dollars(3), Dollars(15)});
  t.Set("anthropic", "claude-3-haiku*", {Dollars(0.25), Dollars(1.25)});
  t.Set("deepseek", "deepseek-chat", {Dollars(0.14), Dollars(0.28)});
  // Input prices from the reference's per-1M list; its output prices are not given there, so
  // these are the vendors' public list prices at the time of that list.
  t.Set("openai", "gpt-4o-mini*", {Dollars(0.15), Dollars(0.60)});
  t.Set("groq", "llama-3.1-70b*", {Dollars(0.59), Dollars(0.79)});
  t.Set("xai", "grok-beta", {Dollars(5), Dollars(15)});
  // The reference's default Anthropic model (public list price, same tier as 3.5 Sonnet).
  t.Set("anthropic", "claude-3-sonnet*", {Dollars(3), Dollars(15)});
  // Local servers cost nothing.
  t.Set("ollama", "*", {0, 0});
  t.Set("llamacpp", "*", {0, 0});
  t.Set("vllm", "*", {0, 0});
  return t;
}

void PricingTable::Set(absl::string_view provider, absl::string_view model_pattern, ModelPrice price) {
  for (Entry& e : entries_) {
    if (e.provider == provider && e.pattern == model_pattern) {
      e.price = price;
      return;
    }
  }
  entries_.push_back({std::string(provider), std::string(model_pattern), price});
}

std::optional<ModelPrice> PricingTable::Find(absl::string_view provider, absl::string_view model) const {
  const Entry* best = nullptr;
  size_t best_strength = 0;
  for (const Entry& e : entries_) {
    size_t strength = 0;
    if (e.provider != provider || !Matches(e.pattern, model, &strength)) continue;
    if (best == nullptr || strength > best_strength) {
      best = &e;
      best_strength = strength;
    }
  }
  if (best == nullptr) return std::nullopt;
  return best->price;
}

absl::Status PricingTable::ApplyOverrides(absl::string_view spec) {
  PricingTable staged = *this;  // all or nothing
  for (absl::string_view item : absl::StrSplit(spec, ',', absl::SkipWhitespace())) {
    item = absl::StripAsciiWhitespace(item);
    const std::pair<absl::string_view, absl::string_view> kv = absl::StrSplit(item, absl::MaxSplits('=', 1));
    const std::pair<absl::string_view, absl::string_view> key = absl::StrSplit(kv.first, absl::MaxSplits('/', 1));
    const std::pair<absl::string_view, absl::string_view> prices = absl::StrSplit(kv.second, absl::MaxSplits(':', 1));
    double in = 0;
    double out = 0;
    if (key.first.empty() || key.second.empty() || !absl::SimpleAtod(prices.first, &in) ||
        !absl::SimpleAtod(prices.second, &out) || !(in >= 0) || !(out >= 0) || in > 1e6 || out > 1e6) {
      return absl::InvalidArgumentError(absl::StrCat(
          "llm pricing: '", item, "' is not provider/model=IN:OUT (US dollars per 1M tokens)"));
    }
    staged.Set(absl::StripAsciiWhitespace(key.first), absl::StripAsciiWhitespace(key.second),
               {Dollars(in), Dollars(out)});
  }
  *this = std::move(staged);
  return absl::OkStatus();
}

int64_t CostMicros(const ModelPrice& price, int64_t input_tokens, int64_t output_tokens) {
  // Whole dollars-per-token parts and remainders apart, so nothing overflows for int token counts
  // and prices up to the $1M per 1M tokens ApplyOverrides allows.
  constexpr int64_t kM = 1'000'000;
  const int64_t whole = input_tokens * (price.input_micros_per_mtok / kM) +
                        output_tokens * (price.output_micros_per_mtok / kM);
  const int64_t rest = input_tokens * (price.input_micros_per_mtok % kM) +
                       output_tokens * (price.output_micros_per_mtok % kM);
  return whole + (rest + kM / 2) / kM;
}

}  // namespace aiworld::llm
