#pragma once
// Wake-ups inside one gateway process: "actions for server S were queued", "a batch arrived".
// Waiters remember the generation they saw and sleep until it moves or a timeout passes, so a
// notification between a check and a wait is never missed.
#include <cstdint>
#include <map>
#include <string>

#include "absl/synchronization/mutex.h"
#include "absl/time/time.h"

namespace aiworld::gateway {

class Wakeups {
 public:
  void Notify(const std::string& topic) {
    absl::MutexLock lock(&mu_);
    ++generations_[topic];
  }
  uint64_t Generation(const std::string& topic) {
    absl::MutexLock lock(&mu_);
    return generations_[topic];
  }
  // True if the topic moved past `seen` before the timeout.
  bool WaitFor(const std::string& topic, uint64_t seen, absl::Duration timeout) {
    absl::MutexLock lock(&mu_);
    auto moved = [&]() ABSL_EXCLUSIVE_LOCKS_REQUIRED(mu_) { return generations_[topic] != seen; };
    return mu_.AwaitWithTimeout(absl::Condition(&moved), timeout);
  }

  static std::string ActionsFor(const std::string& server_id) { return "actions:" + server_id; }
  static constexpr const char* kInbox = "inbox";

 private:
  absl::Mutex mu_;
  std::map<std::string, uint64_t> generations_ ABSL_GUARDED_BY(mu_);
};

}  // namespace aiworld::gateway
