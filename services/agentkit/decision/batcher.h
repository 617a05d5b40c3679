#pragma once
// Tier 3 of the decision engine: prompts of the same decision type that arrive within max_wait
// (up to max_batch of them) are merged into ONE provider call. The merged prompt asks for a JSON
// array of exactly N strings in order; the reply is split back to the callers. A reply that is not
// such an array gives every member INTERNAL (the engine then falls back). A group of one is sent as
// a plain single request (batch_size 1).
//
// Callers block on a future; one worker thread forms the batches and makes the (blocking) calls.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/time.h"
#include "services/agentkit/llm/provider.h"

namespace aiworld::decision {

struct BatchItem {
  std::string type;    // batches never mix types
  std::string system;  // the first member's system prompt is used for the batch
  std::string prompt;
  int max_tokens = 256;
  double temperature = 0.7;
};

struct BatchResult {
  absl::StatusOr<std::string> text;
  size_t batch_size = 0;    // members of the call that answered (1: sent as a plain request)
  bool charged = false;     // this member carries the batch's one provider call (one member per call)
  int64_t cost_micros = 0;  // this member's share of the call's cost (also when the reply was malformed)
  std::string provider;
  bool malformed_reply = false;  // the provider answered, but not with N strings
};

struct BatcherOptions {
  size_t max_batch = 8;
  absl::Duration max_wait = absl::Milliseconds(50);
  int max_tokens_cap = 4096;  // the merged call's max_tokens: the members' sum, at most this
};

class Batcher {
 public:
  // provider must not be null.
  Batcher(std::shared_ptr<llm::LlmProvider> provider, BatcherOptions options);
  ~Batcher();  // flushes what is pending, then stops the worker
  Batcher(const Batcher&) = delete;
  Batcher& operator=(const Batcher&) = delete;

  std::future<BatchResult> Submit(BatchItem item);

  int64_t provider_calls() const;

  // The merged user prompt for these prompts (exposed for tests).
  static std::string MergedPrompt(const std::vector<std::string>& prompts);
  static std::string MergedSystem(absl::string_view system, size_t n);
  // The reply as exactly n strings: a JSON array, optionally inside a ``` fence or surrounded by text.
  static absl::StatusOr<std::vector<std::string>> ParseReply(absl::string_view reply, size_t n);

 private:
  struct Pending {
    BatchItem item;
    std::promise<BatchResult> promise;
  };
  struct Group {
    std::vector<Pending> items;
    std::chrono::steady_clock::time_point deadline;
  };

  void Run();
  void Flush(std::vector<Pending> batch);

  const std::shared_ptr<llm::LlmProvider> provider_;
  const BatcherOptions options_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  std::map<std::string, Group> groups_;
  int64_t calls_ = 0;
  std::thread worker_;
};

}  // namespace aiworld::decision
