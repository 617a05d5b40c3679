#pragma once
// Where the Karma agent keeps its state, in compact versioned text values:
//   k/<server>/<char_id>    a character's karma: "v1 <account> <karma> <good actions> <evil actions>"
//   g/<server>              the global karma: "v1 <karma> <pending> <announced alignment>
//                           <updated unix seconds>"; pending is the global impact of the actions
//                           events brought since the last karma job, consumed once by it
//   a/<account>/<char_id>   which characters an account has (for Admin.ErasePlayer)
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "aiworld/v1/world.pb.h"
#include "services/agentkit/state_store.h"

namespace aiworld::progression {

struct CharKarma {
  uint32_t account_id = 0;
  int32_t karma = 0;
  uint32_t good_actions = 0;
  uint32_t evil_actions = 0;
};

struct GlobalKarma {
  int32_t karma = 0;
  int64_t pending = 0;
  v1::KarmaAlignment announced = v1::KARMA_ALIGNMENT_NEUTRAL;  // a new world starts neutral, unannounced
  int64_t updated_unix = 0;                                    // 0 = never changed
};

std::string EncodeCharKarma(const CharKarma& value);
// INVALID_ARGUMENT naming the part that is wrong.
absl::StatusOr<CharKarma> DecodeCharKarma(absl::string_view text);
std::string EncodeGlobalKarma(const GlobalKarma& value);
absl::StatusOr<GlobalKarma> DecodeGlobalKarma(absl::string_view text);

class KarmaBook {
 public:
  explicit KarmaBook(agentkit::StateStore& state) : state_(state) {}

  std::optional<CharKarma> FindChar(const std::string& server_id, uint32_t char_id) const;
  void PutChar(const std::string& server_id, uint32_t char_id, const CharKarma& value);
  GlobalKarma Global(const std::string& server_id) const;
  void PutGlobal(const std::string& server_id, const GlobalKarma& value);

  std::vector<uint32_t> CharactersOf(uint32_t account_id) const;
  // Removes these characters' karma on every server and their account entries; returns the
  // records removed. The global karma they contributed to stays (it is no one's personal data).
  uint64_t EraseCharacters(const std::vector<uint32_t>& char_ids);

 private:
  agentkit::StateStore& state_;
};

}  // namespace aiworld::progression
