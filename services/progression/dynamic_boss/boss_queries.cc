#include "services/progression/dynamic_boss/boss_queries.h"

#include <algorithm>

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/progression/dynamic_boss/boss_book.h"

namespace aiworld::progression {

absl::StatusOr<v1::ListBossesResponse> ListBosses(agentkit::StateStore& boss_state, const v1::ListBossesRequest& request,
                                                  absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.map().size() > 11) return absl::InvalidArgumentError("map: at most 11 bytes");
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  std::vector<v1::DynamicBoss> bosses = BossBook(boss_state).OfServer(request.server_id());
  std::erase_if(bosses, [&](const v1::DynamicBoss& b) {
    if (!request.map().empty() && b.at().map() != request.map()) return true;
    const bool live = b.status() == v1::CONTENT_STATUS_ACTIVE && now < FromProto(b.despawn_at());
    return !request.include_inactive() && !live;
  });
  std::stable_sort(bosses.begin(), bosses.end(), [](const v1::DynamicBoss& a, const v1::DynamicBoss& b) {
    const absl::Time ta = FromProto(a.spawned_at()), tb = FromProto(b.spawned_at());
    if (ta != tb) return ta > tb;
    return a.boss_id().size() != b.boss_id().size() ? a.boss_id().size() > b.boss_id().size() : a.boss_id() > b.boss_id();
  });
  v1::ListBossesResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < bosses.size() && i < *offset + size; ++i) *response.add_bosses() = bosses[i];
  if (*offset + size < bosses.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

}  // namespace aiworld::progression
