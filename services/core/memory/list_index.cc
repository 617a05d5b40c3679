#include "services/core/memory/list_index.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace aiworld::core {
namespace {
constexpr char kVersion[] = "1:";
}

std::vector<std::string> ListIndex::Members(const std::string& key) const {
  const std::optional<std::string> value = store_.Get(prefix_ + key);
  if (!value.has_value() || value->rfind(kVersion, 0) != 0) return {};
  std::vector<std::string> out;
  for (absl::string_view part : absl::StrSplit(absl::string_view(*value).substr(2), ',', absl::SkipEmpty())) {
    out.emplace_back(part);
  }
  return out;
}

bool ListIndex::Add(const std::string& key, const std::string& member) {
  std::vector<std::string> members = Members(key);
  if (std::find(members.begin(), members.end(), member) != members.end()) return false;
  members.push_back(member);
  Write(key, members);
  return true;
}

void ListIndex::Remove(const std::string& key, const std::string& member) {
  std::vector<std::string> members = Members(key);
  const auto it = std::find(members.begin(), members.end(), member);
  if (it == members.end()) return;
  members.erase(it);
  Write(key, members);
}

void ListIndex::Drop(const std::string& key) { store_.Erase(prefix_ + key); }

void ListIndex::Write(const std::string& key, const std::vector<std::string>& members) {
  if (members.empty()) {
    store_.Erase(prefix_ + key);
  } else {
    store_.Put(prefix_ + key, kVersion + absl::StrJoin(members, ","));
  }
}

void PlayerKeyIndex::Note(uint32_t char_id, uint32_t account_id, const std::string& key) {
  const std::string c = std::to_string(char_id);
  keys_.Add(c, key);
  if (account_id == 0) return;
  const std::string a = std::to_string(account_id);
  const std::string owner_key = "own|" + c;
  const std::optional<std::string> owner = store_.Get(owner_key);
  if (owner.has_value() && *owner == a) return;
  if (owner.has_value()) accounts_.Remove(*owner, c);
  accounts_.Add(a, c);
  store_.Put(owner_key, a);
}

std::vector<uint32_t> PlayerKeyIndex::CharactersOf(uint32_t account_id) const {
  std::vector<uint32_t> chars;
  if (account_id == 0) return chars;
  for (const std::string& c : accounts_.Members(std::to_string(account_id))) {
    uint32_t id = 0;
    if (absl::SimpleAtoi(c, &id)) chars.push_back(id);
  }
  return chars;
}

uint64_t PlayerKeyIndex::Erase(uint32_t account_id, const std::vector<uint32_t>& char_ids) {
  const std::string a = std::to_string(account_id);
  const std::vector<uint32_t> listed = CharactersOf(account_id);
  std::vector<uint32_t> chars = char_ids;
  chars.insert(chars.end(), listed.begin(), listed.end());
  std::sort(chars.begin(), chars.end());
  chars.erase(std::unique(chars.begin(), chars.end()), chars.end());

  uint64_t removed = 0;
  for (uint32_t id : chars) {
    const std::string c = std::to_string(id);
    const std::vector<std::string> keys = keys_.Members(c);
    for (const std::string& key : keys) {
      if (store_.Get(key).has_value()) {
        store_.Erase(key);
        ++removed;
      }
    }
    if (!keys.empty()) {
      keys_.Drop(c);
      ++removed;
    }
    const std::string owner_key = "own|" + c;
    if (const std::optional<std::string> owner = store_.Get(owner_key); owner.has_value()) {
      if (*owner != a) accounts_.Remove(*owner, c);
      store_.Erase(owner_key);
      ++removed;
    }
  }
  if (!listed.empty()) {
    accounts_.Drop(a);
    ++removed;
  }
  return removed;
}

}  // namespace aiworld::core
