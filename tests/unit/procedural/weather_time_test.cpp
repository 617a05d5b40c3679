// The WeatherTime agent: the reference's Markov table and effects, the periods of the day with their
// boundaries and the 10% full moon, the jobs (every 3 h +-30 min and every 10 min), SetWeather on
// real outdoor maps with a ttl, GetWeather.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "absl/strings/match.h"
#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/procedural/weather_time/day_period.h"
#include "services/procedural/weather_time/weather_book.h"
#include "services/procedural/weather_time/weather_model.h"
#include "services/procedural/weather_time/weather_queries.h"
#include "services/procedural/weather_time/weather_time_agent.h"
#include "services/procedural/weather_time/weather_visuals.h"

using namespace aiworld;
using namespace aiworld::procedural;

namespace {

const absl::Time kDay = absl::FromUnixSeconds(1'767'225'600);  // 2026-01-01 00:00 UTC

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }

absl::Time At(int hour, int minute = 0, int second = 0, int day = 0) {
  return kDay + absl::Hours(24 * day + hour) + absl::Minutes(minute) + absl::Seconds(second);
}

double Effect(const std::vector<v1::StatModifier>& effects, const std::string& stat) {
  for (const auto& m : effects) {
    if (m.stat() == stat) return m.multiplier();
  }
  return 1.0;
}

struct Harness {
  agentkit::MemoryStateStore state;
  v1::WorldSnapshot world;
  bool with_world = true;
  absl::Time now = At(0);
  WeatherTimeAgent agent;

  explicit Harness(WeatherTimeOptions options = {}) : agent(Cat(), options) {}

  std::vector<v1::Action> Job(const std::string& job) {
    SeededRandom random = SeededRandom::FromKeys({job, std::to_string(absl::ToUnixSeconds(now)), "weather_time"});
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.now = now;
    ctx.world = with_world ? &world : nullptr;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "weather_time";
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, job, &actions).ok());
    return actions;
  }
};

}  // namespace

TEST_CASE("weather Markov rows are the reference's and sum to one", "[unit]") {
  using W = std::map<v1::Weather, double>;
  const std::map<v1::Weather, W> want = {
      {v1::WEATHER_CLEAR, {{v1::WEATHER_CLEAR, .6}, {v1::WEATHER_RAIN, .2}, {v1::WEATHER_HEAT_WAVE, .1}, {v1::WEATHER_AURORA, .05}, {v1::WEATHER_SANDSTORM, .05}}},
      {v1::WEATHER_RAIN, {{v1::WEATHER_RAIN, .5}, {v1::WEATHER_STORM, .3}, {v1::WEATHER_CLEAR, .15}, {v1::WEATHER_SNOW, .05}}},
      {v1::WEATHER_STORM, {{v1::WEATHER_STORM, .4}, {v1::WEATHER_RAIN, .4}, {v1::WEATHER_CLEAR, .2}}},
      {v1::WEATHER_SNOW, {{v1::WEATHER_SNOW, .6}, {v1::WEATHER_CLEAR, .25}, {v1::WEATHER_STORM, .1}, {v1::WEATHER_AURORA, .05}}},
      {v1::WEATHER_HEAT_WAVE, {{v1::WEATHER_HEAT_WAVE, .5}, {v1::WEATHER_CLEAR, .3}, {v1::WEATHER_SANDSTORM, .2}}},
      {v1::WEATHER_SANDSTORM, {{v1::WEATHER_SANDSTORM, .5}, {v1::WEATHER_CLEAR, .3}, {v1::WEATHER_HEAT_WAVE, .2}}},
      {v1::WEATHER_AURORA, {{v1::WEATHER_AURORA, .4}, {v1::WEATHER_CLEAR, .4}, {v1::WEATHER_SNOW, .2}}},
  };
  for (const auto& [from, row] : want) {
    INFO("from " << WeatherName(from));
    W got;
    double sum = 0;
    for (const auto& [to, p] : WeatherTransitions(from)) {
      got[to] = p;
      sum += p;
    }
    CHECK(got == row);
    CHECK(sum == Approx(1.0));
    CHECK(WeatherForecast(from).size() == row.size());
  }
}

