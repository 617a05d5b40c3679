// Slot arithmetic of job schedules on the mesh clock: UTC days and Monday weeks, no DST; slots in
// (after, until]; intervals aligned to 00:00 of each mesh day; catch-up limits and jitter.
#include <catch2/catch.hpp>

#include "gateway/schedule.h"
#include "runtime/proto_time.h"

using aiworld::ToProto;
using aiworld::gateway::DueAt;
using aiworld::gateway::PlanSlots;
using aiworld::gateway::SlotPlan;
using aiworld::gateway::SlotPlanInput;
using aiworld::gateway::SlotSeries;
using aiworld::gateway::ValidateSchedule;
namespace v1 = aiworld::v1;

namespace {

absl::Time At(const char* utc) {
  absl::Time t;
  std::string error;
  REQUIRE(absl::ParseTime("%Y-%m-%d %H:%M:%S", utc, absl::UTCTimeZone(), &t, &error));
  return t;
}

std::string Show(absl::Time t) { return absl::FormatTime("%Y-%m-%d %H:%M:%S", t, absl::UTCTimeZone()); }

v1::JobSchedule Daily(uint32_t hour, uint32_t minute) {
  v1::JobSchedule s;
  s.mutable_daily()->set_hour(hour);
  s.mutable_daily()->set_minute(minute);
  return s;
}

v1::JobSchedule Weekly(v1::Weekday day, uint32_t hour, uint32_t minute) {
  v1::JobSchedule s;
  s.mutable_weekly()->set_day(day);
  s.mutable_weekly()->set_hour(hour);
  s.mutable_weekly()->set_minute(minute);
  return s;
}

v1::JobSchedule Every(absl::Duration every, absl::Duration jitter = absl::ZeroDuration()) {
  v1::JobSchedule s;
  *s.mutable_interval()->mutable_every() = ToProto(every);
  if (jitter > absl::ZeroDuration()) *s.mutable_interval()->mutable_jitter() = ToProto(jitter);
  return s;
}

SlotSeries Series(const v1::JobSchedule& s) {
  absl::StatusOr<SlotSeries> series = SlotSeries::Of(s);
  REQUIRE(series.ok());
  return *series;
}

std::string Field(const v1::JobSchedule& s) {
  const absl::Status status = ValidateSchedule(s);
  if (status.ok()) return "ok";
  const std::string message(status.message());
  return message.substr(0, message.find(':'));
}

}  // namespace

TEST_CASE("a daily slot exactly at after is excluded and exactly at until is included", "[unit]") {
  const SlotSeries problem = Series(Daily(0, 15));
  const std::vector<absl::Time> slots = problem.Between(At("2024-05-01 00:15:00"), At("2024-05-03 00:15:00"));
  REQUIRE(slots.size() == 2);
  CHECK(Show(slots[0]) == "2024-05-02 00:15:00");
  CHECK(Show(slots[1]) == "2024-05-03 00:15:00");
  CHECK(problem.Count(At("2024-05-01 00:15:00"), At("2024-05-03 00:15:00")) == 2);
  // One microsecond either side moves the boundary slots in or out.
  CHECK(problem.Count(At("2024-05-01 00:15:00") - absl::Microseconds(1), At("2024-05-03 00:15:00")) == 3);
  CHECK(problem.Count(At("2024-05-01 00:15:00"), At("2024-05-03 00:15:00") - absl::Microseconds(1)) == 1);
  CHECK(problem.Count(At("2024-05-03 00:15:00"), At("2024-05-01 00:15:00")) == 0);
}

TEST_CASE("daily slots are at the time of day in UTC of the mesh clock", "[unit]") {
  const SlotSeries despawn = Series(Daily(23, 59));
  CHECK(Show(despawn.AtOrBefore(At("2024-05-02 12:00:00"))) == "2024-05-01 23:59:00");
  CHECK(Show(despawn.AtOrBefore(At("2024-05-02 23:59:00"))) == "2024-05-02 23:59:00");
  CHECK(Show(despawn.After(At("2024-05-02 23:59:00"))) == "2024-05-03 23:59:00");
  CHECK(Show(Series(Daily(0, 0)).After(At("2024-12-31 23:59:59"))) == "2025-01-01 00:00:00");
}

