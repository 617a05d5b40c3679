#pragma once
// The LLM provider interface of agentkit.
//
// Complete() is BLOCKING: it does network I/O and may sleep between retries for seconds.
// Callers run it on a worker pool, never on a gRPC callback or completion-queue thread.
// Implementations are safe to call from several worker threads at once.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace aiworld::llm {

struct LlmRequest {
  std::string system;  // empty: no system prompt
  std::vector<std::pair<std::string, std::string>> messages;  // (role, content); role "user"/"assistant"
  int max_tokens = 512;
  double temperature = 0.7;
  std::string request_type;  // "dialogue", "decision", ...: for the cost ledger, never sent
};

struct LlmResponse {
  std::string text;
  int input_tokens = 0;
  int output_tokens = 0;
  std::string provider;  // name() of the provider that answered (e.g. "deepseek")
  std::string model;     // the model that answered
  int64_t cost_micros = 0;  // US dollars × 1e6, from the tokens and the pricing table
  absl::Duration latency = absl::ZeroDuration();
};

class LlmProvider {
 public:
  virtual ~LlmProvider() = default;
  // Blocking; see the note at the top. Errors use the codes of provider_error.h.
  virtual absl::StatusOr<LlmResponse> Complete(const LlmRequest& request) = 0;
  virtual std::string name() const = 0;
};

}  // namespace aiworld::llm
