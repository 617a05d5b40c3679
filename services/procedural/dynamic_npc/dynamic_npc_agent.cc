#include "services/procedural/dynamic_npc/dynamic_npc_agent.h"

#include <algorithm>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/dynamic_npc/npc_roster.h"
#include "services/procedural/dynamic_npc/npc_talk.h"
#include "services/procedural/dynamic_npc/npc_types.h"

namespace aiworld::procedural {
namespace {

v1::JobSpec DailyJob(const char* name, uint32_t hour, uint32_t minute, const char* description) {
  v1::JobSpec j;
  j.set_name(name);
  j.set_description(description);
  j.mutable_schedule()->mutable_daily()->set_hour(hour);
  j.mutable_schedule()->mutable_daily()->set_minute(minute);
  j.mutable_timeout()->set_seconds(60);
  return j;
}

v1::Action RemoveAction(const agentkit::AgentContext& ctx, const std::string& job, const v1::DynamicNpc& npc) {
  v1::Action a = agentkit::ActionForJob(ctx, job, absl::StrCat("dynamic_npc/", npc.npc_tag(), "/remove"),
                           absl::StrCat(npc.name(), " leaves ", npc.at().map()));
  a.set_priority(v1::PRIORITY_URGENT);
  a.mutable_target()->set_map(npc.at().map());
  a.mutable_remove_npc()->set_npc_tag(npc.npc_tag());
  return a;
}

}  // namespace

std::vector<v1::JobSpec> DynamicNpcAgent::jobs() const {
  return {DailyJob(kJobSpawnNpcs, 6, 0, "roaming NPCs on quiet maps (3 a day, at most 5 alive)"),
          DailyJob(kJobDespawnNpcs, 23, 59, "roaming NPCs leave at the end of their day")};
}

std::vector<v1::ActionKind> DynamicNpcAgent::emitted_actions() const {
  return {v1::ACTION_KIND_SPAWN_NPC,   v1::ACTION_KIND_REMOVE_NPC,   v1::ACTION_KIND_NPC_SAY,
          v1::ACTION_KIND_GIVE_REWARD, v1::ACTION_KIND_APPLY_STATUS, v1::ACTION_KIND_BROADCAST};
}

absl::Status DynamicNpcAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job == kJobSpawnNpcs) {
    Spawn(ctx, actions);
  } else if (job == kJobDespawnNpcs) {
    // The 23:59 run takes the NPCs leaving at 23:59:59 (and any a missed run left behind).
    Despawn(ctx, ctx.now + absl::Minutes(1), actions);
  } else {
    return Agent::RunJob(ctx, job, actions);
  }
  return absl::OkStatus();
}

void DynamicNpcAgent::Despawn(agentkit::AgentContext& ctx, absl::Time due, std::vector<v1::Action>* actions) const {
  NpcRoster roster(*ctx.state, ctx.server_id);
  for (v1::DynamicNpc& npc : roster.All()) {
    if (npc.status() != v1::CONTENT_STATUS_ACTIVE || FromProto(npc.despawns_at()) > due) continue;
    npc.set_status(v1::CONTENT_STATUS_EXPIRED);
    roster.Put(npc);
    actions->push_back(RemoveAction(ctx, kJobDespawnNpcs, npc));
  }
}

void DynamicNpcAgent::Spawn(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  NpcRoster roster(*ctx.state, ctx.server_id);
  // A missed despawn run must not hold a slot of the five.
  for (v1::DynamicNpc& npc : roster.All()) {
    if (npc.status() == v1::CONTENT_STATUS_ACTIVE && FromProto(npc.despawns_at()) <= ctx.now) {
      npc.set_status(v1::CONTENT_STATUS_EXPIRED);
      roster.Put(npc);
      actions->push_back(RemoveAction(ctx, kJobSpawnNpcs, npc));
    }
    if (npc.status() != v1::CONTENT_STATUS_ACTIVE && ctx.now - FromProto(npc.despawns_at()) > kRoamingNpcRetention) {
      roster.Forget(npc.npc_tag());
    }
  }

  std::vector<SpawnPlan> plans = planner_.Plan(ctx.world, roster, ctx.server_id, ctx.now, options_.daily_count, *ctx.random);
  std::vector<std::string> places;
  for (SpawnPlan& plan : plans) {
    v1::DynamicNpc& npc = plan.npc;
    const NpcTypeInfo* type = FindNpcType(npc.type());
    npc.set_name(core::CleanText(ctx, agentkit::TextKind::kName, npc.name(), "Wanderer", 23));
    roster.Put(npc);
    roster.SetPersonality(npc.npc_tag(), plan.personality);

    v1::Action a = agentkit::ActionForJob(ctx, kJobSpawnNpcs, absl::StrCat("dynamic_npc/", npc.npc_tag(), "/spawn"),
                             absl::StrCat("a ", type->label, " on quiet ", npc.at().map()));
    a.mutable_target()->set_map(npc.at().map());
    v1::SpawnNpc* spawn = a.mutable_spawn_npc();
    spawn->set_template_name(kRoamingNpcTemplate);
    spawn->set_npc_tag(npc.npc_tag());
    *spawn->mutable_at() = npc.at();
    spawn->set_facing(4);
    spawn->set_sprite_id(npc.sprite_id());
    spawn->set_display_name(npc.name());
    auto& params = *spawn->mutable_parameters();
    params["type"] = type->key;
    params["quest"] = type->quest;
    params["tier"] = TierName(type->tier);
    params["required_level"] = std::to_string(npc.required_level());
    params["persona"] = EncodePersonality(plan.personality);
    params["mood"] = core::MoodName(core::MoodOf(plan.personality));
    params["backstory"] = core::CleanText(ctx, agentkit::TextKind::kDialogue, npc.backstory(), type->backstory, 255);
    *spawn->mutable_ttl() = ToProto(std::max(absl::Minutes(1), FromProto(npc.despawns_at()) - ctx.now));
    actions->push_back(std::move(a));
    places.push_back(npc.at().map());
  }
  if (places.empty()) return;
  v1::Action told = agentkit::ActionForJob(ctx, kJobSpawnNpcs, absl::StrCat("dynamic_npc/", plans.front().npc.npc_tag(), "/announce"),
                              "roaming NPCs announced");
  v1::Broadcast* b = told.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_BLUE);
  b->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast,
                              absl::StrCat("Travellers have been seen near ", absl::StrJoin(places, ", "), " today."),
                              "Travellers have been seen on quiet roads today.", 255));
  actions->push_back(std::move(told));
}

