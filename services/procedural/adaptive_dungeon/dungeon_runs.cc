#include "services/procedural/adaptive_dungeon/dungeon_runs.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/adaptive_dungeon/action_envelope.h"

namespace aiworld::procedural {
namespace {

using core::CleanText;

std::string RunKey(const Instance& run, const std::string& what) {
  return absl::StrCat("adaptive_dungeon/", run.day, "/run/", run.id, "/", what);
}

void GateSay(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, const std::string& text,
             std::vector<v1::Action>* actions) {
  const v1::GameEvent& ev = e.event();
  v1::Action a = NewAction(ctx, absl::StrCat("adaptive_dungeon/gate_say/", ctx.batch_sequence, "/", e.index()), ActionCauseRef::Event(e));
  a.set_priority(v1::PRIORITY_HIGH);
  a.mutable_target()->set_char_id(ev.char_id());
  v1::NpcSay* say = a.mutable_npc_say();
  say->mutable_npc()->set_tag(ev.npc_interaction().npc_tag());
  say->set_char_id(ev.char_id());
  say->set_mode(v1::NPC_SAY_MODE_OVERHEAD);
  say->set_text(CleanText(ctx, agentkit::TextKind::kDialogue, text, "The gate hums quietly.", 255));
  actions->push_back(std::move(a));
}

void TellPlayer(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, std::string key, uint32_t char_id,
                const std::string& text, std::vector<v1::Action>* actions) {
  v1::Action a = NewAction(ctx, std::move(key), cause);
  a.mutable_target()->set_char_id(char_id);
  v1::Broadcast* b = a.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_PLAYER);
  b->set_char_id(char_id);
  b->set_style(v1::BROADCAST_STYLE_BLUE);
  b->set_text(CleanText(ctx, agentkit::TextKind::kBroadcast, text, "The dungeon calls.", 255));
  actions->push_back(std::move(a));
}

void SetVariable(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, std::string key, uint32_t char_id,
                 const std::string& name, const std::string* text, int64_t number, std::vector<v1::Action>* actions) {
  v1::Action a = NewAction(ctx, std::move(key), cause);
  a.mutable_target()->set_char_id(char_id);
  v1::SetCharVariable* v = a.mutable_set_char_variable();
  v->set_char_id(char_id);
  v->set_name(name);
  if (text != nullptr) {
    v->set_string_value(*text);
  } else {
    v->set_int_value(number);
  }
  actions->push_back(std::move(a));
}

void RemoveRunMonsters(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, const Instance& run,
                       const std::string& why, std::vector<v1::Action>* actions) {
  v1::Action a = NewAction(ctx, RunKey(run, "remove/" + why), cause);
  a.set_priority(v1::PRIORITY_URGENT);
  a.mutable_target()->set_map(run.map);
  a.mutable_remove_monsters()->set_spawn_tag(run.Tag());
  a.mutable_remove_monsters()->set_map(run.map);
  actions->push_back(std::move(a));
}

int64_t MinutesLeft(const Instance& run, absl::Time now) {
  return std::max<int64_t>(0, absl::ToInt64Minutes(run.deadline - now + absl::Seconds(59)));
}

bool Running(const Instance& run, absl::Time now) {
  return run.status == v1::CONTENT_STATUS_ACTIVE && now < run.deadline;
}

}  // namespace

uint32_t DungeonRuns::FloorTarget(const v1::Dungeon& dungeon, uint32_t floor) {
  uint32_t monsters = 0;
  if (floor >= 1 && floor <= static_cast<uint32_t>(dungeon.floors_size())) {
    for (const v1::DungeonRoom& room : dungeon.floors(static_cast<int>(floor) - 1).rooms()) {
      for (const v1::DungeonMonster& m : room.monsters()) monsters += m.count();
    }
  }
  return std::max<uint32_t>(1, static_cast<uint32_t>(std::ceil(kFloorClearShare * monsters - 1e-9)));
}

