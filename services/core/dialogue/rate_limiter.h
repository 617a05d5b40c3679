#pragma once
// The per-player dialogue rate limit of the reference's game-side chat path (§1.8): a 5000 ms
// cooldown between a character's lines and at most 10 lines per 60 000 ms. A line exactly 5000 ms
// after the previous one passes; a line from 60 000 ms ago no longer counts. Refused lines are not
// counted. Over the limit the NPC does not answer (no NpcSay; Core.Talk answers RESOURCE_EXHAUSTED
// with the wait): a "busy" line per refused line would let a flooding player flood the map back.
//
// State (the Dialogue agent's): "rate|<server>|<char>" = "R1:" + the admitted times in unix ms,
// indexed by PlayerKeyIndex for ErasePlayer.
#include <cstdint>
#include <string>

#include "absl/time/time.h"
#include "services/agentkit/state_store.h"

namespace aiworld::core {

struct RateLimitPolicy {
  absl::Duration cooldown = absl::Milliseconds(5000);
  absl::Duration window = absl::Milliseconds(60000);
  size_t max_in_window = 10;
};

struct RateVerdict {
  bool allowed = false;
  absl::Duration retry_after = absl::ZeroDuration();  // when refused: until the next line would pass
};

class DialogueRateLimiter {
 public:
  DialogueRateLimiter(agentkit::StateStore& dialogue_state, std::string server_id, RateLimitPolicy policy = {})
      : state_(dialogue_state), server_id_(std::move(server_id)), policy_(policy) {}

  RateVerdict Check(uint32_t char_id, absl::Time now) const;
  // Check, and count the line when it passes.
  RateVerdict Admit(uint32_t char_id, uint32_t account_id, absl::Time now);

 private:
  std::string Key(uint32_t char_id) const;
  std::vector<int64_t> Recent(uint32_t char_id, absl::Time now) const;

  agentkit::StateStore& state_;
  const std::string server_id_;
  const RateLimitPolicy policy_;
};

}  // namespace aiworld::core
