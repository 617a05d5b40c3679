#pragma once
// Where the MapHazard agent keeps its hazards and who met them.
//
// Keys (server ids never contain '/'):
//   h/<server>/<hazard_id>             the hazard (v1::MapHazard, serialized)
//   m/<server>/<hazard_id>/<char_id>   a character met it (empty value)
//   n/<server>                         the last hazard number handed out
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

class HazardBook {
 public:
  explicit HazardBook(agentkit::StateStore& state) : state_(state) {}

  void Put(const v1::MapHazard& hazard);
  std::vector<v1::MapHazard> OfServer(const std::string& server_id) const;  // key order
  std::vector<v1::MapHazard> Active(const std::string& server_id) const;    // status ACTIVE
  // "hazard_<n>", n counting from 1 per server.
  std::string NextHazardId(const std::string& server_id);
  // Records that the character met the hazard; true the first time.
  bool Meet(const std::string& server_id, const std::string& hazard_id, uint32_t char_id);
  // Removes these characters' encounters; returns the entries removed.
  uint64_t EraseCharacters(const std::vector<uint32_t>& char_ids);

 private:
  agentkit::StateStore& state_;
};

}  // namespace aiworld::procedural
