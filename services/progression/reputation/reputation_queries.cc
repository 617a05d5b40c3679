#include "services/progression/reputation/reputation_queries.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/core/quest/quest_queries.h"
#include "services/progression/faction/progression_actions.h"
#include "services/progression/reputation/reputation_book.h"

namespace aiworld::progression {

absl::StatusOr<v1::GetReputationLeaderboardResponse> GetReputationLeaderboard(
    agentkit::StateStore& reputation_state, const v1::GetReputationLeaderboardRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  std::vector<std::pair<uint32_t, CharInfluence>> rows = ReputationBook(reputation_state).OfServer(request.server_id());
  std::erase_if(rows, [](const auto& row) { return row.second.hundredths() <= 0; });
  std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
    if (a.second.hundredths() != b.second.hundredths()) return a.second.hundredths() > b.second.hundredths();
    return a.first < b.first;
  });
  v1::GetReputationLeaderboardResponse response;
  const size_t size = core::PageSize(request.page());
  uint32_t rank = 0;
  for (size_t i = 0; i < rows.size() && i < *offset + size; ++i) {
    if (i == 0 || rows[i].second.hundredths() != rows[i - 1].second.hundredths()) rank = static_cast<uint32_t>(i + 1);
    if (i < *offset) continue;
    const auto& [char_id, influence] = rows[i];
    v1::LeaderboardEntry* entry = response.add_entries();
    entry->set_rank(rank);
    entry->set_char_id(char_id);
    entry->set_char_name(influence.name.empty() ? absl::StrCat("#", char_id) : influence.name);
    entry->set_total_influence(static_cast<double>(influence.hundredths()) / 100.0);
    entry->set_tier(InfluenceTierOf(influence.hundredths()));
  }
  if (*offset + size < rows.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

v1::Influence InfluenceOf(agentkit::StateStore& reputation_state, const std::string& server_id, uint32_t char_id, absl::Time now) {
  const CharInfluence c = ReputationBook(reputation_state).Find(server_id, char_id).value_or(CharInfluence{});
  const int64_t day = GameDay(now);
  v1::Influence out;
  out.set_total(static_cast<double>(c.hundredths()) / 100.0);
  out.set_tier(InfluenceTierOf(c.hundredths()));
  out.set_tier_name(InfluenceTierName(out.tier()));
  out.set_next_tier_progress(NextTierProgress(c.hundredths()));
  for (size_t i = 0; i < kReputationKinds; ++i) {
    const auto kind = static_cast<ReputationKind>(i);
    v1::ReputationAmount* a = out.add_breakdown();
    a->set_type(TypeOf(kind));
    a->set_amount(c.amount[i]);
    a->set_gained_today(c.GainedOn(day, kind));
  }
  return out;
}

std::string InfluenceTitleOf(agentkit::StateStore& reputation_state, const std::string& server_id, uint32_t char_id) {
  const std::optional<CharInfluence> c = ReputationBook(reputation_state).Find(server_id, char_id);
  if (!c.has_value()) return "";
  return BenefitsAt(InfluenceTierOf(c->hundredths())).title;
}

}  // namespace aiworld::progression
