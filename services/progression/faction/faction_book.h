#pragma once
// Where the Faction agent keeps its state, in compact versioned text values:
//   r/<server>/<char_id>    a character's reputation with each faction:
//                           "v1 <account> <rep> <actions> <rep> <actions> <rep> <actions>"
//                           (factions in Factions() order)
//   w/<server>              the world alignment: "v1 <dominant index|-> <dominance> " then per
//                           faction "<score> <pending> <updated unix seconds>"; pending is the
//                           alignment earned by events since the last 5-minute job
//   a/<account>/<char_id>   which characters an account has (for Admin.ErasePlayer)
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "aiworld/v1/progression.pb.h"
#include "services/agentkit/state_store.h"
#include "services/progression/faction/faction_rules.h"

namespace aiworld::progression {

struct CharFactions {
  uint32_t account_id = 0;
  std::array<uint32_t, kFactionCount> reputation{};
  std::array<uint32_t, kFactionCount> actions{};
};

struct FactionWorld {
  std::array<int64_t, kFactionCount> score{};
  std::array<int64_t, kFactionCount> pending{};
  std::array<int64_t, kFactionCount> updated_unix{};  // 0 = never changed
  std::optional<size_t> dominant;                      // as last announced
  v1::Dominance dominance = v1::DOMINANCE_UNSPECIFIED;
};

std::string EncodeCharFactions(const CharFactions& value);
// INVALID_ARGUMENT naming the part that is wrong.
absl::StatusOr<CharFactions> DecodeCharFactions(absl::string_view text);
std::string EncodeFactionWorld(const FactionWorld& value);
absl::StatusOr<FactionWorld> DecodeFactionWorld(absl::string_view text);

class FactionBook {
 public:
  explicit FactionBook(agentkit::StateStore& state) : state_(state) {}

  // nullopt for a character never seen (or an unreadable value).
  std::optional<CharFactions> FindChar(const std::string& server_id, uint32_t char_id) const;
  void PutChar(const std::string& server_id, uint32_t char_id, const CharFactions& value);
  // All zeros for a server with no faction activity yet.
  FactionWorld World(const std::string& server_id) const;
  void PutWorld(const std::string& server_id, const FactionWorld& value);

  std::vector<uint32_t> CharactersOf(uint32_t account_id) const;
  // Removes these characters' records on every server and their account entries; returns the
  // records removed.
  uint64_t EraseCharacters(const std::vector<uint32_t>& char_ids);

 private:
  agentkit::StateStore& state_;
};

}  // namespace aiworld::progression
