#pragma once
// What one configured provider needs: where it is, which model, its key, its timeouts, its prices.
#include <memory>
#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "runtime/clock.h"
#include "services/agentkit/llm/pricing.h"

namespace aiworld::llm {

struct ProviderConfig {
  // The provider's name in responses, logs and the pricing table: "openai", "deepseek", "groq",
  // "xai", "ollama", "llamacpp", "vllm", "anthropic", ...
  std::string name;
  // OpenAI-compatible: up to the API version, e.g. "https://api.openai.com/v1",
  // "https://api.deepseek.com/v1", "http://localhost:11434/v1". Anthropic: "https://api.anthropic.com".
  std::string base_url;
  std::string model;
  std::string api_key;  // from ResolveKey (key_source.h); empty for local servers; never logged
  absl::Duration connect_timeout = absl::Seconds(5);
  absl::Duration timeout = absl::Seconds(60);
  std::shared_ptr<const PricingTable> pricing;  // null: PricingTable::BuiltIn()
  const Clock* clock = nullptr;                 // for latency; null: the system clock
};

// base_url without trailing slashes, then path.
inline std::string JoinUrl(absl::string_view base_url, absl::string_view path) {
  while (!base_url.empty() && base_url.back() == '/') base_url.remove_suffix(1);
  return std::string(base_url) + std::string(path);
}

// The price of a call: the answering model first, then the configured one; unknown costs 0.
inline int64_t PriceCall(const ProviderConfig& config, absl::string_view answered_model, int in, int out) {
  static const PricingTable built_in = PricingTable::BuiltIn();
  const PricingTable& table = config.pricing ? *config.pricing : built_in;
  auto price = table.Find(config.name, answered_model);
  if (!price) price = table.Find(config.name, config.model);
  return price ? CostMicros(*price, in, out) : 0;
}

inline const Clock& ClockOf(const ProviderConfig& config) {
  return config.clock != nullptr ? *config.clock : SystemClock::Instance();
}

}  // namespace aiworld::llm
