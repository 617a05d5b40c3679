#include "services/core/memory/memory_query.h"

#include <algorithm>
#include <cmath>

#include "runtime/proto_time.h"
#include "services/core/memory/keywords.h"
#include "services/core/memory/npc_key.h"

namespace aiworld::core {
namespace {
constexpr uint32_t kDefaultLimit = 5;
constexpr uint32_t kMaxLimit = 50;
constexpr size_t kSummaryBytes = 1000;

absl::Status Validate(const v1::GetMemoriesRequest& r) {
  if (r.server_id().empty() || r.server_id().size() > 32) return absl::InvalidArgumentError("server_id: must be 1..32 bytes");
  if (absl::Status s = ValidateNpcRef(r.npc(), "npc"); !s.ok()) return s;
  if (r.char_id() != 0 && r.char_id() < 150000) return absl::InvalidArgumentError("char_id: must be 0 or >= 150000");
  if (r.query().size() > 255) return absl::InvalidArgumentError("query: must be 0..255 bytes");
  if (r.limit() > kMaxLimit) return absl::InvalidArgumentError("limit: must be 0..50");
  return absl::OkStatus();
}
}  // namespace

absl::StatusOr<v1::GetMemoriesResponse> GetMemories(agentkit::StateStore& memory_state, const v1::GetMemoriesRequest& request,
                                                    absl::Time now, const MemoryPolicy& policy) {
  if (absl::Status s = Validate(request); !s.ok()) return s;
  const MemoryBook book(memory_state, request.server_id(), policy);
  std::vector<uint32_t> chars;
  if (request.char_id() != 0) {
    chars.push_back(request.char_id());
  } else {
    chars = book.CharactersKnownBy(request.npc());
  }
  const std::vector<std::string> query = Keywords(request.query());
  std::vector<RecalledMemory> ranked;
  for (uint32_t c : chars) {
    for (v1::Memory& m : book.Memories(request.npc(), c)) {
      const double r = request.query().empty() ? 0 : book.Relevance(m, query, now);
      ranked.push_back(RecalledMemory{std::move(m), r});
    }
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](const RecalledMemory& a, const RecalledMemory& b) {
    if (!request.query().empty() && a.relevance != b.relevance) return a.relevance > b.relevance;
    return FromProto(a.memory.created_at()) > FromProto(b.memory.created_at());
  });
  const size_t limit = request.limit() == 0 ? kDefaultLimit : request.limit();
  if (ranked.size() > limit) ranked.resize(limit);

  v1::GetMemoriesResponse response;
  std::vector<v1::Memory> shown;
  for (RecalledMemory& r : ranked) {
    const double decayed = book.DecayedImportance(r.memory, now);
    r.memory.set_importance(static_cast<uint32_t>(std::clamp(std::lround(decayed), 1L, 10L)));
    shown.push_back(r.memory);
    *response.add_memories() = std::move(r.memory);
  }
  if (request.char_id() != 0) {
    if (std::optional<v1::Relationship> rel = book.RelationshipWith(request.npc(), request.char_id())) {
      *response.mutable_relationship() = *rel;
    }
  }
  response.set_summary(SummariseMemories(shown, kSummaryBytes));
  return response;
}

}  // namespace aiworld::core
