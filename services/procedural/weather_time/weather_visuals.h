#pragma once
// What a map shows of its region's weather (SetWeather). rAthena's client effects are few (snow,
// fog, sakura, leaves, clouds, fireworks; rain is gone from current rAthena), so each weather maps to
// the closest effect for the map's theme; indoor maps (dungeons, and the cave, sewer, tower, temple,
// castle and machine themes) show none, and neither do clear, heat_wave and aurora.
//
//   rain       snow theme: snow; else clouds
//   storm      snow theme: snow; desert: fog; else clouds2
//   snow       desert, volcano, beach, jungle: clouds; else snow
//   sandstorm  desert, ruins, mountain, beach: fog; else clouds
#include <optional>

#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"

namespace aiworld::procedural {

bool IsOutdoors(const MapInfo& map);
std::optional<v1::WeatherEffect> VisibleWeather(v1::Weather weather, const MapInfo& map);

}  // namespace aiworld::procedural