TEST_CASE("next weather walks the cumulative row at its boundaries", "[unit]") {
  CHECK(NextWeather(v1::WEATHER_CLEAR, 0.0) == v1::WEATHER_CLEAR);
  CHECK(NextWeather(v1::WEATHER_CLEAR, 0.5999) == v1::WEATHER_CLEAR);
  CHECK(NextWeather(v1::WEATHER_CLEAR, 0.6001) == v1::WEATHER_RAIN);
  CHECK(NextWeather(v1::WEATHER_CLEAR, 0.7999) == v1::WEATHER_RAIN);
  CHECK(NextWeather(v1::WEATHER_CLEAR, 0.8001) == v1::WEATHER_HEAT_WAVE);
  CHECK(NextWeather(v1::WEATHER_CLEAR, 0.9001) == v1::WEATHER_AURORA);
  CHECK(NextWeather(v1::WEATHER_CLEAR, 0.9501) == v1::WEATHER_SANDSTORM);
  CHECK(NextWeather(v1::WEATHER_CLEAR, 0.99999999) == v1::WEATHER_SANDSTORM);
  CHECK(NextWeather(v1::WEATHER_STORM, 0.3999) == v1::WEATHER_STORM);
  CHECK(NextWeather(v1::WEATHER_STORM, 0.4001) == v1::WEATHER_RAIN);
  CHECK(NextWeather(v1::WEATHER_UNSPECIFIED, 0.7) == v1::WEATHER_RAIN);  // undecided counts as clear
}

TEST_CASE("weather effects carry the reference's multipliers", "[unit]") {
  const auto rain = WeatherEffects(v1::WEATHER_RAIN);
  CHECK(Effect(rain, "water_damage") == Approx(1.2));
  CHECK(Effect(rain, "fire_damage") == Approx(0.8));
  CHECK(Effect(rain, "flee") == Approx(0.95));
  CHECK(Effect(rain, "hit") == Approx(0.95));
  CHECK(Effect(rain, "drop_rate") == Approx(1.05));
  const auto storm = WeatherEffects(v1::WEATHER_STORM);
  CHECK(Effect(storm, "wind_damage") == Approx(1.3));
  CHECK(Effect(storm, "water_damage") == Approx(1.2));
  CHECK(Effect(storm, "fire_damage") == Approx(0.7));
  const auto snow = WeatherEffects(v1::WEATHER_SNOW);
  CHECK(Effect(snow, "water_damage") == Approx(1.3));
  CHECK(Effect(snow, "fire_damage") == Approx(0.7));
  CHECK(Effect(snow, "move_speed") == Approx(0.9));
  const auto heat = WeatherEffects(v1::WEATHER_HEAT_WAVE);
  CHECK(Effect(heat, "fire_damage") == Approx(1.3));
  CHECK(Effect(heat, "water_damage") == Approx(0.8));
  CHECK(Effect(heat, "sp_regen") == Approx(0.8));
  const auto sand = WeatherEffects(v1::WEATHER_SANDSTORM);
  CHECK(Effect(sand, "earth_damage") == Approx(1.25));
  CHECK(Effect(sand, "wind_damage") == Approx(1.15));
  CHECK(Effect(sand, "hit") == Approx(0.9));
  const auto aurora = WeatherEffects(v1::WEATHER_AURORA);
  CHECK(Effect(aurora, "holy_damage") == Approx(1.2));
  CHECK(Effect(aurora, "shadow_damage") == Approx(1.2));
  CHECK(Effect(aurora, "matk") == Approx(1.15));
  CHECK(Effect(aurora, "drop_rate") == Approx(1.1));
  CHECK(WeatherEffects(v1::WEATHER_CLEAR).empty());
  for (v1::Weather w : AllWeathers()) CHECK(ParseWeatherName(WeatherName(w)) == w);
}

