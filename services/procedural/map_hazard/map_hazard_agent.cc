#include "services/procedural/map_hazard/map_hazard_agent.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/map_hazard/hazard_book.h"
#include "services/procedural/map_hazard/hazard_sites.h"
#include "services/procedural/map_hazard/hazard_types.h"
#include "services/procedural/problem/problem_book.h"

namespace aiworld::procedural {
namespace {

std::string KeyOf(const std::string& hazard_id, const std::string& what) {
  return absl::StrCat("procedural/map_hazard/", hazard_id, "/", what);
}

std::string EffectsText(const v1::MapHazard& h) {
  std::string out;
  for (const v1::StatModifier& m : h.effects()) {
    std::string part = m.add() != 0 ? absl::StrCat(m.stat(), "+", m.add()) : absl::StrCat(m.stat(), "=", m.multiplier());
    if (out.size() + part.size() + 1 > 255) break;
    absl::StrAppend(&out, out.empty() ? "" : ";", part);
  }
  return out;
}

void ExpireDue(const agentkit::AgentContext& ctx) {
  HazardBook book(*ctx.state);
  for (v1::MapHazard& h : book.Active(ctx.server_id)) {
    if (ctx.now < FromProto(h.ends_at())) continue;
    h.set_status(v1::CONTENT_STATUS_EXPIRED);
    book.Put(h);
  }
}

void AddHazardActions(const agentkit::AgentContext& ctx, const std::string& job, const v1::MapHazard& h,
                      std::vector<v1::Action>* actions) {
  const HazardSpec& spec = HazardSpecOf(h.type());
  v1::Action flag = agentkit::ActionForJob(ctx, job, KeyOf(h.hazard_id(), "flag"));
  flag.mutable_target()->set_map(h.map());
  v1::SetMapFlag* f = flag.mutable_set_map_flag();
  f->set_map(h.map());
  f->set_flag("loadevent");
  f->set_enabled(true);
  *f->mutable_ttl() = ToProto(kHazardDuration);
  actions->push_back(std::move(flag));

  if (spec.weather != v1::WEATHER_EFFECT_UNSPECIFIED) {
    v1::Action weather = agentkit::ActionForJob(ctx, job, KeyOf(h.hazard_id(), "weather"));
    weather.mutable_target()->set_map(h.map());
    v1::SetWeather* w = weather.mutable_set_weather();
    w->set_map(h.map());
    w->set_effect(spec.weather);
    *w->mutable_ttl() = ToProto(kHazardDuration);
    actions->push_back(std::move(weather));
  }

  v1::Action start = agentkit::ActionForJob(ctx, job, KeyOf(h.hazard_id(), "start"));
  start.mutable_target()->set_map(h.map());
  v1::StartWorldEvent* s = start.mutable_start_world_event();
  s->set_event_key(h.hazard_id());
  s->set_npc_exname(kHazardNpc);
  auto& params = *s->mutable_parameters();
  params["map"] = h.map();
  params["hazard"] = spec.name;
  params["polarity"] = PolarityName(spec.polarity);
  params["effects"] = EffectsText(h);
  *s->mutable_duration() = ToProto(kHazardDuration);
  actions->push_back(std::move(start));
}

}  // namespace

std::vector<v1::JobSpec> MapHazardAgent::jobs() const {
  v1::JobSpec daily;
  daily.set_name(kJobHazardDaily);
  daily.set_description("4 themed hazards on quiet maps for 24 hours");
  daily.mutable_schedule()->mutable_daily()->set_hour(0);
  daily.mutable_schedule()->mutable_daily()->set_minute(30);
  daily.mutable_timeout()->set_seconds(60);
  v1::JobSpec expire;
  expire.set_name(kJobHazardExpire);
  expire.set_description("hazards past their end expire");
  expire.mutable_schedule()->mutable_interval()->mutable_every()->set_seconds(3600);
  expire.mutable_timeout()->set_seconds(30);
  return {daily, expire};
}

std::vector<v1::ActionKind> MapHazardAgent::emitted_actions() const {
  return {v1::ACTION_KIND_BROADCAST, v1::ACTION_KIND_SET_MAP_FLAG, v1::ACTION_KIND_SET_WEATHER, v1::ACTION_KIND_START_WORLD_EVENT};
}

absl::Status MapHazardAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                          std::vector<v1::Action>*) {
  HazardBook book(*ctx.state);
  std::vector<v1::MapHazard> active = book.Active(ctx.server_id);
  std::set<size_t> changed;
  for (const v1::RoutedEvent* e : events) {
    const v1::GameEvent& ev = e->event();
    if (ev.char_id() == 0 || (!ev.has_map_change() && !ev.has_login())) continue;
    for (size_t i = 0; i < active.size(); ++i) {
      v1::MapHazard& h = active[i];
      if (h.map() != ev.map() || ctx.now >= FromProto(h.ends_at())) continue;
      if (!book.Meet(h.server_id(), h.hazard_id(), ev.char_id())) continue;
      h.set_encounters(h.encounters() + 1);
      changed.insert(i);
    }
  }
  for (size_t i : changed) book.Put(active[i]);
  return absl::OkStatus();
}

