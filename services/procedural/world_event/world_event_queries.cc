#include "services/procedural/world_event/world_event_queries.h"

#include <algorithm>

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/procedural/world_event/world_event_book.h"

namespace aiworld::procedural {

absl::StatusOr<v1::ListWorldEventsResponse> ListWorldEvents(agentkit::StateStore& world_event_state,
                                                           const v1::ListWorldEventsRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  std::vector<v1::WorldEvent> events = WorldEventBook(world_event_state).OfServer(request.server_id());
  if (!request.include_inactive()) {
    std::erase_if(events, [](const v1::WorldEvent& e) { return e.status() != v1::CONTENT_STATUS_ACTIVE; });
  }
  std::stable_sort(events.begin(), events.end(), [](const v1::WorldEvent& a, const v1::WorldEvent& b) {
    const absl::Time ta = FromProto(a.started_at()), tb = FromProto(b.started_at());
    if (ta != tb) return ta > tb;
    return a.event_id() > b.event_id();
  });
  v1::ListWorldEventsResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < events.size() && i < *offset + size; ++i) *response.add_events() = events[i];
  if (*offset + size < events.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

}  // namespace aiworld::procedural
