#include "services/core/dialogue/rate_limiter.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/core/memory/list_index.h"

namespace aiworld::core {
namespace {
constexpr char kVersion[] = "R1:";
}

std::string DialogueRateLimiter::Key(uint32_t char_id) const { return absl::StrCat("rate|", server_id_, "|", char_id); }

std::vector<int64_t> DialogueRateLimiter::Recent(uint32_t char_id, absl::Time now) const {
  std::vector<int64_t> out;
  const std::optional<std::string> v = state_.Get(Key(char_id));
  if (!v.has_value() || v->rfind(kVersion, 0) != 0) return out;
  const int64_t now_ms = absl::ToUnixMillis(now);
  const int64_t window_ms = absl::ToInt64Milliseconds(policy_.window);
  for (absl::string_view part : absl::StrSplit(absl::string_view(*v).substr(3), ',', absl::SkipEmpty())) {
    int64_t t = 0;
    if (absl::SimpleAtoi(part, &t) && now_ms - t < window_ms) out.push_back(t);
  }
  std::sort(out.begin(), out.end());
  return out;
}

RateVerdict DialogueRateLimiter::Check(uint32_t char_id, absl::Time now) const {
  const std::vector<int64_t> recent = Recent(char_id, now);
  RateVerdict verdict;
  if (recent.empty()) {
    verdict.allowed = true;
    return verdict;
  }
  const int64_t now_ms = absl::ToUnixMillis(now);
  int64_t wait_ms = 0;
  const int64_t cooldown_ms = absl::ToInt64Milliseconds(policy_.cooldown);
  if (now_ms - recent.back() < cooldown_ms) wait_ms = cooldown_ms - (now_ms - recent.back());
  if (recent.size() >= policy_.max_in_window) {
    // The line that must leave the window for a slot to free up.
    const int64_t leaving = recent[recent.size() - policy_.max_in_window];
    wait_ms = std::max(wait_ms, leaving + absl::ToInt64Milliseconds(policy_.window) - now_ms);
  }
  verdict.allowed = wait_ms <= 0;
  verdict.retry_after = absl::Milliseconds(std::max<int64_t>(wait_ms, 0));
  return verdict;
}

RateVerdict DialogueRateLimiter::Admit(uint32_t char_id, uint32_t account_id, absl::Time now) {
  const RateVerdict verdict = Check(char_id, now);
  if (!verdict.allowed) return verdict;
  std::vector<int64_t> recent = Recent(char_id, now);
  recent.push_back(absl::ToUnixMillis(now));
  if (recent.size() > policy_.max_in_window) recent.erase(recent.begin(), recent.end() - static_cast<long>(policy_.max_in_window));
  state_.Put(Key(char_id), kVersion + absl::StrJoin(recent, ","));
  PlayerKeyIndex(state_).Note(char_id, account_id, Key(char_id));
  return verdict;
}

}  // namespace aiworld::core
