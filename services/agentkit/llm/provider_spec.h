#pragma once
// The LLM providers of a group server, from one configuration string (flag --llm-providers /
// AIWORLD_LLM_PROVIDERS): entries separated by ';', each a list of key=value separated by ','.
//   kind=openai,name=deepseek,url=https://api.deepseek.com/v1,model=deepseek-chat,key=env:DEEPSEEK_API_KEY;
//   kind=anthropic,name=anthropic,url=https://api.anthropic.com,model=claude-3-haiku,key=file:/run/secrets/anthropic
// kind is openai (any OpenAI-compatible server) or anthropic; key is env:NAME, file:PATH or absent
// (local servers); timeout is optional (e.g. timeout=30s). Order is the failover order.
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/agentkit/llm/provider.h"
#include "services/agentkit/llm/provider_config.h"

namespace aiworld::llm {

struct ProviderSpec {
  std::string kind;        // "openai" or "anthropic"
  std::string key_source;  // "env:NAME", "file:PATH" or ""
  ProviderConfig config;   // api_key still empty
};

// Errors name the entry (1-based) and the key, e.g. "--llm-providers entry 2: url: required".
absl::StatusOr<std::vector<ProviderSpec>> ParseProviderSpecs(const std::string& text);
// Resolves the key and builds the client.
absl::StatusOr<std::unique_ptr<LlmProvider>> MakeProvider(const ProviderSpec& spec);

}  // namespace aiworld::llm
