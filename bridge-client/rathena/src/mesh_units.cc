#include "aiworld/rathena/mesh_units.h"

namespace aiworld::rathena {

void MeshUnits::AddMonsters(const std::string& tag, const std::string& map, const std::vector<uint32_t>& gids) {
  for (uint32_t gid : gids) monster_tag_[gid] = SpawnedMonster{tag, map};
}

std::string MeshUnits::TagOfMonster(uint32_t gid) const {
  auto it = monster_tag_.find(gid);
  return it == monster_tag_.end() ? "" : it->second.tag;
}

void MeshUnits::ForgetMonster(uint32_t gid) { monster_tag_.erase(gid); }

std::vector<uint32_t> MeshUnits::MonstersOf(const std::string& tag, const std::string& map) const {
  std::vector<uint32_t> gids;
  for (const auto& [gid, monster] : monster_tag_) {
    if (monster.tag == tag && (map.empty() || monster.map == map)) gids.push_back(gid);
  }
  return gids;
}

void MeshUnits::AddNpc(MeshNpc npc) {
  const std::string tag = npc.tag;
  npcs_[tag] = std::move(npc);
}

const MeshNpc* MeshUnits::NpcByTag(const std::string& tag) const {
  auto it = npcs_.find(tag);
  return it == npcs_.end() ? nullptr : &it->second;
}

std::string MeshUnits::TagOfNpc(uint32_t gid) const {
  for (const auto& [tag, npc] : npcs_) {
    if (npc.gid == gid) return tag;
  }
  return "";
}

std::optional<MeshNpc> MeshUnits::RemoveNpc(const std::string& tag) {
  auto it = npcs_.find(tag);
  if (it == npcs_.end()) return std::nullopt;
  MeshNpc npc = std::move(it->second);
  npcs_.erase(it);
  return npc;
}

}  // namespace aiworld::rathena
