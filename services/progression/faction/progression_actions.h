#pragma once
// Actions the progression agents (Faction, Reputation, Karma) emit, built one way: a deterministic
// idempotency key, rule tier, a cause (the events of the batch or the job slot), and player-facing
// text cleaned by the context's content filter.
#include <cstdint>
#include <optional>
#include <string>

#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/agent_group.pb.h"
#include "services/agentkit/agent.h"

namespace aiworld::progression {

// "progression/<agent>/b<batch>/<rest>": unique per server (the gateway keys per server) and the
// same when a batch is redelivered.
std::string BatchKey(const agentkit::AgentContext& ctx, const std::string& rest);
// "progression/<agent>/<job>@<slot unix seconds>/<rest>".
std::string JobKey(const agentkit::AgentContext& ctx, const std::string& job, const std::string& rest);

void CauseByEvent(const agentkit::AgentContext& ctx, const v1::RoutedEvent& event, v1::Action& action);
void CauseByJob(const agentkit::AgentContext& ctx, const std::string& job, v1::Action& action);

// SetCharVariable with an integer value (name starts with "aiw_").
v1::Action IntVariable(std::string key, uint32_t char_id, const std::string& name, int64_t value);
// SetCharVariable with a string value (a title), cleaned, at most 64 bytes (`fallback` if refused).
v1::Action StringVariable(const agentkit::AgentContext& ctx, std::string key, uint32_t char_id, const std::string& name,
                          const std::string& text, const std::string& fallback);
// Broadcast to one character.
v1::Action TellPlayer(const agentkit::AgentContext& ctx, std::string key, uint32_t char_id, const std::string& text,
                      const std::string& fallback);
// Broadcast to the whole server, in `color_rgb` when given.
v1::Action TellServer(const agentkit::AgentContext& ctx, std::string key, const std::string& text, const std::string& fallback,
                      std::optional<uint32_t> color_rgb = std::nullopt);

// The UTC game day of `now` on the mesh clock (days since 1970-01-01), for daily caps.
int64_t GameDay(absl::Time now);

}  // namespace aiworld::progression
