#include "services/progression/faction/faction_book.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aiworld::progression {
namespace {

std::string CharKey(const std::string& server, uint32_t char_id) { return absl::StrCat("r/", server, "/", char_id); }
std::string WorldKey(const std::string& server) { return absl::StrCat("w/", server); }

bool Contains(const std::vector<uint32_t>& ids, uint32_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

// The char id after the last '/' of a key.
std::optional<uint32_t> TrailingId(const std::string& key) {
  uint32_t id = 0;
  if (!absl::SimpleAtoi(absl::string_view(key).substr(key.rfind('/') + 1), &id)) return std::nullopt;
  return id;
}

}  // namespace

std::string EncodeCharFactions(const CharFactions& value) {
  std::string out = absl::StrCat("v1 ", value.account_id);
  for (size_t i = 0; i < kFactionCount; ++i) absl::StrAppend(&out, " ", value.reputation[i], " ", value.actions[i]);
  return out;
}

absl::StatusOr<CharFactions> DecodeCharFactions(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, ' ');
  if (parts.empty() || parts[0] != "v1") return absl::InvalidArgumentError("faction standing: unknown version");
  if (parts.size() != 2 + 2 * kFactionCount) return absl::InvalidArgumentError("faction standing: expected an account and 3 factions");
  CharFactions c;
  if (!absl::SimpleAtoi(parts[1], &c.account_id)) return absl::InvalidArgumentError("faction standing.account: not a number");
  for (size_t i = 0; i < kFactionCount; ++i) {
    if (!absl::SimpleAtoi(parts[2 + 2 * i], &c.reputation[i]) || c.reputation[i] > kMaxFactionReputation) {
      return absl::InvalidArgumentError(absl::StrCat("faction standing.reputation[", i, "]: not 0..10000"));
    }
    if (!absl::SimpleAtoi(parts[3 + 2 * i], &c.actions[i])) {
      return absl::InvalidArgumentError(absl::StrCat("faction standing.actions[", i, "]: not a count"));
    }
  }
  return c;
}

std::string EncodeFactionWorld(const FactionWorld& value) {
  std::string out = absl::StrCat("v1 ", value.dominant.has_value() ? std::to_string(*value.dominant) : "-", " ",
                                 static_cast<int>(value.dominance));
  for (size_t i = 0; i < kFactionCount; ++i) {
    absl::StrAppend(&out, " ", value.score[i], " ", value.pending[i], " ", value.updated_unix[i]);
  }
  return out;
}

absl::StatusOr<FactionWorld> DecodeFactionWorld(absl::string_view text) {
  std::vector<absl::string_view> parts = absl::StrSplit(text, ' ');
  if (parts.empty() || parts[0] != "v1") return absl::InvalidArgumentError("faction world: unknown version");
  if (parts.size() != 3 + 3 * kFactionCount) return absl::InvalidArgumentError("faction world: expected dominance and 3 factions");
  FactionWorld w;
  if (parts[1] != "-") {
    size_t dominant = 0;
    if (!absl::SimpleAtoi(parts[1], &dominant) || dominant >= kFactionCount) {
      return absl::InvalidArgumentError("faction world.dominant: not a faction index");
    }
    w.dominant = dominant;
  }
  int dominance = 0;
  if (!absl::SimpleAtoi(parts[2], &dominance) || !v1::Dominance_IsValid(dominance)) {
    return absl::InvalidArgumentError("faction world.dominance: not a dominance level");
  }
  w.dominance = static_cast<v1::Dominance>(dominance);
  for (size_t i = 0; i < kFactionCount; ++i) {
    if (!absl::SimpleAtoi(parts[3 + 3 * i], &w.score[i])) return absl::InvalidArgumentError(absl::StrCat("faction world.score[", i, "]: not a number"));
    if (!absl::SimpleAtoi(parts[4 + 3 * i], &w.pending[i])) return absl::InvalidArgumentError(absl::StrCat("faction world.pending[", i, "]: not a number"));
    if (!absl::SimpleAtoi(parts[5 + 3 * i], &w.updated_unix[i])) return absl::InvalidArgumentError(absl::StrCat("faction world.updated[", i, "]: not a time"));
  }
  return w;
}

std::optional<CharFactions> FactionBook::FindChar(const std::string& server_id, uint32_t char_id) const {
  std::optional<std::string> text = state_.Get(CharKey(server_id, char_id));
  if (!text.has_value()) return std::nullopt;
  absl::StatusOr<CharFactions> decoded = DecodeCharFactions(*text);
  if (!decoded.ok()) return std::nullopt;
  return *decoded;
}

void FactionBook::PutChar(const std::string& server_id, uint32_t char_id, const CharFactions& value) {
  state_.Put(CharKey(server_id, char_id), EncodeCharFactions(value));
  if (value.account_id != 0) state_.Put(absl::StrCat("a/", value.account_id, "/", char_id), "");
}

FactionWorld FactionBook::World(const std::string& server_id) const {
  std::optional<std::string> text = state_.Get(WorldKey(server_id));
  if (!text.has_value()) return {};
  absl::StatusOr<FactionWorld> decoded = DecodeFactionWorld(*text);
  return decoded.ok() ? *decoded : FactionWorld{};
}

void FactionBook::PutWorld(const std::string& server_id, const FactionWorld& value) {
  state_.Put(WorldKey(server_id), EncodeFactionWorld(value));
}

std::vector<uint32_t> FactionBook::CharactersOf(uint32_t account_id) const {
  std::vector<uint32_t> out;
  if (account_id == 0) return out;
  for (const auto& [key, value] : state_.Scan(absl::StrCat("a/", account_id, "/"))) {
    if (std::optional<uint32_t> id = TrailingId(key)) out.push_back(*id);
  }
  return out;
}

uint64_t FactionBook::EraseCharacters(const std::vector<uint32_t>& char_ids) {
  uint64_t removed = 0;
  for (const char* prefix : {"r/", "a/"}) {
    for (const auto& [key, value] : state_.Scan(prefix)) {
      std::optional<uint32_t> id = TrailingId(key);
      if (!id.has_value() || !Contains(char_ids, *id)) continue;
      state_.Erase(key);
      if (prefix[0] == 'r') ++removed;
    }
  }
  return removed;
}

}  // namespace aiworld::progression
