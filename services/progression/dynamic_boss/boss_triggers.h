#pragma once
// When a boss comes, and what drives each trigger (all from real events or the world snapshot):
//   anti_farm           the agent's own count of player kills per map in the last hour (from
//                       MonsterKilled events; kills of mesh-spawned monsters do not count: players
//                       were asked to kill those) > 100
//   problem_escalation  player deaths on one map in the last hour to a world problem's monsters
//                       (PlayerDied.killer_spawn_tag "aiw_problem_*", the Problem agent's tags) >= 5
//   treasure_guard      a card dropped by a monster and picked up (ItemPickedUp, source MONSTER,
//                       a card of the catalogue): a guardian rises where it was found
//   faction_champion    the world snapshot's dominant faction (Faction agent via the World agent)
//                       changed to one no champion was sent for; on the busiest hunting map
//   random_encounter    5% per game day, at most one a day, on a hunting map with players on it
// A map takes a new boss only while none of ours is alive on it and its last one spawned an hour
// or more ago; a server has at most 5 live bosses; one boss per batch or per check, the
// highest-priority plan first (reference §3.7). Spawning consumes what fired it (the map's kill
// window, its death window, the faction, the day), so the same kills never spawn twice.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "aiworld/v1/world.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/progression/dynamic_boss/boss_book.h"
#include "services/progression/dynamic_boss/boss_spawner.h"

namespace aiworld::progression {

inline constexpr const char* kProblemTagPrefix = "aiw_problem_";

// Per map and its window (kills for anti-farm, problem deaths for escalation), the plans that fire.
using MapWindows = std::vector<std::pair<std::string, KillWindow>>;
std::vector<BossPlan> AntiFarmPlans(const MapWindows& kills, absl::Time now);
std::vector<BossPlan> EscalationPlans(const MapWindows& deaths, absl::Time now);
// Nullopt without a snapshot, without a dominant faction, or when its champion was already sent.
std::optional<BossPlan> ChampionPlan(const v1::WorldSnapshot* world, const BossBook& book, const std::string& server,
                                     const GameCatalogue& catalogue);
// Draws from ctx.random; nullopt most of the time, and whenever nobody hunts.
std::optional<BossPlan> RandomEncounterPlan(const agentkit::AgentContext& ctx, const BossBook& book, const GameCatalogue& catalogue);

// Whether the map can take a new boss now.
bool MapTakesBoss(const BossBook& book, const std::string& server, const std::string& map, absl::Time now);
// Bosses ACTIVE and before their despawn time.
size_t LiveBosses(const BossBook& book, const std::string& server, absl::Time now);

// Spawns the first plan (in priority order) whose map takes a boss, if the server is under its cap,
// and consumes what fired it. Nullopt when none could spawn.
std::optional<SpawnedBoss> SpawnFirst(const agentkit::AgentContext& ctx, BossBook& book, const GameCatalogue& catalogue,
                                      std::vector<BossPlan> plans);

}  // namespace aiworld::progression
