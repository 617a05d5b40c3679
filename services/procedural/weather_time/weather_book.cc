#include "services/procedural/weather_time/weather_book.h"

#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace aiworld::procedural {
namespace {

bool ParseTime(const std::string& s, absl::Time* t) {
  int64_t v = 0;
  if (!absl::SimpleAtoi(s, &v)) return false;
  *t = absl::FromUnixSeconds(v);
  return true;
}

}  // namespace

std::string EncodeRegionWeather(const RegionWeather& r) {
  return absl::StrCat("v1|", static_cast<int>(r.weather), "|", absl::ToUnixSeconds(r.changed_at), "|",
                      absl::ToUnixSeconds(r.next_change_at), "|", absl::ToUnixSeconds(r.effect_until), "|", r.change_no);
}

std::optional<RegionWeather> DecodeRegionWeather(const std::string& text) {
  std::vector<std::string> p = absl::StrSplit(text, '|');
  if (p.size() != 6 || p[0] != "v1") return std::nullopt;
  RegionWeather r;
  int weather = 0;
  if (!absl::SimpleAtoi(p[1], &weather) || !v1::Weather_IsValid(weather)) return std::nullopt;
  r.weather = static_cast<v1::Weather>(weather);
  if (!ParseTime(p[2], &r.changed_at) || !ParseTime(p[3], &r.next_change_at) || !ParseTime(p[4], &r.effect_until) ||
      !absl::SimpleAtoi(p[5], &r.change_no)) {
    return std::nullopt;
  }
  return r;
}

std::string EncodeDayClock(const DayClock& c) {
  return absl::StrCat("v1|", static_cast<int>(c.period), "|", absl::ToUnixSeconds(c.period_start), "|", c.full_moon ? 1 : 0);
}

std::optional<DayClock> DecodeDayClock(const std::string& text) {
  std::vector<std::string> p = absl::StrSplit(text, '|');
  if (p.size() != 4 || p[0] != "v1") return std::nullopt;
  DayClock c;
  int period = 0;
  if (!absl::SimpleAtoi(p[1], &period) || !v1::TimeOfDay_IsValid(period)) return std::nullopt;
  c.period = static_cast<v1::TimeOfDay>(period);
  if (!ParseTime(p[2], &c.period_start) || (p[3] != "0" && p[3] != "1")) return std::nullopt;
  c.full_moon = p[3] == "1";
  return c;
}

std::optional<RegionWeather> WeatherBook::Region(const std::string& region) const {
  std::optional<std::string> raw = state_.Get(absl::StrCat("region/", server_id_, "/", region));
  return raw.has_value() ? DecodeRegionWeather(*raw) : std::nullopt;
}

void WeatherBook::PutRegion(const std::string& region, const RegionWeather& r) {
  state_.Put(absl::StrCat("region/", server_id_, "/", region), EncodeRegionWeather(r));
}

std::optional<DayClock> WeatherBook::Clock() const {
  std::optional<std::string> raw = state_.Get(absl::StrCat("clock/", server_id_));
  return raw.has_value() ? DecodeDayClock(*raw) : std::nullopt;
}

void WeatherBook::PutClock(const DayClock& c) { state_.Put(absl::StrCat("clock/", server_id_), EncodeDayClock(c)); }

}  // namespace aiworld::procedural
