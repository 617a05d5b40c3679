#pragma once
// The Treasure agent's state.
//
// Keys:  treasure/<server>/<treasure_id>   v1::Treasure (ids and NPC tags are "trs_<n>")
//        next/<server>                     last treasure number handed out
//        fragments/<char_id>/<server>      "c1;<account_id>;<fragments>;<cards claimed>"
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "aiworld/v1/economy.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::economy {

inline constexpr const char* kTreasureTagPrefix = "trs_";

struct CardFragments {
  uint32_t account_id = 0;
  uint32_t fragments = 0;
  uint32_t cards_claimed = 0;
};

class TreasureStore {
 public:
  TreasureStore(agentkit::StateStore& state, std::string server_id) : state_(state), server_id_(std::move(server_id)) {}

  std::optional<v1::Treasure> Treasure(const std::string& treasure_id) const;
  void PutTreasure(const v1::Treasure& treasure);
  void EraseTreasure(const std::string& treasure_id);
  std::vector<v1::Treasure> Treasures() const;
  std::string NextTreasureId();

  // Zeros for a character that never found a fragment.
  CardFragments Fragments(uint32_t char_id) const;
  bool HasFragments(uint32_t char_id) const;
  void PutFragments(uint32_t char_id, const CardFragments& fragments);

  static std::vector<uint32_t> CharactersOf(agentkit::StateStore& state, uint32_t account_id);
  // Fragment records of these characters on every server, and their name on claimed treasures;
  // returns the entries removed or changed.
  static uint64_t EraseCharacters(agentkit::StateStore& state, const std::vector<uint32_t>& char_ids);

 private:
  agentkit::StateStore& state_;
  const std::string server_id_;
};

}  // namespace aiworld::economy
