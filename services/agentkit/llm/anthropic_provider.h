#pragma once
// Anthropic Messages: POST {base_url}/v1/messages with "x-api-key" and "anthropic-version: 2023-06-01".
#include <string>

#include "services/agentkit/llm/provider.h"
#include "services/agentkit/llm/provider_config.h"

namespace aiworld::llm {

class AnthropicProvider final : public LlmProvider {
 public:
  static constexpr char kApiVersion[] = "2023-06-01";

  explicit AnthropicProvider(ProviderConfig config) : config_(std::move(config)) {}
  absl::StatusOr<LlmResponse> Complete(const LlmRequest& request) override;
  std::string name() const override { return config_.name; }

  // The JSON body sent for request. Messages with role "system" join the top-level system
  // prompt (the Messages API takes only "user" and "assistant" turns).
  std::string RequestBody(const LlmRequest& request) const;

 private:
  ProviderConfig config_;
};

}  // namespace aiworld::llm
