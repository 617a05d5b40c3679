#include "services/progression/social/social_queries.h"

#include <algorithm>

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/progression/social/social_book.h"

namespace aiworld::progression {
namespace {

// Newest first by `at`, then by the number in the id ("social_10" after "social_9").
template <typename T, typename At, typename Id>
void NewestFirst(std::vector<T>& items, At at, Id id) {
  std::stable_sort(items.begin(), items.end(), [&](const T& a, const T& b) {
    const absl::Time ta = FromProto(at(a)), tb = FromProto(at(b));
    if (ta != tb) return ta > tb;
    if (id(a).size() != id(b).size()) return id(a).size() > id(b).size();
    return id(a) > id(b);
  });
}

}  // namespace

absl::StatusOr<v1::ListSocialEventsResponse> ListSocialEvents(agentkit::StateStore& social_state,
                                                              const v1::ListSocialEventsRequest& request, absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();
  std::vector<v1::SocialEvent> events = SocialBook(social_state).Events(request.server_id());
  std::erase_if(events, [&](const v1::SocialEvent& e) {
    const bool running = e.status() == v1::CONTENT_STATUS_ACTIVE && now < FromProto(e.ends_at());
    return !request.include_inactive() && !running;
  });
  NewestFirst(events, [](const v1::SocialEvent& e) { return e.starts_at(); }, [](const v1::SocialEvent& e) { return e.event_id(); });
  v1::ListSocialEventsResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < events.size() && i < *offset + size; ++i) *response.add_events() = events[i];
  if (*offset + size < events.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

absl::StatusOr<v1::ListGuildTasksResponse> ListGuildTasks(agentkit::StateStore& social_state,
                                                          const v1::ListGuildTasksRequest& request, absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();
  std::vector<v1::GuildTask> tasks = SocialBook(social_state).Tasks(request.server_id());
  std::erase_if(tasks, [&](const v1::GuildTask& t) {
    if (request.guild_id() != 0 && t.guild_id() != request.guild_id()) return true;
    const bool running = t.status() == v1::CONTENT_STATUS_ACTIVE && now < FromProto(t.expires_at());
    return !request.include_inactive() && !running;
  });
  NewestFirst(tasks, [](const v1::GuildTask& t) { return t.created_at(); }, [](const v1::GuildTask& t) { return t.task_id(); });
  v1::ListGuildTasksResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < tasks.size() && i < *offset + size; ++i) *response.add_tasks() = tasks[i];
  if (*offset + size < tasks.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

}  // namespace aiworld::progression
