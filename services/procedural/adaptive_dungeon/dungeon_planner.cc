#include "services/procedural/adaptive_dungeon/dungeon_planner.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"

namespace aiworld::procedural {
namespace {

using Pool = std::vector<const MonsterInfo*>;

template <typename T>
void Shuffle(std::vector<T>& v, RandomSource& random) {
  for (size_t i = v.size(); i > 1; --i) {
    std::swap(v[i - 1], v[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(i) - 1))]);
  }
}

// `count` distinct monsters picked at random among the ones closest in level to `level`.
Pool PickNear(Pool pool, uint32_t level, size_t count, RandomSource& random) {
  std::stable_sort(pool.begin(), pool.end(), [&](const MonsterInfo* a, const MonsterInfo* b) {
    return std::abs(a->level - static_cast<int>(level)) < std::abs(b->level - static_cast<int>(level));
  });
  pool.resize(std::min(pool.size(), std::max<size_t>(count, 6)));
  Shuffle(pool, random);
  pool.resize(std::min(pool.size(), count));
  return pool;
}

struct Pools {
  Pool normal, minibosses, bosses;
};

Pools PoolsOf(v1::DungeonTheme theme, const GameCatalogue& catalogue) {
  Pools p;
  Pool all_normal, all_mini, all_boss;
  for (const MonsterInfo& m : catalogue.monsters()) {
    if (m.maps.empty()) continue;  // never spawned by rAthena: leave it out
    const bool in = InThemePool(m, theme);
    if (m.boss == BossType::kNone) {
      all_normal.push_back(&m);
      if (in) p.normal.push_back(&m);
    } else {
      all_boss.push_back(&m);
      if (in) p.bosses.push_back(&m);
      if (m.boss == BossType::kMiniboss) {
        all_mini.push_back(&m);
        if (in) p.minibosses.push_back(&m);
      }
    }
  }
  // A thin theme borrows from every theme rather than repeat two monsters all the way down.
  if (p.normal.size() < kMonsterTypesMax * 2) p.normal = all_normal;
  if (p.minibosses.empty()) p.minibosses = all_mini;
  if (p.bosses.empty()) p.bosses = all_boss;
  return p;
}

v1::RoomType RoomTypeFor(uint32_t index, uint32_t rooms, uint32_t floor, uint32_t floors, RandomSource& random) {
  if (floor == BossFloor(floors) && index == rooms - 1) return v1::ROOM_TYPE_BOSS;
  if (HasCheckpoint(floor, floors) && index == rooms - 1) return v1::ROOM_TYPE_CHECKPOINT;
  if (index == 0) return v1::ROOM_TYPE_COMBAT;
  // Ours (the reference gives no weights): combat 55%, treasure 15%, trap 15%, mini-boss 15%.
  const double u = random.Uniform01();
  if (u < 0.55) return v1::ROOM_TYPE_COMBAT;
  if (u < 0.70) return v1::ROOM_TYPE_TREASURE;
  if (u < 0.85) return v1::ROOM_TYPE_TRAP;
  return v1::ROOM_TYPE_MINI_BOSS;
}

// One spawn entry: 10% a mini-boss instead, else 20% elite.
void AddEntry(v1::DungeonRoom* room, const MonsterInfo& m, uint32_t floor, const Pools& pools, uint32_t level,
              RandomSource& random) {
  const int draw = static_cast<int>(random.UniformInt(kSpawnCountMin, kSpawnCountMax));
  const double u = random.Uniform01();
  v1::DungeonMonster* out = room->add_monsters();
  if (u < kMiniBossChance) {
    out->set_mob_id(PickNear(pools.minibosses, level, 1, random).front()->id);
    out->set_count(1);
    return;
  }
  out->set_mob_id(m.id);
  out->set_count(std::clamp<uint32_t>(SpawnCount(draw, floor), 1, 100));
  out->set_elite(u < kMiniBossChance + kEliteChance);
}

const MonsterInfo& PickBoss(const Pools& pools, uint32_t level, RandomSource& random) {
  Pool bosses = pools.bosses;
  std::stable_sort(bosses.begin(), bosses.end(), [&](const MonsterInfo* a, const MonsterInfo* b) {
    const int da = std::abs(a->level - static_cast<int>(level)), db = std::abs(b->level - static_cast<int>(level));
    if (da != db) return da < db;
    return a->boss == BossType::kMvp && b->boss != BossType::kMvp;
  });
  bosses.resize(std::min<size_t>(bosses.size(), 3));
  return *bosses[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(bosses.size()) - 1))];
}

v1::MapPoint GateOf(const v1::WorldSnapshot* world, const GameCatalogue& catalogue, RandomSource& random) {
  const MapInfo* town = nullptr;
  uint64_t best = 0;
  if (world != nullptr) {
    for (const v1::MapActivity& m : world->maps()) {
      const MapInfo* info = catalogue.FindMap(m.map());
      if (info == nullptr || info->kind != MapKind::kTown) continue;
      const uint64_t score = static_cast<uint64_t>(m.players_now()) * 1000000 + m.visits_today();
      if (town == nullptr || score > best) {
        town = info;
        best = score;
      }
    }
  }
  if (town == nullptr) town = catalogue.FindMap("prontera");
  if (town == nullptr) town = catalogue.MapsOfKind(MapKind::kTown).front();
  v1::MapPoint at;
  at.set_map(town->name);
  at.set_x(static_cast<int32_t>(town->width / 2 + random.UniformInt(-12, 12)));
  at.set_y(static_cast<int32_t>(town->height / 2 + random.UniformInt(-12, 12)));
  return at;
}

