#pragma once
// Slot arithmetic of a JobSchedule on the mesh clock (pure; DESIGN §5). Days and weeks start at
// 00:00 UTC of the mesh clock (no time zones, no DST):
//   - daily hh:mm: one slot a day;
//   - weekly day hh:mm: one slot a week (weeks start on Monday);
//   - interval `every`: slots at multiples of `every` since 00:00 of each mesh day. When `every`
//     does not divide a day (e.g. 7 min) the last slot of a day is followed by 00:00 of the next
//     (23:55, then 00:00); an interval of a day or more counts from 1970-01-01 00:00.
// An interval's jitter shifts when a slot is due (slot + shift, |shift| <= jitter, drawn from the
// slot's seed), never the slot itself, which stays the run's key.
#include <cstdint>
#include <functional>
#include <optional>
#include "absl/strings/string_view.h"
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/agent_group.pb.h"

namespace aiworld::gateway {

// OK, or INVALID_ARGUMENT naming the offending field under `field` (e.g. "schedule.interval.every").
absl::Status ValidateSchedule(const v1::JobSchedule& schedule, absl::string_view field = "schedule");

class SlotSeries {
 public:
  // INVALID_ARGUMENT (see ValidateSchedule) for a schedule that cannot be run.
  static absl::StatusOr<SlotSeries> Of(const v1::JobSchedule& schedule);

  // The latest slot at or before t.
  absl::Time AtOrBefore(absl::Time t) const { return SlotAt(IndexAt(t)); }
  // The earliest slot strictly after t.
  absl::Time After(absl::Time t) const { return SlotAt(IndexAt(t) + 1); }
  // Slots in (after, until], oldest first, at most `limit` (the oldest ones).
  std::vector<absl::Time> Between(absl::Time after, absl::Time until, size_t limit = 10000) const;
  // How many slots lie in (after, until].
  int64_t Count(absl::Time after, absl::Time until) const;
  // The n-th latest slot at or before t (n = 1: AtOrBefore(t)); n >= 1.
  absl::Time NthLatest(absl::Time t, int64_t n) const { return SlotAt(IndexAt(t) - (n - 1)); }
  absl::Duration jitter() const { return absl::Microseconds(jitter_us_); }

 private:
  SlotSeries() = default;
  // Slots are numbered along the time line; IndexAt(t) is the number of the latest slot <= t.
  int64_t IndexAt(absl::Time t) const;
  absl::Time SlotAt(int64_t index) const;

  // Periodic series: slots at phase + k * period (microseconds since the epoch).
  int64_t period_us_ = 0;
  int64_t phase_us_ = 0;
  // Interval that restarts each day (does not divide a day): `per_day_` slots of `period_us_` a day.
  int64_t per_day_ = 0;
  int64_t jitter_us_ = 0;
};

// When a slot is due: slot + a shift in [-jitter, +jitter] (whole seconds) drawn from seed.
absl::Time DueAt(absl::Time slot, absl::Duration jitter, uint64_t seed);

// What the scheduler runs for one (job, server).
struct SlotPlan {
  std::vector<absl::Time> run;  // oldest first, at most catch_up
  int64_t missed = 0;           // due slots left out by the catch-up limit
  absl::Time next;              // the next slot to run: run.front(), else the first slot not due yet
};

struct SlotPlanInput {
  absl::Time now;                    // mesh now
  absl::Time after;                  // the last slot handled (or the server's registration)
  std::vector<absl::Time> retry;     // handled slots to run again (failed, lease expired)
  int catch_up = 3;                  // most slots run at once: the latest due ones
  std::function<uint64_t(absl::Time slot)> seed;  // the slot's seed, for jitter; null: no jitter
};

// The due slots of a series: slots after `after` (and `retry` slots not older than the catch_up
// latest slots) whose due time is <= now, keeping the latest `catch_up`.
SlotPlan PlanSlots(const SlotSeries& series, const SlotPlanInput& input);

}  // namespace aiworld::gateway
