// AI World bridge: the rAthena implementation of aiworld::rathena::Game (ai_bridge_game.cpp).
// Part of bridge-client/rathena of the AI World project; copied into src/map/ by apply.py.
// Only ai_bridge.cpp includes it, and only when built with AIWORLD_BRIDGE.
#ifndef AI_BRIDGE_GAME_HPP
#define AI_BRIDGE_GAME_HPP

#include <memory>

#include "aiworld/rathena/game.h"

// A RathenaGame: every method calls rAthena's functions on the main thread, resolving ids, map
// names and NPC names at each call (no pointer is kept between calls).
std::unique_ptr<aiworld::rathena::Game> ai_bridge_make_game();

#endif /* AI_BRIDGE_GAME_HPP */
