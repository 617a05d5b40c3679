#include "services/procedural/event_chain/event_chain_agent.h"

#include "runtime/proto_time.h"

namespace aiworld::procedural {
namespace {

v1::JobSpec Every(const char* name, absl::Duration every, const char* description) {
  v1::JobSpec j;
  j.set_name(name);
  j.set_description(description);
  *j.mutable_schedule()->mutable_interval()->mutable_every() = ToProto(every);
  j.mutable_timeout()->set_seconds(60);
  return j;
}

}  // namespace

std::vector<v1::EventKind> EventChainAgent::subscriptions() const {
  return {v1::EVENT_KIND_MONSTER_KILLED, v1::EVENT_KIND_NPC_INTERACTION};
}

std::vector<v1::JobSpec> EventChainAgent::jobs() const {
  return {Every(kChainAdvanceJob, absl::Minutes(30), "expire chains after 7 days; end steps 24 h old (timeout)"),
          Every(kChainMaybeStartJob, absl::Hours(2), "10% chance of a new chain when more than 5 are online")};
}

std::vector<v1::ActionKind> EventChainAgent::emitted_actions() const {
  return {v1::ACTION_KIND_BROADCAST,     v1::ACTION_KIND_SPAWN_MONSTER, v1::ACTION_KIND_REMOVE_MONSTERS,
          v1::ACTION_KIND_SPAWN_NPC,     v1::ACTION_KIND_REMOVE_NPC,    v1::ACTION_KIND_NPC_SAY,
          v1::ACTION_KIND_GIVE_REWARD};
}

absl::Status EventChainAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                           std::vector<v1::Action>* actions) {
  ChainStore store(*ctx.state, ctx.server_id);
  for (const v1::RoutedEvent* e : events) {
    if (e->event().has_monster_killed()) runner_.OnKill(ctx, *e, store, actions);
    if (e->event().has_npc_interaction()) runner_.OnTalk(ctx, *e, store, actions);
  }
  return absl::OkStatus();
}

absl::Status EventChainAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  ChainStore store(*ctx.state, ctx.server_id);
  if (job == kChainAdvanceJob) {
    runner_.Advance(ctx, store, ActionCauseRef::Job(job), actions);
  } else if (job == kChainMaybeStartJob) {
    runner_.MaybeStart(ctx, store, ActionCauseRef::Job(job), actions);
  } else {
    return Agent::RunJob(ctx, job, actions);
  }
  return absl::OkStatus();
}

}  // namespace aiworld::procedural
