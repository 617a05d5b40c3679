#pragma once
// Turns one action from the mesh into rAthena calls (through Game) and answers done / failed /
// retry with the error code of actions.proto. Checks every field it uses and names the bad one;
// an action that fails changes nothing. Remembers what must be undone when a ttl or duration ends
// (monsters, NPCs, map flags, weather, world events) and undoes it in ExpireDue. Everything it
// does lives in map-server memory, so a map-server restart resets it together with the game.
// Main thread only.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aiworld/bridge.h"
#include "aiworld/rathena/game.h"
#include "aiworld/rathena/mesh_units.h"

namespace aiworld::rathena {

// What the mesh may touch beyond plain ids: template and event NPCs, map flags, statuses, death
// labels and server NPCs it may move. An empty set allows nothing.
struct Allowlist {
  std::set<std::string> templates;      // SpawnNpc.template_name
  std::set<std::string> event_npcs;     // StartWorldEvent.npc_exname, SpawnMonster.death_event NPCs
  std::set<std::string> map_flags;      // SetMapFlag.flag
  std::set<std::string> statuses;       // ApplyStatus.status
  std::set<std::string> movable_npcs;   // server NPCs MoveNpc/NpcSay may use (mesh NPCs always may)
};

class ActionExecutor {
 public:
  ActionExecutor(Game& game, MeshUnits& units, std::function<int64_t()> now_ms, Allowlist allow);

  bridge::ActionResult Execute(const bridge::Action& action);
  // Undoes whatever ran out by now; returns how many undo steps ran.
  size_t ExpireDue();
  size_t pending_expiries() const { return expiries_.size(); }

  // Kinds of actions.proto this executor maps, in proto order.
  static const std::vector<std::string>& Kinds();

 private:
  struct Expiry {
    int64_t due_ms = 0;
    std::function<void()> undo;
  };
  bridge::ActionResult Broadcast(const bridge::Action& a);
  bridge::ActionResult SpawnMonster(const bridge::Action& a);
  bridge::ActionResult RemoveMonsters(const bridge::Action& a);
  bridge::ActionResult SpawnNpc(const bridge::Action& a);
  bridge::ActionResult RemoveNpc(const bridge::Action& a);
  bridge::ActionResult MoveNpc(const bridge::Action& a);
  bridge::ActionResult NpcSay(const bridge::Action& a);
  bridge::ActionResult GiveReward(const bridge::Action& a);
  bridge::ActionResult OfferQuest(const bridge::Action& a);
  bridge::ActionResult SetMapFlag(const bridge::Action& a);
  bridge::ActionResult SetWeather(const bridge::Action& a);
  bridge::ActionResult UpdateShop(const bridge::Action& a);
  bridge::ActionResult StartWorldEvent(const bridge::Action& a);
  bridge::ActionResult SetCharVariable(const bridge::Action& a);
  bridge::ActionResult ApplyStatus(const bridge::Action& a);

  std::optional<std::string> ResolveNpc(const bridge::Action& a, const std::string& field, bridge::ActionResult* failure);
  void At(int64_t due_ms, std::function<void()> undo);
  void Override(const std::string& key, int64_t until_ms, std::function<void()> restore);

  Game& game_;
  MeshUnits& units_;
  std::function<int64_t()> now_ms_;
  Allowlist allow_;
  std::vector<Expiry> expiries_;
  struct ActiveOverride {
    int64_t until_ms = 0;
    std::function<void()> restore;  // back to the state before the first override
  };
  std::map<std::string, ActiveOverride> overrides_;  // "map/flag", "map/weather"
};

}  // namespace aiworld::rathena
