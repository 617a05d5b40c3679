#pragma once
// Where the WorldEvent agent keeps its events and cooldowns. Cooldowns are state, not process
// memory (the reference kept them in memory and lost them on every restart, §8.11), so a new
// replica or a restarted group sees the same cooldowns.
//
// Keys (server ids never contain '/'):
//   e/<server>/<event_id>   the event (v1::WorldEvent, serialized)
//   cd/<server>/<type>      end of the type's cooldown, "v1 <unix seconds>"
//   w/<server>/<event_id>   invasion waves spawned so far (decimal)
//   n/<server>              the last event number handed out
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

class WorldEventBook {
 public:
  explicit WorldEventBook(agentkit::StateStore& state) : state_(state) {}

  void Put(const v1::WorldEvent& event);
  // Every event of the server, in key order.
  std::vector<v1::WorldEvent> OfServer(const std::string& server_id) const;
  std::vector<v1::WorldEvent> Running(const std::string& server_id) const;  // status ACTIVE

  // "world_event_<n>", n counting from 1 per server; the spawn tag is "aiw_wevent_<n>".
  std::string NextEventId(const std::string& server_id);
  static std::string SpawnTagOf(const std::string& event_id);

  // Unset (never started) or the end of the cooldown.
  std::optional<absl::Time> CooldownUntil(const std::string& server_id, v1::WorldEventType type) const;
  void SetCooldownUntil(const std::string& server_id, v1::WorldEventType type, absl::Time until);

  uint32_t WavesSpawned(const std::string& server_id, const std::string& event_id) const;
  void SetWavesSpawned(const std::string& server_id, const std::string& event_id, uint32_t waves);

 private:
  agentkit::StateStore& state_;
};

}  // namespace aiworld::procedural
