#include "runtime/day_range.h"

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"

namespace aiworld {
namespace {

absl::StatusOr<absl::CivilDay> ParseDay(const char* field, const std::string& text) {
  absl::CivilDay day;
  if (text.size() != 10 || !absl::ParseCivilTime(text, &day) || absl::FormatCivilTime(day) != text) {
    return absl::InvalidArgumentError(absl::StrCat(field, ": \"", text, "\" is not a date YYYY-MM-DD"));
  }
  return day;
}

}  // namespace

absl::StatusOr<DayRange> ResolveDayRange(const std::string& from_day, const std::string& to_day, absl::Time now,
                                         int default_days, int max_days) {
  absl::CivilDay to = absl::ToCivilDay(now, absl::UTCTimeZone());
  if (!to_day.empty()) {
    absl::StatusOr<absl::CivilDay> parsed = ParseDay("to_day", to_day);
    if (!parsed.ok()) return parsed.status();
    to = *parsed;
  }
  absl::CivilDay from = to - (default_days - 1);
  if (!from_day.empty()) {
    absl::StatusOr<absl::CivilDay> parsed = ParseDay("from_day", from_day);
    if (!parsed.ok()) return parsed.status();
    from = *parsed;
  }
  if (from > to) return absl::InvalidArgumentError(absl::StrCat("from_day: ", absl::FormatCivilTime(from), " is after to_day ", absl::FormatCivilTime(to)));
  if (to - from > max_days) {
    return absl::InvalidArgumentError(absl::StrCat("to_day: at most ", max_days, " days after from_day"));
  }
  return DayRange{absl::FormatCivilTime(from), absl::FormatCivilTime(to)};
}

}  // namespace aiworld
