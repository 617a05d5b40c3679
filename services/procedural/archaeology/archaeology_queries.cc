#include "services/procedural/archaeology/archaeology_queries.h"

#include <algorithm>

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/procedural/archaeology/archaeology_store.h"

namespace aiworld::procedural {

absl::StatusOr<v1::ListDigSpotsResponse> ListDigSpots(agentkit::StateStore& archaeology_state,
                                                       const v1::ListDigSpotsRequest& request, absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.map().size() > 11) return absl::InvalidArgumentError("map: at most 11 bytes");
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  std::vector<v1::DigSpot> spots = ArchaeologyStore(archaeology_state, request.server_id()).Spots();
  for (v1::DigSpot& s : spots) {
    if (s.status() == v1::CONTENT_STATUS_ACTIVE && FromProto(s.expires_at()) <= now) s.set_status(v1::CONTENT_STATUS_EXPIRED);
    if (!request.include_positions()) {
      s.mutable_at()->set_x(0);
      s.mutable_at()->set_y(0);
    }
  }
  std::erase_if(spots, [&](const v1::DigSpot& s) {
    return (!request.map().empty() && s.at().map() != request.map()) ||
           (!request.include_inactive() && s.status() != v1::CONTENT_STATUS_ACTIVE);
  });
  std::stable_sort(spots.begin(), spots.end(), [](const v1::DigSpot& a, const v1::DigSpot& b) {
    const absl::Time ta = FromProto(a.created_at()), tb = FromProto(b.created_at());
    if (ta != tb) return ta > tb;
    if (a.spot_id().size() != b.spot_id().size()) return a.spot_id().size() > b.spot_id().size();
    return a.spot_id() > b.spot_id();
  });
  v1::ListDigSpotsResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < spots.size() && i < *offset + size; ++i) *response.add_spots() = spots[i];
  if (*offset + size < spots.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

absl::StatusOr<v1::GetArchaeologyProgressResponse> GetArchaeologyProgress(agentkit::StateStore& archaeology_state,
                                                                           const v1::GetArchaeologyProgressRequest& request,
                                                                           absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.char_id() < 150000) return absl::InvalidArgumentError("char_id: must be >= 150000");
  ArchaeologyStore store(archaeology_state, request.server_id());
  v1::GetArchaeologyProgressResponse response;
  if (!store.HasProgress(request.char_id())) {
    response.mutable_progress()->set_char_id(request.char_id());
    return response;
  }
  v1::ArchaeologyProgress progress = store.Progress(request.char_id());
  for (const std::string& map : store.OpenSecrets(request.char_id(), now)) progress.add_open_secret_maps(map);
  *response.mutable_progress() = std::move(progress);
  return response;
}

}  // namespace aiworld::procedural
