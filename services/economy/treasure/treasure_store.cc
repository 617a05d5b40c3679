#include "services/economy/treasure/treasure_store.h"

#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aiworld::economy {
namespace {

std::optional<CardFragments> DecodeFragments(const std::string& text) {
  std::vector<std::string> f = absl::StrSplit(text, ';');
  CardFragments c;
  if (f.size() != 4 || f[0] != "c1" || !absl::SimpleAtoi(f[1], &c.account_id) || !absl::SimpleAtoi(f[2], &c.fragments) ||
      !absl::SimpleAtoi(f[3], &c.cards_claimed)) {
    return std::nullopt;
  }
  return c;
}

}  // namespace

std::optional<v1::Treasure> TreasureStore::Treasure(const std::string& treasure_id) const {
  std::optional<std::string> raw = state_.Get(absl::StrCat("treasure/", server_id_, "/", treasure_id));
  v1::Treasure t;
  if (!raw.has_value() || !t.ParseFromString(*raw)) return std::nullopt;
  return t;
}

void TreasureStore::PutTreasure(const v1::Treasure& treasure) {
  state_.Put(absl::StrCat("treasure/", server_id_, "/", treasure.treasure_id()), treasure.SerializeAsString());
}

void TreasureStore::EraseTreasure(const std::string& treasure_id) {
  state_.Erase(absl::StrCat("treasure/", server_id_, "/", treasure_id));
}

std::vector<v1::Treasure> TreasureStore::Treasures() const {
  std::vector<v1::Treasure> out;
  for (const auto& [key, raw] : state_.Scan(absl::StrCat("treasure/", server_id_, "/"))) {
    v1::Treasure t;
    if (t.ParseFromString(raw)) out.push_back(std::move(t));
  }
  return out;
}

std::string TreasureStore::NextTreasureId() {
  const std::string key = absl::StrCat("next/", server_id_);
  uint64_t last = 0;
  if (std::optional<std::string> raw = state_.Get(key); raw.has_value()) (void)absl::SimpleAtoi(*raw, &last);
  ++last;
  state_.Put(key, std::to_string(last));
  return absl::StrCat(kTreasureTagPrefix, last);
}

CardFragments TreasureStore::Fragments(uint32_t char_id) const {
  if (std::optional<std::string> raw = state_.Get(absl::StrCat("fragments/", char_id, "/", server_id_)); raw.has_value()) {
    if (std::optional<CardFragments> c = DecodeFragments(*raw)) return *c;
  }
  return CardFragments{};
}

bool TreasureStore::HasFragments(uint32_t char_id) const {
  return state_.Get(absl::StrCat("fragments/", char_id, "/", server_id_)).has_value();
}

void TreasureStore::PutFragments(uint32_t char_id, const CardFragments& f) {
  state_.Put(absl::StrCat("fragments/", char_id, "/", server_id_),
             absl::StrCat("c1;", f.account_id, ";", f.fragments, ";", f.cards_claimed));
}

std::vector<uint32_t> TreasureStore::CharactersOf(agentkit::StateStore& state, uint32_t account_id) {
  std::set<uint32_t> chars;
  for (const auto& [key, raw] : state.Scan("fragments/")) {
    std::optional<CardFragments> c = DecodeFragments(raw);
    std::vector<std::string> parts = absl::StrSplit(key, '/');
    uint32_t id = 0;
    if (c.has_value() && c->account_id == account_id && parts.size() == 3 && absl::SimpleAtoi(parts[1], &id)) chars.insert(id);
  }
  return {chars.begin(), chars.end()};
}

uint64_t TreasureStore::EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids) {
  uint64_t removed = 0;
  const std::set<uint32_t> chars(char_ids.begin(), char_ids.end());
  for (uint32_t id : chars) {
    for (const auto& [key, value] : state.Scan(absl::StrCat("fragments/", id, "/"))) {
      state.Erase(key);
      ++removed;
    }
  }
  for (const auto& [key, raw] : state.Scan("treasure/")) {
    v1::Treasure t;
    if (!t.ParseFromString(raw) || !chars.contains(t.claimed_by_char_id())) continue;
    t.set_claimed_by_char_id(0);
    state.Put(key, t.SerializeAsString());
    ++removed;
  }
  return removed;
}

}  // namespace aiworld::economy
