#pragma once
// The AdaptiveDungeon's state in its StateStore, per server:
//   dungeon/<server>/current               the day of the newest plan
//   dungeon/<server>/day/<day>             v1::Dungeon (serialized)
//   dungeon/<server>/plan/<day>            FlatRecord: instance maps, gate, boss, level band
//   dungeon/<server>/instance/<id>         FlatRecord: one party's run
//   dungeon/<server>/next_instance         the next instance id
//   dungeon/<server>/gate_wait/<party>     FlatRecord: members at the gate waiting for the rest
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/common.pb.h"
#include "services/agentkit/state_store.h"
#include "services/procedural/adaptive_dungeon/dungeon_planner.h"

namespace aiworld::procedural {

struct Instance {
  uint64_t id = 0;
  std::string day;
  uint32_t party_id = 0;
  std::vector<uint32_t> members;
  std::string map;
  absl::Time started_at;
  absl::Time deadline;
  uint32_t floor = 1;
  uint32_t floors = 1;
  uint32_t kills = 0;    // on the current floor
  uint32_t target = 0;   // kills that open the next floor
  v1::ContentStatus status = v1::CONTENT_STATUS_ACTIVE;

  std::string Tag() const { return "dgi_" + std::to_string(id); }
  bool HasMember(uint32_t char_id) const;
};

struct GateWait {
  std::vector<uint32_t> members;
  absl::Time since;
};

// "dgn_gate_YYYYMMDD" for a day "YYYY-MM-DD".
std::string GateTag(const std::string& day);
// The instance id of a spawn tag "dgi_<id>"; 0 when it is not one.
uint64_t InstanceIdOfTag(const std::string& spawn_tag);

class DungeonStore {
 public:
  DungeonStore(agentkit::StateStore& state, std::string server_id) : state_(state), server_(std::move(server_id)) {}

  void SavePlan(const DungeonPlan& plan);
  // The newest plan (whatever its day); nullopt when none was ever made.
  std::optional<DungeonPlan> CurrentPlan();
  std::optional<DungeonPlan> PlanOf(const std::string& day);
  // Plans and instances of days before `keep_from` are removed.
  void Prune(const std::string& keep_from_day);

  uint64_t NextInstanceId();
  void PutInstance(const Instance& instance);
  std::optional<Instance> GetInstance(uint64_t id);
  std::vector<Instance> Instances();  // every stored one, by id

  std::optional<GateWait> GetWait(uint32_t party_id);
  void PutWait(uint32_t party_id, const GateWait& wait);
  void EraseWait(uint32_t party_id);

  // Removes these characters from runs and gate queues (every server); returns the entries removed.
  static uint64_t EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids);

 private:
  std::string Key(const std::string& rest) const { return "dungeon/" + server_ + "/" + rest; }

  agentkit::StateStore& state_;
  const std::string server_;
};

}  // namespace aiworld::procedural
