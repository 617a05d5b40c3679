#pragma once
// The reference's weather (§3.9): a Markov chain over seven weathers and the effects of each.
//
//   clear      -> clear .6, rain .2, heat_wave .1, aurora .05, sandstorm .05
//   rain       -> rain .5, storm .3, clear .15, snow .05
//   storm      -> storm .4, rain .4, clear .2
//   snow       -> snow .6, clear .25, storm .1, aurora .05
//   heat_wave  -> heat_wave .5, clear .3, sandstorm .2
//   sandstorm  -> sandstorm .5, clear .3, heat_wave .2
//   aurora     -> aurora .4, clear .4, snow .2
//
// Effects: rain water x1.2, fire x0.8, flee/hit x0.95, drops x1.05; storm wind x1.3, water x1.2,
// fire x0.7; snow water x1.3, fire x0.7, move x0.9; heat_wave fire x1.3, water x0.8, SP regen x0.8;
// sandstorm earth x1.25, wind x1.15, hit x0.9; aurora holy/shadow x1.2, MATK x1.15, drops x1.1.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aiworld/v1/common.pb.h"
#include "aiworld/v1/procedural.pb.h"
#include "aiworld/v1/world.pb.h"

namespace aiworld::procedural {

// The seven weathers in enum order.
const std::vector<v1::Weather>& AllWeathers();
// "clear", "rain", "storm", "snow", "heat_wave", "sandstorm", "aurora"; "" for UNSPECIFIED.
std::string WeatherName(v1::Weather weather);
std::optional<v1::Weather> ParseWeatherName(const std::string& name);

// The row of the Markov table for `current` (UNSPECIFIED counts as clear), in the order above.
const std::vector<std::pair<v1::Weather, double>>& WeatherTransitions(v1::Weather current);
// The next weather for a uniform draw u in [0, 1): walks the row's cumulative probabilities.
v1::Weather NextWeather(v1::Weather current, double u);
// The forecast of GetWeather: the row as WeatherOdds.
std::vector<v1::WeatherOdds> WeatherForecast(v1::Weather current);

std::vector<v1::StatModifier> WeatherEffects(v1::Weather weather);

}  // namespace aiworld::procedural
