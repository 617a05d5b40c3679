#include "services/procedural/weather_time/weather_time_agent.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/core/quest/generated_text.h"
#include "services/procedural/weather_time/weather_book.h"
#include "services/procedural/weather_time/weather_model.h"
#include "services/procedural/weather_time/weather_visuals.h"

namespace aiworld::procedural {
namespace {

v1::Action SetWeatherAction(const agentkit::AgentContext& ctx, const std::string& key, const std::string& map,
                            v1::WeatherEffect effect, absl::Duration ttl, const std::string& why) {
  v1::Action a = agentkit::ActionForJob(ctx, kJobWeatherChange, key, why);
  a.mutable_target()->set_map(map);
  v1::SetWeather* w = a.mutable_set_weather();
  w->set_map(map);
  w->set_effect(effect);
  *w->mutable_ttl() = ToProto(std::max(absl::Minutes(1), ttl));
  return a;
}

// Rate of `stat` in percent (100 = unchanged).
int Percent(const std::vector<v1::StatModifier>& effects, const std::string& stat) {
  for (const v1::StatModifier& m : effects) {
    if (m.stat() == stat) return static_cast<int>(std::lround(m.multiplier() * 100));
  }
  return 100;
}

}  // namespace

WeatherTimeAgent::WeatherTimeAgent(const GameCatalogue& catalogue, WeatherTimeOptions options)
    : catalogue_(catalogue), options_(options) {
  std::set<std::string> regions;
  for (const MapInfo& m : catalogue_.maps()) regions.insert(m.region);
  regions_.assign(regions.begin(), regions.end());
}

std::vector<v1::JobSpec> WeatherTimeAgent::jobs() const {
  v1::JobSpec change;
  change.set_name(kJobWeatherChange);
  change.set_description("the next Markov weather of every region, shown on its outdoor maps");
  *change.mutable_schedule()->mutable_interval()->mutable_every() = ToProto(kWeatherInterval);
  *change.mutable_schedule()->mutable_interval()->mutable_jitter() = ToProto(kWeatherJitter);
  change.mutable_timeout()->set_seconds(60);
  v1::JobSpec clock;
  clock.set_name(kJobTimeOfDay);
  clock.set_description("dawn, day, dusk and night (full moon 10% of nights) and their rates");
  *clock.mutable_schedule()->mutable_interval()->mutable_every() = ToProto(kTimeOfDayInterval);
  clock.mutable_timeout()->set_seconds(30);
  return {change, clock};
}

std::vector<v1::ActionKind> WeatherTimeAgent::emitted_actions() const {
  return {v1::ACTION_KIND_SET_WEATHER, v1::ACTION_KIND_START_WORLD_EVENT, v1::ACTION_KIND_BROADCAST};
}

absl::Status WeatherTimeAgent::HandleEvents(agentkit::AgentContext&, const std::vector<const v1::RoutedEvent*>&,
                                            std::vector<v1::Action>*) {
  return absl::OkStatus();
}

absl::Status WeatherTimeAgent::RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) {
  if (job == kJobWeatherChange) {
    ChangeWeather(ctx, actions);
  } else if (job == kJobTimeOfDay) {
    AdvanceClock(ctx, actions);
  } else {
    return Agent::RunJob(ctx, job, actions);
  }
  return absl::OkStatus();
}

