#include "services/progression/karma/karma_book.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/progression/karma/karma_rules.h"

namespace aiworld::progression {
namespace {

std::string CharKey(const std::string& server, uint32_t char_id) { return absl::StrCat("k/", server, "/", char_id); }
std::string GlobalKey(const std::string& server) { return absl::StrCat("g/", server); }

std::optional<uint32_t> TrailingId(const std::string& key) {
  uint32_t id = 0;
  if (!absl::SimpleAtoi(absl::string_view(key).substr(key.rfind('/') + 1), &id)) return std::nullopt;
  return id;
}

}  // namespace

std::string EncodeCharKarma(const CharKarma& v) {
  return absl::StrCat("v1 ", v.account_id, " ", v.karma, " ", v.good_actions, " ", v.evil_actions);
}

absl::StatusOr<CharKarma> DecodeCharKarma(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, ' ');
  if (parts.empty() || parts[0] != "v1") return absl::InvalidArgumentError("karma: unknown version");
  if (parts.size() != 5) return absl::InvalidArgumentError("karma: expected account, karma, good and evil counts");
  CharKarma v;
  if (!absl::SimpleAtoi(parts[1], &v.account_id)) return absl::InvalidArgumentError("karma.account: not a number");
  if (!absl::SimpleAtoi(parts[2], &v.karma) || v.karma < -kMaxKarma || v.karma > kMaxKarma) {
    return absl::InvalidArgumentError("karma.karma: not -10000..10000");
  }
  if (!absl::SimpleAtoi(parts[3], &v.good_actions)) return absl::InvalidArgumentError("karma.good_actions: not a count");
  if (!absl::SimpleAtoi(parts[4], &v.evil_actions)) return absl::InvalidArgumentError("karma.evil_actions: not a count");
  return v;
}

std::string EncodeGlobalKarma(const GlobalKarma& v) {
  return absl::StrCat("v1 ", v.karma, " ", v.pending, " ", static_cast<int>(v.announced), " ", v.updated_unix);
}

absl::StatusOr<GlobalKarma> DecodeGlobalKarma(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, ' ');
  if (parts.empty() || parts[0] != "v1") return absl::InvalidArgumentError("global karma: unknown version");
  if (parts.size() != 5) return absl::InvalidArgumentError("global karma: expected karma, pending, alignment and time");
  GlobalKarma v;
  if (!absl::SimpleAtoi(parts[1], &v.karma) || v.karma < -kMaxKarma || v.karma > kMaxKarma) {
    return absl::InvalidArgumentError("global karma.karma: not -10000..10000");
  }
  if (!absl::SimpleAtoi(parts[2], &v.pending)) return absl::InvalidArgumentError("global karma.pending: not a number");
  int announced = 0;
  if (!absl::SimpleAtoi(parts[3], &announced) || !v1::KarmaAlignment_IsValid(announced) || announced == 0) {
    return absl::InvalidArgumentError("global karma.alignment: not an alignment");
  }
  v.announced = static_cast<v1::KarmaAlignment>(announced);
  if (!absl::SimpleAtoi(parts[4], &v.updated_unix)) return absl::InvalidArgumentError("global karma.updated: not a time");
  return v;
}

std::optional<CharKarma> KarmaBook::FindChar(const std::string& server_id, uint32_t char_id) const {
  std::optional<std::string> text = state_.Get(CharKey(server_id, char_id));
  if (!text.has_value()) return std::nullopt;
  absl::StatusOr<CharKarma> decoded = DecodeCharKarma(*text);
  if (!decoded.ok()) return std::nullopt;
  return *decoded;
}

void KarmaBook::PutChar(const std::string& server_id, uint32_t char_id, const CharKarma& value) {
  state_.Put(CharKey(server_id, char_id), EncodeCharKarma(value));
  if (value.account_id != 0) state_.Put(absl::StrCat("a/", value.account_id, "/", char_id), "");
}

GlobalKarma KarmaBook::Global(const std::string& server_id) const {
  std::optional<std::string> text = state_.Get(GlobalKey(server_id));
  if (!text.has_value()) return {};
  absl::StatusOr<GlobalKarma> decoded = DecodeGlobalKarma(*text);
  return decoded.ok() ? *decoded : GlobalKarma{};
}

void KarmaBook::PutGlobal(const std::string& server_id, const GlobalKarma& value) {
  state_.Put(GlobalKey(server_id), EncodeGlobalKarma(value));
}

std::vector<uint32_t> KarmaBook::CharactersOf(uint32_t account_id) const {
  std::vector<uint32_t> out;
  if (account_id == 0) return out;
  for (const auto& [key, value] : state_.Scan(absl::StrCat("a/", account_id, "/"))) {
    if (std::optional<uint32_t> id = TrailingId(key)) out.push_back(*id);
  }
  return out;
}

uint64_t KarmaBook::EraseCharacters(const std::vector<uint32_t>& char_ids) {
  uint64_t removed = 0;
  for (const char* prefix : {"k/", "a/"}) {
    for (const auto& [key, value] : state_.Scan(prefix)) {
      std::optional<uint32_t> id = TrailingId(key);
      if (!id.has_value() || std::find(char_ids.begin(), char_ids.end(), *id) == char_ids.end()) continue;
      state_.Erase(key);
      if (prefix[0] == 'k') ++removed;
    }
  }
  return removed;
}

}  // namespace aiworld::progression
