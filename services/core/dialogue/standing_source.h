#pragma once
// A character's standing as the Dialogue agent sees it (influence, karma, best faction, a title),
// asked of the progression group. StandingSource is injectable: GrpcStandingSource asks
// aiworld.v1.Progression/GetPlayerStanding with a short deadline and answers "unknown" on any error,
// so a slow or absent progression group never delays or fails a reply; NullStandingSource always
// answers "unknown".
#include <cstdint>
#include <string>

#include "aiworld/v1/progression.pb.h"

namespace aiworld::core {

struct Standing {
  bool known = false;
  uint32_t influence_tier = 0;       // 0 Newcomer .. 5 Mythic
  std::string influence_tier_name;
  v1::KarmaAlignment karma = v1::KARMA_ALIGNMENT_UNSPECIFIED;
  std::string top_faction;           // highest reputation, "" for none
  std::string top_faction_tier_name;
  std::string title;                 // the first title, "" for none
};

// known is false for the all-zero standing progression returns for a character it never saw.
Standing StandingFrom(const v1::PlayerStanding& standing);
// One line for an LLM prompt: "influence Renowned (tier 3), karma good, Honored with the prontera
// guard, title Hero of Prontera", or "unknown".
std::string DescribeStanding(const Standing& standing);

class StandingSource {
 public:
  virtual ~StandingSource() = default;
  // Never fails: "unknown" (known = false) when the standing cannot be had.
  virtual Standing Lookup(const std::string& server_id, uint32_t char_id) = 0;
};

class NullStandingSource final : public StandingSource {
 public:
  Standing Lookup(const std::string&, uint32_t) override { return {}; }
};

// A standing looked up beforehand (Core.Talk asks progression before it opens its transaction, so
// a slow progression group never holds a database connection).
class KnownStandingSource final : public StandingSource {
 public:
  explicit KnownStandingSource(Standing standing) : standing_(std::move(standing)) {}
  Standing Lookup(const std::string&, uint32_t) override { return standing_; }

 private:
  Standing standing_;
};

}  // namespace aiworld::core