void DungeonRuns::OnGate(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, DungeonStore& store,
                         std::vector<v1::Action>* actions) const {
  const v1::GameEvent& ev = e.event();
  const v1::NpcInteraction& npc = ev.npc_interaction();
  if (npc.kind() != v1::NPC_INTERACTION_KIND_CLICK && npc.kind() != v1::NPC_INTERACTION_KIND_MENU_CHOICE) return;
  if (ev.char_id() == 0) return;
  std::optional<DungeonPlan> plan = store.CurrentPlan();
  if (!plan.has_value() || npc.npc_tag() != GateTag(plan->dungeon.day())) return;
  const ActionCauseRef cause = ActionCauseRef::Event(e, "gate interaction");
  if (ctx.now >= FromProto(plan->dungeon.expires_at())) {
    GateSay(ctx, e, "The gate is sealed. A new dungeon opens after midnight.", actions);
    return;
  }
  ExpireDue(ctx, cause, store, actions);
  std::vector<Instance> runs = store.Instances();
  for (const Instance& run : runs) {
    if (!Running(run, ctx.now) || !run.HasMember(ev.char_id())) continue;
    GateSay(ctx, e,
            absl::StrCat("Your party is inside at ", run.map, ", floor ", run.floor, " of ", run.floors, ", ",
                         MinutesLeft(run, ctx.now), " minutes left."),
            actions);
    Admit(ctx, cause, run, ev.char_id(), actions);
    return;
  }
  const uint32_t party = ev.party_id();
  if (party == 0) {
    GateSay(ctx, e, absl::StrCat("Only parties of ", kPartyMin, " to ", kPartyMax, " may enter. Form a party first."),
            actions);
    return;
  }
  for (Instance& run : runs) {
    if (!Running(run, ctx.now) || run.party_id != party) continue;
    if (run.members.size() >= kPartyMax) {
      GateSay(ctx, e, absl::StrCat("Your party already has ", kPartyMax, " inside."), actions);
      return;
    }
    run.members.push_back(ev.char_id());
    store.PutInstance(run);
    GateSay(ctx, e, absl::StrCat("Your party fights at ", run.map, ". Hurry, ", MinutesLeft(run, ctx.now), " minutes left."),
            actions);
    Admit(ctx, cause, run, ev.char_id(), actions);
    return;
  }

  GateWait wait;
  if (std::optional<GateWait> known = store.GetWait(party); known.has_value() && ctx.now - known->since <= kGateWait) {
    wait = *known;
  } else {
    wait.since = ctx.now;
  }
  if (std::find(wait.members.begin(), wait.members.end(), ev.char_id()) == wait.members.end()) {
    wait.members.push_back(ev.char_id());
  }
  if (wait.members.size() < kPartyMin) {
    store.PutWait(party, wait);
    GateSay(ctx, e,
            absl::StrCat(wait.members.size(), " of ", kPartyMin,
                         " party members ready. Another member must step up to the gate."),
            actions);
    return;
  }
  std::set<std::string> taken;
  for (const Instance& run : runs) {
    if (Running(run, ctx.now)) taken.insert(run.map);
  }
  for (const std::string& map : plan->instance_maps) {
    if (taken.contains(map)) continue;
    store.EraseWait(party);
    Open(ctx, e, *plan, wait.members, party, map, store, actions);
    return;
  }
  store.PutWait(party, wait);
  GateSay(ctx, e, "Every chamber of the dungeon is taken. Try again in a few minutes.", actions);
}

void DungeonRuns::Open(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, const DungeonPlan& plan,
                       std::vector<uint32_t> members, uint32_t party_id, const std::string& map, DungeonStore& store,
                       std::vector<v1::Action>* actions) const {
  Instance run;
  run.id = store.NextInstanceId();
  run.day = plan.dungeon.day();
  run.party_id = party_id;
  run.members = std::move(members);
  run.map = map;
  run.started_at = ctx.now;
  run.deadline = ctx.now + FromProto(plan.dungeon.time_limit());
  run.floors = static_cast<uint32_t>(plan.dungeon.floors_size());
  const ActionCauseRef cause = ActionCauseRef::Event(e, absl::StrCat("party ", party_id, " entered the dungeon"));
  SpawnFloor(ctx, cause, plan.dungeon, run, actions);
  store.PutInstance(run);

  // Removal at the deadline, whatever happens (the spawns' ttl does the same on the game's side).
  v1::Action remove = NewAction(ctx, RunKey(run, "remove/deadline"), cause);
  remove.mutable_target()->set_map(run.map);
  *remove.mutable_not_before() = ToProto(run.deadline);
  *remove.mutable_expires_at() = ToProto(run.deadline + absl::Minutes(10));
  remove.mutable_remove_monsters()->set_spawn_tag(run.Tag());
  remove.mutable_remove_monsters()->set_map(run.map);
  actions->push_back(std::move(remove));

  for (uint32_t member : run.members) Admit(ctx, cause, run, member, actions);
  GateSay(ctx, e, absl::StrCat("The gate opens onto ", run.map, ". ", run.floors, " floors and ",
                               absl::ToInt64Minutes(run.deadline - run.started_at), " minutes. Go!"),
          actions);
}

