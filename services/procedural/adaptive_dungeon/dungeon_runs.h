#pragma once
// Party runs of the day's dungeon ("instances"), driven by events:
//
//   NpcInteraction (click or menu choice) on the gate NPC (npc_tag = GateTag(day)):
//     - a character already inside is told where and how long;
//     - a character without a party is told to form one;
//     - a member of a party that is inside joins it (up to 12);
//     - else the character waits at the gate for the party (5 minutes); when 2 of the party are
//       there, a free instance map (one party per map, at most 3) opens: floor 1 spawns there
//       (SpawnMonster tagged "dgi_<id>", ttl = time left), the members get the aiw_dgn_map$ and
//       aiw_dgn_until variables (the gate template warps them) and a RemoveMonsters runs at the
//       deadline (60 minutes) whatever happens.
//   MonsterKilled of a "dgi_<id>" monster: 80% of a floor's monsters open the next floor; the boss
//     of the last floor clears the dungeon: GiveReward to every member, a server broadcast, and
//     the rest removed. A kill after the deadline (or the next gate click or daily job) expires
//     the run.
#include <vector>

#include "aiworld/v1/actions.pb.h"
#include "aiworld/v1/agent_group.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/agent.h"
#include "services/procedural/adaptive_dungeon/action_envelope.h"
#include "services/procedural/adaptive_dungeon/dungeon_store.h"

namespace aiworld::procedural {

class DungeonRuns {
 public:
  explicit DungeonRuns(const GameCatalogue& catalogue) : catalogue_(catalogue) {}

  void OnGate(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, DungeonStore& store,
              std::vector<v1::Action>* actions) const;
  void OnKill(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, DungeonStore& store,
              std::vector<v1::Action>* actions) const;
  // Every active run past its deadline becomes EXPIRED (its monsters removed, its members told).
  void ExpireDue(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, DungeonStore& store,
                 std::vector<v1::Action>* actions) const;

  // Kills that open the floor after `floor`: 80% of its monsters, at least 1.
  static uint32_t FloorTarget(const v1::Dungeon& dungeon, uint32_t floor);

 private:
  void Open(const agentkit::AgentContext& ctx, const v1::RoutedEvent& e, const DungeonPlan& plan,
            std::vector<uint32_t> members, uint32_t party_id, const std::string& map, DungeonStore& store,
            std::vector<v1::Action>* actions) const;
  void SpawnFloor(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, const v1::Dungeon& dungeon,
                  Instance& run, std::vector<v1::Action>* actions) const;
  void Admit(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, const Instance& run, uint32_t char_id,
             std::vector<v1::Action>* actions) const;
  void Clear(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, const DungeonPlan& plan, Instance& run,
             std::vector<v1::Action>* actions) const;
  void Expire(const agentkit::AgentContext& ctx, const ActionCauseRef& cause, Instance& run,
              std::vector<v1::Action>* actions) const;

  const GameCatalogue& catalogue_;
};

}  // namespace aiworld::procedural
