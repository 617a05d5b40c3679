#pragma once
// The WeatherTime agent's state for one server: each region's weather and the current period of the
// day. Compact text values, versioned:
//
//   region/<server>/<region>  "v1|<weather>|<changed_at>|<next_change_at>|<effect_until>|<change_no>"
//                             (weather as the v1::Weather number, times in unix seconds; effect_until
//                             = when the SetWeather effects last sent for the region end)
//   clock/<server>            "v1|<period>|<period_start>|<full_moon 0/1>"
#include <cstdint>
#include <optional>
#include <string>

#include "absl/time/time.h"
#include "aiworld/v1/world.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

struct RegionWeather {
  v1::Weather weather = v1::WEATHER_UNSPECIFIED;
  absl::Time changed_at = absl::UnixEpoch();
  absl::Time next_change_at = absl::UnixEpoch();
  absl::Time effect_until = absl::UnixEpoch();
  uint64_t change_no = 0;
};

struct DayClock {
  v1::TimeOfDay period = v1::TIME_OF_DAY_UNSPECIFIED;
  absl::Time period_start = absl::UnixEpoch();
  bool full_moon = false;
};

std::string EncodeRegionWeather(const RegionWeather& r);
std::optional<RegionWeather> DecodeRegionWeather(const std::string& text);
std::string EncodeDayClock(const DayClock& c);
std::optional<DayClock> DecodeDayClock(const std::string& text);

class WeatherBook {
 public:
  WeatherBook(agentkit::StateStore& state, std::string server_id) : state_(state), server_id_(std::move(server_id)) {}

  std::optional<RegionWeather> Region(const std::string& region) const;
  void PutRegion(const std::string& region, const RegionWeather& r);
  std::optional<DayClock> Clock() const;
  void PutClock(const DayClock& c);

 private:
  agentkit::StateStore& state_;
  const std::string server_id_;
};

}  // namespace aiworld::procedural
