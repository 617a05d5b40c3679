#include "services/agentkit/action_envelope.h"

#include "runtime/proto_time.h"

namespace aiworld::agentkit {

v1::Action ActionForEvent(const AgentContext& ctx, const v1::RoutedEvent& cause, std::string key, v1::Priority priority,
                          v1::Tier tier) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  a.set_priority(priority);
  a.mutable_origin()->set_tier(tier);
  a.mutable_target()->set_char_id(cause.event().char_id());
  v1::EventRef* ref = a.mutable_cause()->add_events();
  ref->set_server_id(ctx.server_id);
  ref->set_batch_sequence(ctx.batch_sequence);
  ref->set_event_index(cause.index());
  ref->set_event_id(cause.event().event_id());
  return a;
}

v1::Action ActionForJob(const AgentContext& ctx, const std::string& job, std::string key, const std::string& summary,
                        v1::Tier tier) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  a.mutable_origin()->set_tier(tier);
  a.mutable_cause()->mutable_job()->set_job(job);
  *a.mutable_cause()->mutable_job()->mutable_slot() = ToProto(ctx.now);
  if (!summary.empty()) a.mutable_cause()->set_summary(summary.substr(0, 200));
  return a;
}

}  // namespace aiworld::agentkit
