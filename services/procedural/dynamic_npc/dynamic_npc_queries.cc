#include "services/procedural/dynamic_npc/dynamic_npc_queries.h"

#include <algorithm>

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/procedural/dynamic_npc/npc_roster.h"

namespace aiworld::procedural {

absl::StatusOr<v1::ListDynamicNpcsResponse> ListDynamicNpcs(agentkit::StateStore& dynamic_npc_state,
                                                             const v1::ListDynamicNpcsRequest& request, absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  std::vector<v1::DynamicNpc> npcs = NpcRoster(dynamic_npc_state, request.server_id()).All();
  for (v1::DynamicNpc& npc : npcs) {
    if (npc.status() == v1::CONTENT_STATUS_ACTIVE && FromProto(npc.despawns_at()) <= now) {
      npc.set_status(v1::CONTENT_STATUS_EXPIRED);
    }
  }
  if (!request.include_inactive()) {
    std::erase_if(npcs, [](const v1::DynamicNpc& n) { return n.status() != v1::CONTENT_STATUS_ACTIVE; });
  }
  std::stable_sort(npcs.begin(), npcs.end(), [](const v1::DynamicNpc& a, const v1::DynamicNpc& b) {
    const absl::Time ta = FromProto(a.spawned_at()), tb = FromProto(b.spawned_at());
    if (ta != tb) return ta > tb;
    return a.npc_tag() > b.npc_tag();
  });
  v1::ListDynamicNpcsResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < npcs.size() && i < *offset + size; ++i) *response.add_npcs() = npcs[i];
  if (*offset + size < npcs.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

}  // namespace aiworld::procedural
