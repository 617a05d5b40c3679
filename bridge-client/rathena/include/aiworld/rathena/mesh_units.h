#pragma once
// What the mesh put into the game: monsters by spawn tag and NPCs by npc tag. The executor records
// them; the facade reads them to tag kill and NPC events; RemoveMonsters and RemoveNpc look them up.
// Main thread only, like everything that touches the game.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace aiworld::rathena {

struct MeshNpc {
  std::string tag;
  std::string exname;  // the duplicate's unique name in rAthena
  uint32_t gid = 0;
  std::string map;
  int64_t expires_at_ms = 0;
};

class MeshUnits {
 public:
  void AddMonsters(const std::string& tag, const std::string& map, const std::vector<uint32_t>& gids);
  // The tag a monster was spawned with, or "" for the server's own monsters.
  std::string TagOfMonster(uint32_t gid) const;
  // A dead or removed monster is forgotten.
  void ForgetMonster(uint32_t gid);
  // Live monsters of a tag, on one map or every map ("").
  std::vector<uint32_t> MonstersOf(const std::string& tag, const std::string& map) const;
  size_t monster_count() const { return monster_tag_.size(); }

  void AddNpc(MeshNpc npc);
  const MeshNpc* NpcByTag(const std::string& tag) const;
  std::string TagOfNpc(uint32_t gid) const;
  std::optional<MeshNpc> RemoveNpc(const std::string& tag);
  size_t npc_count() const { return npcs_.size(); }

 private:
  struct SpawnedMonster {
    std::string tag;
    std::string map;
  };
  std::map<uint32_t, SpawnedMonster> monster_tag_;
  std::map<std::string, MeshNpc> npcs_;  // by tag
};

}  // namespace aiworld::rathena
