#include "services/procedural/adaptive_dungeon/action_envelope.h"

#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"

namespace aiworld::procedural {

v1::Action NewAction(const agentkit::AgentContext& ctx, std::string key, const ActionCauseRef& cause, v1::Tier tier) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  a.mutable_origin()->set_tier(tier);
  v1::ActionCause* c = a.mutable_cause();
  if (cause.event != nullptr) {
    *c->add_events() = agentkit::EventRefOf(ctx, *cause.event);
  } else {
    c->mutable_job()->set_job(cause.job);
    *c->mutable_job()->mutable_slot() = ToProto(ctx.now);
  }
  if (!cause.summary.empty()) c->set_summary(cause.summary.substr(0, 200));
  return a;
}

}  // namespace aiworld::procedural
