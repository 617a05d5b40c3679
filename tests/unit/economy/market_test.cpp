// The Economy agent ("economy"): the reference's price model (supply/demand > 1.5 -10 %, < 0.5
// +15 %, else +-5 %; + inflation x 0.1; +-volatility 0.1; change clamped to +-20 %; price within
// 50..300 % of base; 100 history points), prices learnt from real vending sales, NPC shop trades,
// trades and monster loot, UpdateShop to the shops seen selling the item, and the queries.
#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/economy/market/item_flow.h"
#include "services/economy/market/market_agent.h"
#include "services/economy/market/market_queries.h"
#include "services/economy/market/price_book.h"
#include "services/economy/market/price_model.h"

using namespace aiworld;
using namespace aiworld::economy;

namespace {

constexpr uint32_t kRedPotion = 501;  // base 50: bounds 25..150
constexpr uint32_t kJellopy = 909;    // base 6: bounds 3..18
constexpr const char* kShop = "prt_in_tool#1";
const absl::Time kStart = absl::FromUnixSeconds(1'767'225'600) + absl::Hours(12);  // 2026-01-01 12:00 UTC

v1::TradedItem Item(uint32_t id, uint32_t amount, uint32_t unit_price = 0) {
  v1::TradedItem item;
  item.set_item_id(id);
  item.set_amount(amount);
  item.set_unit_price(unit_price);
  return item;
}

struct Harness {
  agentkit::MemoryStateStore state;
  v1::WorldSnapshot world;
  absl::Time now = kStart;
  MarketAgent agent;
  uint64_t sequence = 0;
  std::vector<v1::RoutedEvent> events;

  v1::GameEvent& Add() {
    v1::RoutedEvent r;
    r.set_index(static_cast<uint32_t>(events.size()));
    r.mutable_event()->set_event_id(events.size() + 1);
    r.mutable_event()->set_char_id(150001);
    r.mutable_event()->set_account_id(2000001);
    r.mutable_event()->set_map("prontera");
    events.push_back(r);
    return *events.back().mutable_event();
  }
  void Vending(uint32_t item, uint32_t amount, uint32_t unit_price) {
    v1::VendingSale* v = Add().mutable_vending_sale();
    v->set_vendor_char_id(150002);
    *v->add_items() = Item(item, amount, unit_price);
    v->set_total_zeny(amount * unit_price);
  }
  void Shop(v1::ShopDirection direction, uint32_t item, uint32_t amount, uint32_t unit_price, const std::string& exname = kShop) {
    v1::NpcShopTrade* s = Add().mutable_npc_shop_trade();
    s->set_direction(direction);
    s->set_shop_kind(v1::SHOP_KIND_ZENY);
    s->set_shop_exname(exname);
    *s->add_items() = Item(item, amount, unit_price);
    s->set_total_zeny(amount * unit_price);
  }
  void Pickup(uint32_t item, uint32_t amount, v1::PickupSource source = v1::PICKUP_SOURCE_MONSTER) {
    v1::ItemPickedUp* p = Add().mutable_item_picked_up();
    *p->mutable_item() = Item(item, amount);
    p->set_source(source);
  }
  void TradeItems(uint32_t item, uint32_t amount) { *Add().mutable_trade()->add_items_given() = Item(item, amount); }
  void Started() {
    v1::GameEvent& e = Add();
    e.set_char_id(0);
    e.set_account_id(0);
    e.mutable_server_status()->set_phase(v1::SERVER_PHASE_STARTED);
  }

  std::vector<v1::Action> Flush() {
    ++sequence;
    SeededRandom random = SeededRandom::FromKeys({"srv1", std::to_string(sequence), "economy"});
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = sequence;
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "economy";
    std::vector<const v1::RoutedEvent*> refs;
    for (const v1::RoutedEvent& r : events) refs.push_back(&r);
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, refs, &actions).ok());
    events.clear();
    return actions;
  }
  uint32_t Current(uint32_t item) {
    std::optional<v1::ItemPrice> p = PriceBook(state, "srv1").Price(item);
    REQUIRE(p.has_value());
    return p->current_price();
  }
};

