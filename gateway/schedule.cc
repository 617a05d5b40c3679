#include "gateway/schedule.h"

#include <algorithm>
#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"

namespace aiworld::gateway {
namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kDay = 86400 * kMicrosPerSecond;
constexpr int64_t kWeek = 7 * kDay;
// 1970-01-01 was a Thursday: the Monday that starts its week is three days earlier.
constexpr int64_t kFirstMonday = -3 * kDay;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0); }
int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

absl::Status Invalid(absl::string_view field, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(field, ": ", what));
}

absl::Status ValidateTimeOfDay(uint32_t hour, uint32_t minute, absl::string_view field) {
  if (hour > 23) return Invalid(absl::StrCat(field, ".hour"), absl::StrCat(hour, " is outside 0..23"));
  if (minute > 59) return Invalid(absl::StrCat(field, ".minute"), absl::StrCat(minute, " is outside 0..59"));
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateSchedule(const v1::JobSchedule& schedule, absl::string_view field) {
  switch (schedule.when_case()) {
    case v1::JobSchedule::kDaily:
      return ValidateTimeOfDay(schedule.daily().hour(), schedule.daily().minute(), absl::StrCat(field, ".daily"));
    case v1::JobSchedule::kWeekly: {
      const std::string weekly = absl::StrCat(field, ".weekly");
      const v1::Weekday day = schedule.weekly().day();
      if (day < v1::WEEKDAY_MONDAY || day > v1::WEEKDAY_SUNDAY) {
        return Invalid(absl::StrCat(weekly, ".day"), "a weekday must be set (MONDAY..SUNDAY)");
      }
      return ValidateTimeOfDay(schedule.weekly().hour(), schedule.weekly().minute(), weekly);
    }
    case v1::JobSchedule::kInterval: {
      const std::string interval = absl::StrCat(field, ".interval");
      const absl::Duration every = FromProto(schedule.interval().every());
      if (every < absl::Seconds(10) || every > absl::Hours(24 * 7)) {
        return Invalid(absl::StrCat(interval, ".every"), absl::StrCat(absl::FormatDuration(every), " is outside 10s..7 days"));
      }
      const absl::Duration jitter = FromProto(schedule.interval().jitter());
      if (jitter < absl::ZeroDuration() || jitter > every / 2) {
        return Invalid(absl::StrCat(interval, ".jitter"),
                       absl::StrCat(absl::FormatDuration(jitter), " is outside 0..every/2 (", absl::FormatDuration(every / 2), ")"));
      }
      return absl::OkStatus();
    }
    case v1::JobSchedule::WHEN_NOT_SET:
      break;
  }
  return Invalid(field, "one of daily, weekly or interval must be set");
}

absl::StatusOr<SlotSeries> SlotSeries::Of(const v1::JobSchedule& schedule) {
  if (absl::Status s = ValidateSchedule(schedule); !s.ok()) return s;
  SlotSeries series;
  auto time_of_day = [](uint32_t hour, uint32_t minute) { return (int64_t{hour} * 3600 + int64_t{minute} * 60) * kMicrosPerSecond; };
  switch (schedule.when_case()) {
    case v1::JobSchedule::kDaily:
      series.period_us_ = kDay;
      series.phase_us_ = time_of_day(schedule.daily().hour(), schedule.daily().minute());
      break;
    case v1::JobSchedule::kWeekly:
      series.period_us_ = kWeek;
      series.phase_us_ = FloorMod(kFirstMonday + (schedule.weekly().day() - 1) * kDay +
                                      time_of_day(schedule.weekly().hour(), schedule.weekly().minute()),
                                  kWeek);
      break;
    default: {
      const int64_t every = absl::ToInt64Microseconds(FromProto(schedule.interval().every()));
      series.period_us_ = every;
      if (every < kDay && kDay % every != 0) series.per_day_ = (kDay + every - 1) / every;
      series.jitter_us_ = absl::ToInt64Microseconds(FromProto(schedule.interval().jitter()));
      break;
    }
  }
  return series;
}

int64_t SlotSeries::IndexAt(absl::Time t) const {
  const int64_t us = absl::ToUnixMicros(t);
  if (per_day_ == 0) return FloorDiv(us - phase_us_, period_us_);
  const int64_t day = FloorDiv(us, kDay);
  return day * per_day_ + (us - day * kDay) / period_us_;
}

absl::Time SlotSeries::SlotAt(int64_t index) const {
  if (per_day_ == 0) return absl::FromUnixMicros(phase_us_ + index * period_us_);
  const int64_t day = FloorDiv(index, per_day_);
  return absl::FromUnixMicros(day * kDay + (index - day * per_day_) * period_us_);
}

std::vector<absl::Time> SlotSeries::Between(absl::Time after, absl::Time until, size_t limit) const {
  std::vector<absl::Time> out;
  for (int64_t i = IndexAt(after) + 1, last = IndexAt(until); i <= last && out.size() < limit; ++i) out.push_back(SlotAt(i));
  return out;
}

int64_t SlotSeries::Count(absl::Time after, absl::Time until) const {
  return until <= after ? 0 : IndexAt(until) - IndexAt(after);
}

absl::Time DueAt(absl::Time slot, absl::Duration jitter, uint64_t seed) {
  const int64_t j = absl::ToInt64Seconds(jitter);
  if (j <= 0) return slot;
  const int64_t shift = static_cast<int64_t>(seed % static_cast<uint64_t>(2 * j + 1)) - j;
  return slot + absl::Seconds(shift);
}

SlotPlan PlanSlots(const SlotSeries& series, const SlotPlanInput& input) {
  const int catch_up = std::max(1, input.catch_up);
  auto due = [&](absl::Time slot) {
    return input.seed == nullptr ? slot <= input.now : DueAt(slot, series.jitter(), input.seed(slot)) <= input.now;
  };
  // Due times rise with the slots (|shift| <= every/2), so the due slots are a prefix of the
  // slots up to now + jitter: walk back from the end past the ones not due yet.
  const absl::Time horizon = input.now + series.jitter();
  absl::Time newest = series.AtOrBefore(horizon);
  while (newest > input.after && !due(newest)) newest = series.AtOrBefore(newest - absl::Microseconds(1));
  std::set<absl::Time> slots;
  int64_t due_count = 0;
  if (newest > input.after) {
    due_count = series.Count(input.after, newest);
    for (int64_t n = 1; n <= std::min<int64_t>(catch_up, due_count); ++n) slots.insert(series.NthLatest(newest, n));
  }
  // Slots handled before but to be run again, if still among the latest `catch_up`.
  const absl::Time oldest_kept = series.NthLatest(newest, catch_up);
  for (absl::Time r : input.retry) {
    if (r >= oldest_kept && r <= newest && !slots.contains(r)) {
      slots.insert(r);
      ++due_count;
    }
  }
  SlotPlan plan;
  for (auto it = slots.rbegin(); it != slots.rend() && plan.run.size() < static_cast<size_t>(catch_up); ++it) {
    plan.run.insert(plan.run.begin(), *it);
  }
  plan.missed = due_count - static_cast<int64_t>(plan.run.size());
  plan.next = plan.run.empty() ? series.After(std::max(input.after, newest)) : plan.run.front();
  return plan;
}

}  // namespace aiworld::gateway
