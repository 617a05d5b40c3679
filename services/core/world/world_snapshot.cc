#include "services/core/world/world_snapshot.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>
#include <vector>

#include "runtime/proto_time.h"
#include "services/core/world/world_conditions.h"
#include "services/core/world/world_state_codec.h"

namespace aiworld::core::world {
namespace {

constexpr size_t kMaxLevelBuckets = 100;
constexpr size_t kMaxJobs = 500;
constexpr size_t kMaxThemes = 8;

// The weight of the oldest hour of a window: the part of it still within the window.
double PartialWeight(const ServerWorldState& view, absl::Time now) {
  const absl::Time hour_start = absl::FromUnixSeconds(view.hour * 3600);
  const double into = absl::FDivDuration(now - hour_start, absl::Hours(1));
  return 1.0 - std::clamp(into, 0.0, 1.0);
}

uint64_t Weighted(uint64_t count, double weight) { return static_cast<uint64_t>(std::llround(static_cast<double>(count) * weight)); }
int64_t Weighted(int64_t count, double weight) { return std::llround(static_cast<double>(count) * weight); }
uint32_t Weighted(uint32_t count, double weight) { return static_cast<uint32_t>(std::llround(static_cast<double>(count) * weight)); }

void Add(CombatCounts& to, const CombatCounts& c, double w) {
  to.monster_kills += Weighted(c.monster_kills, w);
  to.mvp_kills += Weighted(c.mvp_kills, w);
  to.miniboss_kills += Weighted(c.miniboss_kills, w);
  to.player_deaths += Weighted(c.player_deaths, w);
  to.pvp_kills += Weighted(c.pvp_kills, w);
}

void Add(ZenyCounts& to, const ZenyCounts& z, double w) {
  to.trades += Weighted(z.trades, w);
  to.trade_zeny += Weighted(z.trade_zeny, w);
  to.vending_sales += Weighted(z.vending_sales, w);
  to.vending_zeny += Weighted(z.vending_zeny, w);
  to.shop_buy_zeny += Weighted(z.shop_buy_zeny, w);
  to.shop_sell_zeny += Weighted(z.shop_sell_zeny, w);
  to.reward_zeny += Weighted(z.reward_zeny, w);
}

// Sums the hourly buckets of the `hours` clock hours ending with the current one, plus the hour
// before them weighted by `partial` (0 for a window that starts on an hour, e.g. "today").
HourBucket SumHours(const ServerWorldState& view, int64_t hours, double partial) {
  HourBucket sum;
  for (const HourBucket& b : view.hours) {
    const int64_t age = view.hour - b.hour;
    const double w = age < hours ? 1.0 : (age == hours ? partial : 0.0);
    if (w <= 0.0) continue;
    Add(sum.combat, b.combat, w);
    Add(sum.zeny, b.zeny, w);
  }
  return sum;
}

void Fill(v1::CombatStats* out, const CombatCounts& c) {
  out->set_monster_kills(c.monster_kills);
  out->set_mvp_kills(c.mvp_kills);
  out->set_miniboss_kills(c.miniboss_kills);
  out->set_player_deaths(c.player_deaths);
  out->set_pvp_kills(c.pvp_kills);
}

void Fill(v1::ZenyFlow* out, const ZenyCounts& z) {
  out->set_trades(z.trades);
  out->set_trade_zeny(z.trade_zeny);
  out->set_vending_sales(z.vending_sales);
  out->set_vending_zeny(z.vending_zeny);
  out->set_shop_buy_zeny(z.shop_buy_zeny);
  out->set_shop_sell_zeny(z.shop_sell_zeny);
  out->set_reward_zeny(z.reward_zeny);
}

void FillPlayers(const ServerWorldState& view, v1::PlayerStats* out) {
  uint32_t autotraders = 0;
  uint64_t level_sum = 0;
  uint32_t leveled = 0;
  std::map<uint32_t, uint32_t> buckets;  // bucket index -> players
  std::map<uint32_t, uint32_t> jobs;
  for (const auto& [id, c] : view.online) {
    // Autotraders are idle vendors: online, but not part of who is playing.
    if (c.autotrade) {
      ++autotraders;
      continue;
    }
    if (c.base_level == 0) continue;  // never told its level
    level_sum += c.base_level;
    ++leveled;
    ++buckets[(c.base_level - 1) / 10];
    ++jobs[c.job_id];
  }
  const auto online = static_cast<uint32_t>(view.online.size());
  out->set_online(online);
  out->set_autotraders(autotraders);
  out->set_peak_online_today(std::max(view.peak_online_today, online));
  out->set_unique_chars_today(static_cast<uint32_t>(view.chars_today.size()));
  out->set_average_base_level(leveled == 0 ? 0.0 : static_cast<double>(level_sum) / leveled);
  for (const auto& [bucket, players] : buckets) {
    if (static_cast<size_t>(out->levels_size()) >= kMaxLevelBuckets) break;
    v1::LevelBucket* b = out->add_levels();
    b->set_min_level(bucket * 10 + 1);
    b->set_max_level(bucket * 10 + 10);
    b->set_players(players);
  }
  std::vector<std::pair<uint32_t, uint32_t>> by_count(jobs.begin(), jobs.end());
  std::stable_sort(by_count.begin(), by_count.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  for (const auto& [job, players] : by_count) {
    if (static_cast<size_t>(out->jobs_size()) >= kMaxJobs) break;
    v1::JobCount* j = out->add_jobs();
    j->set_job_id(job);
    j->set_players(players);
  }
}

void AddThemes(const GameCatalogue& catalogue, const std::string& map, v1::MapActivity* out) {
  const MapInfo* info = catalogue.FindMap(map);
  if (info == nullptr) return;
  const std::string kind(MapKindName(info->kind));
  out->add_themes(kind);
  if (!info->theme.empty() && info->theme != kind && out->themes_size() < static_cast<int>(kMaxThemes)) out->add_themes(info->theme);
}

void FillMaps(const ServerWorldState& view, double partial, const GameCatalogue& catalogue, v1::WorldSnapshot* out) {
  std::map<std::string, uint32_t> players_now;
  for (const auto& [id, c] : view.online) {
    if (!c.map.empty()) ++players_now[c.map];
  }
  std::vector<v1::MapActivity> maps;
  auto add = [&](const std::string& name, const MapCounters* m) {
    v1::MapActivity a;
    a.set_map(name);
    auto p = players_now.find(name);
    a.set_players_now(p == players_now.end() ? 0 : p->second);
    if (m != nullptr) {
      a.set_visits_last_hour(m->current.visits + Weighted(m->previous.visits, partial));
      a.set_visits_today(m->visits_today);
      a.set_kills_last_hour(m->current.kills + Weighted(m->previous.kills, partial));
      a.set_kills_today(m->kills_today);
      a.set_mvp_kills_today(m->mvp_kills_today);
      a.set_deaths_last_hour(m->current.deaths + Weighted(m->previous.deaths, partial));
    }
    AddThemes(catalogue, name, &a);
    maps.push_back(std::move(a));
  };
  for (const auto& [name, m] : view.maps) add(name, &m);
  for (const auto& [name, players] : players_now) {
    if (!view.maps.contains(name)) add(name, nullptr);
  }
  std::sort(maps.begin(), maps.end(), [](const v1::MapActivity& a, const v1::MapActivity& b) {
    return std::make_tuple(b.players_now(), b.visits_today(), a.map()) < std::make_tuple(a.players_now(), a.visits_today(), b.map());
  });
  if (maps.size() > kMaxMaps) maps.resize(kMaxMaps);
  for (v1::MapActivity& m : maps) *out->add_maps() = std::move(m);
}

void FillMvps(const ServerWorldState& view, double partial, v1::WorldSnapshot* out) {
  std::vector<v1::MobKills> mobs;
  for (const auto& [mob, m] : view.mvps) {
    v1::MobKills k;
    k.set_mob_id(mob);
    k.set_kills_last_hour(m.current + Weighted(m.previous, partial));
    k.set_kills_today(m.today);
    if (m.last_killed_at != 0) *k.mutable_last_killed_at() = ToProto(absl::FromUnixSeconds(m.last_killed_at));
    if (k.kills_today() == 0 && k.kills_last_hour() == 0) continue;
    mobs.push_back(std::move(k));
  }
  std::stable_sort(mobs.begin(), mobs.end(), [](const v1::MobKills& a, const v1::MobKills& b) {
    return std::make_tuple(a.kills_today(), a.kills_last_hour()) > std::make_tuple(b.kills_today(), b.kills_last_hour());
  });
  for (v1::MobKills& k : mobs) *out->add_mvp_kills() = std::move(k);
}

}  // namespace

v1::WorldSnapshot BuildWorldSnapshot(const ServerWorldState& state, const v1::WorldSnapshot& external,
                                     const std::string& server_id, absl::Time now, const GameCatalogue& catalogue) {
  ServerWorldState view = state;
  view.RollTo(now);
  const double partial = PartialWeight(view, now);

  v1::WorldSnapshot out;
  out.set_server_id(server_id);
  *out.mutable_taken_at() = ToProto(now);
  out.set_last_batch_sequence(view.last_batch_sequence);
  if (view.last_event_at_micros != 0) *out.mutable_last_event_at() = ToProto(absl::FromUnixMicros(view.last_event_at_micros));

  FillPlayers(view, out.mutable_players());
  FillMaps(view, partial, catalogue, &out);
  FillMvps(view, partial, &out);

  const HourBucket last_hour = SumHours(view, 1, partial);
  const HourBucket today = SumHours(view, view.hour - view.day * 24 + 1, 0.0);
  const HourBucket last_24h = SumHours(view, 24, partial);
  Fill(out.mutable_combat_last_hour(), last_hour.combat);
  Fill(out.mutable_combat_today(), today.combat);
  Fill(out.mutable_zeny_last_hour(), last_hour.zeny);
  Fill(out.mutable_zeny_today(), today.zeny);

  v1::EconomyState* economy = out.mutable_economy();
  economy->set_inflation_rate(PriceInflation(view.prices_today, view.prices_yesterday));
  economy->set_trade_volume_24h(last_24h.zeny.trade_zeny + last_24h.zeny.vending_zeny);
  int64_t on_hand = 0;
  for (const auto& [id, c] : view.online) on_hand += c.zeny;
  economy->set_zeny_on_hand_online(on_hand);
  economy->set_zeny_per_capita(view.online.empty() ? 0 : on_hand / static_cast<int64_t>(view.online.size()));

  v1::PoliticsState* politics = out.mutable_politics();
  politics->set_conflict_level(ConflictLevel(last_24h.combat.pvp_kills, last_24h.combat.player_deaths));

  v1::EnvironmentState* environment = out.mutable_environment();
  environment->set_weather(external.environment().weather());
  environment->set_full_moon(external.environment().full_moon());
  environment->set_active_hazards(external.environment().active_hazards());
  environment->set_negative_hazards(external.environment().negative_hazards());
  environment->set_time_of_day(TimeOfDayAt(now));

  if (view.seen_any()) {
    const EconomyClass e = ClassifyEconomy(economy->inflation_rate(), economy->trade_volume_24h());
    economy->set_condition(e.condition);
    economy->set_score(e.score);
    politics->set_condition(ClassifyPolitics(politics->conflict_level()));
    environment->set_condition(ClassifyEnvironment(environment->negative_hazards(), environment->weather()));
  }
  if (external.has_factions()) *out.mutable_factions() = external.factions();
  if (external.has_active()) *out.mutable_active() = external.active();
  return out;
}

absl::StatusOr<v1::WorldSnapshot> BuildWorldSnapshot(agentkit::StateStore& world_state, const std::string& server_id,
                                                     absl::Time now) {
  absl::StatusOr<ServerWorldState> state = LoadWorldState(world_state, server_id);
  if (!state.ok()) return state.status();
  return BuildWorldSnapshot(*state, LoadExternal(world_state, server_id), server_id, now, GameCatalogue::BuiltIn());
}

}  // namespace aiworld::core::world