std::vector<v1::Action> ShopUpdates(const std::vector<v1::Action>& actions) {
  std::vector<v1::Action> out;
  for (const v1::Action& a : actions) {
    if (a.has_update_shop()) out.push_back(a);
  }
  return out;
}

}  // namespace

TEST_CASE("price step follows supply over demand with the reference thresholds 1.5 and 0.5", "[unit]") {
  // u = 0.5 for both draws: no random part.
  CHECK(ComputePriceStep(3, 2, 0, 0.5, 0.5).trend == v1::PRICE_TREND_STABLE);  // exactly 1.5
  CHECK(ComputePriceStep(3, 2, 0, 0.5, 0.5).change == Approx(0.0).margin(1e-12));
  const PriceStep falling = ComputePriceStep(150001, 100000, 0, 0.5, 0.5);  // 1.50001
  CHECK(falling.trend == v1::PRICE_TREND_FALLING);
  CHECK(falling.change == Approx(-0.10));
  CHECK(ComputePriceStep(1, 2, 0, 0.5, 0.5).trend == v1::PRICE_TREND_STABLE);  // exactly 0.5
  const PriceStep rising = ComputePriceStep(49999, 100000, 0, 0.5, 0.5);       // 0.49999
  CHECK(rising.trend == v1::PRICE_TREND_RISING);
  CHECK(rising.change == Approx(0.15));
  CHECK(ComputePriceStep(0, 5, 0, 0.5, 0.5).trend == v1::PRICE_TREND_RISING);    // demand only
  CHECK(ComputePriceStep(5, 0, 0, 0.5, 0.5).trend == v1::PRICE_TREND_FALLING);   // supply only
  const PriceStep none = ComputePriceStep(0, 0, 0.5, 0.9, 0.9);
  CHECK(none.trend == v1::PRICE_TREND_UNSPECIFIED);
  CHECK(none.change == 0);
}

TEST_CASE("price step adds inflation times 0.1 and volatility 0.1 and a stable spread of 5 percent", "[unit]") {
  CHECK(ComputePriceStep(1, 1, 0.5, 0.5, 0.5).change == Approx(0.05));   // inflation 50 % -> +5 %
  CHECK(ComputePriceStep(1, 1, 0, 0.0, 0.5).change == Approx(-0.05));    // stable spread low end
  CHECK(ComputePriceStep(1, 1, 0, 1.0, 0.5).change == Approx(0.05));     // stable spread high end
  CHECK(ComputePriceStep(1, 1, 0, 0.5, 0.0).change == Approx(-0.10));    // volatility low end
  CHECK(ComputePriceStep(1, 1, 0, 0.5, 1.0).change == Approx(0.10));     // volatility high end
  CHECK(ComputePriceStep(1, 1, 0, 0.5, 0.75).change == Approx(0.05));
}

TEST_CASE("price change is clamped to plus or minus 20 percent", "[unit]") {
  // rising 0.15 + inflation 1.0 x 0.1 + volatility 0.1 = 0.35 -> 0.2
  CHECK(ComputePriceStep(0, 10, 1.0, 0.5, 1.0).change == Approx(0.2));
  // falling -0.10 - 0.1 - 0.1 = -0.3 -> -0.2
  CHECK(ComputePriceStep(10, 0, -1.0, 0.5, 0.0).change == Approx(-0.2));
  // just inside: rising 0.15 + volatility 0.04 = 0.19 stays
  CHECK(ComputePriceStep(0, 10, 0, 0.5, 0.7).change == Approx(0.19));
}

