#pragma once
// The Archaeology agent's state.
//
// Keys:  spot/<server>/<spot_id>              v1::DigSpot (spot ids and NPC tags are "dig_<n>")
//        next/<server>                        last spot number handed out
//        progress/<char_id>/<server>          v1::ArchaeologyProgress (collections included;
//                                             open_secret_maps is filled at query time)
//        secret/<char_id>/<server>/<map>      unix seconds until which the secret map is open
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/time/time.h"
#include "aiworld/v1/procedural.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::procedural {

inline constexpr const char* kDigSpotTagPrefix = "dig_";

class ArchaeologyStore {
 public:
  ArchaeologyStore(agentkit::StateStore& state, std::string server_id) : state_(state), server_id_(std::move(server_id)) {}

  std::optional<v1::DigSpot> Spot(const std::string& spot_id) const;
  void PutSpot(const v1::DigSpot& spot);
  void EraseSpot(const std::string& spot_id);
  std::vector<v1::DigSpot> Spots() const;
  std::string NextSpotId();

  // The character's progress; a fresh one (level 0, the four collections empty) if it never dug.
  v1::ArchaeologyProgress Progress(uint32_t char_id) const;
  bool HasProgress(uint32_t char_id) const;
  void PutProgress(const v1::ArchaeologyProgress& progress);

  void OpenSecret(uint32_t char_id, const std::string& map, absl::Time until);
  // Secret maps still open at `now`, in map order.
  std::vector<std::string> OpenSecrets(uint32_t char_id, absl::Time now) const;

  // Progress and secrets of these characters on every server, and their name on dug spots; returns
  // the entries removed or changed.
  static uint64_t EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids);

 private:
  agentkit::StateStore& state_;
  const std::string server_id_;
};

}  // namespace aiworld::procedural