TEST_CASE("daily slots stay 24 hours apart across a US and an EU DST change since the mesh day is UTC", "[unit]") {
  const SlotSeries hazards = Series(Daily(2, 30));
  for (const char* day : {"2024-03-09 12:00:00", "2024-03-30 12:00:00", "2024-10-26 12:00:00", "2024-11-02 12:00:00"}) {
    INFO("around " << day);
    const std::vector<absl::Time> slots = hazards.Between(At(day), At(day) + absl::Hours(72));
    REQUIRE(slots.size() == 3);
    CHECK(slots[1] - slots[0] == absl::Hours(24));
    CHECK(slots[2] - slots[1] == absl::Hours(24));
  }
}

TEST_CASE("weekly slots fall on their weekday and weeks turn at Monday 00:00", "[unit]") {
  // 2024-01-01 was a Monday; 2024-01-07 a Sunday.
  const SlotSeries story = Series(Weekly(v1::WEEKDAY_SUNDAY, 0, 0));
  CHECK(Show(story.AtOrBefore(At("2024-01-10 12:00:00"))) == "2024-01-07 00:00:00");
  CHECK(Show(story.After(At("2024-01-07 00:00:00"))) == "2024-01-14 00:00:00");
  const SlotSeries monday = Series(Weekly(v1::WEEKDAY_MONDAY, 0, 0));
  CHECK(Show(monday.After(At("2024-01-07 23:59:59"))) == "2024-01-08 00:00:00");
  CHECK(Show(monday.AtOrBefore(At("2024-01-07 23:59:59"))) == "2024-01-01 00:00:00");
  const SlotSeries heroes = Series(Weekly(v1::WEEKDAY_SUNDAY, 20, 0));
  CHECK(Show(heroes.After(At("2024-01-07 19:59:59"))) == "2024-01-07 20:00:00");
  // Across a year boundary and over four weeks: exactly four slots, seven days apart.
  const std::vector<absl::Time> slots = heroes.Between(At("2023-12-20 00:00:00"), At("2024-01-17 00:00:00"));
  REQUIRE(slots.size() == 4);
  CHECK(Show(slots[0]) == "2023-12-24 20:00:00");
  CHECK(Show(slots[3]) == "2024-01-14 20:00:00");
  // Thursday 1970-01-01 (the epoch itself) is found too.
  CHECK(Show(Series(Weekly(v1::WEEKDAY_THURSDAY, 0, 0)).AtOrBefore(At("1970-01-01 00:00:00"))) == "1970-01-01 00:00:00");
}

TEST_CASE("interval slots are aligned to multiples of every since 00:00 of the mesh day", "[unit]") {
  const SlotSeries weather = Series(Every(absl::Minutes(10)));
  CHECK(Show(weather.AtOrBefore(At("2024-05-01 13:37:12"))) == "2024-05-01 13:30:00");
  CHECK(Show(weather.After(At("2024-05-01 23:55:00"))) == "2024-05-02 00:00:00");
  CHECK(weather.Count(At("2024-05-01 00:00:00"), At("2024-05-02 00:00:00")) == 144);
  const SlotSeries bosses = Series(Every(absl::Minutes(15)));
  const std::vector<absl::Time> midnight = bosses.Between(At("2024-05-01 23:40:00"), At("2024-05-02 00:20:00"));
  REQUIRE(midnight.size() == 3);
  CHECK(Show(midnight[0]) == "2024-05-01 23:45:00");
  CHECK(Show(midnight[1]) == "2024-05-02 00:00:00");
  CHECK(Show(midnight[2]) == "2024-05-02 00:15:00");
  CHECK(Series(Every(absl::Hours(3))).Count(At("2024-05-01 00:00:00"), At("2024-05-02 00:00:00")) == 8);
}