TEST_CASE("prices stay within 50 and 300 percent of the base price", "[unit]") {
  const PriceBounds b = BoundsFor(50);
  CHECK(b.low == 25);
  CHECK(b.high == 150);
  CHECK(BoundsFor(5).low == 3);  // ceil(2.5)
  CHECK(BoundsFor(5).high == 15);
  CHECK(BoundsFor(1).low == 1);
  CHECK(BoundsFor(1).high == 3);
  CHECK(ApplyChange(100, 50, 0.2) == 120);
  CHECK(ApplyChange(149, 50, 0.2) == 150);  // 178.8 capped at 300 %
  CHECK(ApplyChange(150, 50, 0.2) == 150);
  CHECK(ApplyChange(26, 50, -0.2) == 25);   // 20.8 floored at 50 %
  CHECK(ApplyChange(31, 50, -0.2) == 25);   // 24.8 -> 25
  CHECK(ApplyChange(32, 50, -0.2) == 26);   // 25.6 -> 26
}

TEST_CASE("item flow keeps 24 hours of buckets and encodes as versioned text", "[unit]") {
  ItemFlow flow;
  flow.At(kStart).supply = 4;
  flow.At(kStart + absl::Hours(1)).demand = 6;
  flow.AddVendingSample(kStart, 100);
  flow.AddVendingSample(kStart + absl::Minutes(5), 300);
  flow.AddVendingSample(kStart + absl::Minutes(6), 200);
  flow.last_repriced = 42;
  FlowTotals t = flow.Totals(kStart + absl::Hours(1));
  CHECK(t.supply == 4);
  CHECK(t.demand == 6);
  CHECK(t.median_vending_price == 200);
  // The first bucket leaves the window 24 hours after its hour began.
  CHECK(flow.Totals(kStart + absl::Hours(23) + absl::Minutes(59)).supply == 4);
  CHECK(flow.Totals(kStart + absl::Hours(24)).supply == 0);
  CHECK(flow.Totals(kStart + absl::Hours(24)).demand == 6);

  std::optional<ItemFlow> back = DecodeFlow(EncodeFlow(flow));
  REQUIRE(back.has_value());
  CHECK(back->last_repriced == 42);
  CHECK(back->hours.size() == 2);
  CHECK(back->vending.size() == 3);
  CHECK(EncodeFlow(*back) == EncodeFlow(flow));
  CHECK_FALSE(DecodeFlow("f2|0").has_value());
  CHECK_FALSE(DecodeFlow("f1|x").has_value());
}

TEST_CASE("vending sales at high prices move the item price up within bounds and update the shop - reference bug prices never reached the game", "[unit]") {
  Harness h;
  h.Shop(v1::SHOP_DIRECTION_BUY, kRedPotion, 1, 50);  // the tool shop sells Red Potions: an UpdateShop target
  h.Vending(kRedPotion, 10, 5000);                     // players pay 100 x base
  std::vector<v1::Action> first = ShopUpdates(h.Flush());
  REQUIRE(first.size() == 1);
  CHECK(first[0].update_shop().shop_exname() == kShop);
  CHECK(first[0].update_shop().item_id() == kRedPotion);
  // Demand 11 without supply: rising +15 % +- 10 % volatility, at most +20 %: 53..60.
  INFO("first price " << first[0].update_shop().price());
  CHECK(first[0].update_shop().price() >= 53);
  CHECK(first[0].update_shop().price() <= 60);
  CHECK(first[0].cause().events_size() == 2);
  CHECK(first[0].origin().tier() == v1::TIER_RULES);

  uint32_t last = first[0].update_shop().price();
  for (int hour = 1; hour <= 30; ++hour) {
    h.now = kStart + absl::Hours(hour);
    h.Vending(kRedPotion, 10, 5000);
    for (const v1::Action& a : ShopUpdates(h.Flush())) {
      INFO("hour " << hour << " price " << a.update_shop().price());
      CHECK(a.update_shop().price() <= 150);  // 300 % of 50
      CHECK(a.update_shop().price() >= last);
      last = a.update_shop().price();
    }
  }
  CHECK(h.Current(kRedPotion) == 150);
}