TEST_CASE("periods of the day switch at 05 07 18 and 20", "[unit]") {
  CHECK(PeriodAt(At(4, 59, 59)) == v1::TIME_OF_DAY_NIGHT);
  CHECK(PeriodAt(At(5)) == v1::TIME_OF_DAY_DAWN);
  CHECK(PeriodAt(At(6, 59, 59)) == v1::TIME_OF_DAY_DAWN);
  CHECK(PeriodAt(At(7)) == v1::TIME_OF_DAY_DAY);
  CHECK(PeriodAt(At(17, 59, 59)) == v1::TIME_OF_DAY_DAY);
  CHECK(PeriodAt(At(18)) == v1::TIME_OF_DAY_DUSK);
  CHECK(PeriodAt(At(19, 59, 59)) == v1::TIME_OF_DAY_DUSK);
  CHECK(PeriodAt(At(20)) == v1::TIME_OF_DAY_NIGHT);
  CHECK(PeriodAt(At(0)) == v1::TIME_OF_DAY_NIGHT);
  // A night runs from 20:00 to 05:00 the next day, seen from either side of midnight.
  CHECK(PeriodStart(At(2)) == At(20, 0, 0, -1));
  CHECK(PeriodEnd(At(2)) == At(5));
  CHECK(PeriodStart(At(23)) == At(20));
  CHECK(PeriodEnd(At(23)) == At(5, 0, 0, 1));
  CHECK(PeriodStart(At(12)) == At(7));
  CHECK(PeriodEnd(At(12)) == At(18));
}

TEST_CASE("time effects are the reference's with the full moon replacing the night", "[unit]") {
  CHECK(Effect(TimeEffects(v1::TIME_OF_DAY_DAWN, false), "base_exp") == Approx(1.1));
  CHECK(TimeEffects(v1::TIME_OF_DAY_DAY, false).empty());
  CHECK(Effect(TimeEffects(v1::TIME_OF_DAY_DUSK, false), "drop_rate") == Approx(1.15));
  const auto night = TimeEffects(v1::TIME_OF_DAY_NIGHT, false);
  CHECK(Effect(night, "base_exp") == Approx(1.05));
  CHECK(Effect(night, "spawn_rate") == Approx(1.1));
  const auto moon = TimeEffects(v1::TIME_OF_DAY_NIGHT, true);
  CHECK(Effect(moon, "base_exp") == Approx(1.15));
  CHECK(Effect(moon, "drop_rate") == Approx(1.2));
  CHECK(Effect(moon, "spawn_rate") == Approx(1.3));
  CHECK(TimeEffects(v1::TIME_OF_DAY_DAWN, true).size() == 1);  // a full moon is a night thing
}

TEST_CASE("weather jobs run every 3 hours with 30 minutes jitter and every 10 minutes", "[unit]") {
  WeatherTimeAgent agent;
  const auto jobs = agent.jobs();
  REQUIRE(jobs.size() == 2);
  CHECK(jobs[0].name() == "weather_time.change");
  CHECK(FromProto(jobs[0].schedule().interval().every()) == absl::Hours(3));
  CHECK(FromProto(jobs[0].schedule().interval().jitter()) == absl::Minutes(30));
  CHECK(jobs[1].name() == "weather_time.time_of_day");
  CHECK(FromProto(jobs[1].schedule().interval().every()) == absl::Minutes(10));
  CHECK(agent.subscriptions().empty());
}

TEST_CASE("time of day announces each period once with its rates - reference bug effects never reached the game",
          "[unit]") {
  Harness h;
  h.now = At(5, 0);
  std::vector<v1::Action> actions = h.Job(kJobTimeOfDay);
  REQUIRE(actions.size() == 2);  // the event and the dawn broadcast
  const v1::StartWorldEvent& e = actions[0].start_world_event();
  CHECK(e.npc_exname() == kTimeOfDayEventNpc);
  CHECK(e.parameters().at("period") == "dawn");
  CHECK(e.parameters().at("base_exp") == "110");
  CHECK(e.parameters().at("drop_rate") == "100");
  CHECK(FromProto(e.duration()) == absl::Hours(2));
  CHECK(actions[1].broadcast().scope() == v1::BROADCAST_SCOPE_SERVER);

  h.now = At(5, 10);
  CHECK(h.Job(kJobTimeOfDay).empty());  // same period
  h.now = At(6, 50);
  CHECK(h.Job(kJobTimeOfDay).empty());
  h.now = At(7, 0);
  actions = h.Job(kJobTimeOfDay);
  REQUIRE(actions.size() == 1);  // day: no broadcast
  CHECK(actions[0].start_world_event().parameters().at("period") == "day");
  CHECK(FromProto(actions[0].start_world_event().duration()) == absl::Hours(11));
  h.now = At(18, 10);  // a late run still covers the rest of dusk only
  actions = h.Job(kJobTimeOfDay);
  REQUIRE(actions.size() == 1);
  CHECK(actions[0].start_world_event().parameters().at("drop_rate") == "115");
  CHECK(FromProto(actions[0].start_world_event().duration()) == absl::Hours(1) + absl::Minutes(50));
  h.now = At(20, 0);
  actions = h.Job(kJobTimeOfDay);
  REQUIRE(actions.size() == 2);
  CHECK(actions[0].start_world_event().parameters().at("period") == "night");
  CHECK(actions[0].start_world_event().parameters().contains("night_races"));
  CHECK(actions[0].idempotency_key() == absl::StrCat("weather_time/period/", absl::ToUnixSeconds(At(20))));
}

