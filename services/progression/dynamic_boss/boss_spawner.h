#pragma once
// Turns a fired trigger into a boss: the real monster, its stats, rating and reward, the record in
// the BossBook, and the actions — SpawnMonster (tagged "aiw_boss_<n>", ttl 30 min of game time)
// and an announcement whose text goes through the decision engine (template fallback) and the
// content filter.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/progression.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/progression/dynamic_boss/boss_book.h"

namespace aiworld::progression {

struct BossPlan {
  v1::BossTrigger trigger = v1::BOSS_TRIGGER_UNSPECIFIED;
  std::string map;
  int32_t x = 0;  // 0, 0: any free cell
  int32_t y = 0;
  double modifier = 1.0;
  double level = 0;       // the level to match; 0: the map's monsters
  uint32_t strength = 0;  // the kills or deaths behind it (orders plans of equal priority)
  std::string faction;    // faction_champion: the dominant faction
  v1::ActionCause cause;  // copied into every action (events or job slot, and the summary)
};

struct SpawnedBoss {
  v1::DynamicBoss boss;
  std::vector<v1::Action> actions;  // the spawn, then the announcement
};

// Higher priority first, then the stronger trigger, then the map name (a stable order).
bool BeforeInPriority(const BossPlan& a, const BossPlan& b);

// Nullopt when the catalogue has no boss to spawn.
std::optional<SpawnedBoss> SpawnBoss(const agentkit::AgentContext& ctx, BossBook& book, const GameCatalogue& catalogue,
                                     const BossPlan& plan);

}  // namespace aiworld::progression