TEST_CASE("an item is repriced at most once an hour", "[unit]") {
  Harness h;
  h.Shop(v1::SHOP_DIRECTION_BUY, kRedPotion, 5, 50);
  REQUIRE(ShopUpdates(h.Flush()).size() == 1);
  const uint32_t first = h.Current(kRedPotion);
  h.now = kStart + absl::Minutes(59) + absl::Seconds(59);
  h.Shop(v1::SHOP_DIRECTION_BUY, kRedPotion, 5, 50);
  CHECK(ShopUpdates(h.Flush()).empty());
  CHECK(h.Current(kRedPotion) == first);
  h.now = kStart + absl::Hours(1);
  h.Shop(v1::SHOP_DIRECTION_BUY, kRedPotion, 5, 50);
  CHECK(ShopUpdates(h.Flush()).size() == 1);
}

TEST_CASE("monster loot without buyers pushes the price down to 50 percent and no lower", "[unit]") {
  Harness h;
  h.Shop(v1::SHOP_DIRECTION_BUY, kJellopy, 1, 6);  // one buy so the shop is known
  h.Flush();
  for (int hour = 1; hour <= 40; ++hour) {
    h.now = kStart + absl::Hours(hour);
    h.Pickup(kJellopy, 500);
    h.Pickup(kJellopy, 500, v1::PICKUP_SOURCE_PLAYER);  // not new supply
    h.Flush();
    CHECK(h.Current(kJellopy) >= 3);
  }
  CHECK(h.Current(kJellopy) == 3);
  v1::GetItemPriceRequest req;
  req.set_server_id("srv1");
  req.set_item_id(kJellopy);
  absl::StatusOr<v1::GetItemPriceResponse> got = GetItemPrice(h.state, req, h.now);
  REQUIRE(got.ok());
  CHECK(got->price().trend() == v1::PRICE_TREND_FALLING);
  CHECK(got->price().supply_24h() == 24 * 500);
}

TEST_CASE("items sold to NPC shops count as supply and do not make the shop a target", "[unit]") {
  Harness h;
  h.Shop(v1::SHOP_DIRECTION_SELL, kRedPotion, 20, 25, "buyer_only");
  CHECK(ShopUpdates(h.Flush()).empty());  // repriced (falling) but no shop sells it
  CHECK(h.Current(kRedPotion) < 50);
  CHECK(PriceBook(h.state, "srv1").Shops(kRedPotion).empty());
}

TEST_CASE("trades alone give no price signal but count as units traded", "[unit]") {
  Harness h;
  h.TradeItems(kRedPotion, 7);
  CHECK(h.Flush().empty());
  CHECK(h.Current(kRedPotion) == 0);  // never adjusted
  v1::GetItemPriceRequest req;
  req.set_server_id("srv1");
  req.set_item_id(kRedPotion);
  absl::StatusOr<v1::GetItemPriceResponse> got = GetItemPrice(h.state, req, h.now);
  REQUIRE(got.ok());
  CHECK(got->price().units_traded_24h() == 7);
  CHECK(got->price().base_price() == 50);
  CHECK(got->price().item_name() == "Red Potion");
}

TEST_CASE("items outside the catalogue are not priced", "[unit]") {
  Harness h;
  h.Vending(999999, 3, 100);
  CHECK(h.Flush().empty());
  CHECK(PriceBook(h.state, "srv1").Items().empty());
}

TEST_CASE("the world inflation rate feeds the model", "[unit]") {
  // Balanced market (supply = demand): without inflation the step is within +-15 %; with
  // inflation 2.0 (+20 %) and clamping it can only go up.
  Harness h;
  h.world.mutable_economy()->set_inflation_rate(2.0);
  h.Shop(v1::SHOP_DIRECTION_BUY, kRedPotion, 10, 50);
  h.Pickup(kRedPotion, 10);
  h.Flush();
  CHECK(h.Current(kRedPotion) >= 52);  // +20 % -15 % at worst = +5 % -> 52.5 -> 52/53
}