TEST_CASE("full moon comes on about 10 percent of nights and holds all night", "[unit]") {
  WeatherTimeOptions options;
  Harness h(options);
  int moons = 0;
  const int nights = 2000;
  for (int d = 0; d < nights; ++d) {
    h.now = At(20, 0, 0, d);
    const std::vector<v1::Action> actions = h.Job(kJobTimeOfDay);
    REQUIRE(!actions.empty());
    const bool moon = actions[0].start_world_event().parameters().at("full_moon") == "1";
    moons += moon ? 1 : 0;
    // Later in the same night: nothing new, and GetWeather keeps saying the same.
    h.now = At(2, 0, 0, d + 1);
    CHECK(h.Job(kJobTimeOfDay).empty());
    v1::GetWeatherRequest req;
    req.set_server_id("srv1");
    CHECK(GetWeather(h.state, req, h.now)->full_moon() == moon);
  }
  INFO(moons << " full moons in " << nights << " nights");
  CHECK(moons / double(nights) == Approx(0.10).margin(0.02));

  WeatherTimeOptions always;
  always.full_moon_chance = 1.0;
  Harness m(always);
  m.now = At(21);
  const auto actions = m.Job(kJobTimeOfDay);
  REQUIRE(actions.size() == 2);
  CHECK(actions[0].start_world_event().parameters().at("base_exp") == "115");
  CHECK(actions[0].start_world_event().parameters().at("drop_rate") == "120");
  CHECK(actions[0].start_world_event().parameters().at("spawn_rate") == "130");
  CHECK(absl::StrContains(actions[1].broadcast().text(), "full moon"));
  m.now = At(5);
  CHECK(m.Job(kJobTimeOfDay)[0].start_world_event().parameters().at("full_moon") == "0");
}

TEST_CASE("visible weather keeps indoor maps dry and suits the theme", "[unit]") {
  const MapInfo* field = Cat().FindMap("prt_fild08");  // grassland field
  const MapInfo* desert = Cat().FindMap("moc_fild12");
  const MapInfo* dungeon = Cat().FindMap("pay_dun00");
  REQUIRE(field != nullptr);
  REQUIRE(desert != nullptr);
  REQUIRE(dungeon != nullptr);
  CHECK(desert->theme == "desert");
  CHECK(VisibleWeather(v1::WEATHER_RAIN, *field) == v1::WEATHER_EFFECT_CLOUDS);
  CHECK(VisibleWeather(v1::WEATHER_SNOW, *field) == v1::WEATHER_EFFECT_SNOW);
  CHECK(VisibleWeather(v1::WEATHER_SNOW, *desert) == v1::WEATHER_EFFECT_CLOUDS);
  CHECK(VisibleWeather(v1::WEATHER_SANDSTORM, *desert) == v1::WEATHER_EFFECT_FOG);
  CHECK(VisibleWeather(v1::WEATHER_STORM, *field) == v1::WEATHER_EFFECT_CLOUDS2);
  CHECK_FALSE(VisibleWeather(v1::WEATHER_CLEAR, *field).has_value());
  CHECK_FALSE(VisibleWeather(v1::WEATHER_HEAT_WAVE, *field).has_value());
  for (v1::Weather w : AllWeathers()) CHECK_FALSE(VisibleWeather(w, *dungeon).has_value());
}

