#pragma once
// Core.GetStoryArc, ListStoryArcs, GenerateStoryArc and RecordChoice over the storyline's state.
// Bad input is INVALID_ARGUMENT naming the field; unknown arcs NOT_FOUND; generating while an arc
// runs (without dry_run) or choosing in an arc that is not active FAILED_PRECONDITION.
#include <vector>

#include "absl/status/statusor.h"
#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/core.pb.h"
#include "services/agentkit/agent.h"
#include "services/core/storyline/storyline.h"

namespace aiworld::core {

absl::StatusOr<v1::GetStoryArcResponse> GetStoryArc(agentkit::StateStore& story_state, const v1::GetStoryArcRequest& request);
absl::StatusOr<v1::ListStoryArcsResponse> ListStoryArcs(agentkit::StateStore& story_state,
                                                        const v1::ListStoryArcsRequest& request);
// ctx: state = the storyline's store, plus now, world, random (seed it from the request),
// decisions and filter. The activated arc's first chapter is deployed by `actions` (a caller that
// cannot queue them may drop them: the next batch or job deploys the chapter).
absl::StatusOr<v1::GenerateStoryArcResponse> GenerateStoryArc(const Storyline& storyline, const agentkit::AgentContext& ctx,
                                                              const v1::GenerateStoryArcRequest& request,
                                                              std::vector<v1::Action>* actions);
absl::StatusOr<v1::RecordChoiceResponse> RecordChoice(const Storyline& storyline, const agentkit::AgentContext& ctx,
                                                      const v1::RecordChoiceRequest& request);

}  // namespace aiworld::core
