#pragma once
// The DynamicNpc agent's state for one server: its NPCs (v1::DynamicNpc, serialized), each NPC's
// Big-Five personality, and which characters it has rewarded.
//
// Keys:  npc/<server>/<tag>                  v1::DynamicNpc
//        persona/<server>/<tag>              "v1|o|c|e|a|n" (traits 0..1)
//        rewarded/<server>/<tag>/<char_id>   "1"
//        next/<server>                       last NPC number handed out (tags "dnpc_<n>")
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"
#include "services/core/dialogue/personality.h"

namespace aiworld::procedural {

inline constexpr const char* kRoamingTagPrefix = "dnpc_";

class NpcRoster {
 public:
  NpcRoster(agentkit::StateStore& state, std::string server_id) : state_(state), server_id_(std::move(server_id)) {}

  std::optional<v1::DynamicNpc> Get(const std::string& tag) const;
  void Put(const v1::DynamicNpc& npc);
  // Every NPC of the server, in tag order.
  std::vector<v1::DynamicNpc> All() const;
  // Removes the NPC, its personality and its reward records.
  void Forget(const std::string& tag);
  // "dnpc_<n>", n counting up from 1 per server.
  std::string NextTag();

  std::optional<core::Personality> PersonalityOf(const std::string& tag) const;
  void SetPersonality(const std::string& tag, const core::Personality& p);

  bool Rewarded(const std::string& tag, uint32_t char_id) const;
  void MarkRewarded(const std::string& tag, uint32_t char_id);
  size_t RewardCount(const std::string& tag) const;

  // Reward records of these characters on every server; returns the entries removed.
  static uint64_t EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids);

 private:
  std::string NpcKey(const std::string& tag) const;
  agentkit::StateStore& state_;
  const std::string server_id_;
};

std::string EncodePersonality(const core::Personality& p);
std::optional<core::Personality> DecodePersonality(const std::string& text);

}  // namespace aiworld::procedural
