#pragma once
// A range of UTC days as requests give it ("YYYY-MM-DD" from and to, inclusive, either empty).
#include <string>

#include "absl/status/statusor.h"
#include "absl/time/time.h"

namespace aiworld {

struct DayRange {
  std::string from_day;  // YYYY-MM-DD
  std::string to_day;
};

// Empty to_day: today (UTC) at `now`; empty from_day: default_days - 1 days before to_day. Errors
// (INVALID_ARGUMENT) name the field: not a date, from after to, more than max_days days.
absl::StatusOr<DayRange> ResolveDayRange(const std::string& from_day, const std::string& to_day, absl::Time now,
                                         int default_days = 30, int max_days = 366);

}  // namespace aiworld
