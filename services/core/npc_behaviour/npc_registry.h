#pragma once
// The NPCs the NPC-behaviour agent knows of, learned from events (NPC interactions, NPC shop trades;
// mesh-spawned NPCs by their npc_tag): name, sprite, map, home cell (where a character first met it:
// the character stands next to the NPC), where it was last sent, when it last acted.
//
// State (the agent's): "npc|<server>|<npc key>" = "N1" + tab-separated fields (tabs, newlines and
// backslashes escaped); "count|<server>" counts them. At most 5000 NPCs per server are kept; one not
// seen for 30 days is forgotten.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/events.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::core {

struct KnownNpc {
  v1::NpcRef ref;
  std::string name;
  std::optional<int> sprite;  // unknown for an NPC only seen through its shop
  bool shop = false;
  std::string map;
  int32_t home_x = 0;
  int32_t home_y = 0;
  int32_t x = 0;
  int32_t y = 0;
  absl::Time last_seen = absl::InfinitePast();
  absl::Time last_acted = absl::InfinitePast();
  uint32_t waypoint = 0;  // next patrol corner
};

std::string EncodeKnownNpc(const KnownNpc& npc);
std::optional<KnownNpc> DecodeKnownNpc(const std::string& value);

class NpcRegistry {
 public:
  static constexpr size_t kMaxNpcs = 5000;
  static constexpr absl::Duration kForgetAfter = absl::Hours(30 * 24);

  NpcRegistry(agentkit::StateStore& state, std::string server_id) : state_(state), server_id_(std::move(server_id)) {}

  // Learns or refreshes the NPC of an NpcInteraction or NpcShopTrade event; other events are ignored.
  void Observe(const v1::GameEvent& event, absl::Time at);
  // Every known NPC of the server, in key order.
  std::vector<KnownNpc> All() const;
  void Save(const KnownNpc& npc);
  void Forget(const KnownNpc& npc);
  size_t Count() const;

 private:
  std::string Key(const v1::NpcRef& ref) const;
  void SetCount(size_t n);
  agentkit::StateStore& state_;
  const std::string server_id_;
};

}  // namespace aiworld::core
