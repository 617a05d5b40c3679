#pragma once
// Core.Talk: one turn of conversation as a direct call, the same reply as the Dialogue agent gives in
// the game (dialogue_reply.h), rate limit and memory included. INVALID_ARGUMENT names the field;
// RESOURCE_EXHAUSTED when the character is over the dialogue rate limit.
#include "absl/status/statusor.h"
#include "aiworld/v1/core.pb.h"
#include "services/agentkit/agent.h"
#include "services/core/dialogue/standing_source.h"

namespace aiworld::core {

absl::Status ValidateTalkRequest(const v1::TalkRequest& request);

// ctx as for Converse (ctx.now is used when the request has no now); the standing is looked up here.
absl::StatusOr<v1::TalkResponse> Talk(const agentkit::AgentContext& ctx, StandingSource& standing, const v1::TalkRequest& request);

}  // namespace aiworld::core
