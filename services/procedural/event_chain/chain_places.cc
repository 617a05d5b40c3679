#include "services/procedural/event_chain/chain_places.h"

#include <algorithm>
#include <cstdlib>
#include <vector>

namespace aiworld::procedural {
namespace {

inline constexpr int kLevelSpread = 8;

int Gap(const MonsterInfo& m, uint32_t level) { return std::abs(m.level - static_cast<int>(level)); }

uint64_t ActivityOf(const v1::WorldSnapshot* world, const std::string& map) {
  if (world == nullptr) return 0;
  for (const v1::MapActivity& a : world->maps()) {
    if (a.map() == map) return static_cast<uint64_t>(a.visits_today()) + a.kills_today() + a.players_now() * 100ull;
  }
  return 0;
}

template <typename T>
void Shuffle(std::vector<T>& v, RandomSource& random) {
  for (size_t i = v.size(); i > 1; --i) {
    std::swap(v[i - 1], v[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(i) - 1))]);
  }
}

}  // namespace

HuntPlace PickHuntPlace(uint32_t level, const v1::WorldSnapshot* world, const GameCatalogue& catalogue,
                        RandomSource& random) {
  struct Candidate {
    const MapInfo* map;
    const MonsterInfo* mob;
    int gap;
    uint64_t activity;
  };
  std::vector<Candidate> all;
  for (const MapInfo& map : catalogue.maps()) {
    if (map.kind == MapKind::kTown) continue;
    const MonsterInfo* best = nullptr;
    for (const MonsterInfo* m : catalogue.MonstersOn(map.name)) {
      if (m->is_boss()) continue;
      if (best == nullptr || Gap(*m, level) < Gap(*best, level)) best = m;
    }
    if (best != nullptr) all.push_back({&map, best, Gap(*best, level), ActivityOf(world, map.name)});
  }
  std::vector<Candidate> near;
  for (const Candidate& c : all) {
    if (c.gap <= kLevelSpread) near.push_back(c);
  }
  if (near.empty()) {
    std::sort(all.begin(), all.end(), [](const Candidate& a, const Candidate& b) { return a.gap < b.gap; });
    near.assign(all.begin(), all.begin() + static_cast<long>(std::min<size_t>(all.size(), 10)));
  }
  Shuffle(near, random);
  std::stable_sort(near.begin(), near.end(),
                   [](const Candidate& a, const Candidate& b) { return a.activity > b.activity; });
  const Candidate& pick = near[static_cast<size_t>(random.UniformInt(0, std::min<int64_t>(3, near.size()) - 1))];
  return HuntPlace{pick.map->name, pick.mob->id};
}

int PickChainBoss(uint32_t level, const GameCatalogue& catalogue, RandomSource& random) {
  std::vector<const MonsterInfo*> bosses;
  for (const MonsterInfo* m : catalogue.Bosses()) {
    if (m->boss == BossType::kMiniboss) bosses.push_back(m);
  }
  if (bosses.empty()) bosses = catalogue.Bosses();
  std::stable_sort(bosses.begin(), bosses.end(),
                   [&](const MonsterInfo* a, const MonsterInfo* b) { return Gap(*a, level + 5) < Gap(*b, level + 5); });
  return bosses[static_cast<size_t>(random.UniformInt(0, std::min<int64_t>(3, bosses.size()) - 1))]->id;
}

v1::MapPoint PickTownSpot(const v1::WorldSnapshot* world, const GameCatalogue& catalogue, RandomSource& random) {
  const MapInfo* town = nullptr;
  uint64_t best = 0;
  for (const MapInfo* t : catalogue.MapsOfKind(MapKind::kTown)) {
    const uint64_t a = ActivityOf(world, t->name);
    if (a > best) {
      best = a;
      town = t;
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

}  // namespace aiworld::procedural