TEST_CASE("weather change sets real outdoor maps per region with a ttl past the next run", "[unit]") {
  WeatherTimeOptions rain;
  rain.forced_weather = v1::WEATHER_RAIN;  // the reference allows a forced weather
  Harness h(rain);
  h.with_world = false;  // weather does not need players: an empty world still works
  h.now = At(3);
  const std::vector<v1::Action> actions = h.Job(kJobWeatherChange);
  REQUIRE(!actions.empty());
  std::set<std::string> maps;
  for (const v1::Action& a : actions) {
    REQUIRE(a.has_set_weather());
    const MapInfo* map = Cat().FindMap(a.set_weather().map());
    REQUIRE(map != nullptr);
    CHECK(IsOutdoors(*map));
    CHECK(a.target().map() == map->name);
    CHECK(FromProto(a.set_weather().ttl()) == absl::Hours(12));
    CHECK(a.set_weather().effect() != v1::WEATHER_EFFECT_CLEAR);
    CHECK(a.cause().job().job() == kJobWeatherChange);
    maps.insert(map->name);
  }
  CHECK(maps.size() == actions.size());  // one per map
  CHECK(maps.contains("prt_fild08"));
  CHECK_FALSE(maps.contains("pay_dun00"));
  WeatherBook book(h.state, "srv1");
  for (const std::string& region : h.agent.regions()) {
    INFO("region " << region);
    REQUIRE(book.Region(region).has_value());
    CHECK(book.Region(region)->weather == v1::WEATHER_RAIN);
    CHECK(book.Region(region)->next_change_at == At(6));
  }
}

TEST_CASE("weather that turns clear clears its maps for the rest of the old ttl", "[unit]") {
  WeatherTimeOptions rain;
  rain.forced_weather = v1::WEATHER_RAIN;
  Harness wet(rain);
  wet.now = At(3);
  const size_t rained = wet.Job(kJobWeatherChange).size();

  WeatherTimeOptions clear;
  clear.forced_weather = v1::WEATHER_CLEAR;
  WeatherTimeAgent dry(Cat(), clear);
  SeededRandom random(1);
  agentkit::AgentContext ctx;
  ctx.server_id = "srv1";
  ctx.now = At(6, 20);  // the next change, jittered late
  ctx.random = &random;
  ctx.state = &wet.state;
  std::vector<v1::Action> actions;
  REQUIRE(dry.RunJob(ctx, kJobWeatherChange, &actions).ok());
  REQUIRE(actions.size() == rained);
  for (const v1::Action& a : actions) {
    CHECK(a.set_weather().effect() == v1::WEATHER_EFFECT_CLEAR);
    CHECK(FromProto(a.set_weather().ttl()) == absl::Hours(8) + absl::Minutes(40));  // the rain's 12 h from 03:00 end at 15:00
  }
  // Clear again: nothing left to clear.
  ctx.now = At(9, 20);
  actions.clear();
  REQUIRE(dry.RunJob(ctx, kJobWeatherChange, &actions).ok());
  CHECK(actions.empty());
}

TEST_CASE("unchanged weather is resent only before its effects would lapse", "[unit]") {
  WeatherTimeOptions rain;
  rain.forced_weather = v1::WEATHER_RAIN;
  Harness h(rain);
  h.now = At(3);
  const size_t first = h.Job(kJobWeatherChange).size();
  REQUIRE(first > 0);
  h.now = At(6, 30);  // 8 h 30 min left of 12 h: more than the 4 h 10 min two runs can be apart
  CHECK(h.Job(kJobWeatherChange).empty());
  h.now = At(10, 49);  // 4 h 11 min left
  CHECK(h.Job(kJobWeatherChange).empty());
  h.now = At(10, 51);  // 4 h 9 min left: resent
  CHECK(h.Job(kJobWeatherChange).size() == first);
  CHECK(kWeatherRefreshMargin == kWeatherInterval + 2 * kWeatherJitter + absl::Minutes(10));
}

