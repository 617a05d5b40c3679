#pragma once
// Economy.GetItemPrice and Economy.ListItemPrices over the Economy agent's state. Bad input is
// INVALID_ARGUMENT naming the field; an item never seen is NOT_FOUND. The 24 h figures are as of
// `now` (the mesh clock). Pages are most traded first (units traded, then demand, then item id);
// the page token is the decimal offset of the next page.
#include "absl/status/statusor.h"
#include "absl/time/time.h"
#include "aiworld/v1/economy.pb.h"
#include "data/catalogue.h"
#include "services/agentkit/state_store.h"

namespace aiworld::economy {

absl::StatusOr<v1::GetItemPriceResponse> GetItemPrice(agentkit::StateStore& economy_state, const v1::GetItemPriceRequest& request,
                                                      absl::Time now, const GameCatalogue& catalogue = GameCatalogue::BuiltIn());
absl::StatusOr<v1::ListItemPricesResponse> ListItemPrices(agentkit::StateStore& economy_state,
                                                          const v1::ListItemPricesRequest& request, absl::Time now,
                                                          const GameCatalogue& catalogue = GameCatalogue::BuiltIn());

}  // namespace aiworld::economy
