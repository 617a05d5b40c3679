#include "services/core/storyline/storyline_queries.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/core/storyline/story_store.h"

namespace aiworld::core {

absl::StatusOr<v1::GetStoryArcResponse> GetStoryArc(agentkit::StateStore& story_state, const v1::GetStoryArcRequest& request) {
  if (absl::Status s = CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.arc_id().size() > 64) return absl::InvalidArgumentError("arc_id: at most 64 bytes");
  StoryStore store(story_state);
  std::string arc_id = request.arc_id();
  if (arc_id.empty()) {
    std::optional<std::string> active = store.ActiveArcId(request.server_id());
    if (!active.has_value()) return absl::NotFoundError(absl::StrCat("arc_id: no active arc on server ", request.server_id()));
    arc_id = *active;
  }
  std::optional<v1::StoryArc> arc = store.Arc(arc_id);
  if (!arc.has_value() || arc->server_id() != request.server_id()) {
    return absl::NotFoundError(absl::StrCat("arc_id: no arc ", arc_id, " on server ", request.server_id()));
  }
  arc->set_participants(static_cast<uint32_t>(store.Participants(arc_id).size()));
  v1::GetStoryArcResponse response;
  *response.mutable_arc() = *std::move(arc);
  return response;
}

absl::StatusOr<v1::ListStoryArcsResponse> ListStoryArcs(agentkit::StateStore& story_state,
                                                        const v1::ListStoryArcsRequest& request) {
  if (absl::Status s = CheckServerId(request.server_id()); !s.ok()) return s;
  if (!v1::StoryArcStatus_IsValid(request.status())) return absl::InvalidArgumentError("status: unknown value");
  absl::StatusOr<size_t> offset = PageOffset(request.page());
  if (!offset.ok()) return offset.status();
  StoryStore store(story_state);
  std::vector<v1::StoryArc> arcs = store.Arcs(request.server_id());
  std::erase_if(arcs, [&](const v1::StoryArc& a) {
    return request.status() != v1::STORY_ARC_STATUS_UNSPECIFIED && a.status() != request.status();
  });
  std::stable_sort(arcs.begin(), arcs.end(), [](const v1::StoryArc& a, const v1::StoryArc& b) {
    const absl::Time ta = FromProto(a.started_at()), tb = FromProto(b.started_at());
    if (ta != tb) return ta > tb;
    return ArcNumberOf(a.arc_id()) > ArcNumberOf(b.arc_id());
  });
  v1::ListStoryArcsResponse response;
  const size_t size = PageSize(request.page());
  for (size_t i = *offset; i < arcs.size() && i < *offset + size; ++i) {
    v1::StoryArc* out = response.add_arcs();
    *out = arcs[i];
    out->clear_chapters();
    for (const v1::StoryChapter& c : arcs[i].chapters()) {
      v1::StoryChapter* brief = out->add_chapters();
      brief->set_number(c.number());
      brief->set_title(c.title());
      brief->set_status(c.status());
      brief->set_outcome(c.outcome());
    }
    out->set_participants(static_cast<uint32_t>(store.Participants(arcs[i].arc_id()).size()));
  }
  if (*offset + size < arcs.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

absl::StatusOr<v1::GenerateStoryArcResponse> GenerateStoryArc(const Storyline& storyline, const agentkit::AgentContext& ctx,
                                                              const v1::GenerateStoryArcRequest& request,
                                                              std::vector<v1::Action>* actions) {
  absl::StatusOr<Storyline::Generated> generated = storyline.Generate(ctx, request, actions);
  if (!generated.ok()) return generated.status();
  v1::GenerateStoryArcResponse response;
  *response.mutable_arc() = std::move(generated->arc);
  response.set_activated(generated->activated);
  return response;
}

absl::StatusOr<v1::RecordChoiceResponse> RecordChoice(const Storyline& storyline, const agentkit::AgentContext& ctx,
                                                      const v1::RecordChoiceRequest& request) {
  return storyline.RecordChoice(ctx, request);
}

}  // namespace aiworld::core
