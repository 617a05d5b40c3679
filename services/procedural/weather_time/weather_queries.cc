#include "services/procedural/weather_time/weather_queries.h"

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/procedural/weather_time/day_period.h"
#include "services/procedural/weather_time/weather_book.h"
#include "services/procedural/weather_time/weather_model.h"
#include "services/procedural/weather_time/weather_time_agent.h"

namespace aiworld::procedural {

absl::StatusOr<v1::GetWeatherResponse> GetWeather(agentkit::StateStore& weather_state, const v1::GetWeatherRequest& request,
                                                  absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  WeatherBook book(weather_state, request.server_id());
  v1::GetWeatherResponse response;
  if (std::optional<RegionWeather> world = book.Region(kWorldWeatherRegion)) {
    response.set_weather(world->weather);
    for (const v1::StatModifier& m : WeatherEffects(world->weather)) *response.add_weather_effects() = m;
    for (const v1::WeatherOdds& o : WeatherForecast(world->weather)) *response.add_forecast() = o;
    *response.mutable_changed_at() = ToProto(world->changed_at);
    *response.mutable_next_change_at() = ToProto(world->next_change_at);
  }
  const v1::TimeOfDay period = PeriodAt(now);
  const std::optional<DayClock> clock = book.Clock();
  const bool full_moon = period == v1::TIME_OF_DAY_NIGHT && clock.has_value() &&
                         clock->period_start == PeriodStart(now) && clock->full_moon;
  response.set_time_of_day(period);
  response.set_full_moon(full_moon);
  for (const v1::StatModifier& m : TimeEffects(period, full_moon)) *response.add_time_effects() = m;
  return response;
}

}  // namespace aiworld::procedural
