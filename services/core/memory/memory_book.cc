#include "services/core/memory/memory_book.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/core/memory/keywords.h"
#include "services/core/memory/list_index.h"
#include "services/core/memory/npc_key.h"

namespace aiworld::core {
namespace {
constexpr char kRecordVersion[] = "M1";
constexpr size_t kMaxContentBytes = 2000;
constexpr size_t kMaxParticipants = 12;
constexpr uint32_t kMinCharId = 150000;

std::string RecordKey(const std::string& npc_key, uint32_t char_id) { return absl::StrCat("rec|", npc_key, "|", char_id); }

// Memory ids are "<char>.<n>", n counting up per pair.
uint64_t SerialOf(const v1::Memory& m) {
  const size_t dot = m.memory_id().rfind('.');
  uint64_t n = 0;
  if (dot != std::string::npos) (void)absl::SimpleAtoi(m.memory_id().substr(dot + 1), &n);
  return n;
}

const char* Feeling(double mean_valence) {
  if (mean_valence > 0.2) return "mostly good";
  if (mean_valence < -0.2) return "mostly bad";
  return "mixed";
}
}  // namespace

std::string CutUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end));
}

MemoryBook::MemoryBook(agentkit::StateStore& store, std::string server_id, MemoryPolicy policy)
    : store_(store), server_id_(std::move(server_id)), policy_(policy) {}

std::string MemoryBook::ScopedKey(const v1::NpcRef& npc) const {
  const std::string key = NpcKey(npc);
  return key.empty() ? "" : absl::StrCat(server_id_, "|", key);
}

std::optional<v1::GetMemoriesResponse> MemoryBook::Load(const std::string& npc_key, uint32_t char_id) const {
  const std::optional<std::string> value = store_.Get(RecordKey(npc_key, char_id));
  if (!value.has_value() || value->rfind(kRecordVersion, 0) != 0) return std::nullopt;
  v1::GetMemoriesResponse record;
  if (!record.ParseFromArray(value->data() + 2, static_cast<int>(value->size() - 2))) return std::nullopt;
  return record;
}

void MemoryBook::Save(const std::string& npc_key, uint32_t char_id, const v1::GetMemoriesResponse& record) {
  store_.Put(RecordKey(npc_key, char_id), kRecordVersion + record.SerializeAsString());
}

absl::StatusOr<v1::Memory> MemoryBook::Record(const v1::NpcRef& npc, uint32_t char_id, uint32_t account_id,
                                              const NewMemory& memory, absl::Time at) {
  if (server_id_.empty() || server_id_.size() > 32 || server_id_.find_first_of("|,%") != std::string::npos) {
    return absl::InvalidArgumentError("server_id: must be 1..32 bytes of [a-z0-9_-]");
  }
  if (absl::Status s = ValidateNpcRef(npc, "npc"); !s.ok()) return s;
  if (char_id < kMinCharId) return absl::InvalidArgumentError("char_id: must be >= 150000");
  if (memory.kind == v1::MEMORY_KIND_UNSPECIFIED) return absl::InvalidArgumentError("kind: required");
  if (memory.content.empty() || memory.content.size() > kMaxContentBytes) {
    return absl::InvalidArgumentError("content: must be 1..2000 bytes");
  }
  if (memory.importance < 1 || memory.importance > 10) return absl::InvalidArgumentError("importance: must be 1..10");
  if (!(memory.valence >= -1.0 && memory.valence <= 1.0)) return absl::InvalidArgumentError("emotional_valence: must be -1..1");
  if (memory.map.size() > 11) return absl::InvalidArgumentError("map: must be 0..11 bytes");

  const std::string key = ScopedKey(npc);
  v1::GetMemoriesResponse record = Load(key, char_id).value_or(v1::GetMemoriesResponse{});
  uint64_t next = 1;
  for (const v1::Memory& m : record.memories()) next = std::max(next, SerialOf(m) + 1);

  v1::Memory* m = record.add_memories();
  m->set_memory_id(absl::StrCat(char_id, ".", next));
  m->set_kind(memory.kind);
  m->set_content(memory.content);
  m->add_participant_char_ids(char_id);
  for (uint32_t p : memory.participants) {
    if (p == char_id || m->participant_char_ids_size() >= static_cast<int>(kMaxParticipants)) continue;
    if (std::find(m->participant_char_ids().begin(), m->participant_char_ids().end(), p) == m->participant_char_ids().end()) {
      m->add_participant_char_ids(p);
    }
  }
  m->set_map(memory.map);
  m->set_importance(memory.importance);
  m->set_emotional_valence(memory.valence);
  *m->mutable_created_at() = ToProto(at);
  const v1::Memory stored = *m;

  v1::Relationship* rel = record.mutable_relationship();
  rel->set_affinity(std::clamp(rel->affinity() + memory.valence * memory.importance * policy_.affinity_per_importance, -1.0, 1.0));
  if (memory.kind == v1::MEMORY_KIND_CONVERSATION) {
    rel->set_interactions(rel->interactions() + 1);
    *rel->mutable_last_interaction_at() = ToProto(at);
  }
  if (static_cast<size_t>(record.memories_size()) > policy_.summarise_above) Summarise(record);
  Save(key, char_id, record);

  PlayerKeyIndex(store_).Note(char_id, account_id, RecordKey(key, char_id));
  return stored;
}