absl::Status DynamicNpcAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                           std::vector<v1::Action>* actions) {
  for (const v1::RoutedEvent* e : events) {
    if (e->event().has_npc_interaction()) OnInteraction(ctx, *e, actions);
  }
  return absl::OkStatus();
}

void DynamicNpcAgent::OnInteraction(agentkit::AgentContext& ctx, const v1::RoutedEvent& e,
                                    std::vector<v1::Action>* actions) const {
  const v1::GameEvent& ev = e.event();
  const v1::NpcInteraction& talk = ev.npc_interaction();
  if (ev.char_id() == 0 || !absl::StartsWith(talk.npc_tag(), kRoamingTagPrefix)) return;
  if (talk.kind() != v1::NPC_INTERACTION_KIND_CLICK && talk.kind() != v1::NPC_INTERACTION_KIND_MENU_CHOICE) return;
  NpcRoster roster(*ctx.state, ctx.server_id);
  std::optional<v1::DynamicNpc> npc = roster.Get(talk.npc_tag());
  if (!npc.has_value() || npc->status() != v1::CONTENT_STATUS_ACTIVE || FromProto(npc->despawns_at()) <= ctx.now) return;
  const NpcTypeInfo* type = FindNpcType(npc->type());
  if (type == nullptr) return;

  npc->set_interaction_count(npc->interaction_count() + 1);
  roster.Put(*npc);
  const bool rewarded = roster.Rewarded(npc->npc_tag(), ev.char_id());
  const TalkSituation situation =
      SituationFor(*npc, ev.base_level(), rewarded, roster.RewardCount(npc->npc_tag()), options_.max_rewards_per_npc);
  const core::Personality personality = roster.PersonalityOf(npc->npc_tag()).value_or(type->archetype);
  const NpcLine line = DecideNpcLine(ctx, *npc, personality, situation);

  const std::string prefix = absl::StrCat("dynamic_npc/", npc->npc_tag(), "/");
  v1::Action say = agentkit::ActionForEvent(ctx, e, absl::StrCat(prefix, "say/", ctx.batch_sequence, "/", e.index()), v1::PRIORITY_HIGH);
  say.mutable_origin()->set_tier(line.tier);
  v1::NpcSay* s = say.mutable_npc_say();
  s->mutable_npc()->set_tag(npc->npc_tag());
  s->set_char_id(ev.char_id());
  s->set_text(line.text);
  s->set_mode(v1::NPC_SAY_MODE_OVERHEAD);
  if (std::optional<uint32_t> emotion = core::EmotionOf(core::MoodOf(personality))) s->set_emotion(*emotion);
  actions->push_back(std::move(say));
  if (situation != TalkSituation::kReward) return;

  roster.MarkRewarded(npc->npc_tag(), ev.char_id());
  v1::Action reward = agentkit::ActionForEvent(ctx, e, absl::StrCat(prefix, "reward/", ev.char_id()), v1::PRIORITY_HIGH);
  v1::GiveReward* give = reward.mutable_give_reward();
  give->set_char_id(ev.char_id());
  *give->mutable_reward() = RollReward(type->tier, *ctx.random);
  give->set_reason(core::CutAtWord(
      core::CleanText(ctx, agentkit::TextKind::kDialogue, absl::StrCat("A gift from ", npc->name()), "A traveller's gift", 100),
      100));
  give->set_notify(true);
  actions->push_back(std::move(reward));
  if (!GrantsBuffs(type->tier)) return;
  for (const char* status : {"SC_INCATKRATE", "SC_INCMATKRATE"}) {
    v1::Action buff = agentkit::ActionForEvent(ctx, e, absl::StrCat(prefix, "buff/", ev.char_id(), "/", status), v1::PRIORITY_HIGH);
    v1::ApplyStatus* apply = buff.mutable_apply_status();
    apply->set_char_id(ev.char_id());
    apply->set_status(status);
    apply->set_value1(10);  // +10%
    *apply->mutable_duration() = ToProto(absl::Hours(1));
    actions->push_back(std::move(buff));
  }
}

uint64_t DynamicNpcAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return NpcRoster::EraseCharacters(state, char_ids);
}

}  // namespace aiworld::procedural