void DungeonRuns::Admit(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, const Instance& run,
                        uint32_t char_id, std::vector<v1::Action>* actions) const {
  const std::string who = absl::StrCat("member/", char_id, "/");
  SetVariable(ctx, cause, RunKey(run, who + "map"), char_id, "aiw_dgn_map", &run.map, 0, actions);
  SetVariable(ctx, cause, RunKey(run, who + "until"), char_id, "aiw_dgn_until", nullptr,
              absl::ToUnixSeconds(run.deadline), actions);
  TellPlayer(ctx, cause, RunKey(run, who + "welcome"), char_id,
             absl::StrCat("Dungeon run on ", run.map, ": clear ", run.floors, " floors and slay the boss on floor ",
                          run.floors, " before time runs out."),
             actions);
}

void DungeonRuns::SpawnFloor(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, const v1::Dungeon& dungeon,
                             Instance& run, std::vector<v1::Action>* actions) const {
  run.kills = 0;
  run.target = FloorTarget(dungeon, run.floor);
  const v1::DungeonFloor& floor = dungeon.floors(static_cast<int>(run.floor) - 1);
  const absl::Duration ttl = std::max(absl::Seconds(1), run.deadline - ctx.now);
  for (const v1::DungeonRoom& room : floor.rooms()) {
    for (int j = 0; j < room.monsters_size(); ++j) {
      const v1::DungeonMonster& m = room.monsters(j);
      const MonsterInfo* info = catalogue_.FindMonster(m.mob_id());
      if (info == nullptr) continue;
      v1::Action a = NewAction(ctx, RunKey(run, absl::StrCat("floor/", run.floor, "/room/", room.index(), "/", j)), cause);
      a.mutable_target()->set_map(run.map);
      v1::SpawnMonster* s = a.mutable_spawn_monster();
      s->mutable_at()->set_map(run.map);
      s->set_mob_id(m.mob_id());
      s->set_amount(std::clamp<uint32_t>(m.count(), 1, 100));
      if (m.elite()) {
        s->set_display_name(CleanText(ctx, agentkit::TextKind::kName, "Elite " + info->name, info->name, 23));
        s->set_hp_percent(kEliteHpPercent);
        s->set_atk_percent(kEliteAtkPercent);
      }
      *s->mutable_ttl() = ToProto(ttl);
      s->set_spawn_tag(run.Tag());
      actions->push_back(std::move(a));
    }
  }
}

void DungeonRuns::OnKill(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, DungeonStore& store,
                         std::vector<v1::Action>* actions) const {
  const v1::GameEvent& ev = e.event();
  const v1::MonsterKilled& kill = ev.monster_killed();
  const uint64_t id = InstanceIdOfTag(kill.spawn_tag());
  if (id == 0) return;
  std::optional<Instance> run = store.GetInstance(id);
  if (!run.has_value() || run->status != v1::CONTENT_STATUS_ACTIVE) return;
  const ActionCauseRef cause = ActionCauseRef::Event(e, absl::StrCat("kill in dungeon run ", id));
  if (ctx.now >= run->deadline) {
    Expire(ctx, cause, *run, actions);
    store.PutInstance(*run);
    return;
  }
  const uint32_t killer_party = kill.party_id() != 0 ? kill.party_id() : ev.party_id();
  if (killer_party == run->party_id) {
    std::vector<uint32_t> fighters(kill.party_member_char_ids().begin(), kill.party_member_char_ids().end());
    fighters.push_back(ev.char_id());
    for (uint32_t c : fighters) {
      if (c != 0 && !run->HasMember(c) && run->members.size() < kPartyMax) run->members.push_back(c);
    }
  }
  std::optional<DungeonPlan> plan = store.PlanOf(run->day);
  if (!plan.has_value()) return;
  if (run->floor == run->floors && kill.mob_id() == plan->boss_mob_id) {
    Clear(ctx, cause, *plan, *run, actions);
  } else {
    ++run->kills;
    if (run->floor < run->floors && run->kills >= run->target) {
      ++run->floor;
      SpawnFloor(ctx, cause, plan->dungeon, *run, actions);
      v1::Action told = NewAction(ctx, RunKey(*run, absl::StrCat("floor/", run->floor, "/open")), cause);
      told.mutable_target()->set_map(run->map);
      v1::Broadcast* b = told.mutable_broadcast();
      b->set_scope(v1::BROADCAST_SCOPE_MAP);
      b->set_map(run->map);
      b->set_text(CleanText(ctx, agentkit::TextKind::kBroadcast,
                            absl::StrCat("Floor ", run->floor, " of ", run->floors, " opens.",
                                         run->floor == run->floors ? " The boss awaits." : ""),
                            "The next floor opens.", 255));
      actions->push_back(std::move(told));
    }
  }
  store.PutInstance(*run);
}

