#include "services/procedural/adaptive_dungeon/adaptive_dungeon_agent.h"

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/adaptive_dungeon/action_envelope.h"
#include "services/procedural/adaptive_dungeon/level_band.h"

namespace aiworld::procedural {
namespace {

int GateSprite(const GameCatalogue& catalogue) {
  const std::vector<const NpcSprite*> portals = catalogue.SpritesWithRole("portal");
  return portals.empty() ? -1 : portals.front()->id;
}

}  // namespace

std::vector<v1::EventKind> AdaptiveDungeonAgent::subscriptions() const {
  return {v1::EVENT_KIND_NPC_INTERACTION, v1::EVENT_KIND_MONSTER_KILLED};
}

std::vector<v1::JobSpec> AdaptiveDungeonAgent::jobs() const {
  v1::JobSpec daily;
  daily.set_name(kDungeonDailyJob);
  daily.set_description("today's dungeon: theme from the dominant faction, floors, rooms, monsters, boss, gate NPC");
  daily.mutable_schedule()->mutable_daily()->set_hour(0);
  daily.mutable_schedule()->mutable_daily()->set_minute(15);
  daily.mutable_timeout()->set_seconds(60);
  return {daily};
}

std::vector<v1::ActionKind> AdaptiveDungeonAgent::emitted_actions() const {
  return {v1::ACTION_KIND_SPAWN_NPC,       v1::ACTION_KIND_REMOVE_NPC,  v1::ACTION_KIND_BROADCAST,
          v1::ACTION_KIND_NPC_SAY,         v1::ACTION_KIND_SPAWN_MONSTER, v1::ACTION_KIND_REMOVE_MONSTERS,
          v1::ACTION_KIND_SET_CHAR_VARIABLE, v1::ACTION_KIND_GIVE_REWARD};
}

absl::Status AdaptiveDungeonAgent::HandleEvents(agentkit::AgentContext& ctx,
                                                const std::vector<const v1::RoutedEvent*>& events,
                                                std::vector<v1::Action>* actions) {
  DungeonStore store(*ctx.state, ctx.server_id);
  for (const v1::RoutedEvent* e : events) {
    if (e->event().has_npc_interaction()) runs_.OnGate(ctx, *e, store, actions);
    if (e->event().has_monster_killed()) runs_.OnKill(ctx, *e, store, actions);
  }
  return absl::OkStatus();
}

absl::Status AdaptiveDungeonAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job,
                                          std::vector<v1::Action>* actions) {
  if (job != kDungeonDailyJob) return Agent::RunJob(ctx, job, actions);
  Daily(ctx, actions);
  return absl::OkStatus();
}

void AdaptiveDungeonAgent::Daily(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  DungeonStore store(*ctx.state, ctx.server_id);
  const ActionCauseRef job = ActionCauseRef::Job(kDungeonDailyJob);
  runs_.ExpireDue(ctx, job, store, actions);
  const std::string today = DayOf(ctx.now);
  const std::optional<DungeonPlan> previous = store.CurrentPlan();
  if (previous.has_value() && previous->dungeon.day() == today) return;  // a re-run of today's slot
  if (previous.has_value()) {
    v1::Action remove = NewAction(ctx, absl::StrCat("adaptive_dungeon/", previous->dungeon.day(), "/gate/remove"), job);
    remove.mutable_target()->set_map(previous->gate.map());
    remove.mutable_remove_npc()->set_npc_tag(GateTag(previous->dungeon.day()));
    actions->push_back(std::move(remove));
  }

  PlanInputs in;
  in.server_id = ctx.server_id;
  in.now = ctx.now;
  in.theme = ChooseTheme(ctx.world, catalogue_);
  in.band = LevelBandOf(ctx.world).value_or(kDefaultLevelBand);
  in.world = ctx.world;
  const DungeonPlan plan = PlanDungeon(in, *ctx.random, catalogue_);
  store.SavePlan(plan);
  store.Prune(DayOf(ctx.now - absl::Hours(24 * 7)));

  const v1::Dungeon& d = plan.dungeon;
  const std::string theme = ThemeTitle(d.theme());
  const MonsterInfo* boss = catalogue_.FindMonster(plan.boss_mob_id);
  core::TitledTextRequest text;
  text.type = "dungeon_text";
  text.cache_key = absl::StrCat("dungeon/", ThemeWord(d.theme()), "/", d.floors_size(), "/", plan.gate.map());
  text.prompt = absl::StrCat("Name today's dungeon (at most 23 characters) and announce it in one or two sentences. ",
                             "Theme: ", ThemeWord(d.theme()), " (", in.theme.why, "). Floors: ", d.floors_size(),
                             ". Boss: ", boss->name, ". Entrance in ", plan.gate.map(), ". Parties of ", kPartyMin,
                             " to ", kPartyMax, ", ", absl::ToInt64Minutes(kTimeLimit), " minutes per run.");
  text.template_title = theme + " Depths";
  text.template_text = absl::StrCat("Today's dungeon, the ", theme, " Depths, opens in ", plan.gate.map(), ": ",
                                    d.floors_size(), " floors, difficulty ", d.difficulty(), ", and ", boss->name,
                                    " waits on the last floor. Parties of ", kPartyMin, " to ", kPartyMax, " have ",
                                    absl::ToInt64Minutes(kTimeLimit), " minutes.");
  text.title_max_bytes = 23;
  text.text_max_bytes = 255;
  const core::TitledText written = core::DecideTitledText(ctx, text);

  const absl::Time expires = FromProto(d.expires_at());
  v1::Action gate = NewAction(ctx, absl::StrCat("adaptive_dungeon/", today, "/gate/spawn"), job, written.tier);
  gate.mutable_target()->set_map(plan.gate.map());
  *gate.mutable_expires_at() = ToProto(expires);
  v1::SpawnNpc* npc = gate.mutable_spawn_npc();
  npc->set_template_name(kGateTemplate);
  npc->set_npc_tag(GateTag(today));
  *npc->mutable_at() = plan.gate;
  npc->set_facing(4);
  npc->set_sprite_id(GateSprite(catalogue_));
  npc->set_display_name(core::CleanText(ctx, agentkit::TextKind::kName, written.title, "Dungeon Gate", 23));
  auto& params = *npc->mutable_parameters();
  params["day"] = today;
  params["theme"] = ThemeWord(d.theme());
  params["floors"] = std::to_string(d.floors_size());
  params["party_min"] = std::to_string(kPartyMin);
  params["party_max"] = std::to_string(kPartyMax);
  params["minutes"] = std::to_string(absl::ToInt64Minutes(kTimeLimit));
  *npc->mutable_ttl() = ToProto(std::max(absl::Minutes(1), expires - ctx.now));
  actions->push_back(std::move(gate));

  v1::Action news = NewAction(ctx, absl::StrCat("adaptive_dungeon/", today, "/announce"), job, written.tier);
  news.mutable_cause()->set_summary(in.theme.why);
  v1::Broadcast* b = news.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_BLUE);
  b->set_text(written.text);
  actions->push_back(std::move(news));
}

}  // namespace aiworld::procedural