TEST_CASE("price history keeps the newest 100 points", "[unit]") {
  Harness h;
  for (int hour = 0; hour < 130; ++hour) {
    h.now = kStart + absl::Hours(hour);
    h.Shop(v1::SHOP_DIRECTION_BUY, kRedPotion, 1, 50);
    h.Pickup(kRedPotion, 1);
    h.Flush();
  }
  std::optional<v1::ItemPrice> p = PriceBook(h.state, "srv1").Price(kRedPotion);
  REQUIRE(p.has_value());
  CHECK(p->history_size() == 100);
  CHECK(FromProto(p->history(0).at()) >= FromProto(p->history(99).at()));
  CHECK(FromProto(p->history(0).at()) == h.now);
  for (const v1::PricePoint& point : p->history()) {
    CHECK(point.price() >= 1);
    CHECK(point.source() != v1::PRICE_SOURCE_UNSPECIFIED);
  }
}

TEST_CASE("history records the median vending price and the NPC shop price beside adjustments", "[unit]") {
  Harness h;
  h.Vending(kRedPotion, 1, 100);
  h.Vending(kRedPotion, 1, 300);
  h.Vending(kRedPotion, 1, 200);
  h.Flush();
  std::optional<v1::ItemPrice> p = PriceBook(h.state, "srv1").Price(kRedPotion);
  REQUIRE(p.has_value());
  REQUIRE(p->history_size() == 2);
  CHECK(p->history(0).source() == v1::PRICE_SOURCE_ADJUSTMENT);
  CHECK(p->history(1).source() == v1::PRICE_SOURCE_VENDING);
  CHECK(p->history(1).price() == 200);
}

TEST_CASE("a map-server start sends every adjusted price again", "[unit]") {
  Harness h;
  h.Shop(v1::SHOP_DIRECTION_BUY, kRedPotion, 3, 50);
  h.Shop(v1::SHOP_DIRECTION_BUY, kRedPotion, 3, 50, "payon_tool#2");
  h.TradeItems(kJellopy, 1);  // known but never adjusted: nothing to send
  REQUIRE(ShopUpdates(h.Flush()).size() == 2);
  const uint32_t price = h.Current(kRedPotion);
  h.now += absl::Minutes(5);
  h.Started();
  std::vector<v1::Action> resent = ShopUpdates(h.Flush());
  REQUIRE(resent.size() == 2);
  for (const v1::Action& a : resent) {
    CHECK(a.update_shop().price() == price);
    CHECK(a.update_shop().item_id() == kRedPotion);
    CHECK(absl::StrContains(a.idempotency_key(), "resend"));
  }
}

TEST_CASE("a redelivered batch decides the same way", "[unit]") {
  Harness a, b;
  for (Harness* h : {&a, &b}) {
    h->Shop(v1::SHOP_DIRECTION_BUY, kRedPotion, 2, 50);
    h->Vending(kRedPotion, 4, 700);
  }
  std::vector<v1::Action> x = a.Flush(), y = b.Flush();
  REQUIRE(x.size() == y.size());
  for (size_t i = 0; i < x.size(); ++i) CHECK(x[i].SerializeAsString() == y[i].SerializeAsString());
}

TEST_CASE("GetItemPrice reports 24 hour figures and names bad fields", "[unit]") {
  Harness h;
  h.Vending(kRedPotion, 4, 100);
  h.Vending(kRedPotion, 2, 400);
  h.Pickup(kRedPotion, 3);
  h.Flush();
  v1::GetItemPriceRequest req;
  req.set_server_id("srv1");
  req.set_item_id(kRedPotion);
  req.set_history_limit(1);
  absl::StatusOr<v1::GetItemPriceResponse> got = GetItemPrice(h.state, req, h.now);
  REQUIRE(got.ok());
  CHECK(got->price().supply_24h() == 3);
  CHECK(got->price().demand_24h() == 6);
  CHECK(got->price().supply_demand_ratio() == Approx(0.5));
  CHECK(got->price().median_player_price_24h() == 250);
  CHECK(got->price().units_traded_24h() == 6);
  CHECK(got->price().history_size() == 1);
  CHECK(got->price().current_price() >= 25);
  CHECK(got->price().current_price() <= 150);

  absl::StatusOr<v1::GetItemPriceResponse> later = GetItemPrice(h.state, req, h.now + absl::Hours(25));
  REQUIRE(later.ok());
  CHECK(later->price().demand_24h() == 0);
  CHECK(later->price().median_player_price_24h() == 0);

  req.set_item_id(0);
  CHECK(absl::StrContains(GetItemPrice(h.state, req, h.now).status().message(), "item_id"));
  req.set_item_id(kJellopy);
  CHECK(GetItemPrice(h.state, req, h.now).status().code() == absl::StatusCode::kNotFound);
  req.set_item_id(kRedPotion);
  req.set_history_limit(101);
  CHECK(absl::StrContains(GetItemPrice(h.state, req, h.now).status().message(), "history_limit"));
  req.set_history_limit(100);
  CHECK(GetItemPrice(h.state, req, h.now).ok());
  req.set_server_id("Bad Server");
  CHECK(absl::StrContains(GetItemPrice(h.state, req, h.now).status().message(), "server_id"));
}

