#include "services/core/world/world_conditions.h"

#include <algorithm>

namespace aiworld::core::world {

EconomyClass ClassifyEconomy(double inflation, int64_t trade_volume) {
  if (inflation < 0.05 && trade_volume > 500000) return {v1::ECONOMY_CONDITION_THRIVING, 0.9};
  if (inflation < 0.10 && trade_volume > 100000) return {v1::ECONOMY_CONDITION_STABLE, 0.7};
  if (inflation < 0.20) return {v1::ECONOMY_CONDITION_STRUGGLING, 0.4};
  return {v1::ECONOMY_CONDITION_CRISIS, 0.2};
}

v1::PoliticsCondition ClassifyPolitics(double conflict_level) {
  if (conflict_level < 0.2) return v1::POLITICS_CONDITION_PEACEFUL;
  if (conflict_level < 0.5) return v1::POLITICS_CONDITION_TENSE;
  if (conflict_level < 0.8) return v1::POLITICS_CONDITION_CONFLICT;
  return v1::POLITICS_CONDITION_WAR;
}

v1::EnvironmentCondition ClassifyEnvironment(uint32_t negative_hazards, v1::Weather weather) {
  if (negative_hazards == 0 && weather == v1::WEATHER_CLEAR) return v1::ENVIRONMENT_CONDITION_FAVORABLE;
  if (negative_hazards == 0) return v1::ENVIRONMENT_CONDITION_NORMAL;
  if (negative_hazards < 3) return v1::ENVIRONMENT_CONDITION_CHALLENGING;
  return v1::ENVIRONMENT_CONDITION_HAZARDOUS;
}

v1::TimeOfDay TimeOfDayAt(absl::Time now) {
  const int hour = absl::ToCivilHour(now, absl::UTCTimeZone()).hour();
  if (hour >= 5 && hour < 7) return v1::TIME_OF_DAY_DAWN;
  if (hour >= 7 && hour < 18) return v1::TIME_OF_DAY_DAY;
  if (hour >= 18 && hour < 20) return v1::TIME_OF_DAY_DUSK;
  return v1::TIME_OF_DAY_NIGHT;
}

double PriceInflation(const std::map<uint32_t, ItemSales>& today, const std::map<uint32_t, ItemSales>& yesterday) {
  double at_today = 0.0;
  double at_yesterday = 0.0;
  for (const auto& [item, now] : today) {
    auto before = yesterday.find(item);
    if (before == yesterday.end() || now.amount == 0 || before->second.amount == 0) continue;
    const double amount = static_cast<double>(now.amount);
    at_today += static_cast<double>(now.zeny);
    at_yesterday += amount * static_cast<double>(before->second.zeny) / static_cast<double>(before->second.amount);
  }
  if (at_yesterday <= 0.0) return 0.0;
  return std::clamp(at_today / at_yesterday - 1.0, -1.0, 10.0);
}

double ConflictLevel(uint64_t pvp_kills, uint64_t player_deaths) {
  const double deaths = static_cast<double>(std::max(pvp_kills, player_deaths));
  return std::clamp(static_cast<double>(pvp_kills) / (deaths + kConflictPseudoDeaths), 0.0, 1.0);
}

}  // namespace aiworld::core::world
