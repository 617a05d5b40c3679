#pragma once
// What a chosen behaviour does in the game: a MoveNpc (walk on the NPC's map) and/or an NpcSay over
// its head for everyone around (emote = a short line with an emotion bubble; rAthena has no
// emotion-only action in actions.proto). Idle does nothing. Texts name real items (prices from the
// catalogue) and monsters of the map; they still go through the content filter in the agent.
//
//   wander            a cell within 5 of home        exploration  within 12 of where it is
//   return_home       home (nothing when already there)
//   patrol            the next corner of a square 6 cells around home
//   seek_adventurers  within 8 of home, and a call for adventurers
// Cells are clamped to the map's size from the catalogue (1 .. size - 2).
#include <cstdint>
#include <optional>

#include "aiworld/v1/actions.pb.h"
#include "data/catalogue.h"
#include "runtime/random.h"
#include "services/core/npc_behaviour/npc_class.h"
#include "services/core/npc_behaviour/npc_registry.h"

namespace aiworld::core {

struct BehaviourPlan {
  std::optional<v1::MoveNpc> move;
  std::optional<v1::NpcSay> say;
  int32_t x = 0;  // where the NPC will stand
  int32_t y = 0;
  uint32_t waypoint = 0;
};

BehaviourPlan PlanBehaviour(const KnownNpc& npc, Behaviour behaviour, RandomSource& random, const GameCatalogue& catalogue);

}  // namespace aiworld::core
