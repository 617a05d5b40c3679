#include "services/progression/faction/faction_queries.h"

#include "absl/time/time.h"
#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/progression/faction/faction_book.h"
#include "services/progression/faction/faction_rules.h"

namespace aiworld::progression {

absl::StatusOr<v1::ListFactionsResponse> ListFactions(agentkit::StateStore& faction_state, const v1::ListFactionsRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  const FactionWorld world = FactionBook(faction_state).World(request.server_id());
  v1::ListFactionsResponse response;
  for (size_t i = 0; i < kFactionCount; ++i) {
    const FactionInfo& info = Factions()[i];
    v1::Faction* f = response.add_factions();
    f->set_faction_id(info.id);
    f->set_name(info.name);
    f->set_philosophy(info.philosophy);
    f->set_color_rgb(info.color_rgb);
    f->set_alignment_score(world.score[i]);
    if (world.dominant == i) f->set_dominance(world.dominance);
    for (const v1::StatModifier& bonus : info.bonuses) *f->add_bonuses() = bonus;
    if (world.updated_unix[i] != 0) *f->mutable_updated_at() = ToProto(absl::FromUnixSeconds(world.updated_unix[i]));
  }
  if (world.dominant.has_value()) response.set_dominant_faction(Factions()[*world.dominant].id);
  return response;
}

std::vector<v1::FactionStanding> FactionStandingsOf(agentkit::StateStore& faction_state, const std::string& server_id,
                                                    uint32_t char_id) {
  const CharFactions c = FactionBook(faction_state).FindChar(server_id, char_id).value_or(CharFactions{});
  std::vector<v1::FactionStanding> out;
  for (size_t i = 0; i < kFactionCount; ++i) {
    v1::FactionStanding s;
    s.set_faction_id(Factions()[i].id);
    s.set_reputation(c.reputation[i]);
    s.set_tier(FactionTierOf(c.reputation[i]));
    s.set_tier_name(FactionTierName(s.tier()));
    s.set_actions_completed(c.actions[i]);
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> FactionTitlesOf(agentkit::StateStore& faction_state, const std::string& server_id, uint32_t char_id) {
  std::vector<std::string> titles;
  const std::optional<CharFactions> c = FactionBook(faction_state).FindChar(server_id, char_id);
  if (!c.has_value()) return titles;
  for (size_t i = 0; i < kFactionCount; ++i) {
    if (FactionTierOf(c->reputation[i]) == 5) titles.push_back(FactionTitle(i));
  }
  return titles;
}

}  // namespace aiworld::progression
