#include "services/procedural/map_hazard/hazard_queries.h"

#include <algorithm>

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/procedural/map_hazard/hazard_book.h"

namespace aiworld::procedural {
namespace {

absl::Status CheckMapName(const std::string& map) {
  if (map.size() > 11) return absl::InvalidArgumentError("map: at most 11 bytes");
  for (char c : map) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '@' || c == '-';
    if (!ok) return absl::InvalidArgumentError("map: must be [a-z0-9_@-]");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<v1::ListHazardsResponse> ListHazards(agentkit::StateStore& hazard_state, const v1::ListHazardsRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (absl::Status s = CheckMapName(request.map()); !s.ok()) return s;
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  std::vector<v1::MapHazard> hazards = HazardBook(hazard_state).OfServer(request.server_id());
  std::erase_if(hazards, [&](const v1::MapHazard& h) {
    return (!request.include_inactive() && h.status() != v1::CONTENT_STATUS_ACTIVE) ||
           (!request.map().empty() && h.map() != request.map());
  });
  std::stable_sort(hazards.begin(), hazards.end(), [](const v1::MapHazard& a, const v1::MapHazard& b) {
    const absl::Time ta = FromProto(a.started_at()), tb = FromProto(b.started_at());
    if (ta != tb) return ta > tb;
    return a.hazard_id() > b.hazard_id();
  });
  v1::ListHazardsResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < hazards.size() && i < *offset + size; ++i) *response.add_hazards() = hazards[i];
  if (*offset + size < hazards.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

}  // namespace aiworld::procedural
