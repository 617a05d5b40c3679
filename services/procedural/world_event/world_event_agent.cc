#include "services/procedural/world_event/world_event_agent.h"

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/world_event/world_event_book.h"
#include "services/procedural/world_event/world_event_impacts.h"
#include "services/procedural/world_event/world_event_rules.h"

namespace aiworld::procedural {
namespace {

std::string KeyOf(const std::string& event_id, const std::string& what) {
  return absl::StrCat("procedural/world_event/", event_id, "/", what);
}

// Values joined with `sep`, stopping before the text would exceed 255 bytes (a parameter's bound).
std::string JoinCapped(const std::vector<std::string>& values, const std::string& sep) {
  std::string out;
  for (const std::string& v : values) {
    const size_t grown = out.size() + (out.empty() ? 0 : sep.size()) + v.size();
    if (grown > 255) break;
    absl::StrAppend(&out, out.empty() ? "" : sep, v);
  }
  return out;
}

std::string EffectsText(const v1::WorldEvent& e) {
  std::vector<std::string> parts;
  for (const v1::StatModifier& m : e.effects()) {
    parts.push_back(m.add() != 0 ? absl::StrCat(m.stat(), "+", m.add()) : absl::StrCat(m.stat(), "=", m.multiplier()));
  }
  return JoinCapped(parts, ";");
}

std::string TemplateText(v1::WorldEventType type) {
  switch (type) {
    case v1::WORLD_EVENT_TYPE_DEMONIC_INVASION:
      return "Demons pour out over the fields of Prontera! Deviling hordes strike prt_fild01 to prt_fild03 in waves.";
    case v1::WORLD_EVENT_TYPE_MARKET_CRASH:
      return "The markets collapse: shop prices fall by 30% while merchants pay more for your goods.";
    case v1::WORLD_EVENT_TYPE_LUCKY_DAY: return "Fortune smiles today: refining, drops and card drops are all luckier.";
    case v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN:
      return "A wandering caravan visits the towns with rare wares. Find its merchants while it lasts.";
    case v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST: return "The gods are generous: base and job experience are doubled.";
    case v1::WORLD_EVENT_TYPE_MVP_ENRAGED:
      return "The MVPs are enraged by the slaughter: stronger than ever, but worth double experience and richer drops.";
    default: return "A Mythic Guardian descends on Prontera. Only the mightiest heroes can face it.";
  }
}

v1::BroadcastStyle StyleOf(v1::WorldEventType type) {
  switch (type) {
    case v1::WORLD_EVENT_TYPE_LUCKY_DAY:
    case v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN:
    case v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST: return v1::BROADCAST_STYLE_BLUE;
    default: return v1::BROADCAST_STYLE_WOE;
  }
}

void SpawnWave(const agentkit::AgentContext& ctx, const v1::WorldEvent& e, uint32_t wave, std::vector<v1::Action>* actions) {
  const absl::Duration left = FromProto(e.ends_at()) - ctx.now;
  if (left <= absl::ZeroDuration()) return;
  for (const std::string& map : InvasionMaps()) {
    v1::Action a = agentkit::ActionForJob(ctx, kJobWorldEventCheck, KeyOf(e.event_id(), absl::StrCat("wave/", wave, "/", map)));
    a.mutable_target()->set_map(map);
    v1::SpawnMonster* s = a.mutable_spawn_monster();
    s->mutable_at()->set_map(map);
    s->set_mob_id(kInvasionMobId);
    s->set_amount(kInvasionSpawnPerMap);
    s->set_spawn_tag(WorldEventBook::SpawnTagOf(e.event_id()));
    *s->mutable_ttl() = ToProto(std::max(left, absl::Seconds(1)));
    actions->push_back(std::move(a));
  }
}

// Ends what is over and sends the invasion waves that are due; returns the events still running.
std::vector<v1::WorldEvent> Advance(const agentkit::AgentContext& ctx, WorldEventBook& book, std::vector<v1::Action>* actions) {
  std::vector<v1::WorldEvent> running;
  for (v1::WorldEvent& e : book.Running(ctx.server_id)) {
    const bool invasion = e.type() == v1::WORLD_EVENT_TYPE_DEMONIC_INVASION;
    if (ctx.now >= FromProto(e.ends_at())) {
      e.set_status(v1::CONTENT_STATUS_COMPLETED);
      book.Put(e);
      if (invasion) {
        v1::Action a = agentkit::ActionForJob(ctx, kJobWorldEventCheck, KeyOf(e.event_id(), "remove"));
        a.set_priority(v1::PRIORITY_URGENT);
        a.mutable_remove_monsters()->set_spawn_tag(WorldEventBook::SpawnTagOf(e.event_id()));
        actions->push_back(std::move(a));
      }
      continue;
    }
    if (invasion) {
      const absl::Time started = FromProto(e.started_at());
      const uint32_t waves = InvasionWaves(static_cast<int>(absl::ToInt64Minutes(FromProto(e.ends_at()) - started)));
      uint32_t sent = book.WavesSpawned(e.server_id(), e.event_id());
      while (sent < waves && ctx.now >= started + absl::Minutes(kInvasionWaveMinutes) * sent) SpawnWave(ctx, e, sent++, actions);
      book.SetWavesSpawned(e.server_id(), e.event_id(), sent);
    }
    running.push_back(std::move(e));
  }
  return running;
}

void Start(const agentkit::AgentContext& ctx, const WorldEventRule& rule, const std::string& trigger, WorldEventBook& book,
           const GameCatalogue& catalogue, std::vector<v1::Action>* actions) {
  const int minutes = static_cast<int>(ctx.random->UniformInt(rule.min_minutes, rule.max_minutes));
  const absl::Duration duration = absl::Minutes(minutes);
  const WorldEventImpact impact = ImpactOf(rule.type, minutes, *ctx.world, catalogue);

  core::TitledTextRequest text;
  text.type = "world_event_text";
  text.cache_key = absl::StrCat("world_event_text:", rule.name);
  text.prompt = absl::StrCat("Announce a world event on a Ragnarok Online server: ", rule.display, ". It lasts ", minutes,
                             " minutes. What happens: ", TemplateText(rule.type), " Two sentences at most.");
  text.template_title = rule.display;
  text.template_text = TemplateText(rule.type);
  text.title_max_bytes = 100;
  text.text_max_bytes = 2000;
  const core::TitledText written = core::DecideTitledText(ctx, text);

  v1::WorldEvent e;
  e.set_event_id(book.NextEventId(ctx.server_id));
  e.set_server_id(ctx.server_id);
  e.set_type(rule.type);
  e.set_title(written.title);
  e.set_description(written.text);
  e.set_status(v1::CONTENT_STATUS_ACTIVE);
  for (const v1::StatModifier& m : EffectsOf(rule.type)) *e.add_effects() = m;
  for (const std::string& map : impact.maps) {
    if (e.maps_size() < 64) e.add_maps(map);
  }
  e.set_trigger(trigger.substr(0, 200));
  *e.mutable_started_at() = ToProto(ctx.now);
  *e.mutable_ends_at() = ToProto(ctx.now + duration);
  book.Put(e);
  book.SetCooldownUntil(ctx.server_id, rule.type, ctx.now + absl::Hours(rule.cooldown_hours));

  v1::Action told = agentkit::ActionForJob(ctx, kJobWorldEventCheck, KeyOf(e.event_id(), "announce"), "", written.tier);
  told.set_priority(v1::PRIORITY_HIGH);
  v1::Broadcast* b = told.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(StyleOf(rule.type));
  b->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, absl::StrCat("[World Event] ", e.title(), ": ", e.description()),
                              absl::StrCat("[World Event] ", rule.display), 255));
  actions->push_back(std::move(told));