TEST_CASE("ListItemPrices lists most traded first with pages and the adjusted filter", "[unit]") {
  Harness h;
  h.Vending(kRedPotion, 2, 60);
  h.Vending(502, 9, 300);
  h.TradeItems(kJellopy, 4);
  h.Flush();
  v1::ListItemPricesRequest req;
  req.set_server_id("srv1");
  absl::StatusOr<v1::ListItemPricesResponse> all = ListItemPrices(h.state, req, h.now);
  REQUIRE(all.ok());
  REQUIRE(all->prices_size() == 3);
  CHECK(all->prices(0).item_id() == 502);
  CHECK(all->prices(1).item_id() == kJellopy);
  CHECK(all->prices(2).item_id() == kRedPotion);
  CHECK(all->prices(0).history_size() == 0);

  req.set_only_adjusted(true);
  absl::StatusOr<v1::ListItemPricesResponse> adjusted = ListItemPrices(h.state, req, h.now);
  REQUIRE(adjusted.ok());
  CHECK(adjusted->prices_size() == 2);  // Jellopy was only traded

  req.set_only_adjusted(false);
  req.mutable_page()->set_page_size(2);
  absl::StatusOr<v1::ListItemPricesResponse> page1 = ListItemPrices(h.state, req, h.now);
  REQUIRE(page1.ok());
  CHECK(page1->prices_size() == 2);
  CHECK(page1->next_page_token() == "2");
  req.mutable_page()->set_page_token(page1->next_page_token());
  absl::StatusOr<v1::ListItemPricesResponse> page2 = ListItemPrices(h.state, req, h.now);
  REQUIRE(page2.ok());
  CHECK(page2->prices_size() == 1);
  CHECK(page2->next_page_token().empty());

  req.mutable_page()->set_page_size(201);
  CHECK(absl::StrContains(ListItemPrices(h.state, req, h.now).status().message(), "page.page_size"));
  req.mutable_page()->set_page_size(10);
  req.mutable_page()->set_page_token("x");
  CHECK(absl::StrContains(ListItemPrices(h.state, req, h.now).status().message(), "page.page_token"));
}

TEST_CASE("the economy agent declares what it reads and emits", "[unit]") {
  MarketAgent agent;
  CHECK(agent.name() == "economy");
  CHECK(agent.jobs().empty());
  CHECK(agent.emitted_actions() == std::vector<v1::ActionKind>{v1::ACTION_KIND_UPDATE_SHOP});
  const std::vector<v1::EventKind> subs = agent.subscriptions();
  CHECK(std::find(subs.begin(), subs.end(), v1::EVENT_KIND_VENDING_SALE) != subs.end());
  CHECK(std::find(subs.begin(), subs.end(), v1::EVENT_KIND_NPC_SHOP_TRADE) != subs.end());
  CHECK(std::find(subs.begin(), subs.end(), v1::EVENT_KIND_TRADE) != subs.end());
  CHECK(std::find(subs.begin(), subs.end(), v1::EVENT_KIND_ITEM_PICKED_UP) != subs.end());
}
