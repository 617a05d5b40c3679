#include "services/progression/karma/karma_queries.h"

#include "absl/time/time.h"
#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/progression/karma/karma_book.h"
#include "services/progression/karma/karma_rules.h"

namespace aiworld::progression {

absl::StatusOr<v1::GetGlobalKarmaResponse> GetGlobalKarma(agentkit::StateStore& karma_state, const v1::GetGlobalKarmaRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  const GlobalKarma g = KarmaBook(karma_state).Global(request.server_id());
  v1::GetGlobalKarmaResponse response;
  response.set_karma(g.karma);
  response.set_alignment(KarmaAlignmentOf(g.karma));
  for (const v1::StatModifier& m : KarmaEffects(response.alignment())) *response.add_effects() = m;
  if (g.updated_unix != 0) *response.mutable_updated_at() = ToProto(absl::FromUnixSeconds(g.updated_unix));
  return response;
}

v1::PlayerKarma PlayerKarmaOf(agentkit::StateStore& karma_state, const std::string& server_id, uint32_t char_id) {
  const CharKarma c = KarmaBook(karma_state).FindChar(server_id, char_id).value_or(CharKarma{});
  v1::PlayerKarma out;
  out.set_karma(c.karma);
  out.set_alignment(KarmaAlignmentOf(c.karma));
  out.set_good_actions(c.good_actions);
  out.set_evil_actions(c.evil_actions);
  return out;
}

}  // namespace aiworld::progression
