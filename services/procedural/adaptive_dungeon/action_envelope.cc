#include "services/procedural/adaptive_dungeon/action_envelope.h"

#include "runtime/proto_time.h"

namespace aiworld::procedural {

v1::Action NewAction(const agentkit::AgentContext& ctx, std::string key, const ActionCauseRef& cause, v1::Tier tier) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  a.mutable_origin()->set_tier(tier);
  v1::ActionCause* c = a.mutable_cause();
  if (cause.event != nullptr) {
    v1::EventRef* ref = c->add_events();
    ref->set_server_id(ctx.server_id);
    ref->set_batch_sequence(ctx.batch_sequence);
    ref->set_event_index(cause.event->index());
    ref->set_event_id(cause.event->event().event_id());
  } else {
    c->mutable_job()->set_job(cause.job);
    *c->mutable_job()->mutable_slot() = ToProto(ctx.now);
  }
  if (!cause.summary.empty()) c->set_summary(cause.summary.substr(0, 200));
  return a;
}

}  // namespace aiworld::procedural
