#include "services/agentkit/action_envelope.h"

#include "runtime/proto_time.h"

namespace aiworld::agentkit {

std::set<uint32_t> KillCredits(const v1::GameEvent& kill) {
  const v1::MonsterKilled& k = kill.monster_killed();
  std::set<uint32_t> out;
  auto add = [&](uint32_t id) {
    if (id != 0) out.insert(id);
  };
  add(kill.char_id());
  add(k.last_hit_char_id());
  for (uint32_t id : k.party_member_char_ids()) add(id);
  for (uint32_t id : k.damage_dealer_char_ids()) add(id);
  return out;
}

v1::EventRef EventRefOf(const AgentContext& ctx, const v1::RoutedEvent& event) {
  v1::EventRef ref;
  ref.set_server_id(ctx.server_id);
  ref.set_batch_sequence(ctx.batch_sequence);
  ref.set_event_index(event.index());
  ref.set_event_id(event.event().event_id());
  return ref;
}

v1::Action ActionForEvent(const AgentContext& ctx, const v1::RoutedEvent& cause, std::string key, v1::Priority priority,
                          v1::Tier tier) {
  v1::Action a;
  a.set_idempotency_key(std::move(key));
  a.set_priority(priority);
  a.mutable_origin()->set_tier(tier);
  a.mutable_target()->set_char_id(cause.event().char_id());
  *a.mutable_cause()->add_events() = EventRefOf(ctx, cause);
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
