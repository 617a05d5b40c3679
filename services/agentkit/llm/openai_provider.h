#pragma once
// OpenAI-compatible chat completions: POST {base_url}/chat/completions with "Authorization: Bearer".
// One client for OpenAI, DeepSeek, Groq, xAI, Ollama, llama.cpp server and vLLM, told apart by
// base URL and name.
#include <string>

#include "services/agentkit/llm/provider.h"
#include "services/agentkit/llm/provider_config.h"

namespace aiworld::llm {

class OpenAiProvider final : public LlmProvider {
 public:
  explicit OpenAiProvider(ProviderConfig config) : config_(std::move(config)) {}
  absl::StatusOr<LlmResponse> Complete(const LlmRequest& request) override;
  std::string name() const override { return config_.name; }

  // The JSON body sent for request (exposed for tests and logs; holds no key).
  std::string RequestBody(const LlmRequest& request) const;

 private:
  ProviderConfig config_;
};

}  // namespace aiworld::llm