  v1::Action start = agentkit::ActionForJob(ctx, kJobWorldEventCheck, KeyOf(e.event_id(), "start"));
  v1::StartWorldEvent* s = start.mutable_start_world_event();
  s->set_event_key(e.event_id());
  s->set_npc_exname(kWorldEventNpc);
  auto& params = *s->mutable_parameters();
  params["type"] = rule.name;
  params["effects"] = EffectsText(e);
  params["maps"] = JoinCapped(impact.maps, ",");
  std::vector<std::string> flags;
  for (const MapFlagPlan& f : impact.flags) flags.push_back(f.flag);
  params["map_flags"] = JoinCapped(flags, ",");
  params["minutes"] = std::to_string(minutes);
  if (impact.waves > 0) {
    params["waves"] = std::to_string(impact.waves);
    params["mob_id"] = std::to_string(kInvasionMobId);
  }
  *s->mutable_duration() = ToProto(duration);
  actions->push_back(std::move(start));

  for (const std::string& map : impact.maps) {
    for (const MapFlagPlan& f : impact.flags) {
      v1::Action a = agentkit::ActionForJob(ctx, kJobWorldEventCheck, KeyOf(e.event_id(), absl::StrCat("flag/", map, "/", f.flag)));
      a.mutable_target()->set_map(map);
      v1::SetMapFlag* flag = a.mutable_set_map_flag();
      flag->set_map(map);
      flag->set_flag(f.flag);
      flag->set_enabled(true);
      flag->set_value(f.value);
      *flag->mutable_ttl() = ToProto(duration);
      actions->push_back(std::move(a));
    }
  }
  if (impact.waves > 0) {
    SpawnWave(ctx, e, 0, actions);
    book.SetWavesSpawned(e.server_id(), e.event_id(), 1);
  }
}

}  // namespace

std::vector<v1::JobSpec> WorldEventAgent::jobs() const {
  v1::JobSpec check;
  check.set_name(kJobWorldEventCheck);
  check.set_description("end finished events, send due invasion waves, start an event whose threshold is met");
  check.mutable_schedule()->mutable_interval()->mutable_every()->set_seconds(60);
  check.mutable_timeout()->set_seconds(30);
  return {check};
}

std::vector<v1::ActionKind> WorldEventAgent::emitted_actions() const {
  return {v1::ACTION_KIND_BROADCAST, v1::ACTION_KIND_START_WORLD_EVENT, v1::ACTION_KIND_SET_MAP_FLAG,
          v1::ACTION_KIND_SPAWN_MONSTER, v1::ACTION_KIND_REMOVE_MONSTERS};
}

absl::Status WorldEventAgent::HandleEvents(agentkit::AgentContext&, const std::vector<const v1::RoutedEvent*>&,
                                           std::vector<v1::Action>*) {
  return absl::OkStatus();
}

absl::Status WorldEventAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job != kJobWorldEventCheck) return Agent::RunJob(ctx, job, actions);
  WorldEventBook book(*ctx.state);
  const std::vector<v1::WorldEvent> running = Advance(ctx, book, actions);
  if (running.size() >= static_cast<size_t>(kMaxConcurrentWorldEvents) || ctx.world == nullptr) return absl::OkStatus();
  for (const WorldEventRule& rule : WorldEventRules()) {
    if (std::optional<absl::Time> until = book.CooldownUntil(ctx.server_id, rule.type); until.has_value() && ctx.now < *until) {
      continue;
    }
    std::optional<std::string> trigger = ConditionMet(rule, *ctx.world, *ctx.random);
    if (!trigger.has_value() || !ctx.random->Bernoulli(rule.probability)) continue;
    Start(ctx, rule, *trigger, book, catalogue_, actions);
    break;
  }
  return absl::OkStatus();
}

}  // namespace aiworld::procedural