TEST_CASE("an interval that does not divide a day restarts at 00:00 of the next mesh day", "[unit]") {
  const SlotSeries seven = Series(Every(absl::Minutes(7)));
  CHECK(Show(seven.AtOrBefore(At("2024-05-01 23:59:59"))) == "2024-05-01 23:55:00");
  CHECK(Show(seven.After(At("2024-05-01 23:55:00"))) == "2024-05-02 00:00:00");
  CHECK(Show(seven.After(At("2024-05-02 00:00:00"))) == "2024-05-02 00:07:00");
  CHECK(seven.Count(At("2024-05-01 00:00:00") - absl::Seconds(1), At("2024-05-02 00:00:00") - absl::Seconds(1)) == 206);
  // Across several days the count and the walk agree.
  const absl::Time from = At("2024-04-28 17:03:00"), to = At("2024-05-02 08:00:00");
  CHECK(seven.Count(from, to) == static_cast<int64_t>(seven.Between(from, to, 100000).size()));
  // Seven hours does not divide a day either: 00:00, 07:00, 14:00, 21:00, then 00:00.
  const std::vector<absl::Time> slots = Series(Every(absl::Hours(7))).Between(At("2024-05-01 20:00:00"), At("2024-05-02 08:00:00"));
  REQUIRE(slots.size() == 3);
  CHECK(Show(slots[0]) == "2024-05-01 21:00:00");
  CHECK(Show(slots[1]) == "2024-05-02 00:00:00");
  CHECK(Show(slots[2]) == "2024-05-02 07:00:00");
}

TEST_CASE("an interval of a day or more counts from 1970-01-01 00:00", "[unit]") {
  CHECK(Show(Series(Every(absl::Hours(24))).After(At("2024-05-01 10:00:00"))) == "2024-05-02 00:00:00");
  const SlotSeries two_days = Series(Every(absl::Hours(48)));
  // 2024-05-01 is day 19844 since the epoch (even).
  CHECK(Show(two_days.AtOrBefore(At("2024-05-02 10:00:00"))) == "2024-05-01 00:00:00");
  CHECK(Show(two_days.After(At("2024-05-01 00:00:00"))) == "2024-05-03 00:00:00");
  CHECK(Series(Every(absl::Hours(24 * 7))).Count(At("2024-01-01 00:00:00"), At("2024-03-01 00:00:00")) == 9);
}

TEST_CASE("schedules are validated naming the offending field", "[unit]") {
  CHECK(Field(Daily(0, 0)) == "ok");
  CHECK(Field(Daily(23, 59)) == "ok");
  CHECK(Field(Daily(24, 0)) == "schedule.daily.hour");
  CHECK(Field(Daily(0, 60)) == "schedule.daily.minute");
  CHECK(Field(Weekly(v1::WEEKDAY_UNSPECIFIED, 0, 0)) == "schedule.weekly.day");
  CHECK(Field(Weekly(static_cast<v1::Weekday>(8), 0, 0)) == "schedule.weekly.day");
  CHECK(Field(Weekly(v1::WEEKDAY_SUNDAY, 24, 0)) == "schedule.weekly.hour");
  CHECK(Field(Weekly(v1::WEEKDAY_SUNDAY, 0, 60)) == "schedule.weekly.minute");
  CHECK(Field(v1::JobSchedule()) == "schedule");
  CHECK(Field(Every(absl::Seconds(10))) == "ok");
  CHECK(Field(Every(absl::Seconds(10) - absl::Milliseconds(1))) == "schedule.interval.every");
  CHECK(Field(Every(absl::Hours(24 * 7))) == "ok");
  CHECK(Field(Every(absl::Hours(24 * 7) + absl::Seconds(1))) == "schedule.interval.every");
  CHECK(Field(Every(absl::Hours(3), absl::Minutes(90))) == "ok");
  CHECK(Field(Every(absl::Hours(3), absl::Minutes(90) + absl::Seconds(1))) == "schedule.interval.jitter");
  CHECK_FALSE(SlotSeries::Of(Daily(25, 0)).ok());
}

TEST_CASE("a gateway down for a week catches up the latest 3 slots of a job and counts the rest as missed", "[unit]") {
  const SlotSeries weather = Series(Every(absl::Minutes(10)));
  SlotPlanInput in;
  in.after = At("2024-05-01 12:00:00");
  in.now = At("2024-05-08 12:05:00");
  in.catch_up = 3;
  const SlotPlan plan = PlanSlots(weather, in);
  REQUIRE(plan.run.size() == 3);
  CHECK(Show(plan.run[0]) == "2024-05-08 11:40:00");
  CHECK(Show(plan.run[2]) == "2024-05-08 12:00:00");
  CHECK(plan.missed == 7 * 144 - 3);
  CHECK(plan.next == plan.run.front());
}

