#include "services/economy/market/price_book.h"

#include <algorithm>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "runtime/proto_time.h"
#include "services/economy/market/price_model.h"

namespace aiworld::economy {

std::string PriceBook::Key(const char* kind, uint32_t item_id) const { return absl::StrCat(kind, "/", server_id_, "/", item_id); }

std::optional<v1::ItemPrice> PriceBook::Price(uint32_t item_id) const {
  if (std::optional<std::string> raw = state_.Get(Key("price", item_id)); raw.has_value()) {
    v1::ItemPrice p;
    if (p.ParseFromString(*raw)) return p;
  }
  const ItemInfo* item = catalogue_.FindItem(item_id);
  if (item == nullptr || item->buy <= 0) return std::nullopt;
  v1::ItemPrice p;
  p.set_item_id(item_id);
  p.set_item_name(item->name.substr(0, 50));
  p.set_base_price(static_cast<uint32_t>(std::min<int64_t>(item->buy, 2147483647)));
  return p;
}

bool PriceBook::HasPrice(uint32_t item_id) const { return state_.Get(Key("price", item_id)).has_value(); }

void PriceBook::PutPrice(const v1::ItemPrice& price) { state_.Put(Key("price", price.item_id()), price.SerializeAsString()); }

std::vector<uint32_t> PriceBook::Items() const {
  std::vector<uint32_t> out;
  const std::string prefix = absl::StrCat("price/", server_id_, "/");
  for (const auto& [key, raw] : state_.Scan(prefix)) {
    uint32_t id = 0;
    if (absl::SimpleAtoi(key.substr(prefix.size()), &id)) out.push_back(id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

ItemFlow PriceBook::Flow(uint32_t item_id) const {
  if (std::optional<std::string> raw = state_.Get(Key("flow", item_id)); raw.has_value()) {
    if (std::optional<ItemFlow> flow = DecodeFlow(*raw)) return *std::move(flow);
  }
  return ItemFlow{};
}

void PriceBook::PutFlow(uint32_t item_id, const ItemFlow& flow) { state_.Put(Key("flow", item_id), EncodeFlow(flow)); }

std::vector<std::string> PriceBook::Shops(uint32_t item_id) const {
  std::vector<std::string> out;
  const std::string prefix = Key("shop", item_id) + "/";
  for (const auto& [key, value] : state_.Scan(prefix)) out.push_back(key.substr(prefix.size()));
  return out;
}

bool PriceBook::AddShop(uint32_t item_id, const std::string& shop_exname) {
  if (shop_exname.empty() || shop_exname.size() > 50) return false;
  const std::string key = Key("shop", item_id) + "/" + shop_exname;
  if (state_.Get(key).has_value()) return true;
  if (Shops(item_id).size() >= kMaxShopsPerItem) return false;
  state_.Put(key, "");
  return true;
}

uint32_t PriceBook::EffectivePrice(const v1::ItemPrice& price) {
  return price.current_price() != 0 ? price.current_price() : std::max<uint32_t>(price.base_price(), 1);
}

void PriceBook::AddPoint(v1::ItemPrice& price, absl::Time at, uint32_t value, v1::PriceSource source) {
  v1::PricePoint point;
  *point.mutable_at() = ToProto(at);
  point.set_price(std::max<uint32_t>(value, 1));
  point.set_source(source);
  auto* history = price.mutable_history();
  history->Add(std::move(point));
  // Newest first: rotate the new point to the front.
  for (int i = history->size() - 1; i > 0; --i) history->SwapElements(i, i - 1);
  while (history->size() > kPriceHistoryPoints) history->RemoveLast();
}

std::optional<uint32_t> PriceBook::Adjust(uint32_t item_id, double fraction, double max_fraction, absl::Time now) {
  std::optional<v1::ItemPrice> price = Price(item_id);
  if (!price.has_value()) return std::nullopt;
  const double change = std::clamp(fraction, -max_fraction, max_fraction);
  const uint32_t next = ApplyChange(EffectivePrice(*price), price->base_price(), change);
  price->set_current_price(next);
  *price->mutable_updated_at() = ToProto(now);
  AddPoint(*price, now, next, v1::PRICE_SOURCE_ADJUSTMENT);
  PutPrice(*price);
  return next;
}

std::vector<ItemActivity> PriceBook::Activity(absl::Time now) const {
  std::vector<ItemActivity> out;
  for (uint32_t id : Items()) {
    ItemActivity a;
    a.item_id = id;
    a.totals = Flow(id).Totals(now);
    if (a.totals.supply + a.totals.demand + a.totals.traded > 0) out.push_back(a);
  }
  return out;
}

std::optional<v1::ItemPrice> PriceBook::Describe(uint32_t item_id, absl::Time now, uint32_t history_limit) const {
  if (!HasPrice(item_id)) return std::nullopt;
  std::optional<v1::ItemPrice> price = Price(item_id);
  if (!price.has_value()) return std::nullopt;
  const FlowTotals t = Flow(item_id).Totals(now);
  price->set_supply_24h(t.supply);
  price->set_demand_24h(t.demand);
  price->set_supply_demand_ratio(SupplyDemandRatio(t.supply, t.demand));
  price->set_median_player_price_24h(t.median_vending_price);
  price->set_units_traded_24h(t.traded);
  while (price->history_size() > static_cast<int>(history_limit)) price->mutable_history()->RemoveLast();
  return price;
}

}  // namespace aiworld::economy
