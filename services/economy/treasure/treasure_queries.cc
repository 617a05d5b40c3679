#include "services/economy/treasure/treasure_queries.h"

#include <algorithm>

#include "runtime/proto_time.h"
#include "services/core/quest/quest_queries.h"
#include "services/economy/treasure/treasure_rules.h"
#include "services/economy/treasure/treasure_store.h"

namespace aiworld::economy {

absl::StatusOr<v1::ListTreasuresResponse> ListTreasures(agentkit::StateStore& treasure_state,
                                                        const v1::ListTreasuresRequest& request, absl::Time now) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.map().size() > 11) return absl::InvalidArgumentError("map: at most 11 bytes");
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  std::vector<v1::Treasure> treasures = TreasureStore(treasure_state, request.server_id()).Treasures();
  for (v1::Treasure& t : treasures) {
    if (t.status() == v1::CONTENT_STATUS_ACTIVE && FromProto(t.despawn_at()) <= now) t.set_status(v1::CONTENT_STATUS_EXPIRED);
    if (!request.include_positions()) {
      t.mutable_at()->set_x(0);
      t.mutable_at()->set_y(0);
    }
    if (!request.include_hints()) t.clear_hint();
  }
  std::erase_if(treasures, [&](const v1::Treasure& t) {
    return (!request.map().empty() && t.at().map() != request.map()) ||
           (!request.include_inactive() && t.status() != v1::CONTENT_STATUS_ACTIVE);
  });
  std::stable_sort(treasures.begin(), treasures.end(), [](const v1::Treasure& a, const v1::Treasure& b) {
    const absl::Time ta = FromProto(a.spawned_at()), tb = FromProto(b.spawned_at());
    if (ta != tb) return ta > tb;
    if (a.treasure_id().size() != b.treasure_id().size()) return a.treasure_id().size() > b.treasure_id().size();
    return a.treasure_id() > b.treasure_id();
  });
  v1::ListTreasuresResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < treasures.size() && i < *offset + size; ++i) *response.add_treasures() = treasures[i];
  if (*offset + size < treasures.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

absl::StatusOr<v1::GetCardFragmentsResponse> GetCardFragments(agentkit::StateStore& treasure_state,
                                                              const v1::GetCardFragmentsRequest& request) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.char_id() < 150000) return absl::InvalidArgumentError("char_id: must be >= 150000");
  const CardFragments f = TreasureStore(treasure_state, request.server_id()).Fragments(request.char_id());
  v1::GetCardFragmentsResponse response;
  response.set_fragments(f.fragments);
  response.set_exchange_rate(kCardFragmentExchangeRate);
  response.set_cards_claimed(f.cards_claimed);
  return response;
}

}  // namespace aiworld::economy
