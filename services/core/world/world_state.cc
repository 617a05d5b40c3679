#include "services/core/world/world_state.h"

#include <algorithm>
#include <iterator>

namespace aiworld::core::world {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

template <typename Map>
void DropEmpty(Map& entries) {
  for (auto it = entries.begin(); it != entries.end();) {
    it = it->second.empty() ? entries.erase(it) : std::next(it);
  }
}

}  // namespace

int64_t HourIndex(absl::Time t) { return FloorDiv(absl::ToUnixSeconds(t), 3600); }
int64_t DayIndex(absl::Time t) { return FloorDiv(absl::ToUnixSeconds(t), 86400); }

void ServerWorldState::RollTo(absl::Time now) {
  const int64_t new_hour = HourIndex(now);
  const int64_t new_day = DayIndex(now);
  if (new_hour > hour) {
    const bool adjacent = new_hour == hour + 1;
    for (auto& [name, m] : maps) {
      m.previous = adjacent ? m.current : MapHour{};
      m.current = MapHour{};
    }
    for (auto& [mob, m] : mvps) {
      m.previous = adjacent ? m.current : 0;
      m.current = 0;
    }
    hour = new_hour;
  }
  if (new_day > day) {
    for (auto& [name, m] : maps) {
      m.visits_today = m.kills_today = m.mvp_kills_today = 0;
    }
    for (auto& [mob, m] : mvps) {
      m.today = 0;
      m.last_killed_at = 0;
    }
    chars_today.clear();
    peak_online_today = static_cast<uint32_t>(online.size());
    prices_yesterday = new_day == day + 1 ? std::move(prices_today) : std::map<uint32_t, ItemSales>{};
    prices_today.clear();
    day = new_day;
  }
  std::erase_if(hours, [&](const HourBucket& b) { return b.hour <= hour - static_cast<int64_t>(kHourBuckets); });
  DropEmpty(maps);
  DropEmpty(mvps);
}

HourBucket& ServerWorldState::CurrentBucket() {
  if (hours.empty() || hours.back().hour < hour) {
    HourBucket b;
    b.hour = hour;
    hours.push_back(b);
    if (hours.size() > kHourBuckets) hours.erase(hours.begin());
  }
  return hours.back();
}

MapCounters* ServerWorldState::Map(const std::string& map) {
  if (map.empty()) return nullptr;
  auto it = maps.find(map);
  if (it != maps.end()) return &it->second;
  if (maps.size() >= kMaxMaps) return nullptr;
  return &maps[map];
}

MvpCounters* ServerWorldState::Mvp(int32_t mob_id) {
  auto it = mvps.find(mob_id);
  if (it != mvps.end()) return &it->second;
  if (mvps.size() >= kMaxMvpMobs) return nullptr;
  return &mvps[mob_id];
}

void ServerWorldState::NoteChar(uint32_t char_id) {
  if (char_id != 0 && chars_today.size() < kMaxCharsToday) chars_today.insert(char_id);
}

void ServerWorldState::NotePeak() {
  peak_online_today = std::max(peak_online_today, static_cast<uint32_t>(online.size()));
}

}  // namespace aiworld::core::world
