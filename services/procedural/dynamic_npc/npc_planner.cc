#include "services/procedural/dynamic_npc/npc_planner.h"

#include <algorithm>
#include <set>

#include "runtime/proto_time.h"
#include "services/procedural/dynamic_npc/npc_placement.h"

namespace aiworld::procedural {
namespace {

double Vary(double centre, RandomSource& random) {
  return std::clamp(centre + (random.Uniform01() * 2 - 1) * kTraitSpread, 0.0, 1.0);
}

core::Personality VaryPersonality(const core::Personality& a, RandomSource& random) {
  core::Personality p;
  p.openness = Vary(a.openness, random);
  p.conscientiousness = Vary(a.conscientiousness, random);
  p.extraversion = Vary(a.extraversion, random);
  p.agreeableness = Vary(a.agreeableness, random);
  p.neuroticism = Vary(a.neuroticism, random);
  return p;
}

}  // namespace

std::vector<double> NpcTypeWeights(const std::vector<v1::DynamicNpc>& history, absl::Time now) {
  std::vector<double> weights;
  for (const NpcTypeInfo& t : NpcTypes()) {
    int uses = 0;
    for (const v1::DynamicNpc& npc : history) {
      const absl::Time at = FromProto(npc.spawned_at());
      if (npc.type() == t.type && at <= now && now - at < kTypeRepeatWindow) ++uses;
    }
    weights.push_back(std::max(kTypeMinWeight, 1.0 - kTypeRepeatPenalty * uses));
  }
  return weights;
}

const NpcTypeInfo& PickNpcType(const std::vector<double>& weights, RandomSource& random) {
  double total = 0;
  for (double w : weights) total += w;
  double roll = random.Uniform01() * total;
  const std::vector<NpcTypeInfo>& types = NpcTypes();
  for (size_t i = 0; i < types.size() && i < weights.size(); ++i) {
    if (roll < weights[i]) return types[i];
    roll -= weights[i];
  }
  return types.back();
}

absl::Time DespawnTimeFor(absl::Time now) {
  const absl::Time day = absl::FromUnixSeconds(absl::ToUnixSeconds(now) / 86400 * 86400);
  absl::Time at = day + absl::Hours(23) + absl::Minutes(59) + absl::Seconds(59);
  if (at <= now) at += absl::Hours(24);
  return at;
}

int ClampDailyNpcCount(int configured) { return std::clamp(configured, 1, kMaxDailyNpcCount); }

std::vector<SpawnPlan> RoamingNpcPlanner::Plan(const v1::WorldSnapshot* world, NpcRoster& roster,
                                               const std::string& server_id, absl::Time now, int daily_count,
                                               RandomSource& random) const {
  std::vector<v1::DynamicNpc> history = roster.All();
  std::set<std::string> occupied;
  int alive = 0;
  for (const v1::DynamicNpc& npc : history) {
    if (npc.status() != v1::CONTENT_STATUS_ACTIVE) continue;
    ++alive;
    occupied.insert(npc.at().map());
  }
  const int wanted = std::min(ClampDailyNpcCount(daily_count), kMaxLiveNpcs - alive);
  std::vector<SpawnPlan> plans;
  const absl::Time despawn = DespawnTimeFor(now);
  for (int i = 0; i < wanted; ++i) {
    const std::vector<std::string> maps = RoamingNpcMaps(world, catalogue_, occupied);
    if (maps.empty()) break;
    const std::string& map_name = maps[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(maps.size()) - 1))];
    const MapInfo* map = catalogue_.FindMap(map_name);
    const NpcTypeInfo& type = PickNpcType(NpcTypeWeights(history, now), random);

    SpawnPlan plan;
    v1::DynamicNpc& npc = plan.npc;
    npc.set_npc_tag(roster.NextTag());
    npc.set_server_id(server_id);
    npc.set_type(type.type);
    npc.set_name(type.names[static_cast<size_t>(random.UniformInt(0, 3))]);
    *npc.mutable_at() = RandomCellOn(*map, random, 50, 300);
    npc.set_sprite_id(type.sprites[static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(type.sprites.size()) - 1))]);
    npc.set_backstory(type.backstory);
    std::vector<std::string> quirks = NpcQuirks();
    for (int q = 0; q < 3; ++q) {
      const size_t at = static_cast<size_t>(random.UniformInt(0, static_cast<int64_t>(quirks.size()) - 1));
      npc.add_quirks(quirks[at]);
      quirks.erase(quirks.begin() + static_cast<std::ptrdiff_t>(at));
    }
    npc.set_required_level(type.required_level);
    *npc.mutable_reward() = BaseReward(type.tier);
    npc.set_status(v1::CONTENT_STATUS_ACTIVE);
    *npc.mutable_spawned_at() = ToProto(now);
    *npc.mutable_despawns_at() = ToProto(despawn);
    plan.personality = VaryPersonality(type.archetype, random);

    occupied.insert(map_name);
    history.push_back(npc);  // the repeat penalty counts today's picks too
    plans.push_back(std::move(plan));
  }
  return plans;
}

}  // namespace aiworld::procedural
