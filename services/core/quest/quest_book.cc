#include "services/core/quest/quest_book.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aiworld::core {
namespace {

std::string QuestStateKey(const std::string& key) { return "q/" + key; }
std::string IndexPrefix(const std::string& server, uint32_t char_id) { return absl::StrCat("c/", server, "/", char_id, "/"); }

void EnsureProgressSize(v1::Quest& quest) {
  while (quest.objective_progress_size() < quest.objectives_size()) quest.add_objective_progress(0);
}

bool Advance(v1::Quest& quest, int i, uint32_t by) {
  const uint32_t want = quest.objectives(i).quantity();
  const uint32_t have = quest.objective_progress(i);
  if (have >= want) return false;
  quest.set_objective_progress(i, std::min(want, have + by));
  return true;
}

bool OthersDone(const v1::Quest& quest, int except) {
  for (int i = 0; i < quest.objectives_size(); ++i) {
    if (i == except || quest.objectives(i).kind() == v1::QUEST_OBJECTIVE_KIND_TALK) continue;
    if (quest.objective_progress(i) < quest.objectives(i).quantity()) return false;
  }
  return true;
}

}  // namespace

std::optional<v1::Quest> QuestBook::Get(const std::string& quest_key) const {
  std::optional<std::string> bytes = state_.Get(QuestStateKey(quest_key));
  if (!bytes.has_value()) return std::nullopt;
  v1::Quest quest;
  if (!quest.ParseFromString(*bytes)) return std::nullopt;
  EnsureProgressSize(quest);
  return quest;
}

void QuestBook::Put(const v1::Quest& quest) {
  state_.Put(QuestStateKey(quest.quest_key()), quest.SerializeAsString());
  if (quest.char_id() != 0) state_.Put(IndexPrefix(quest.server_id(), quest.char_id()) + quest.quest_key(), "");
}

std::vector<v1::Quest> QuestBook::OfCharacter(const std::string& server_id, uint32_t char_id) const {
  std::vector<v1::Quest> out;
  const std::string prefix = IndexPrefix(server_id, char_id);
  for (const auto& [key, value] : state_.Scan(prefix)) {
    if (auto quest = Get(key.substr(prefix.size()))) out.push_back(*std::move(quest));
  }
  return out;
}

std::vector<v1::Quest> QuestBook::All() const {
  std::vector<v1::Quest> out;
  for (const auto& [key, value] : state_.Scan("q/")) {
    v1::Quest quest;
    if (!quest.ParseFromString(value)) continue;
    EnsureProgressSize(quest);
    out.push_back(std::move(quest));
  }
  return out;
}

void QuestBook::RememberAccount(uint32_t account_id, uint32_t char_id) {
  if (account_id != 0 && char_id != 0) state_.Put(absl::StrCat("a/", account_id, "/", char_id), "");
}

std::vector<uint32_t> QuestBook::CharactersOf(uint32_t account_id, std::vector<uint32_t> char_ids) const {
  if (account_id == 0) return char_ids;
  const std::string prefix = absl::StrCat("a/", account_id, "/");
  for (const auto& [key, value] : state_.Scan(prefix)) {
    uint32_t char_id = 0;
    if (absl::SimpleAtoi(key.substr(prefix.size()), &char_id) &&
        std::find(char_ids.begin(), char_ids.end(), char_id) == char_ids.end()) {
      char_ids.push_back(char_id);
    }
  }
  return char_ids;
}

uint64_t QuestBook::EraseCharacters(const std::vector<uint32_t>& char_ids) {
  uint64_t removed = 0;
  for (const auto& [key, value] : state_.Scan("a/")) {
    const size_t slash = key.rfind('/');
    uint32_t char_id = 0;
    if (absl::SimpleAtoi(key.substr(slash + 1), &char_id) &&
        std::find(char_ids.begin(), char_ids.end(), char_id) != char_ids.end()) {
      state_.Erase(key);
    }
  }
  for (const auto& [key, value] : state_.Scan("c/")) {
    // c/<server>/<char_id>/<quest_key>
    std::vector<std::string> parts = absl::StrSplit(key, absl::MaxSplits('/', 3));
    uint32_t char_id = 0;
    if (parts.size() != 4 || !absl::SimpleAtoi(parts[2], &char_id)) continue;
    if (std::find(char_ids.begin(), char_ids.end(), char_id) == char_ids.end()) continue;
    state_.Erase(key);
    if (state_.Get(QuestStateKey(parts[3])).has_value()) {
      state_.Erase(QuestStateKey(parts[3]));
      ++removed;
    }
  }
  return removed;
}

