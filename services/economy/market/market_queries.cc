#include "services/economy/market/market_queries.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/core/quest/quest_queries.h"
#include "services/economy/market/price_book.h"
#include "services/economy/market/price_model.h"

namespace aiworld::economy {

absl::StatusOr<v1::GetItemPriceResponse> GetItemPrice(agentkit::StateStore& economy_state, const v1::GetItemPriceRequest& request,
                                                      absl::Time now, const GameCatalogue& catalogue) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  if (request.item_id() == 0) return absl::InvalidArgumentError("item_id: must be >= 1");
  if (request.history_limit() > kPriceHistoryPoints) return absl::InvalidArgumentError("history_limit: at most 100");
  std::optional<v1::ItemPrice> price =
      PriceBook(economy_state, request.server_id(), catalogue).Describe(request.item_id(), now, request.history_limit());
  if (!price.has_value()) return absl::NotFoundError(absl::StrCat("item_id: item ", request.item_id(), " was never traded"));
  v1::GetItemPriceResponse response;
  *response.mutable_price() = *std::move(price);
  return response;
}

absl::StatusOr<v1::ListItemPricesResponse> ListItemPrices(agentkit::StateStore& economy_state,
                                                          const v1::ListItemPricesRequest& request, absl::Time now,
                                                          const GameCatalogue& catalogue) {
  if (absl::Status s = core::CheckServerId(request.server_id()); !s.ok()) return s;
  absl::StatusOr<size_t> offset = core::PageOffset(request.page());
  if (!offset.ok()) return offset.status();

  PriceBook book(economy_state, request.server_id(), catalogue);
  std::vector<v1::ItemPrice> prices;
  for (uint32_t id : book.Items()) {
    std::optional<v1::ItemPrice> p = book.Describe(id, now, 0);
    if (p.has_value() && (!request.only_adjusted() || p->current_price() != 0)) prices.push_back(*std::move(p));
  }
  std::stable_sort(prices.begin(), prices.end(), [](const v1::ItemPrice& a, const v1::ItemPrice& b) {
    if (a.units_traded_24h() != b.units_traded_24h()) return a.units_traded_24h() > b.units_traded_24h();
    if (a.demand_24h() != b.demand_24h()) return a.demand_24h() > b.demand_24h();
    return a.item_id() < b.item_id();
  });
  v1::ListItemPricesResponse response;
  const size_t size = core::PageSize(request.page());
  for (size_t i = *offset; i < prices.size() && i < *offset + size; ++i) *response.add_prices() = prices[i];
  if (*offset + size < prices.size()) response.set_next_page_token(std::to_string(*offset + size));
  return response;
}

}  // namespace aiworld::economy
