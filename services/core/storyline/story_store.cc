#include "services/core/storyline/story_store.h"

#include <algorithm>
#include <bit>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "runtime/proto_time.h"

namespace aiworld::core {
namespace {

uint32_t CharOfKey(const std::string& key) {
  uint32_t id = 0;
  (void)absl::SimpleAtoi(key.substr(key.rfind('/') + 1), &id);
  return id;
}

bool Contains(const std::vector<uint32_t>& ids, uint32_t id) { return std::find(ids.begin(), ids.end(), id) != ids.end(); }

}  // namespace

uint32_t Participant::chapters_completed() const { return static_cast<uint32_t>(std::popcount(chapters_mask)); }

std::string Participant::Encode() const {
  // The name goes last: it is the only field that could hold a '|'.
  return absl::StrCat("v1|", char_id, "|", chapters_mask, "|", quests_completed, "|", contribution_score, "|", choices_made,
                      "|", last_unix, "|", char_name);
}

std::optional<Participant> Participant::Decode(const std::string& text) {
  std::vector<std::string> f = absl::StrSplit(text, absl::MaxSplits('|', 7));
  if (f.size() != 8 || f[0] != "v1") return std::nullopt;
  Participant p;
  if (!absl::SimpleAtoi(f[1], &p.char_id) || !absl::SimpleAtoi(f[2], &p.chapters_mask) ||
      !absl::SimpleAtoi(f[3], &p.quests_completed) || !absl::SimpleAtod(f[4], &p.contribution_score) ||
      !absl::SimpleAtoi(f[5], &p.choices_made) || !absl::SimpleAtoi(f[6], &p.last_unix)) {
    return std::nullopt;
  }
  p.char_name = f[7];
  return p;
}

v1::StoryParticipation Participant::ToProto(const std::string& arc_id, bool hero) const {
  v1::StoryParticipation out;
  out.set_arc_id(arc_id);
  out.set_char_id(char_id);
  out.set_chapters_completed(chapters_completed());
  out.set_quests_completed(quests_completed);
  out.set_contribution_score(contribution_score);
  out.set_choices_made(choices_made);
  out.set_hero(hero);
  if (last_unix != 0) *out.mutable_last_participation_at() = aiworld::ToProto(absl::FromUnixSeconds(last_unix));
  return out;
}

std::optional<v1::StoryArc> StoryStore::Arc(const std::string& arc_id) const {
  auto bytes = state_.Get("arc/" + arc_id);
  v1::StoryArc arc;
  if (!bytes.has_value() || !arc.ParseFromString(*bytes)) return std::nullopt;
  return arc;
}

void StoryStore::PutArc(const v1::StoryArc& arc) { state_.Put("arc/" + arc.arc_id(), arc.SerializeAsString()); }

std::vector<v1::StoryArc> StoryStore::Arcs(const std::string& server_id) const {
  std::vector<v1::StoryArc> out;
  for (const auto& [key, value] : state_.Scan("arc/")) {
    v1::StoryArc arc;
    if (arc.ParseFromString(value) && arc.server_id() == server_id) out.push_back(std::move(arc));
  }
  return out;
}

std::optional<std::string> StoryStore::ActiveArcId(const std::string& server_id) const { return state_.Get("active/" + server_id); }
void StoryStore::SetActive(const std::string& server_id, const std::string& arc_id) { state_.Put("active/" + server_id, arc_id); }
void StoryStore::ClearActive(const std::string& server_id) { state_.Erase("active/" + server_id); }

uint64_t StoryStore::NextArcNumber(const std::string& server_id) {
  uint64_t n = 0;
  if (auto v = state_.Get("seq/" + server_id)) (void)absl::SimpleAtoi(*v, &n);
  state_.Put("seq/" + server_id, std::to_string(n + 1));
  return n + 1;
}

int64_t StoryStore::NextStoryQuestId() {
  int64_t last = kStoryQuestIdFirst - 1;
  if (auto v = state_.Get("story_quest_id")) (void)absl::SimpleAtoi(*v, &last);
  int64_t next = last + 1;
  if (next < kStoryQuestIdFirst || next > kStoryQuestIdLast) next = kStoryQuestIdFirst;
  state_.Put("story_quest_id", std::to_string(next));
  return next;
}

std::optional<std::string> StoryStore::Plan(const std::string& arc_id) const { return state_.Get("plan/" + arc_id); }
void StoryStore::PutPlan(const std::string& arc_id, const std::string& plan) { state_.Put("plan/" + arc_id, plan); }

std::optional<Participant> StoryStore::GetParticipant(const std::string& arc_id, uint32_t char_id) const {
  auto text = state_.Get(absl::StrCat("part/", arc_id, "/", char_id));
  if (!text.has_value()) return std::nullopt;
  return Participant::Decode(*text);
}

void StoryStore::PutParticipant(const std::string& arc_id, const Participant& p) {
  state_.Put(absl::StrCat("part/", arc_id, "/", p.char_id), p.Encode());
}

std::vector<Participant> StoryStore::Participants(const std::string& arc_id) const {
  std::vector<Participant> out;
  for (const auto& [key, value] : state_.Scan("part/" + arc_id + "/")) {
    if (auto p = Participant::Decode(value)) out.push_back(*std::move(p));
  }
  return out;
}

bool StoryStore::AddChoice(const v1::RecordChoiceRequest& choice) {
  const std::string key = absl::StrCat("choice/", choice.arc_id(), "/", choice.chapter(), "/", choice.choice_id());
  if (state_.Get(key).has_value()) return false;
  state_.Put(key, choice.SerializeAsString());
  return true;
}

std::vector<v1::RecordChoiceRequest> StoryStore::Choices(const std::string& arc_id, uint32_t chapter) const {
  std::vector<v1::RecordChoiceRequest> out;
  for (const auto& [key, value] : state_.Scan(absl::StrCat("choice/", arc_id, "/", chapter, "/"))) {
    v1::RecordChoiceRequest c;
    if (c.ParseFromString(value)) out.push_back(std::move(c));
  }
  return out;
}

std::optional<v1::Quest> StoryStore::QuestTemplate(const std::string& quest_key) const {
  auto bytes = state_.Get("tpl/" + quest_key);
  v1::Quest q;
  if (!bytes.has_value() || !q.ParseFromString(*bytes)) return std::nullopt;
  return q;
}

void StoryStore::PutQuestTemplate(const v1::Quest& quest) { state_.Put("tpl/" + quest.quest_key(), quest.SerializeAsString()); }

uint64_t StoryStore::EraseCharacters(const std::vector<uint32_t>& char_ids) {
  uint64_t removed = 0;
  for (const auto& [key, value] : state_.Scan("part/")) {
    if (!Contains(char_ids, CharOfKey(key))) continue;
    state_.Erase(key);
    ++removed;
  }
  for (const auto& [key, value] : state_.Scan("choice/")) {
    v1::RecordChoiceRequest c;
    if (!c.ParseFromString(value) || !Contains(char_ids, c.char_id())) continue;
    state_.Erase(key);
    ++removed;
  }
  for (const auto& [key, value] : state_.Scan("arc/")) {
    v1::StoryArc arc;
    if (!arc.ParseFromString(value)) continue;
    const int before = arc.heroes_size();
    auto* heroes = arc.mutable_heroes();
    heroes->erase(std::remove_if(heroes->begin(), heroes->end(),
                                 [&](const v1::StoryHero& h) { return Contains(char_ids, h.char_id()); }),
                  heroes->end());
    if (arc.heroes_size() == before) continue;
    removed += static_cast<uint64_t>(before - arc.heroes_size());
    PutArc(arc);
  }
  return removed;
}

}  // namespace aiworld::core
