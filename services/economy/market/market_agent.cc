#include "services/economy/market/market_agent.h"

#include <map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "runtime/proto_time.h"
#include "services/agentkit/action_envelope.h"
#include "services/economy/market/price_book.h"
#include "services/economy/market/price_model.h"
#include "services/economy/market/shop_actions.h"

namespace aiworld::economy {
namespace {

constexpr size_t kMaxCauses = 32;

struct Touched {
  ItemFlow flow;
  std::vector<v1::EventRef> causes;
};

const char* TrendWord(v1::PriceTrend trend) {
  switch (trend) {
    case v1::PRICE_TREND_RISING: return "rising";
    case v1::PRICE_TREND_FALLING: return "falling";
    case v1::PRICE_TREND_STABLE: return "stable";
    default: return "no signal";
  }
}

}  // namespace

std::vector<v1::EventKind> MarketAgent::subscriptions() const {
  return {v1::EVENT_KIND_TRADE, v1::EVENT_KIND_VENDING_SALE, v1::EVENT_KIND_NPC_SHOP_TRADE, v1::EVENT_KIND_ITEM_PICKED_UP,
          v1::EVENT_KIND_SERVER_STATUS};
}

absl::Status MarketAgent::HandleEvents(agentkit::AgentContext& ctx, const std::vector<const v1::RoutedEvent*>& events,
                                       std::vector<v1::Action>* actions) {
  PriceBook book(*ctx.state, ctx.server_id, catalogue_);
  std::map<uint32_t, Touched> touched;
  const v1::RoutedEvent* restarted = nullptr;

  auto touch = [&](uint32_t item_id, const v1::RoutedEvent& e) -> HourBucket* {
    const ItemInfo* item = catalogue_.FindItem(item_id);
    if (item == nullptr || item->buy <= 0) return nullptr;
    auto [it, fresh] = touched.try_emplace(item_id);
    if (fresh) it->second.flow = book.Flow(item_id);
    if (it->second.causes.size() < kMaxCauses) it->second.causes.push_back(agentkit::EventRefOf(ctx, e));
    return &it->second.flow.At(ctx.now);
  };

  for (const v1::RoutedEvent* e : events) {
    const v1::GameEvent& ev = e->event();
    switch (ev.payload_case()) {
      case v1::GameEvent::kVendingSale:
        for (const v1::TradedItem& item : ev.vending_sale().items()) {
          HourBucket* b = item.amount() > 0 ? touch(item.item_id(), *e) : nullptr;
          if (b == nullptr) continue;
          b->demand += item.amount();
          b->traded += item.amount();
          b->zeny += int64_t{item.unit_price()} * item.amount();
          if (item.unit_price() > 0) touched[item.item_id()].flow.AddVendingSample(ctx.now, item.unit_price());
        }
        break;
      case v1::GameEvent::kNpcShopTrade: {
        const v1::NpcShopTrade& shop = ev.npc_shop_trade();
        for (const v1::TradedItem& item : shop.items()) {
          HourBucket* b = item.amount() > 0 ? touch(item.item_id(), *e) : nullptr;
          if (b == nullptr) continue;
          if (shop.direction() == v1::SHOP_DIRECTION_BUY) {
            b->demand += item.amount();
            b->shop_units += item.amount();
            b->shop_zeny += int64_t{item.unit_price()} * item.amount();
            book.AddShop(item.item_id(), shop.shop_exname());
          } else if (shop.direction() == v1::SHOP_DIRECTION_SELL) {
            b->supply += item.amount();  // a shop buying loot does not sell it: not an UpdateShop target
          }
        }
        break;
      }
      case v1::GameEvent::kTrade:
        for (const auto* list : {&ev.trade().items_given(), &ev.trade().items_received()}) {
          for (const v1::TradedItem& item : *list) {
            if (HourBucket* b = item.amount() > 0 ? touch(item.item_id(), *e) : nullptr) b->traded += item.amount();
          }
        }
        break;
      case v1::GameEvent::kItemPickedUp: {
        const v1::ItemPickedUp& pick = ev.item_picked_up();
        if (pick.source() != v1::PICKUP_SOURCE_MONSTER || pick.item().amount() == 0) break;
        if (HourBucket* b = touch(pick.item().item_id(), *e)) b->supply += pick.item().amount();
        break;
      }
      case v1::GameEvent::kServerStatus:
        if (ev.server_status().phase() == v1::SERVER_PHASE_STARTED) restarted = e;
        break;
      default: break;
    }
  }

  const double inflation = ctx.world != nullptr ? ctx.world->economy().inflation_rate() : 0.0;
  for (auto& [item_id, t] : touched) {
    std::optional<v1::ItemPrice> price = book.Price(item_id);
    if (!price.has_value()) continue;
    *price->mutable_updated_at() = ToProto(ctx.now);
    const FlowTotals totals = t.flow.Totals(ctx.now);
    const bool due = t.flow.last_repriced == 0 ||
                     ctx.now - absl::FromUnixSeconds(t.flow.last_repriced) >= options_.reprice_interval;
    if (due && totals.supply + totals.demand > 0) {
      const absl::Time since =
          t.flow.last_repriced == 0 ? ctx.now - absl::Hours(kFlowHours) : absl::FromUnixSeconds(t.flow.last_repriced);
      if (const uint32_t median = t.flow.MedianVendingSince(since, ctx.now); median > 0) {
        PriceBook::AddPoint(*price, ctx.now, median, v1::PRICE_SOURCE_VENDING);
      }
      if (totals.shop_units > 0) {
        PriceBook::AddPoint(*price, ctx.now, static_cast<uint32_t>(totals.shop_zeny / static_cast<int64_t>(totals.shop_units)),
                            v1::PRICE_SOURCE_NPC_SHOP);
      }
      const double u_stable = ctx.random->Uniform01();
      const double u_volatility = ctx.random->Uniform01();
      const PriceStep step = ComputePriceStep(totals.supply, totals.demand, inflation, u_stable, u_volatility);
      const uint32_t before = PriceBook::EffectivePrice(*price);
      const uint32_t after = ApplyChange(before, price->base_price(), step.change);
      price->set_trend(step.trend);
      t.flow.last_repriced = absl::ToUnixSeconds(ctx.now);
      if (after != before || price->current_price() == 0) {
        price->set_current_price(after);
        PriceBook::AddPoint(*price, ctx.now, after, v1::PRICE_SOURCE_ADJUSTMENT);
        for (v1::Action& a : ShopPriceActions(absl::StrCat("economy/b", ctx.batch_sequence, "/", item_id),
                                              book.Shops(item_id), item_id, after)) {
          for (const v1::EventRef& ref : t.causes) *a.mutable_cause()->add_events() = ref;
          a.mutable_cause()->set_summary(absl::StrFormat("%s: supply %d, demand %d in 24 h, %s, %d -> %d zeny",
                                                         price->item_name(), totals.supply, totals.demand,
                                                         TrendWord(step.trend), before, after));
          actions->push_back(std::move(a));
        }
      }
    }
    book.PutPrice(*price);
    book.PutFlow(item_id, t.flow);
  }

  if (restarted != nullptr) {
    for (uint32_t item_id : book.Items()) {
      std::optional<v1::ItemPrice> price = book.Price(item_id);
      if (!price.has_value() || price->current_price() == 0) continue;
      for (v1::Action& a : ShopPriceActions(absl::StrCat("economy/b", ctx.batch_sequence, "/resend/", item_id),
                                            book.Shops(item_id), item_id, price->current_price())) {
        *a.mutable_cause()->add_events() = agentkit::EventRefOf(ctx, *restarted);
        a.mutable_cause()->set_summary("map-server started: NPC shop prices sent again");
        actions->push_back(std::move(a));
      }
    }
  }
  return absl::OkStatus();
}

}  // namespace aiworld::economy
