#pragma once
// Where the Reputation agent keeps its state, in compact versioned text values:
//   i/<server>/<char_id>         a character's influence: "v1 <account> <day> <tier> <best tier>
//                                <5 amounts> <5 gained on that day> <name>" (kinds in
//                                ReputationKind order; tier = the current tier scripts were told,
//                                best tier = the highest whose rewards were given; the name is the
//                                rest of the line and may be empty or hold spaces)
//   m/<server>/<char_id>/<map>   the character has been on that map (explorer)
//   a/<account>/<char_id>        which characters an account has (for Admin.ErasePlayer)
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "services/agentkit/state_store.h"
#include "services/progression/reputation/reputation_rules.h"

namespace aiworld::progression {

struct CharInfluence {
  uint32_t account_id = 0;
  int64_t day = 0;  // the game day gained_today counts (days since 1970-01-01)
  uint32_t tier = 0;
  uint32_t best_tier = 0;
  std::array<uint64_t, kReputationKinds> amount{};
  std::array<uint32_t, kReputationKinds> gained_today{};
  std::string name;

  int64_t hundredths() const { return InfluenceHundredths(amount); }
  // gained_today as of `day` (zeros on a later day).
  uint32_t GainedOn(int64_t on_day, ReputationKind kind) const;
  // Adds what the daily cap lets through on `on_day`; returns what was added.
  uint32_t Gain(int64_t on_day, ReputationKind kind, uint32_t amount);
};

std::string EncodeCharInfluence(const CharInfluence& value);
// INVALID_ARGUMENT naming the part that is wrong.
absl::StatusOr<CharInfluence> DecodeCharInfluence(absl::string_view text);

class ReputationBook {
 public:
  explicit ReputationBook(agentkit::StateStore& state) : state_(state) {}

  std::optional<CharInfluence> Find(const std::string& server_id, uint32_t char_id) const;
  void Put(const std::string& server_id, uint32_t char_id, const CharInfluence& value);
  // Every character of the server, by char id.
  std::vector<std::pair<uint32_t, CharInfluence>> OfServer(const std::string& server_id) const;

  bool Visited(const std::string& server_id, uint32_t char_id, const std::string& map) const;
  void MarkVisited(const std::string& server_id, uint32_t char_id, const std::string& map);

  std::vector<uint32_t> CharactersOf(uint32_t account_id) const;
  // Removes these characters' influence, visits and account entries on every server; returns the
  // entries removed.
  uint64_t EraseCharacters(const std::vector<uint32_t>& char_ids);

 private:
  agentkit::StateStore& state_;
};

}  // namespace aiworld::progression