void DungeonRuns::Clear(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, const DungeonPlan& plan,
                        Instance& run, std::vector<v1::Action>* actions) const {
  run.status = v1::CONTENT_STATUS_COMPLETED;
  const std::string theme = ThemeTitle(plan.dungeon.theme());
  const v1::RewardBundle& reward = plan.dungeon.reward();
  const bool any = reward.zeny() > 0 || reward.base_exp() > 0 || reward.job_exp() > 0 || reward.items_size() > 0;
  const std::string cleared;
  for (uint32_t member : run.members) {
    if (any) {
      v1::Action a = NewAction(ctx, RunKey(run, absl::StrCat("reward/", member)), cause);
      a.set_priority(v1::PRIORITY_HIGH);
      a.mutable_target()->set_char_id(member);
      v1::GiveReward* give = a.mutable_give_reward();
      give->set_char_id(member);
      *give->mutable_reward() = reward;
      give->set_reason(CleanText(ctx, agentkit::TextKind::kDialogue, "Cleared the " + theme + " dungeon",
                                 "Dungeon cleared", 100));
      give->set_notify(true);
      *a.mutable_expires_at() = ToProto(ctx.now + absl::Hours(24));
      actions->push_back(std::move(a));
    }
    SetVariable(ctx, cause, RunKey(run, absl::StrCat("member/", member, "/leave")), member, "aiw_dgn_map", &cleared, 0,
                actions);
  }
  RemoveRunMonsters(ctx, cause, run, "cleared", actions);
  v1::Action news = NewAction(ctx, RunKey(run, "cleared"), cause);
  v1::Broadcast* b = news.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_YELLOW);
  b->set_text(CleanText(ctx, agentkit::TextKind::kBroadcast,
                        absl::StrCat("A party of ", run.members.size(), " cleared today's ", theme, " dungeon in ",
                                     absl::ToInt64Minutes(ctx.now - run.started_at), " minutes!"),
                        "A party cleared today's dungeon!", 255));
  actions->push_back(std::move(news));
}

void DungeonRuns::Expire(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, Instance& run,
                         std::vector<v1::Action>* actions) const {
  run.status = v1::CONTENT_STATUS_EXPIRED;
  RemoveRunMonsters(ctx, cause, run, "expired", actions);
  const std::string cleared;
  for (uint32_t member : run.members) {
    SetVariable(ctx, cause, RunKey(run, absl::StrCat("member/", member, "/leave")), member, "aiw_dgn_map", &cleared, 0,
                actions);
    TellPlayer(ctx, cause, RunKey(run, absl::StrCat("member/", member, "/timeout")), member,
               absl::StrCat("Time is up: the dungeon closes on floor ", run.floor, " of ", run.floors, "."), actions);
  }
}

void DungeonRuns::ExpireDue(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, DungeonStore& store,
                            std::vector<v1::Action>* actions) const {
  for (Instance& run : store.Instances()) {
    if (run.status != v1::CONTENT_STATUS_ACTIVE || ctx.now < run.deadline) continue;
    Expire(ctx, cause, run, actions);
    store.PutInstance(run);
  }
}

}  // namespace aiworld::procedural