void MemoryBook::Summarise(v1::GetMemoriesResponse& record) const {
  const size_t total = static_cast<size_t>(record.memories_size());
  const size_t keep = std::min(policy_.keep_verbatim, total);
  const size_t fold = total - keep;
  if (fold < 2) return;
  std::vector<v1::Memory> old(record.memories().begin(), record.memories().begin() + static_cast<int>(fold));

  v1::Memory summary;
  uint32_t importance = 1;
  double weighted = 0, weights = 0;
  std::set<uint32_t> seen;
  for (const v1::Memory& m : old) {
    importance = std::max(importance, m.importance());
    weighted += m.emotional_valence() * m.importance();
    weights += m.importance();
    for (uint32_t p : m.participant_char_ids()) {
      if (summary.participant_char_ids_size() < static_cast<int>(kMaxParticipants) && seen.insert(p).second) {
        summary.add_participant_char_ids(p);
      }
    }
    if (!m.map().empty()) summary.set_map(m.map());
  }
  // The summary takes the newest folded id and time, so ids stay unique and the list stays in order.
  const std::string& newest_id = old.back().memory_id();
  summary.set_memory_id(newest_id);
  summary.set_kind(v1::MEMORY_KIND_FACT);
  summary.set_content(SummariseMemories(old, kMaxContentBytes));
  summary.set_importance(importance);
  summary.set_emotional_valence(weights > 0 ? std::clamp(weighted / weights, -1.0, 1.0) : 0.0);
  *summary.mutable_created_at() = old.back().created_at();

  google::protobuf::RepeatedPtrField<v1::Memory> rest;
  *rest.Add() = std::move(summary);
  for (size_t i = fold; i < total; ++i) *rest.Add() = record.memories(static_cast<int>(i));
  record.mutable_memories()->Swap(&rest);
}

std::string SummariseMemories(const std::vector<v1::Memory>& memories, size_t max_bytes) {
  if (memories.empty()) return "";
  double weighted = 0, weights = 0;
  for (const v1::Memory& m : memories) {
    weighted += m.emotional_valence() * m.importance();
    weights += m.importance();
  }
  std::vector<const v1::Memory*> order;
  for (const v1::Memory& m : memories) order.push_back(&m);
  std::stable_sort(order.begin(), order.end(), [](const v1::Memory* a, const v1::Memory* b) {
    return a->importance() > b->importance();
  });
  std::string text = absl::StrCat(memories.size(), memories.size() == 1 ? " memory, " : " memories, ",
                                  Feeling(weights > 0 ? weighted / weights : 0), ":");
  for (size_t i = 0; i < order.size() && i < 3; ++i) absl::StrAppend(&text, i == 0 ? " " : " / ", order[i]->content());
  return CutUtf8(text, max_bytes);
}

double MemoryBook::DecayedImportance(const v1::Memory& memory, absl::Time now) const {
  const double age = std::max(0.0, absl::ToDoubleSeconds(now - FromProto(memory.created_at())));
  return memory.importance() * std::exp2(-age / absl::ToDoubleSeconds(policy_.half_life));
}

double MemoryBook::Relevance(const v1::Memory& memory, const std::vector<std::string>& query_keywords, absl::Time now) const {
  double factor = 1.0;
  if (!query_keywords.empty()) {
    factor = policy_.min_keyword_factor +
             (1.0 - policy_.min_keyword_factor) * KeywordOverlap(query_keywords, Keywords(memory.content()));
  }
  return DecayedImportance(memory, now) * factor;
}

std::vector<RecalledMemory> MemoryBook::Recall(const v1::NpcRef& npc, uint32_t char_id, std::string_view query,
                                               absl::Time now, size_t limit) const {
  const std::vector<std::string> q = Keywords(query);
  std::vector<RecalledMemory> out;
  for (v1::Memory& m : Memories(npc, char_id)) {
    const double r = Relevance(m, q, now);
    out.push_back(RecalledMemory{std::move(m), r});
  }
  std::stable_sort(out.begin(), out.end(), [](const RecalledMemory& a, const RecalledMemory& b) {
    if (a.relevance != b.relevance) return a.relevance > b.relevance;
    return FromProto(a.memory.created_at()) > FromProto(b.memory.created_at());
  });
  if (out.size() > limit) out.resize(limit);
  return out;
}

std::vector<v1::Memory> MemoryBook::Memories(const v1::NpcRef& npc, uint32_t char_id) const {
  const std::string key = ScopedKey(npc);
  if (key.empty()) return {};
  const std::optional<v1::GetMemoriesResponse> record = Load(key, char_id);
  if (!record.has_value()) return {};
  return {record->memories().begin(), record->memories().end()};
}

std::optional<v1::Relationship> MemoryBook::RelationshipWith(const v1::NpcRef& npc, uint32_t char_id) const {
  const std::string key = ScopedKey(npc);
  if (key.empty()) return std::nullopt;
  const std::optional<v1::GetMemoriesResponse> record = Load(key, char_id);
  if (!record.has_value()) return std::nullopt;
  return record->relationship();
}

std::vector<uint32_t> MemoryBook::CharactersKnownBy(const v1::NpcRef& npc) const {
  const std::string key = ScopedKey(npc);
  if (key.empty()) return {};
  const std::string prefix = absl::StrCat("rec|", key, "|");
  std::vector<uint32_t> out;
  for (const auto& [k, v] : store_.Scan(prefix)) {
    uint32_t id = 0;
    if (absl::SimpleAtoi(absl::string_view(k).substr(prefix.size()), &id)) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

uint64_t MemoryBook::ErasePlayer(uint32_t account_id, const std::vector<uint32_t>& char_ids) {
  return PlayerKeyIndex(store_).Erase(account_id, char_ids);
}

}  // namespace aiworld::core
