#pragma once
// Token prices per provider and model, in micro-dollars per 1M tokens, input and output apart.
// A model pattern is an exact model id, or a prefix ending in '*' ("claude-3-haiku*", "*").
// Lookup takes the exact entry, else the longest matching prefix. Unknown models cost 0.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace aiworld::llm {

struct ModelPrice {
  int64_t input_micros_per_mtok = 0;
  int64_t output_micros_per_mtok = 0;
};

class PricingTable {
 public:
  // The built-in table (see pricing.cc for where each figure comes from).
  static PricingTable BuiltIn();
  // An empty table.
  PricingTable() = default;

  void Set(absl::string_view provider, absl::string_view model_pattern, ModelPrice price);
  std::optional<ModelPrice> Find(absl::string_view provider, absl::string_view model) const;

  // Applies "provider/model=IN:OUT[,provider/model=IN:OUT...]", IN and OUT in US dollars per 1M
  // tokens (e.g. "deepseek/deepseek-chat=0.14:0.28"): the config override of the table.
  absl::Status ApplyOverrides(absl::string_view spec);

 private:
  struct Entry {
    std::string provider;
    std::string pattern;
    ModelPrice price;
  };
  std::vector<Entry> entries_;
};

// Micro-dollars for a call, rounded half up: (in * price_in + out * price_out) / 1e6.
int64_t CostMicros(const ModelPrice& price, int64_t input_tokens, int64_t output_tokens);

}  // namespace aiworld::llm
