#include "services/procedural/weather_time/weather_visuals.h"

#include <initializer_list>
#include <string_view>

namespace aiworld::procedural {
namespace {

bool ThemeIn(const MapInfo& map, std::initializer_list<std::string_view> themes) {
  for (std::string_view t : themes) {
    if (map.theme == t) return true;
  }
  return false;
}

}  // namespace

bool IsOutdoors(const MapInfo& map) {
  return map.kind != MapKind::kDungeon && !ThemeIn(map, {"cave", "sewer", "tower", "temple", "castle", "machine"});
}

std::optional<v1::WeatherEffect> VisibleWeather(v1::Weather weather, const MapInfo& map) {
  if (!IsOutdoors(map)) return std::nullopt;
  switch (weather) {
    case v1::WEATHER_RAIN: return ThemeIn(map, {"snow"}) ? v1::WEATHER_EFFECT_SNOW : v1::WEATHER_EFFECT_CLOUDS;
    case v1::WEATHER_STORM:
      if (ThemeIn(map, {"snow"})) return v1::WEATHER_EFFECT_SNOW;
      return ThemeIn(map, {"desert"}) ? v1::WEATHER_EFFECT_FOG : v1::WEATHER_EFFECT_CLOUDS2;
    case v1::WEATHER_SNOW:
      return ThemeIn(map, {"desert", "volcano", "beach", "jungle"}) ? v1::WEATHER_EFFECT_CLOUDS : v1::WEATHER_EFFECT_SNOW;
    case v1::WEATHER_SANDSTORM:
      return ThemeIn(map, {"desert", "ruins", "mountain", "beach"}) ? v1::WEATHER_EFFECT_FOG : v1::WEATHER_EFFECT_CLOUDS;
    default: return std::nullopt;
  }
}

}  // namespace aiworld::procedural