absl::Status MapHazardAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job == kJobHazardExpire) {
    ExpireDue(ctx);
    return absl::OkStatus();
  }
  if (job != kJobHazardDaily) return Agent::RunJob(ctx, job, actions);
  ExpireDue(ctx);
  PlaceHazards(ctx, job, actions);
  return absl::OkStatus();
}

void MapHazardAgent::PlaceHazards(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (ctx.world == nullptr) return;
  HazardBook book(*ctx.state);
  std::set<std::string> taken;
  for (const v1::MapHazard& h : book.Active(ctx.server_id)) taken.insert(h.map());
  const std::vector<std::string> maps = SampleMaps(QuietMaps(*ctx.world, catalogue_), taken, kDailyHazardCount, *ctx.random);
  if (maps.empty()) return;  // no activity yet: no quiet map is known

  std::optional<std::string> problem_map;
  if (agentkit::StateStore* problem_state = ctx.StateOf(kProblemAgent)) {
    problem_map = ActiveProblemMap(*problem_state, ctx.server_id, ctx.now);
  }

  std::vector<std::string> named;
  std::string first_id;
  for (const std::string& map : maps) {
    const MapInfo* info = catalogue_.FindMap(map);
    const v1::HazardType type = ChooseHazard(info != nullptr ? info->theme : "", problem_map == map, *ctx.random);
    const HazardSpec& spec = HazardSpecOf(type);
    v1::MapHazard h;
    h.set_hazard_id(book.NextHazardId(ctx.server_id));
    h.set_server_id(ctx.server_id);
    h.set_map(map);
    h.set_type(type);
    h.set_polarity(spec.polarity);
    for (const v1::StatModifier& m : HazardEffects(type, *ctx.random)) *h.add_effects() = m;
    h.set_status(v1::CONTENT_STATUS_ACTIVE);
    *h.mutable_started_at() = ToProto(ctx.now);
    *h.mutable_ends_at() = ToProto(ctx.now + kHazardDuration);
    book.Put(h);
    AddHazardActions(ctx, job, h, actions);
    named.push_back(absl::StrCat(spec.display, " on ", map));
    if (first_id.empty()) first_id = h.hazard_id();
  }

  v1::Action told = agentkit::ActionForJob(ctx, job, KeyOf(first_id, "announce"));
  told.set_priority(v1::PRIORITY_HIGH);
  v1::Broadcast* b = told.mutable_broadcast();
  b->set_scope(v1::BROADCAST_SCOPE_SERVER);
  b->set_style(v1::BROADCAST_STYLE_BLUE);
  b->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast,
                              absl::StrCat("[Hazards] Strange forces stir for a day: ", absl::StrJoin(named, ", "), "."),
                              "[Hazards] Strange forces stir on quiet maps today.", 255));
  actions->push_back(std::move(told));
}

uint64_t MapHazardAgent::ErasePlayer(agentkit::StateStore& state, uint32_t, const std::vector<uint32_t>& char_ids) {
  return HazardBook(state).EraseCharacters(char_ids);
}

}  // namespace aiworld::procedural
