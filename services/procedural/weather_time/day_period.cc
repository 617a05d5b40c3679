#include "services/procedural/weather_time/day_period.h"

namespace aiworld::procedural {
namespace {

absl::Time DayStart(absl::Time t) {
  int64_t s = absl::ToUnixSeconds(t);
  int64_t day = s / 86400;
  if (s < 0 && s % 86400 != 0) --day;
  return absl::FromUnixSeconds(day * 86400);
}

int HourOf(absl::Time t) { return static_cast<int>((t - DayStart(t)) / absl::Hours(1)); }

v1::StatModifier Mod(const char* stat, double multiplier) {
  v1::StatModifier m;
  m.set_stat(stat);
  m.set_multiplier(multiplier);
  return m;
}

}  // namespace

v1::TimeOfDay PeriodAt(absl::Time t) {
  const int h = HourOf(t);
  if (h >= 5 && h < 7) return v1::TIME_OF_DAY_DAWN;
  if (h >= 7 && h < 18) return v1::TIME_OF_DAY_DAY;
  if (h >= 18 && h < 20) return v1::TIME_OF_DAY_DUSK;
  return v1::TIME_OF_DAY_NIGHT;
}

absl::Time PeriodStart(absl::Time t) {
  const absl::Time day = DayStart(t);
  switch (PeriodAt(t)) {
    case v1::TIME_OF_DAY_DAWN: return day + absl::Hours(5);
    case v1::TIME_OF_DAY_DAY: return day + absl::Hours(7);
    case v1::TIME_OF_DAY_DUSK: return day + absl::Hours(18);
    default: return HourOf(t) >= 20 ? day + absl::Hours(20) : day - absl::Hours(4);
  }
}

absl::Time PeriodEnd(absl::Time t) {
  const absl::Time start = PeriodStart(t);
  switch (PeriodAt(t)) {
    case v1::TIME_OF_DAY_DAWN: return start + absl::Hours(2);
    case v1::TIME_OF_DAY_DAY: return start + absl::Hours(11);
    case v1::TIME_OF_DAY_DUSK: return start + absl::Hours(2);
    default: return start + absl::Hours(9);
  }
}

const char* PeriodName(v1::TimeOfDay period) {
  switch (period) {
    case v1::TIME_OF_DAY_DAWN: return "dawn";
    case v1::TIME_OF_DAY_DAY: return "day";
    case v1::TIME_OF_DAY_DUSK: return "dusk";
    case v1::TIME_OF_DAY_NIGHT: return "night";
    default: return "";
  }
}

std::vector<v1::StatModifier> TimeEffects(v1::TimeOfDay period, bool full_moon) {
  switch (period) {
    case v1::TIME_OF_DAY_DAWN: return {Mod("base_exp", 1.1)};
    case v1::TIME_OF_DAY_DUSK: return {Mod("drop_rate", 1.15)};
    case v1::TIME_OF_DAY_NIGHT:
      if (full_moon) return {Mod("base_exp", 1.15), Mod("drop_rate", 1.2), Mod("spawn_rate", 1.3)};
      return {Mod("base_exp", 1.05), Mod("spawn_rate", 1.1)};
    default: return {};
  }
}

}  // namespace aiworld::procedural
