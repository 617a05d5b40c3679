#include "services/progression/dynamic_boss/boss_triggers.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/progression/dynamic_boss/boss_rules.h"

namespace aiworld::progression {
namespace {

// Field and dungeon maps of the snapshot known to the catalogue, busiest first (players now, then
// visits today, then the name).
std::vector<const v1::MapActivity*> HuntingMaps(const v1::WorldSnapshot& world, const GameCatalogue& catalogue) {
  std::vector<const v1::MapActivity*> out;
  for (const v1::MapActivity& m : world.maps()) {
    const MapInfo* info = catalogue.FindMap(m.map());
    if (info != nullptr && info->kind != MapKind::kTown) out.push_back(&m);
  }
  std::sort(out.begin(), out.end(), [](const v1::MapActivity* a, const v1::MapActivity* b) {
    if (a->players_now() != b->players_now()) return a->players_now() > b->players_now();
    if (a->visits_today() != b->visits_today()) return a->visits_today() > b->visits_today();
    return a->map() < b->map();
  });
  return out;
}

}  // namespace

std::vector<BossPlan> AntiFarmPlans(const MapWindows& kills, absl::Time now) {
  std::vector<BossPlan> out;
  for (const auto& [map, window] : kills) {
    const uint32_t kills = window.Count(now, kKillWindow);
    if (kills <= kAntiFarmThreshold) continue;
    BossPlan p;
    p.trigger = v1::BOSS_TRIGGER_ANTI_FARM;
    p.map = map;
    p.x = window.last_x();
    p.y = window.last_y();
    p.modifier = AntiFarmModifier(kills);
    p.level = window.AverageLevel(now, kKillWindow);
    p.strength = kills;
    p.cause.set_summary(absl::StrCat(map, " kills ", kills, " > ", kAntiFarmThreshold, " in the last hour"));
    out.push_back(std::move(p));
  }
  return out;
}

std::vector<BossPlan> EscalationPlans(const MapWindows& deaths, absl::Time now) {
  std::vector<BossPlan> out;
  for (const auto& [map, window] : deaths) {
    const uint32_t deaths = window.Count(now, kKillWindow);
    if (deaths < kEscalationDeaths) continue;
    BossPlan p;
    p.trigger = v1::BOSS_TRIGGER_PROBLEM_ESCALATION;
    p.map = map;
    p.x = window.last_x();
    p.y = window.last_y();
    p.modifier = EscalationModifier(deaths);
    p.level = window.AverageLevel(now, kKillWindow);
    p.strength = deaths;
    p.cause.set_summary(absl::StrCat(map, ": ", deaths, " deaths to the world problem's monsters in the last hour"));
    out.push_back(std::move(p));
  }
  return out;
}

std::optional<BossPlan> ChampionPlan(const v1::WorldSnapshot* world, const BossBook& book, const std::string& server,
                                     const GameCatalogue& catalogue) {
  if (world == nullptr) return std::nullopt;
  const std::string& dominant = world->factions().dominant_faction();
  if (dominant.empty() || dominant == book.ChampionedFaction(server)) return std::nullopt;
  const std::vector<const v1::MapActivity*> maps = HuntingMaps(*world, catalogue);
  if (maps.empty() || maps.front()->players_now() == 0) return std::nullopt;
  int64_t score = 0;
  for (const v1::FactionScore& s : world->factions().scores()) {
    if (s.faction_id() == dominant) score = s.alignment_score();
  }
  BossPlan p;
  p.trigger = v1::BOSS_TRIGGER_FACTION_CHAMPION;
  p.map = maps.front()->map();
  p.modifier = ChampionModifier(DominanceOf(score));
  p.level = world->players().average_base_level();
  p.faction = dominant;
  p.cause.set_summary(absl::StrCat("dominant faction is now ", dominant));
  return p;
}

std::optional<BossPlan> RandomEncounterPlan(const agentkit::AgentContext& ctx, const BossBook& book, const GameCatalogue& catalogue) {
  if (ctx.world == nullptr || ctx.random == nullptr || ctx.world->players().online() == 0) return std::nullopt;
  const int64_t today = absl::ToUnixSeconds(ctx.now) / 86400;
  if (book.LastRandomDay(ctx.server_id) == today) return std::nullopt;
  if (!ctx.random->Bernoulli(RandomEncounterChancePerCheck())) return std::nullopt;
  std::vector<const v1::MapActivity*> maps = HuntingMaps(*ctx.world, catalogue);
  std::erase_if(maps, [](const v1::MapActivity* m) { return m->players_now() == 0; });
  if (maps.empty()) return std::nullopt;
  const v1::MapActivity* where = maps[static_cast<size_t>(ctx.random->UniformInt(0, static_cast<int64_t>(maps.size()) - 1))];
  BossPlan p;
  p.trigger = v1::BOSS_TRIGGER_RANDOM_ENCOUNTER;
  p.map = where->map();
  p.modifier = RandomEncounterModifier(*ctx.random);
  p.level = ctx.world->players().average_base_level();
  p.cause.set_summary(absl::StrCat("random encounter on ", where->map()));
  return p;
}

bool MapTakesBoss(const BossBook& book, const std::string& server, const std::string& map, absl::Time now) {
  std::optional<MapBossRecord> last = book.LastOnMap(server, map);
  if (!last.has_value()) return true;
  if (now < last->spawned_at + kMapCooldown) return false;
  std::optional<v1::DynamicBoss> b = book.Get(server, last->boss_id);
  return !(b.has_value() && b->status() == v1::CONTENT_STATUS_ACTIVE && now < FromProto(b->despawn_at()));
}

size_t LiveBosses(const BossBook& book, const std::string& server, absl::Time now) {
  size_t n = 0;
  for (const v1::DynamicBoss& b : book.Active(server)) n += now < FromProto(b.despawn_at()) ? 1 : 0;
  return n;
}

std::optional<SpawnedBoss> SpawnFirst(const agentkit::AgentContext& ctx, BossBook& book, const GameCatalogue& catalogue,
                                      std::vector<BossPlan> plans) {
  if (plans.empty() || LiveBosses(book, ctx.server_id, ctx.now) >= kMaxActiveBosses) return std::nullopt;
  std::stable_sort(plans.begin(), plans.end(), BeforeInPriority);
  for (const BossPlan& plan : plans) {
    if (catalogue.FindMap(plan.map) == nullptr || !MapTakesBoss(book, ctx.server_id, plan.map, ctx.now)) continue;
    std::optional<SpawnedBoss> spawned = SpawnBoss(ctx, book, catalogue, plan);
    if (!spawned.has_value()) return std::nullopt;
    switch (plan.trigger) {
      case v1::BOSS_TRIGGER_ANTI_FARM: book.EraseKills(ctx.server_id, plan.map); break;
      case v1::BOSS_TRIGGER_PROBLEM_ESCALATION: book.EraseProblemDeaths(ctx.server_id, plan.map); break;
      case v1::BOSS_TRIGGER_FACTION_CHAMPION: book.PutChampionedFaction(ctx.server_id, plan.faction); break;
      case v1::BOSS_TRIGGER_RANDOM_ENCOUNTER: book.PutLastRandomDay(ctx.server_id, absl::ToUnixSeconds(ctx.now) / 86400); break;
      default: break;
    }
    return spawned;
  }
  return std::nullopt;
}

}  // namespace aiworld::progression
