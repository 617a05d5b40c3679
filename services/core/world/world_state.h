#pragma once
// The World agent's aggregates for one game server, as plain data. Everything is counted in
// windows that roll over by the mesh clock (ctx.now): the current clock hour, the hour before it,
// the current game day (since 00:00 UTC on the mesh clock) and 25 hourly buckets for the 24-hour
// figures. The state stays bounded: every collection has a cap (k* below) and RollTo drops what
// fell out of its window.
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "absl/time/time.h"

namespace aiworld::core::world {

inline constexpr size_t kMaxOnline = 65535;
inline constexpr size_t kMaxCharsToday = 200000;
inline constexpr size_t kMaxMaps = 1500;
inline constexpr size_t kMaxMvpMobs = 500;
inline constexpr size_t kMaxPricedItems = 256;
inline constexpr size_t kHourBuckets = 25;  // the current hour, 23 full hours, and the one partly in the 24 h window

struct OnlineChar {
  uint32_t account_id = 0;
  std::string map;  // empty = unknown
  uint32_t base_level = 0;  // 0 = unknown
  uint32_t job_id = 0;
  bool autotrade = false;
  int64_t zeny = 0;  // on hand: from login/logout reports, moved by the trades we see
  int64_t seen = 0;  // unix seconds of the last event of this character
};

// Arrivals, monster kills and character deaths on one map in one hour.
struct MapHour {
  uint32_t visits = 0;
  uint32_t kills = 0;
  uint32_t deaths = 0;
  bool empty() const { return visits == 0 && kills == 0 && deaths == 0; }
};

struct MapCounters {
  MapHour current;   // the hour of ServerWorldState::hour
  MapHour previous;  // the hour before
  uint32_t visits_today = 0;
  uint32_t kills_today = 0;
  uint32_t mvp_kills_today = 0;
  bool empty() const { return current.empty() && previous.empty() && visits_today == 0 && kills_today == 0 && mvp_kills_today == 0; }
};

struct MvpCounters {
  uint32_t current = 0;
  uint32_t previous = 0;
  uint32_t today = 0;
  int64_t last_killed_at = 0;  // unix seconds, 0 = none today
  bool empty() const { return current == 0 && previous == 0 && today == 0; }
};

struct CombatCounts {
  uint64_t monster_kills = 0;
  uint64_t mvp_kills = 0;
  uint64_t miniboss_kills = 0;
  uint64_t player_deaths = 0;
  uint64_t pvp_kills = 0;
};

struct ZenyCounts {
  uint64_t trades = 0;
  int64_t trade_zeny = 0;
  uint64_t vending_sales = 0;
  int64_t vending_zeny = 0;
  int64_t shop_buy_zeny = 0;
  int64_t shop_sell_zeny = 0;
  int64_t reward_zeny = 0;
};

struct HourBucket {
  int64_t hour = 0;  // hours since the Unix epoch
  CombatCounts combat;
  ZenyCounts zeny;
};

// Vending sales of one item in one day: units sold and zeny paid for them.
struct ItemSales {
  uint64_t amount = 0;
  int64_t zeny = 0;
};

struct ServerWorldState {
  uint64_t last_batch_sequence = 0;
  int64_t last_event_at_micros = 0;  // 0 = no event yet
  int64_t hour = 0;  // hours since the epoch of the "current" windows
  int64_t day = 0;   // days since the epoch of the "today" windows
  uint32_t peak_online_today = 0;
  std::set<uint32_t> chars_today;
  std::map<uint32_t, OnlineChar> online;
  std::map<std::string, MapCounters> maps;
  std::map<int32_t, MvpCounters> mvps;
  std::vector<HourBucket> hours;  // ascending by hour, at most kHourBuckets
  std::map<uint32_t, ItemSales> prices_today;
  std::map<uint32_t, ItemSales> prices_yesterday;

  bool seen_any() const { return last_event_at_micros != 0 || last_batch_sequence != 0; }

  // Moves the windows to the hour and day of `now`: the current hour becomes the previous one (or
  // both clear after a longer gap), a new day clears the "today" counters and keeps today's item
  // prices as yesterday's; buckets older than 24 h and entries left empty are dropped. A `now`
  // before the current windows changes nothing.
  void RollTo(absl::Time now);
  // The bucket of the current hour, created when missing.
  HourBucket& CurrentBucket();
  // The counters of a map, or nullptr when the map table is full and `map` is not in it.
  MapCounters* Map(const std::string& map);
  MvpCounters* Mvp(int32_t mob_id);
  void NoteChar(uint32_t char_id);
  void NotePeak();
};

int64_t HourIndex(absl::Time t);
int64_t DayIndex(absl::Time t);

}  // namespace aiworld::core::world
