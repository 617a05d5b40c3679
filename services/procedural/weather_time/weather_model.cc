#include "services/procedural/weather_time/weather_model.h"

namespace aiworld::procedural {
namespace {

using Row = std::vector<std::pair<v1::Weather, double>>;

v1::StatModifier Mod(const char* stat, double multiplier) {
  v1::StatModifier m;
  m.set_stat(stat);
  m.set_multiplier(multiplier);
  return m;
}

}  // namespace

const std::vector<v1::Weather>& AllWeathers() {
  static const std::vector<v1::Weather> kAll = {v1::WEATHER_CLEAR,     v1::WEATHER_RAIN,      v1::WEATHER_STORM,
                                                v1::WEATHER_SNOW,      v1::WEATHER_HEAT_WAVE, v1::WEATHER_SANDSTORM,
                                                v1::WEATHER_AURORA};
  return kAll;
}

std::string WeatherName(v1::Weather weather) {
  switch (weather) {
    case v1::WEATHER_CLEAR: return "clear";
    case v1::WEATHER_RAIN: return "rain";
    case v1::WEATHER_STORM: return "storm";
    case v1::WEATHER_SNOW: return "snow";
    case v1::WEATHER_HEAT_WAVE: return "heat_wave";
    case v1::WEATHER_SANDSTORM: return "sandstorm";
    case v1::WEATHER_AURORA: return "aurora";
    default: return "";
  }
}

std::optional<v1::Weather> ParseWeatherName(const std::string& name) {
  for (v1::Weather w : AllWeathers()) {
    if (WeatherName(w) == name) return w;
  }
  return std::nullopt;
}

const std::vector<std::pair<v1::Weather, double>>& WeatherTransitions(v1::Weather current) {
  static const Row kClear = {{v1::WEATHER_CLEAR, 0.6}, {v1::WEATHER_RAIN, 0.2}, {v1::WEATHER_HEAT_WAVE, 0.1},
                             {v1::WEATHER_AURORA, 0.05}, {v1::WEATHER_SANDSTORM, 0.05}};
  static const Row kRain = {{v1::WEATHER_RAIN, 0.5}, {v1::WEATHER_STORM, 0.3}, {v1::WEATHER_CLEAR, 0.15}, {v1::WEATHER_SNOW, 0.05}};
  static const Row kStorm = {{v1::WEATHER_STORM, 0.4}, {v1::WEATHER_RAIN, 0.4}, {v1::WEATHER_CLEAR, 0.2}};
  static const Row kSnow = {{v1::WEATHER_SNOW, 0.6}, {v1::WEATHER_CLEAR, 0.25}, {v1::WEATHER_STORM, 0.1}, {v1::WEATHER_AURORA, 0.05}};
  static const Row kHeat = {{v1::WEATHER_HEAT_WAVE, 0.5}, {v1::WEATHER_CLEAR, 0.3}, {v1::WEATHER_SANDSTORM, 0.2}};
  static const Row kSand = {{v1::WEATHER_SANDSTORM, 0.5}, {v1::WEATHER_CLEAR, 0.3}, {v1::WEATHER_HEAT_WAVE, 0.2}};
  static const Row kAurora = {{v1::WEATHER_AURORA, 0.4}, {v1::WEATHER_CLEAR, 0.4}, {v1::WEATHER_SNOW, 0.2}};
  switch (current) {
    case v1::WEATHER_RAIN: return kRain;
    case v1::WEATHER_STORM: return kStorm;
    case v1::WEATHER_SNOW: return kSnow;
    case v1::WEATHER_HEAT_WAVE: return kHeat;
    case v1::WEATHER_SANDSTORM: return kSand;
    case v1::WEATHER_AURORA: return kAurora;
    default: return kClear;
  }
}

v1::Weather NextWeather(v1::Weather current, double u) {
  const Row& row = WeatherTransitions(current);
  double cumulative = 0;
  for (const auto& [weather, p] : row) {
    cumulative += p;
    if (u < cumulative) return weather;
  }
  return row.back().first;  // u at the very top of [0, 1) after rounding
}

std::vector<v1::WeatherOdds> WeatherForecast(v1::Weather current) {
  std::vector<v1::WeatherOdds> out;
  for (const auto& [weather, p] : WeatherTransitions(current)) {
    v1::WeatherOdds odds;
    odds.set_weather(weather);
    odds.set_probability(p);
    out.push_back(odds);
  }
  return out;
}

std::vector<v1::StatModifier> WeatherEffects(v1::Weather weather) {
  switch (weather) {
    case v1::WEATHER_RAIN:
      return {Mod("water_damage", 1.2), Mod("fire_damage", 0.8), Mod("flee", 0.95), Mod("hit", 0.95), Mod("drop_rate", 1.05)};
    case v1::WEATHER_STORM: return {Mod("wind_damage", 1.3), Mod("water_damage", 1.2), Mod("fire_damage", 0.7)};
    case v1::WEATHER_SNOW: return {Mod("water_damage", 1.3), Mod("fire_damage", 0.7), Mod("move_speed", 0.9)};
    case v1::WEATHER_HEAT_WAVE: return {Mod("fire_damage", 1.3), Mod("water_damage", 0.8), Mod("sp_regen", 0.8)};
    case v1::WEATHER_SANDSTORM: return {Mod("earth_damage", 1.25), Mod("wind_damage", 1.15), Mod("hit", 0.9)};
    case v1::WEATHER_AURORA:
      return {Mod("holy_damage", 1.2), Mod("shadow_damage", 1.2), Mod("matk", 1.15), Mod("drop_rate", 1.1)};
    default: return {};
  }
}

}  // namespace aiworld::procedural
