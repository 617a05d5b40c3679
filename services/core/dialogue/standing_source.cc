#include "services/core/dialogue/standing_source.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace aiworld::core {
namespace {
const char* KarmaName(v1::KarmaAlignment k) {
  switch (k) {
    case v1::KARMA_ALIGNMENT_VERY_GOOD: return "very good";
    case v1::KARMA_ALIGNMENT_GOOD: return "good";
    case v1::KARMA_ALIGNMENT_NEUTRAL: return "neutral";
    case v1::KARMA_ALIGNMENT_EVIL: return "evil";
    case v1::KARMA_ALIGNMENT_VERY_EVIL: return "very evil";
    default: return "";
  }
}
}  // namespace

Standing StandingFrom(const v1::PlayerStanding& p) {
  Standing s;
  s.influence_tier = p.influence().tier();
  s.influence_tier_name = p.influence().tier_name();
  s.karma = p.karma().alignment();
  uint32_t best = 0;
  for (const v1::FactionStanding& f : p.factions()) {
    if (f.reputation() > best) {
      best = f.reputation();
      s.top_faction = f.faction_id();
      s.top_faction_tier_name = f.tier_name();
    }
  }
  if (!p.titles().empty()) s.title = p.titles(0);
  s.known = p.influence().total() > 0 || best > 0 || p.karma().karma() != 0 || p.karma().good_actions() > 0 ||
            p.karma().evil_actions() > 0 || !s.title.empty();
  return s;
}

std::string DescribeStanding(const Standing& s) {
  if (!s.known) return "unknown";
  std::vector<std::string> parts;
  parts.push_back(absl::StrCat("influence ", s.influence_tier_name.empty() ? "Newcomer" : s.influence_tier_name, " (tier ",
                               s.influence_tier, ")"));
  if (const std::string karma = KarmaName(s.karma); !karma.empty()) parts.push_back("karma " + karma);
  if (!s.top_faction.empty()) parts.push_back(absl::StrCat(s.top_faction_tier_name, " with ", s.top_faction));
  if (!s.title.empty()) parts.push_back("title " + s.title);
  return absl::StrJoin(parts, ", ");
}

}  // namespace aiworld::core
