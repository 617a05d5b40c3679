#pragma once
// What NPCs remember about characters (reference §3.1 Memory): per (NPC, character) a list of
// memories — kind, content, importance 1..10, emotional valence -1..1, time — and a relationship.
//
//   decay       importance × 0.5^(age / half_life); half-life 7 days (the reference keeps none; its
//               Redis fallback forgot conversations after 10 minutes, which is too short for an NPC)
//   relevance   importance × recency × keyword factor, recency = 0.5^(age / half_life), keyword factor
//               = 0.1 + 0.9 × (share of the query's keywords the memory has); 1 for an empty query,
//               so an important memory still surfaces when the words differ, at a tenth
//   recall      the 5 most relevant (reference "retrieval limit 5")
//   summarise   above 20 memories of one pair, all but the newest 10 fold into one FACT memory
//               (importance = their highest, valence = their importance-weighted mean)
//   affinity    += valence × importance × 0.01 per memory, clamped to -1..1; CONVERSATION memories
//               also count as interactions and set last_interaction_at
//
// State (the Memory agent's StateStore, shared by every game server of the group, so keys carry the
// server): "rec|<server>|<npc key>|<char>" = "M1" + a GetMemoriesResponse
// (memories oldest first, the relationship); a PlayerKeyIndex ("chr|", "acc|", "own|") lets
// ErasePlayer read a few keys, no scan.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/core.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::core {

struct MemoryPolicy {
  absl::Duration half_life = absl::Hours(7 * 24);
  size_t summarise_above = 20;
  size_t keep_verbatim = 10;
  size_t recall_limit = 5;
  double min_keyword_factor = 0.1;
  double affinity_per_importance = 0.01;
};

struct NewMemory {
  v1::MemoryKind kind = v1::MEMORY_KIND_CONVERSATION;
  std::string content;        // 1..2000 bytes
  uint32_t importance = 1;    // 1..10
  double valence = 0;         // -1..1
  std::string map;            // 0..11 bytes
  std::vector<uint32_t> participants;  // besides the character itself
};

struct RecalledMemory {
  v1::Memory memory;
  double relevance = 0;
};

class MemoryBook {
 public:
  // server_id: the game server whose NPCs these are, 1..32 bytes of [a-z0-9_-].
  MemoryBook(agentkit::StateStore& store, std::string server_id, MemoryPolicy policy = {});

  // Stores a memory of `char_id` (>= 150,000) for `npc`, updates the relationship, summarises when
  // over the cap, and indexes the character (under account_id unless 0). INVALID_ARGUMENT names the
  // field.
  absl::StatusOr<v1::Memory> Record(const v1::NpcRef& npc, uint32_t char_id, uint32_t account_id, const NewMemory& memory,
                                    absl::Time at);

  // The most relevant memories of the pair, best first (ties: newer first), at most `limit`.
  std::vector<RecalledMemory> Recall(const v1::NpcRef& npc, uint32_t char_id, std::string_view query, absl::Time now,
                                     size_t limit) const;
  std::vector<RecalledMemory> Recall(const v1::NpcRef& npc, uint32_t char_id, std::string_view query, absl::Time now) const {
    return Recall(npc, char_id, query, now, policy_.recall_limit);
  }

  // Every memory of the pair, oldest first.
  std::vector<v1::Memory> Memories(const v1::NpcRef& npc, uint32_t char_id) const;
  std::optional<v1::Relationship> RelationshipWith(const v1::NpcRef& npc, uint32_t char_id) const;
  // The characters `npc` remembers, ascending.
  std::vector<uint32_t> CharactersKnownBy(const v1::NpcRef& npc) const;

  // Removes every record, relationship and index entry of the characters (given, and those of the
  // account) on every server; returns the state entries removed.
  uint64_t ErasePlayer(uint32_t account_id, const std::vector<uint32_t>& char_ids);

  double DecayedImportance(const v1::Memory& memory, absl::Time now) const;
  double Relevance(const v1::Memory& memory, const std::vector<std::string>& query_keywords, absl::Time now) const;
  const MemoryPolicy& policy() const { return policy_; }

 private:
  // "<server>|<npc key>", or "" for an unset ref.
  std::string ScopedKey(const v1::NpcRef& npc) const;
  std::optional<v1::GetMemoriesResponse> Load(const std::string& scoped_key, uint32_t char_id) const;
  void Save(const std::string& scoped_key, uint32_t char_id, const v1::GetMemoriesResponse& record);
  void Summarise(v1::GetMemoriesResponse& record) const;

  agentkit::StateStore& store_;
  const std::string server_id_;
  MemoryPolicy policy_;
};

// A short text, at most max_bytes, about memories: how many, the overall feeling, the most important
// ones. Empty for none.
std::string SummariseMemories(const std::vector<v1::Memory>& memories, size_t max_bytes);

// Cuts text to at most max_bytes at a UTF-8 character boundary.
std::string CutUtf8(std::string_view text, size_t max_bytes);

}  // namespace aiworld::core
