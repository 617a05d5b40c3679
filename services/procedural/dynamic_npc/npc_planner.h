#pragma once
// The daily roaming NPCs (reference §3.3, job dynamic_npc.spawn at 06:00): DAILY_NPC_COUNT (3)
// clamped to 1..5, never more than 5 alive at once. Each gets a type by weighted pick, a quiet map
// (npc_placement.h), a name out of its type's four, a backstory, three of the seven quirks, a
// Big-Five personality around its type's archetype (each trait +-0.1), a sprite, and the reward of
// its tier. It despawns at 23:59:59 of its day (the next day's if that is already past).
//
// Reference bug fixed: the type cooldown was never filled, so the repeat penalty never fired. Here a
// type's weight is max(0.1, 1 - 0.2 x its spawns in the last 7 days), counting the NPCs kept in
// state (and the ones picked earlier in the same run).
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"
#include "services/core/dialogue/personality.h"
#include "services/procedural/dynamic_npc/npc_roster.h"
#include "services/procedural/dynamic_npc/npc_types.h"

namespace aiworld::procedural {

inline constexpr int kDefaultDailyNpcCount = 3;
inline constexpr int kMaxDailyNpcCount = 5;
inline constexpr int kMaxLiveNpcs = 5;
inline constexpr double kTypeRepeatPenalty = 0.2;
inline constexpr double kTypeMinWeight = 0.1;
inline constexpr absl::Duration kTypeRepeatWindow = absl::Hours(24 * 7);
inline constexpr double kTraitSpread = 0.1;

struct SpawnPlan {
  v1::DynamicNpc npc;
  core::Personality personality;
};

// One weight per NpcTypes() entry.
std::vector<double> NpcTypeWeights(const std::vector<v1::DynamicNpc>& history, absl::Time now);
const NpcTypeInfo& PickNpcType(const std::vector<double>& weights, RandomSource& random);
// 23:59:59 UTC of now's day, or of the next day when now is past it.
absl::Time DespawnTimeFor(absl::Time now);
// DAILY_NPC_COUNT clamped to 1..5.
int ClampDailyNpcCount(int configured);

class RoamingNpcPlanner {
 public:
  explicit RoamingNpcPlanner(const GameCatalogue& catalogue) : catalogue_(catalogue) {}

  // The NPCs to spawn now: min(daily count, 5 - alive). Tags are taken from the roster (its counter advances); the NPCs themselves are not stored.
  std::vector<SpawnPlan> Plan(const v1::WorldSnapshot* world, NpcRoster& roster, const std::string& server_id,
                              absl::Time now, int daily_count, RandomSource& random) const;

 private:
  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::procedural