TEST_CASE("a plan runs the due slots after the last one oldest first and names the next slot when none is due", "[unit]") {
  const SlotSeries bosses = Series(Every(absl::Minutes(15)));
  SlotPlanInput in;
  in.after = At("2024-05-01 23:45:00");
  in.now = At("2024-05-02 00:15:00");
  SlotPlan plan = PlanSlots(bosses, in);
  REQUIRE(plan.run.size() == 2);
  CHECK(Show(plan.run[0]) == "2024-05-02 00:00:00");
  CHECK(Show(plan.run[1]) == "2024-05-02 00:15:00");
  CHECK(plan.missed == 0);
  in.after = At("2024-05-02 00:15:00");
  plan = PlanSlots(bosses, in);
  CHECK(plan.run.empty());
  CHECK(Show(plan.next) == "2024-05-02 00:30:00");
  // A registration between slots: the next slot after it.
  in.after = At("2024-05-02 00:16:00");
  in.now = At("2024-05-02 00:29:59");
  plan = PlanSlots(bosses, in);
  CHECK(plan.run.empty());
  CHECK(Show(plan.next) == "2024-05-02 00:30:00");
}

TEST_CASE("failed slots are run again while among the latest catch-up slots only", "[unit]") {
  const SlotSeries chains = Series(Every(absl::Minutes(30)));
  SlotPlanInput in;
  in.after = At("2024-05-02 10:00:00");
  in.now = At("2024-05-02 10:10:00");
  in.catch_up = 3;
  in.retry = {At("2024-05-02 09:00:00"), At("2024-05-02 09:30:00"), At("2024-05-02 08:30:00")};
  SlotPlan plan = PlanSlots(chains, in);
  REQUIRE(plan.run.size() == 2);
  CHECK(Show(plan.run[0]) == "2024-05-02 09:00:00");
  CHECK(Show(plan.run[1]) == "2024-05-02 09:30:00");
  // With a new slot due, the retries compete for the same three places: the newest win.
  in.now = At("2024-05-02 10:30:00");
  plan = PlanSlots(chains, in);
  REQUIRE(plan.run.size() == 2);
  CHECK(Show(plan.run[0]) == "2024-05-02 09:30:00");
  CHECK(Show(plan.run[1]) == "2024-05-02 10:30:00");
}

TEST_CASE("jitter shifts when a slot is due by at most the jitter and never the slot itself", "[unit]") {
  const absl::Time slot = At("2024-05-02 03:00:00");
  bool early = false, late = false;
  for (uint64_t seed = 0; seed < 5000; ++seed) {
    const absl::Time due = DueAt(slot, absl::Minutes(30), seed * 0x9E3779B97F4A7C15ull);
    CHECK(due >= slot - absl::Minutes(30));
    CHECK(due <= slot + absl::Minutes(30));
    early |= due < slot;
    late |= due > slot;
  }
  CHECK(early);
  CHECK(late);
  CHECK(DueAt(slot, absl::ZeroDuration(), 12345) == slot);

  const SlotSeries weather = Series(Every(absl::Hours(3), absl::Minutes(30)));
  SlotPlanInput in;
  in.after = At("2024-05-02 00:00:00");
  in.seed = [](absl::Time) { return uint64_t{0}; };  // shift -30 min: due at 02:30
  in.now = At("2024-05-02 02:29:59");
  CHECK(PlanSlots(weather, in).run.empty());
  in.now = At("2024-05-02 02:30:00");
  SlotPlan plan = PlanSlots(weather, in);
  REQUIRE(plan.run.size() == 1);
  CHECK(Show(plan.run[0]) == "2024-05-02 03:00:00");
  in.seed = [](absl::Time) { return uint64_t{3600}; };  // shift +30 min: due at 03:30
  in.now = At("2024-05-02 03:29:59");
  plan = PlanSlots(weather, in);
  CHECK(plan.run.empty());
  CHECK(Show(plan.next) == "2024-05-02 03:00:00");
}
