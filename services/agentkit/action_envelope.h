#pragma once
// The envelope every action an agent emits carries: its idempotency key, its tier, and its cause —
// the event of the batch that led to it (and that event's character as the target), or the job and
// slot that ran. The gateway fills the rest (server, origin group and agent, action id).
#include <cstdint>
#include <set>
#include <string>

#include "aiworld/v1/actions.pb.h"
#include "services/agentkit/agent.h"

namespace aiworld::agentkit {

// Everyone a monster kill credits: the acting character, the last hitter, party members on the
// map and the damage dealers (no zero ids).
std::set<uint32_t> KillCredits(const v1::GameEvent& kill);

// The reference to one event of the batch being handled.
v1::EventRef EventRefOf(const AgentContext& ctx, const v1::RoutedEvent& event);

v1::Action ActionForEvent(const AgentContext& ctx, const v1::RoutedEvent& cause, std::string key,
                          v1::Priority priority = v1::PRIORITY_NORMAL, v1::Tier tier = v1::TIER_RULES);

// summary: a line saying why, 0..200 bytes (cut), empty for none.
v1::Action ActionForJob(const AgentContext& ctx, const std::string& job, std::string key, const std::string& summary = "",
                        v1::Tier tier = v1::TIER_RULES);

}  // namespace aiworld::agentkit
