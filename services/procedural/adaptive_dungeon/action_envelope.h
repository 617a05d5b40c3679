#pragma once
// The envelope of an action a procedural agent emits: its idempotency key, its cause (the event
// that caused it, or the job slot that runs "now"), its target and its decision tier.
#include <string>

#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/agent_group.pb.h"
#include "services/agentkit/agent.h"

namespace aiworld::procedural {

struct ActionCauseRef {
  const v1::RoutedEvent* event = nullptr;  // set for HandleEvents
  std::string job;                         // set for RunJob
  std::string summary;                     // optional, 0..200 bytes

  static ActionCauseRef Event(const v1::RoutedEvent& e, std::string summary = "") {
    ActionCauseRef c;
    c.event = &e;
    c.summary = std::move(summary);
    return c;
  }
  static ActionCauseRef Job(std::string job, std::string summary = "") {
    ActionCauseRef c;
    c.job = std::move(job);
    c.summary = std::move(summary);
    return c;
  }
};

v1::Action NewAction(const agentkit::AgentContext& ctx, std::string key, const ActionCauseRef& cause,
                     v1::Tier tier = v1::TIER_RULES);

}  // namespace aiworld::procedural