std::vector<std::string> InstanceMaps(v1::DungeonTheme theme, const v1::WorldSnapshot* world,
                                      const GameCatalogue& catalogue, RandomSource& random) {
  std::vector<const MapInfo*> maps;
  for (const MapInfo& m : catalogue.maps()) {
    if (MapSuitsTheme(m, theme)) maps.push_back(&m);
  }
  if (maps.empty()) maps = catalogue.MapsOfKind(MapKind::kDungeon);
  Shuffle(maps, random);
  auto players_on = [&](const MapInfo* m) -> uint32_t {
    if (world == nullptr) return 0;
    for (const v1::MapActivity& a : world->maps()) {
      if (a.map() == m->name) return a.players_now();
    }
    return 0;
  };
  std::stable_sort(maps.begin(), maps.end(),
                   [&](const MapInfo* a, const MapInfo* b) { return players_on(a) < players_on(b); });
  std::vector<std::string> out;
  for (size_t i = 0; i < maps.size() && out.size() < kMaxInstances; ++i) out.push_back(maps[i]->name);
  return out;
}

}  // namespace

std::string DayOf(absl::Time t) { return absl::FormatTime("%Y-%m-%d", t, absl::UTCTimeZone()); }

absl::Time EndOfDay(absl::Time t) {
  const absl::CivilDay day = absl::ToCivilDay(t, absl::UTCTimeZone());
  return absl::FromCivil(day + 1, absl::UTCTimeZone());
}

uint32_t FloorLevel(const LevelBand& band, uint32_t floor, uint32_t floors) {
  if (floors <= 1) return band.high;
  const double share = static_cast<double>(floor - 1) / static_cast<double>(floors - 1);
  return band.low + static_cast<uint32_t>(std::lround(share * (band.high - band.low)));
}

DungeonPlan PlanDungeon(const PlanInputs& in, RandomSource& random, const GameCatalogue& catalogue) {
  DungeonPlan plan;
  plan.band = in.band;
  v1::Dungeon& d = plan.dungeon;
  const std::string day = DayOf(in.now);
  d.set_dungeon_id(absl::StrCat("dungeon/", in.server_id, "/", day));
  d.set_server_id(in.server_id);
  d.set_day(day);
  d.set_theme(in.theme.theme);
  d.set_faction_id(in.theme.faction_id);
  const auto floors = static_cast<uint32_t>(random.UniformInt(kFloorsMin, kFloorsMax));
  d.set_difficulty(DungeonDifficulty(floors));
  *d.mutable_time_limit() = ToProto(kTimeLimit);
  d.set_party_min(kPartyMin);
  d.set_party_max(kPartyMax);
  d.set_drop_bonus(kDropBonus);
  d.set_tier(v1::TIER_RULES);
  *d.mutable_created_at() = ToProto(in.now);
  *d.mutable_expires_at() = ToProto(EndOfDay(in.now));

  const Pools pools = PoolsOf(in.theme.theme, catalogue);
  for (uint32_t f = 1; f <= floors; ++f) {
    v1::DungeonFloor* floor = d.add_floors();
    floor->set_number(f);
    const uint32_t level = FloorLevel(in.band, f, floors);
    const auto types = static_cast<size_t>(random.UniformInt(kMonsterTypesMin, kMonsterTypesMax));
    const Pool kinds = PickNear(pools.normal, level, types, random);
    const auto rooms = static_cast<uint32_t>(random.UniformInt(kRoomsMin, kRoomsMax));
    std::vector<v1::DungeonRoom*> fights;
    for (uint32_t i = 0; i < rooms; ++i) {
      v1::DungeonRoom* room = floor->add_rooms();
      room->set_index(i);
      room->set_type(RoomTypeFor(i, rooms, f, floors, random));
      if (i + 1 < rooms) room->add_links(i + 1);
      if (i + 2 < rooms && random.Bernoulli(kSideLinkChance)) room->add_links(i + 2);
      if (room->type() == v1::ROOM_TYPE_COMBAT) fights.push_back(room);
      if (room->type() == v1::ROOM_TYPE_MINI_BOSS) {
        v1::DungeonMonster* boss = room->add_monsters();
        boss->set_mob_id(PickNear(pools.minibosses, level, 1, random).front()->id);
        boss->set_count(1);
      }
      if (room->type() == v1::ROOM_TYPE_BOSS) {
        const MonsterInfo& boss = PickBoss(pools, in.band.high + 10, random);
        plan.boss_mob_id = boss.id;
        v1::DungeonMonster* m = room->add_monsters();
        m->set_mob_id(boss.id);
        m->set_count(1);
      }
    }
    // Every monster type of the floor fights somewhere: spread over the combat rooms.
    for (size_t k = 0; k < kinds.size(); ++k) {
      AddEntry(fights[k % fights.size()], *kinds[k], f, pools, level, random);
    }
  }

  const MonsterInfo* boss = catalogue.FindMonster(plan.boss_mob_id);
  v1::RewardBundle* reward = d.mutable_reward();
  reward->set_zeny(kCurrencyPerFloor * floors);
  const double exp = ExpMultiplier(floors);
  reward->set_base_exp(static_cast<uint64_t>(std::llround(static_cast<double>(boss->base_exp) * exp)));
  reward->set_job_exp(static_cast<uint64_t>(std::llround(static_cast<double>(boss->job_exp) * exp)));

  plan.gate = GateOf(in.world, catalogue, random);
  plan.instance_maps = InstanceMaps(in.theme.theme, in.world, catalogue, random);
  return plan;
}

}  // namespace aiworld::procedural