void WeatherTimeAgent::ChangeWeather(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  WeatherBook book(*ctx.state, ctx.server_id);
  for (const std::string& region : regions_) {
    const std::optional<RegionWeather> before = book.Region(region);
    const v1::Weather was = before.has_value() ? before->weather : v1::WEATHER_CLEAR;
    // Every region draws, forced or not, so a forced spell does not shift the others' draws.
    const double u = ctx.random->Uniform01();
    const v1::Weather next = options_.forced_weather != v1::WEATHER_UNSPECIFIED ? options_.forced_weather : NextWeather(was, u);

    RegionWeather after;
    after.weather = next;
    after.changed_at = before.has_value() && before->weather == next ? before->changed_at : ctx.now;
    after.next_change_at = ctx.now + kWeatherInterval;
    after.change_no = before.has_value() ? before->change_no + 1 : 1;
    after.effect_until = before.has_value() ? before->effect_until : absl::UnixEpoch();

    // Unchanged weather whose effects outlast the next run needs nothing sent.
    const bool send = !before.has_value() || before->weather != next || before->effect_until < ctx.now + kWeatherRefreshMargin;
    const std::string why = absl::StrCat(region, ": ", WeatherName(was), " -> ", WeatherName(next));
    for (const MapInfo* map : send ? catalogue_.MapsInRegion(region) : std::vector<const MapInfo*>{}) {
      const std::string key = absl::StrCat("weather_time/", region, "/", after.change_no, "/", map->name);
      if (std::optional<v1::WeatherEffect> shown = VisibleWeather(next, *map)) {
        actions->push_back(SetWeatherAction(ctx, key, map->name, *shown, kWeatherEffectTtl, why));
        after.effect_until = ctx.now + kWeatherEffectTtl;
      } else if (before.has_value() && VisibleWeather(was, *map).has_value() && before->effect_until > ctx.now) {
        // Cleared for exactly the rest of the old effect, so both end together and the map's own
        // weather returns.
        actions->push_back(SetWeatherAction(ctx, key, map->name, v1::WEATHER_EFFECT_CLEAR, before->effect_until - ctx.now, why));
      }
    }
    book.PutRegion(region, after);
  }
}

void WeatherTimeAgent::AdvanceClock(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const {
  WeatherBook book(*ctx.state, ctx.server_id);
  const v1::TimeOfDay period = PeriodAt(ctx.now);
  const absl::Time start = PeriodStart(ctx.now);
  const std::optional<DayClock> clock = book.Clock();
  if (clock.has_value() && clock->period_start == start) return;

  DayClock next;
  next.period = period;
  next.period_start = start;
  next.full_moon = period == v1::TIME_OF_DAY_NIGHT && ctx.random->Bernoulli(options_.full_moon_chance);
  book.PutClock(next);

  const std::vector<v1::StatModifier> effects = TimeEffects(period, next.full_moon);
  const std::string stamp = std::to_string(absl::ToUnixSeconds(start));
  const std::string why = absl::StrCat(PeriodName(period), next.full_moon ? " (full moon)" : "");
  v1::Action a = agentkit::ActionForJob(ctx, kJobTimeOfDay, absl::StrCat("weather_time/period/", stamp), why);
  v1::StartWorldEvent* e = a.mutable_start_world_event();
  e->set_event_key(absl::StrCat("time_of_day_", stamp));
  e->set_npc_exname(kTimeOfDayEventNpc);
  auto& params = *e->mutable_parameters();
  params["period"] = PeriodName(period);
  params["full_moon"] = next.full_moon ? "1" : "0";
  params["base_exp"] = std::to_string(Percent(effects, "base_exp"));
  params["drop_rate"] = std::to_string(Percent(effects, "drop_rate"));
  params["spawn_rate"] = std::to_string(Percent(effects, "spawn_rate"));
  if (period == v1::TIME_OF_DAY_NIGHT) params["night_races"] = "ghost,undead,werewolf";
  *e->mutable_duration() = ToProto(std::max(absl::Minutes(1), PeriodEnd(ctx.now) - ctx.now));
  actions->push_back(std::move(a));

  std::string text;
  if (period == v1::TIME_OF_DAY_DAWN) text = "Dawn breaks over Rune-Midgard. Early risers learn faster.";
  if (period == v1::TIME_OF_DAY_NIGHT) {
    text = next.full_moon ? "A full moon rises tonight. Monsters grow restless, and their treasures richer."
                          : "Night falls over Rune-Midgard. The dead stir in the dark.";
  }
  if (text.empty()) return;
  v1::Action told = agentkit::ActionForJob(ctx, kJobTimeOfDay, absl::StrCat("weather_time/period/", stamp, "/announce"), why);
  told.mutable_broadcast()->set_scope(v1::BROADCAST_SCOPE_SERVER);
  told.mutable_broadcast()->set_style(next.full_moon ? v1::BROADCAST_STYLE_WOE : v1::BROADCAST_STYLE_BLUE);
  told.mutable_broadcast()->set_text(core::CleanText(ctx, agentkit::TextKind::kBroadcast, text, "The hour turns.", 255));
  actions->push_back(std::move(told));
}

}  // namespace aiworld::procedural