int64_t QuestBook::NextQuestId() {
  int64_t last = kQuestIdFirst - 1;
  if (auto v = state_.Get("next_id"); v.has_value()) (void)absl::SimpleAtoi(*v, &last);
  int64_t next = last + 1;
  if (next < kQuestIdFirst || next > kQuestIdLast) next = kQuestIdFirst;
  state_.Put("next_id", std::to_string(next));
  return next;
}

std::string QuestBook::QuestKeyOf(int64_t id) { return absl::StrCat("quest_", id); }

std::string QuestBook::KeyFromEvent(int32_t quest_id, const std::string& mesh_quest_key) {
  if (!mesh_quest_key.empty()) return mesh_quest_key;
  if (quest_id >= kQuestIdFirst && quest_id <= kQuestIdLast) return QuestKeyOf(quest_id);
  return "";
}

bool ApplyKill(v1::Quest& quest, int32_t mob_id, const std::string& map) {
  EnsureProgressSize(quest);
  bool changed = false;
  for (int i = 0; i < quest.objectives_size(); ++i) {
    const v1::QuestObjective& o = quest.objectives(i);
    if (o.kind() != v1::QUEST_OBJECTIVE_KIND_KILL || o.mob_id() != mob_id) continue;
    if (!o.place().map().empty() && o.place().map() != map) continue;
    changed = Advance(quest, i, 1) || changed;
  }
  return changed;
}

bool ApplyPickup(v1::Quest& quest, uint32_t item_id, uint32_t amount) {
  EnsureProgressSize(quest);
  bool changed = false;
  for (int i = 0; i < quest.objectives_size(); ++i) {
    const v1::QuestObjective& o = quest.objectives(i);
    if (o.kind() != v1::QUEST_OBJECTIVE_KIND_COLLECT || o.item_id() != item_id) continue;
    changed = Advance(quest, i, std::max<uint32_t>(amount, 1)) || changed;
  }
  return changed;
}

bool ApplyVisit(v1::Quest& quest, const std::string& map) {
  EnsureProgressSize(quest);
  bool changed = false;
  for (int i = 0; i < quest.objectives_size(); ++i) {
    const v1::QuestObjective& o = quest.objectives(i);
    if (o.kind() != v1::QUEST_OBJECTIVE_KIND_VISIT || o.place().map() != map) continue;
    changed = Advance(quest, i, 1) || changed;
  }
  return changed;
}

bool ApplyTalk(v1::Quest& quest, const std::string& npc_exname, const std::string& npc_tag) {
  EnsureProgressSize(quest);
  bool changed = false;
  for (int i = 0; i < quest.objectives_size(); ++i) {
    const v1::QuestObjective& o = quest.objectives(i);
    if (o.kind() != v1::QUEST_OBJECTIVE_KIND_TALK || !SameNpc(o.npc(), npc_exname, npc_tag)) continue;
    if (!OthersDone(quest, i)) continue;
    changed = Advance(quest, i, 1) || changed;
  }
  return changed;
}

bool ObjectivesDone(const v1::Quest& quest) { return NextObjective(quest) == nullptr; }

const v1::QuestObjective* NextObjective(const v1::Quest& quest) {
  for (int i = 0; i < quest.objectives_size(); ++i) {
    const uint32_t have = i < quest.objective_progress_size() ? quest.objective_progress(i) : 0;
    if (have < quest.objectives(i).quantity()) return &quest.objectives(i);
  }
  return nullptr;
}

bool SameNpc(const v1::NpcRef& ref, const std::string& npc_exname, const std::string& npc_tag) {
  if (ref.has_tag()) return !npc_tag.empty() && ref.tag() == npc_tag;
  if (ref.has_exname()) return !npc_exname.empty() && ref.exname() == npc_exname;
  return false;
}

}  // namespace aiworld::core
