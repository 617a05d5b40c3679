#include "services/progression/reputation/reputation_book.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aiworld::progression {
namespace {

std::string InfluenceKey(const std::string& server, uint32_t char_id) { return absl::StrCat("i/", server, "/", char_id); }
std::string VisitKey(const std::string& server, uint32_t char_id, const std::string& map) {
  return absl::StrCat("m/", server, "/", char_id, "/", map);
}

bool Contains(const std::vector<uint32_t>& ids, uint32_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

// Field `index` (0-based) of a '/'-separated key as a char id.
std::optional<uint32_t> IdAt(const std::string& key, size_t index) {
  std::vector<absl::string_view> parts = absl::StrSplit(key, '/');
  uint32_t id = 0;
  if (index >= parts.size() || !absl::SimpleAtoi(parts[index], &id)) return std::nullopt;
  return id;
}

constexpr size_t kFixedFields = 5 + 2 * kReputationKinds;  // version, account, day, tier, best, amounts, gains

}  // namespace

uint32_t CharInfluence::GainedOn(int64_t on_day, ReputationKind kind) const {
  return on_day == day ? gained_today[static_cast<size_t>(kind)] : 0;
}

uint32_t CharInfluence::Gain(int64_t on_day, ReputationKind kind, uint32_t wanted) {
  if (on_day != day) {
    day = on_day;
    gained_today.fill(0);
  }
  const size_t i = static_cast<size_t>(kind);
  const uint32_t added = CappedGain(gained_today[i], wanted);
  gained_today[i] += added;
  amount[i] += added;
  return added;
}

std::string EncodeCharInfluence(const CharInfluence& v) {
  std::string out = absl::StrCat("v1 ", v.account_id, " ", v.day, " ", v.tier, " ", v.best_tier);
  for (uint64_t a : v.amount) absl::StrAppend(&out, " ", a);
  for (uint32_t g : v.gained_today) absl::StrAppend(&out, " ", g);
  absl::StrAppend(&out, " ", v.name);
  return out;
}

absl::StatusOr<CharInfluence> DecodeCharInfluence(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, absl::MaxSplits(' ', kFixedFields));
  if (parts.empty() || parts[0] != "v1") return absl::InvalidArgumentError("influence: unknown version");
  if (parts.size() != kFixedFields + 1) return absl::InvalidArgumentError("influence: expected 15 fields and a name");
  CharInfluence v;
  if (!absl::SimpleAtoi(parts[1], &v.account_id)) return absl::InvalidArgumentError("influence.account: not a number");
  if (!absl::SimpleAtoi(parts[2], &v.day)) return absl::InvalidArgumentError("influence.day: not a number");
  if (!absl::SimpleAtoi(parts[3], &v.tier) || v.tier > kMaxInfluenceTier) return absl::InvalidArgumentError("influence.tier: not 0..5");
  if (!absl::SimpleAtoi(parts[4], &v.best_tier) || v.best_tier > kMaxInfluenceTier) {
    return absl::InvalidArgumentError("influence.best_tier: not 0..5");
  }
  for (size_t i = 0; i < kReputationKinds; ++i) {
    if (!absl::SimpleAtoi(parts[5 + i], &v.amount[i])) return absl::InvalidArgumentError(absl::StrCat("influence.amount[", i, "]: not a number"));
    if (!absl::SimpleAtoi(parts[5 + kReputationKinds + i], &v.gained_today[i]) || v.gained_today[i] > kDailyCapPerKind) {
      return absl::InvalidArgumentError(absl::StrCat("influence.gained_today[", i, "]: not 0..500"));
    }
  }
  v.name = std::string(parts[kFixedFields]);
  return v;
}

std::optional<CharInfluence> ReputationBook::Find(const std::string& server_id, uint32_t char_id) const {
  std::optional<std::string> text = state_.Get(InfluenceKey(server_id, char_id));
  if (!text.has_value()) return std::nullopt;
  absl::StatusOr<CharInfluence> decoded = DecodeCharInfluence(*text);
  if (!decoded.ok()) return std::nullopt;
  return *decoded;
}

void ReputationBook::Put(const std::string& server_id, uint32_t char_id, const CharInfluence& value) {
  state_.Put(InfluenceKey(server_id, char_id), EncodeCharInfluence(value));
  if (value.account_id != 0) state_.Put(absl::StrCat("a/", value.account_id, "/", char_id), "");
}

std::vector<std::pair<uint32_t, CharInfluence>> ReputationBook::OfServer(const std::string& server_id) const {
  std::vector<std::pair<uint32_t, CharInfluence>> out;
  const std::string prefix = absl::StrCat("i/", server_id, "/");
  for (const auto& [key, value] : state_.Scan(prefix)) {
    uint32_t char_id = 0;
    absl::StatusOr<CharInfluence> decoded = DecodeCharInfluence(value);
    if (!absl::SimpleAtoi(absl::string_view(key).substr(prefix.size()), &char_id) || !decoded.ok()) continue;
    out.emplace_back(char_id, *std::move(decoded));
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return out;
}

bool ReputationBook::Visited(const std::string& server_id, uint32_t char_id, const std::string& map) const {
  return state_.Get(VisitKey(server_id, char_id, map)).has_value();
}

void ReputationBook::MarkVisited(const std::string& server_id, uint32_t char_id, const std::string& map) {
  state_.Put(VisitKey(server_id, char_id, map), "");
}

std::vector<uint32_t> ReputationBook::CharactersOf(uint32_t account_id) const {
  std::vector<uint32_t> out;
  if (account_id == 0) return out;
  for (const auto& [key, value] : state_.Scan(absl::StrCat("a/", account_id, "/"))) {
    if (std::optional<uint32_t> id = IdAt(key, 2)) out.push_back(*id);
  }
  return out;
}

uint64_t ReputationBook::EraseCharacters(const std::vector<uint32_t>& char_ids) {
  uint64_t removed = 0;
  for (const char* prefix : {"i/", "m/", "a/"}) {
    for (const auto& [key, value] : state_.Scan(prefix)) {
      std::optional<uint32_t> id = IdAt(key, 2);  // i/<server>/<char>, m/<server>/<char>/<map>, a/<account>/<char>
      if (!id.has_value() || !Contains(char_ids, *id)) continue;
      state_.Erase(key);
      if (prefix[0] != 'a') ++removed;
    }
  }
  return removed;
}

}  // namespace aiworld::progression