TEST_CASE("weather chains move over a simulated month in the reference's proportions", "[unit]") {
  Harness h;
  std::map<v1::Weather, int> seen;
  for (int step = 0; step < 8 * 30; ++step) {
    h.now = At(3 * step);
    h.Job(kJobWeatherChange);
    WeatherBook book(h.state, "srv1");
    for (const std::string& region : h.agent.regions()) seen[book.Region(region)->weather]++;
  }
  CHECK(seen.size() == 7);  // every weather occurs somewhere
  CHECK_FALSE(seen.contains(v1::WEATHER_UNSPECIFIED));
  int total = 0;
  for (const auto& [w, n] : seen) total += n;
  INFO("clear " << seen[v1::WEATHER_CLEAR] << " of " << total);
  CHECK(seen[v1::WEATHER_CLEAR] > total / 4);  // the most common state of the chain
}

TEST_CASE("weather change redone on the same state decides the same", "[unit]") {
  Harness a, b;
  a.now = b.now = At(3);
  const auto x = a.Job(kJobWeatherChange), y = b.Job(kJobWeatherChange);
  REQUIRE(x.size() == y.size());
  for (size_t i = 0; i < x.size(); ++i) CHECK(x[i].SerializeAsString() == y[i].SerializeAsString());
}

TEST_CASE("weather state encoding round-trips and rejects bad input", "[unit]") {
  RegionWeather r;
  r.weather = v1::WEATHER_AURORA;
  r.changed_at = At(3);
  r.next_change_at = At(6);
  r.effect_until = At(6, 30);
  r.change_no = 42;
  const auto back = DecodeRegionWeather(EncodeRegionWeather(r));
  REQUIRE(back.has_value());
  CHECK(back->weather == v1::WEATHER_AURORA);
  CHECK(back->changed_at == At(3));
  CHECK(back->effect_until == At(6, 30));
  CHECK(back->change_no == 42);
  CHECK_FALSE(DecodeRegionWeather("v1|99|0|0|0|0").has_value());
  CHECK_FALSE(DecodeRegionWeather("v0|1|0|0|0|0").has_value());
  DayClock c;
  c.period = v1::TIME_OF_DAY_NIGHT;
  c.period_start = At(20);
  c.full_moon = true;
  const auto clock = DecodeDayClock(EncodeDayClock(c));
  REQUIRE(clock.has_value());
  CHECK(clock->full_moon);
  CHECK(clock->period_start == At(20));
  CHECK_FALSE(DecodeDayClock("v1|4|0|2").has_value());
}

TEST_CASE("GetWeather reports the world region's weather odds and the period", "[unit]") {
  Harness h;
  v1::GetWeatherRequest req;
  req.set_server_id("srv1");
  absl::StatusOr<v1::GetWeatherResponse> none = GetWeather(h.state, req, At(12));
  REQUIRE(none.ok());
  CHECK(none->weather() == v1::WEATHER_UNSPECIFIED);
  CHECK(none->forecast_size() == 0);
  CHECK(none->time_of_day() == v1::TIME_OF_DAY_DAY);

  WeatherBook book(h.state, "srv1");
  RegionWeather r;
  r.weather = v1::WEATHER_STORM;
  r.changed_at = At(9);
  r.next_change_at = At(12);
  book.PutRegion(kWorldWeatherRegion, r);
  absl::StatusOr<v1::GetWeatherResponse> got = GetWeather(h.state, req, At(18, 30));
  REQUIRE(got.ok());
  CHECK(got->weather() == v1::WEATHER_STORM);
  CHECK(got->forecast_size() == 3);
  double sum = 0;
  for (const auto& o : got->forecast()) sum += o.probability();
  CHECK(sum == Approx(1.0));
  CHECK(Effect({got->weather_effects().begin(), got->weather_effects().end()}, "wind_damage") == Approx(1.3));
  CHECK(got->time_of_day() == v1::TIME_OF_DAY_DUSK);
  CHECK(Effect({got->time_effects().begin(), got->time_effects().end()}, "drop_rate") == Approx(1.15));
  CHECK(FromProto(got->next_change_at()) == At(12));
  CHECK_FALSE(got->full_moon());

  v1::GetWeatherRequest bad;
  CHECK(absl::StrContains(GetWeather(h.state, bad, At(1)).status().message(), "server_id"));
  bad.set_server_id("Bad Server");
  CHECK(absl::StrContains(GetWeather(h.state, bad, At(1)).status().message(), "server_id"));
}
