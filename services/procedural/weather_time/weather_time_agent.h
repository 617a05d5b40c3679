#pragma once
// The WeatherTime agent (procedural group, "weather_time"): the Markov weather of each region and the
// periods of the day (reference §3.9).
//
//   weather_time.change       every 3 h, +-30 min jitter: each catalogue region draws its next
//                             weather (weather_model.h; a configured forced weather wins). When a
//                             region's weather changed, or its effects would lapse before the next
//                             run, every outdoor map with a visible effect gets SetWeather with a
//                             12 h ttl, and a map whose effect ended gets SetWeather CLEAR for the
//                             rest of the old effect's ttl (so both end together).
//   weather_time.time_of_day  every 10 min: on a new period (dawn, day, dusk, night) one
//                             StartWorldEvent on the event NPC "AIW_Evt_TimeOfDay" with the period's
//                             rates in percent and its duration; each night rolls its full moon (10%).
//                             Dawn and nightfall are announced.
// Weather does not depend on who plays: an empty world snapshot changes nothing here.
#include <string>
#include <vector>

#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/procedural/weather_time/day_period.h"

namespace aiworld::procedural {

inline constexpr const char* kJobWeatherChange = "weather_time.change";
inline constexpr const char* kJobTimeOfDay = "weather_time.time_of_day";
inline constexpr const char* kTimeOfDayEventNpc = "AIW_Evt_TimeOfDay";
inline constexpr absl::Duration kWeatherInterval = absl::Hours(3);
inline constexpr absl::Duration kWeatherJitter = absl::Minutes(30);
inline constexpr absl::Duration kTimeOfDayInterval = absl::Minutes(10);
// How long a SetWeather lasts, and how much of it must be left for a run to skip an unchanged
// region: two runs can be up to 3 h + 2 x 30 min apart.
inline constexpr absl::Duration kWeatherEffectTtl = absl::Hours(12);
inline constexpr absl::Duration kWeatherRefreshMargin = absl::Minutes(3 * 60 + 2 * 30 + 10);
// The region GetWeather reports as the world's weather.
inline constexpr const char* kWorldWeatherRegion = "prontera";

struct WeatherTimeOptions {
  v1::Weather forced_weather = v1::WEATHER_UNSPECIFIED;  // set: every region takes it at each change
  double full_moon_chance = kFullMoonChance;             // FULL_MOON_RANDOM_CHANCE
};

class WeatherTimeAgent final : public agentkit::Agent {
 public:
  explicit WeatherTimeAgent(const GameCatalogue& catalogue = GameCatalogue::BuiltIn(), WeatherTimeOptions options = {});

  std::string name() const override { return "weather_time"; }
  std::string description() const override {
    return "Markov weather per region shown on outdoor maps; dawn, day, dusk and night with full moons";
  }
  std::vector<v1::EventKind> subscriptions() const override { return {}; }
  std::vector<v1::JobSpec> jobs() const override;
  std::vector<v1::ActionKind> emitted_actions() const override;
  absl::Status HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                            std::vector<v1::Action>* actions) override;
  absl::Status RunJob(agentkit::AgentContext& ctx, const std::string& job, std::vector<v1::Action>* actions) override;

  const std::vector<std::string>& regions() const { return regions_; }

 private:
  void ChangeWeather(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;
  void AdvanceClock(agentkit::AgentContext& ctx, std::vector<v1::Action>* actions) const;

  const GameCatalogue& catalogue_;
  const WeatherTimeOptions options_;
  std::vector<std::string> regions_;  // sorted, unique
};

}  // namespace aiworld::procedural
