#pragma once
// Procedural.GetWeather over the WeatherTime agent's state: the world weather (the weather of the
// kWorldWeatherRegion region, "prontera"), its effects and the Markov odds of the next change, and
// the period of the day at `now` (the mesh clock) with its effects; full_moon when tonight's roll
// said so. A server whose weather was never drawn answers WEATHER_UNSPECIFIED with no forecast.
// Bad input is INVALID_ARGUMENT naming the field.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

absl::StatusOr<v1::GetWeatherResponse> GetWeather(agentkit::StateStore& weather_state, const v1::GetWeatherRequest& request,
                                                  absl::Time now);

}  // namespace aiworld::procedural
