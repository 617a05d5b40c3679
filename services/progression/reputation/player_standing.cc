#include "services/progression/reputation/player_standing.h"

#include "services/core/quest/quest_queries.h"
#include "services/progression/faction/faction_book.h"
#include "services/progression/faction/faction_queries.h"
#include "services/progression/karma/karma_book.h"
#include "services/progression/karma/karma_queries.h"
#include "services/progression/karma/karma_rules.h"
#include "services/progression/reputation/reputation_queries.h"

namespace aiworld::progression {

inline constexpr uint32_t kFirstCharId = 150000;

absl::StatusOr<v1::GetPlayerStandingResponse> GetPlayerStanding(agentkit::StateStore& faction_state,
                                                                agentkit::StateStore& reputation_state,
                                                                agentkit::StateStore& karma_state,
                                                                const v1::GetPlayerStandingRequest& request, absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.char_id() < kFirstCharId) return absl::InvalidArgumentError("char_id: must be >= 150000");
  v1::GetPlayerStandingResponse response;
  v1::PlayerStanding* s = response.mutable_standing();
  s->set_char_id(request.char_id());
  for (v1::FactionStanding& f : FactionStandingsOf(faction_state, request.server_id(), request.char_id())) {
    *s->add_factions() = std::move(f);
  }
  *s->mutable_influence() = InfluenceOf(reputation_state, request.server_id(), request.char_id(), now);
  *s->mutable_karma() = PlayerKarmaOf(karma_state, request.server_id(), request.char_id());
  if (std::string title = InfluenceTitleOf(reputation_state, request.server_id(), request.char_id()); !title.empty()) {
    s->add_titles(std::move(title));
  }
  for (std::string& title : FactionTitlesOf(faction_state, request.server_id(), request.char_id())) s->add_titles(std::move(title));
  return response;
}

v1::FactionState WorldFactionState(agentkit::StateStore& faction_state, agentkit::StateStore& karma_state, const std::string& server_id) {
  const FactionWorld world = FactionBook(faction_state).World(server_id);
  v1::FactionState out;
  if (world.dominant.has_value()) out.set_dominant_faction(Factions()[*world.dominant].id);
  for (size_t i = 0; i < kFactionCount; ++i) {
    v1::FactionScore* score = out.add_scores();
    score->set_faction_id(Factions()[i].id);
    score->set_alignment_score(world.score[i]);
  }
  const GlobalKarma karma = KarmaBook(karma_state).Global(server_id);
  out.set_global_karma(karma.karma);
  out.set_karma_alignment(KarmaAlignmentOf(karma.karma));
  return out;
}

}  // namespace aiworld::progression
