// The MerchantEconomy agent ("merchant_economy"): zeny per capita > 10M inflation, < 100k
// deflation, supply/demand > 2.0 glut, < 0.8 scarcity; price adjustments inflation +10..50 %,
// deflation -10..30 %, glut +5..20 %, scarcity -5..20 %, capped at +-50 %, at most 50 items, not
// again within 6 h; zeny sinks by severity (> 0.7 card packs 2-5 h 25 %, > 0.4 refinement 1-4 h
// 20 %, > 0.2 cosmetics 2-6 h 15 %, else luxury buffs 3-6 h 10 %); drop-rate advice; the queries;
// and the reference bugs: severity always 1, adjustment on a balanced economy, the mock world.
#include <catch2/catch.hpp>

#include "absl/strings/match.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/economy/market/price_book.h"
#include "services/economy/merchant_economy/economy_analysis.h"
#include "services/economy/merchant_economy/merchant_economy_agent.h"
#include "services/economy/merchant_economy/merchant_queries.h"
#include "services/economy/merchant_economy/merchant_store.h"

using namespace aiworld;
using namespace aiworld::economy;

namespace {

constexpr uint32_t kRedPotion = 501;  // base 50
constexpr const char* kShop = "prt_in_tool#1";
const absl::Time kSix = absl::FromUnixSeconds(1'767'225'600) + absl::Hours(6);  // 2026-01-01 06:00 UTC

struct Harness {
  agentkit::MemoryStateStore state;   // merchant_economy
  agentkit::MemoryStateStore market;  // economy
  v1::WorldSnapshot world;
  absl::Time now = kSix;
  MerchantEconomyAgent agent;
  uint64_t sequence = 0;
  std::vector<v1::RoutedEvent> events;

  agentkit::AgentContext Context(RandomSource& random, uint64_t seq) {
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = seq;
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "merchant_economy";
    ctx.state_of = [this](const std::string& other) -> agentkit::StateStore* { return other == "economy" ? &market : nullptr; };
    return ctx;
  }
  void Login(uint32_t char_id, uint32_t zeny, uint32_t account = 2000001) {
    v1::RoutedEvent r;
    r.set_index(static_cast<uint32_t>(events.size()));
    r.mutable_event()->set_event_id(events.size() + 1);
    r.mutable_event()->set_char_id(char_id);
    r.mutable_event()->set_account_id(account);
    r.mutable_event()->set_map("prontera");
    r.mutable_event()->mutable_login()->set_zeny(zeny);
    events.push_back(r);
  }
  void ShopBuy(uint32_t zeny) {
    v1::RoutedEvent r;
    r.set_index(static_cast<uint32_t>(events.size()));
    r.mutable_event()->set_event_id(events.size() + 1);
    r.mutable_event()->set_char_id(150001);
    v1::NpcShopTrade* s = r.mutable_event()->mutable_npc_shop_trade();
    s->set_direction(v1::SHOP_DIRECTION_BUY);
    s->set_shop_exname(kShop);
    s->set_total_zeny(zeny);
    events.push_back(r);
  }
  std::vector<v1::Action> Flush() {
    ++sequence;
    SeededRandom random = SeededRandom::FromKeys({"srv1", std::to_string(sequence), "merchant_economy"});
    agentkit::AgentContext ctx = Context(random, sequence);
    std::vector<const v1::RoutedEvent*> refs;
    for (const v1::RoutedEvent& r : events) refs.push_back(&r);
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, refs, &actions).ok());
    events.clear();
    return actions;
  }
  std::vector<v1::Action> Job() {
    SeededRandom random = SeededRandom::FromKeys({kJobAnalyze, std::to_string(absl::ToUnixSeconds(now)), "merchant_economy"});
    agentkit::AgentContext ctx = Context(random, 0);
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, kJobAnalyze, &actions).ok());
    return actions;
  }
  // An item with supply and demand in the economy agent's market in the current hour.
  void Traded(uint32_t item, uint64_t supply, uint64_t demand, bool with_shop = true) {
    PriceBook book(market, "srv1");
    std::optional<v1::ItemPrice> p = book.Price(item);
    REQUIRE(p.has_value());
    book.PutPrice(*p);
    ItemFlow flow = book.Flow(item);
    HourBucket& b = flow.At(now);
    b.supply += supply;
    b.demand += demand;
    b.traded += demand;
    b.zeny += static_cast<int64_t>(demand) * 100;
    book.PutFlow(item, flow);
    if (with_shop) book.AddShop(item, kShop);
  }
  uint32_t Price(uint32_t item) { return PriceBook(market, "srv1").Price(item)->current_price(); }
  std::optional<v1::MarketReport> Report() { return MerchantStore(state, "srv1").Report(); }
};

template <typename Pred>
size_t CountIf(const std::vector<v1::Action>& actions, Pred pred) {
  return static_cast<size_t>(std::count_if(actions.begin(), actions.end(), pred));
}

}  // namespace

TEST_CASE("condition thresholds are 10M and 100k zeny per capita then 2.0 and 0.8 supply over demand", "[unit]") {
  CHECK(ReadEconomy(10'000'000, 1.0).condition == v1::MARKET_CONDITION_BALANCED);
  CHECK(ReadEconomy(10'000'001, 1.0).condition == v1::MARKET_CONDITION_INFLATION);
  CHECK(ReadEconomy(100'000, 1.0).condition == v1::MARKET_CONDITION_BALANCED);
  CHECK(ReadEconomy(99'999, 1.0).condition == v1::MARKET_CONDITION_DEFLATION);
  CHECK(ReadEconomy(1'000'000, 2.0).condition == v1::MARKET_CONDITION_BALANCED);
  CHECK(ReadEconomy(1'000'000, 2.00001).condition == v1::MARKET_CONDITION_ITEM_GLUT);
  CHECK(ReadEconomy(1'000'000, 0.8).condition == v1::MARKET_CONDITION_BALANCED);
  CHECK(ReadEconomy(1'000'000, 0.79999).condition == v1::MARKET_CONDITION_ITEM_SCARCITY);
  // Zeny per capita decides first.
  CHECK(ReadEconomy(20'000'000, 5.0).condition == v1::MARKET_CONDITION_INFLATION);
  CHECK(ReadEconomy(50'000, 0.1).condition == v1::MARKET_CONDITION_DEFLATION);
}

TEST_CASE("a silent market reads balanced - reference bug max demand 0.1 read no data as scarcity", "[unit]") {
  CHECK(ReadEconomy(1'000'000, std::nullopt).condition == v1::MARKET_CONDITION_BALANCED);
  CHECK(ReadEconomy(1'000'000, std::nullopt).severity == 0);
}

TEST_CASE("inflation severity grows with zeny per capita - reference bug severity was always 1", "[unit]") {
  // The reference's min(1, pc / 10M) is above 1 for every pc that counts as inflation.
  CHECK(ReadEconomy(15'000'000, 1.0).severity == Approx(0.5));
  CHECK(ReadEconomy(12'000'000, 1.0).severity == Approx(0.2));
  CHECK(ReadEconomy(20'000'000, 1.0).severity == Approx(1.0));
  CHECK(ReadEconomy(90'000'000, 1.0).severity == Approx(1.0));
  CHECK(ReadEconomy(50'000, 1.0).severity == Approx(0.5));
  CHECK(ReadEconomy(0, 1.0).severity == Approx(1.0));
  CHECK(ReadEconomy(1'000'000, 3.0).severity == Approx(0.5));
  CHECK(ReadEconomy(1'000'000, 0.4).severity == Approx(0.5));
}

TEST_CASE("price adjustments follow the reference ranges by severity and are capped at 50 percent", "[unit]") {
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_INFLATION, 0.0}) == Approx(0.10));
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_INFLATION, 1.0}) == Approx(0.50));
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_INFLATION, 0.5}) == Approx(0.30));
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_INFLATION, 7.0}) == Approx(0.50));
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_DEFLATION, 0.0}) == Approx(-0.10));
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_DEFLATION, 1.0}) == Approx(-0.30));
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_ITEM_GLUT, 0.0}) == Approx(0.05));
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_ITEM_GLUT, 1.0}) == Approx(0.20));
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_ITEM_SCARCITY, 0.0}) == Approx(-0.05));
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_ITEM_SCARCITY, 1.0}) == Approx(-0.20));
  CHECK(PriceAdjustmentFor({v1::MARKET_CONDITION_BALANCED, 1.0}) == 0);
}

TEST_CASE("zeny sinks by severity 0.7 0.4 0.2 with their hours and drain shares", "[unit]") {
  CHECK(SinkFor(0.71).type == v1::ZENY_SINK_TYPE_CARD_PACKS);
  CHECK(SinkFor(0.71).min_hours == 2);
  CHECK(SinkFor(0.71).max_hours == 5);
  CHECK(SinkFor(0.71).drain == Approx(0.25));
  CHECK(SinkFor(0.7).type == v1::ZENY_SINK_TYPE_REFINEMENT_BONUS);
  CHECK(SinkFor(0.41).type == v1::ZENY_SINK_TYPE_REFINEMENT_BONUS);
  CHECK(SinkFor(0.41).min_hours == 1);
  CHECK(SinkFor(0.41).max_hours == 4);
  CHECK(SinkFor(0.41).drain == Approx(0.20));
  CHECK(SinkFor(0.4).type == v1::ZENY_SINK_TYPE_COSMETIC_SALE);
  CHECK(SinkFor(0.21).type == v1::ZENY_SINK_TYPE_COSMETIC_SALE);
  CHECK(SinkFor(0.21).min_hours == 2);
  CHECK(SinkFor(0.21).max_hours == 6);
  CHECK(SinkFor(0.21).drain == Approx(0.15));
  CHECK(SinkFor(0.2).type == v1::ZENY_SINK_TYPE_LUXURY_BUFFS);
  CHECK(SinkFor(0.0).type == v1::ZENY_SINK_TYPE_LUXURY_BUFFS);
  CHECK(SinkFor(0.0).min_hours == 3);
  CHECK(SinkFor(0.0).max_hours == 6);
  CHECK(SinkFor(0.0).drain == Approx(0.10));
  CHECK(TargetDrain(0.5, 1'000'000'000, 0.2) == 100'000'000);
  CHECK(TargetDrain(1.0, 0, 0.25) == 0);
}

TEST_CASE("nobody to measure means no analysis - reference bug mock world and max 1 player read as deflation", "[unit]") {
  Harness h;
  h.Traded(kRedPotion, 5, 5);
  CHECK(h.Job().empty());
  CHECK_FALSE(h.Report().has_value());
  CHECK(h.Price(kRedPotion) == 0);
}

TEST_CASE("inflation from real logins raises prices of traded items and starts a card pack sink", "[unit]") {
  Harness h;
  h.Login(150001, 30'000'000);
  h.Login(150002, 30'000'000);
  h.Login(150003, 30'000'000);
  h.Flush();
  h.Traded(kRedPotion, 2, 10);
  const std::vector<v1::Action> actions = h.Job();

  // pc 30M -> severity 1 -> +50 %: 50 -> 75.
  REQUIRE(CountIf(actions, [](const v1::Action& a) { return a.has_update_shop(); }) == 1);
  const auto shop = std::find_if(actions.begin(), actions.end(), [](const v1::Action& a) { return a.has_update_shop(); });
  CHECK(shop->update_shop().shop_exname() == kShop);
  CHECK(shop->update_shop().item_id() == kRedPotion);
  CHECK(shop->update_shop().price() == 75);
  CHECK(shop->cause().job().job() == kJobAnalyze);
  CHECK(h.Price(kRedPotion) == 75);

  const auto start = std::find_if(actions.begin(), actions.end(), [](const v1::Action& a) { return a.has_start_world_event(); });
  REQUIRE(start != actions.end());
  CHECK(start->start_world_event().npc_exname() == kZenySinkNpc);
  CHECK(start->start_world_event().parameters().at("sink_type") == "card_packs");
  CHECK(start->start_world_event().parameters().at("drain_percent") == "25");
  const absl::Duration d = FromProto(start->start_world_event().duration());
  CHECK(d >= absl::Hours(2));
  CHECK(d <= absl::Hours(5));
  CHECK(FromProto(start->expires_at()) == h.now + d);
  CHECK(CountIf(actions, [](const v1::Action& a) {
          return a.has_broadcast() && a.broadcast().scope() == v1::BROADCAST_SCOPE_SERVER &&
                 absl::StrContains(a.broadcast().text(), "Exclusive Card Packs");
        }) == 1);

  std::optional<v1::MarketReport> report = h.Report();
  REQUIRE(report.has_value());
  CHECK(report->condition() == v1::MARKET_CONDITION_INFLATION);
  CHECK(report->severity() == Approx(1.0));
  CHECK(report->total_zeny() == 90'000'000);
  CHECK(report->active_players() == 3);
  CHECK(report->zeny_per_capita() == 30'000'000);
  CHECK(report->supply_demand_ratio() == Approx(0.2));
  CHECK(report->adjusted_items() == 1);
  REQUIRE(report->top_items_size() == 1);
  CHECK(report->top_items(0).item_id() == kRedPotion);
  CHECK(FromProto(report->next_analysis_at()) == h.now + absl::Hours(6));

  v1::ListZenySinksRequest req;
  req.set_server_id("srv1");
  absl::StatusOr<v1::ListZenySinksResponse> sinks = ListZenySinks(h.state, req, h.now);
  REQUIRE(sinks.ok());
  REQUIRE(sinks->sinks_size() == 1);
  CHECK(sinks->sinks(0).type() == v1::ZENY_SINK_TYPE_CARD_PACKS);
  CHECK(sinks->sinks(0).target_drain_zeny() == 22'500'000);  // 1.0 x 90M x 25 %
  CHECK(sinks->sinks(0).status() == v1::CONTENT_STATUS_ACTIVE);
}

TEST_CASE("the same condition is not adjusted again within 6 hours", "[unit]") {
  Harness h;
  h.Login(150001, 15'000'000);  // severity 0.5 -> +30 %
  h.Flush();
  h.Traded(kRedPotion, 0, 10);
  h.Job();
  CHECK(h.Price(kRedPotion) == 65);
  h.now = kSix + absl::Hours(5) + absl::Minutes(59);
  h.Traded(kRedPotion, 0, 10);
  CHECK(CountIf(h.Job(), [](const v1::Action& a) { return a.has_update_shop(); }) == 0);
  CHECK(h.Report()->adjusted_items() == 0);
  CHECK(h.Price(kRedPotion) == 65);
  h.now = kSix + absl::Hours(6);
  h.Job();
  CHECK(h.Report()->adjusted_items() == 1);
  CHECK(h.Price(kRedPotion) == 85);  // 65 x 1.3 = 84.5 -> 85
}

TEST_CASE("a balanced economy adjusts no price - reference bug enum compared with string always adjusted", "[unit]") {
  Harness h;
  h.Login(150001, 1'000'000);
  h.Flush();
  h.Traded(kRedPotion, 10, 10);
  const std::vector<v1::Action> actions = h.Job();
  CHECK(actions.empty());
  REQUIRE(h.Report().has_value());
  CHECK(h.Report()->condition() == v1::MARKET_CONDITION_BALANCED);
  CHECK(h.Report()->adjusted_items() == 0);
  CHECK(h.Price(kRedPotion) == 0);
}

TEST_CASE("deflation lowers prices and starts no sink", "[unit]") {
  Harness h;
  h.Login(150001, 50'000);  // severity 0.5 -> -20 %
  h.Flush();
  h.Traded(kRedPotion, 3, 3);
  const std::vector<v1::Action> actions = h.Job();
  CHECK(h.Price(kRedPotion) == 40);
  CHECK(CountIf(actions, [](const v1::Action& a) { return a.has_start_world_event(); }) == 0);
  CHECK(h.Report()->condition() == v1::MARKET_CONDITION_DEFLATION);
}

TEST_CASE("adjusted prices stay within 300 percent of base", "[unit]") {
  Harness h;
  h.Login(150001, 40'000'000);
  h.Flush();
  h.Traded(kRedPotion, 0, 5);
  for (int run = 0; run < 5; ++run) {
    h.now = kSix + absl::Hours(6 * run);
    h.Traded(kRedPotion, 0, 5);
    h.Job();
    CHECK(h.Price(kRedPotion) <= 150);
  }
  CHECK(h.Price(kRedPotion) == 150);
}

TEST_CASE("at most 50 items are adjusted per run", "[unit]") {
  Harness h;
  h.Login(150001, 40'000'000);
  h.Flush();
  int added = 0;
  for (const ItemInfo& item : GameCatalogue::BuiltIn().items()) {
    if (item.buy <= 0 || added == 60) continue;
    h.Traded(item.id, 0, 1, false);
    ++added;
  }
  h.Job();
  CHECK(h.Report()->adjusted_items() == 50);
}

TEST_CASE("a running sink is not doubled and NPC shop buys while it runs count as drained", "[unit]") {
  Harness h;
  h.Login(150001, 40'000'000);
  h.Flush();
  REQUIRE(CountIf(h.Job(), [](const v1::Action& a) { return a.has_start_world_event(); }) == 1);
  h.now = kSix + absl::Hours(1);
  h.ShopBuy(12'345);
  h.Flush();
  CHECK(CountIf(h.Job(), [](const v1::Action& a) { return a.has_start_world_event(); }) == 0);
  std::vector<v1::ZenySink> sinks = MerchantStore(h.state, "srv1").Sinks();
  REQUIRE(sinks.size() == 1);
  CHECK(sinks[0].drained_zeny() == 12'345);

  h.now = FromProto(sinks[0].ends_at());  // ended: no longer drains
  h.ShopBuy(1'000);
  h.Flush();
  CHECK(MerchantStore(h.state, "srv1").Sinks()[0].drained_zeny() == 12'345);

  v1::ListZenySinksRequest req;
  req.set_server_id("srv1");
  CHECK(ListZenySinks(h.state, req, h.now)->sinks_size() == 0);
  req.set_include_inactive(true);
  absl::StatusOr<v1::ListZenySinksResponse> all = ListZenySinks(h.state, req, h.now);
  REQUIRE(all.ok());
  REQUIRE(all->sinks_size() == 1);
  CHECK(all->sinks(0).status() == v1::CONTENT_STATUS_COMPLETED);
}

TEST_CASE("without tracked characters the world snapshot's zeny on hand is used", "[unit]") {
  Harness h;
  h.world.mutable_players()->set_online(4);
  h.world.mutable_economy()->set_zeny_on_hand_online(200'000'000);
  h.world.mutable_economy()->set_inflation_rate(0.07);
  h.world.mutable_economy()->set_trade_volume_24h(123'456);
  h.Job();
  REQUIRE(h.Report().has_value());
  CHECK(h.Report()->zeny_per_capita() == 50'000'000);
  CHECK(h.Report()->condition() == v1::MARKET_CONDITION_INFLATION);
  CHECK(h.Report()->inflation_rate() == Approx(0.07));
  CHECK(h.Report()->trade_volume_24h() == 123'456);
}

TEST_CASE("characters not seen for 7 days leave the active population", "[unit]") {
  Harness h;
  h.Login(150001, 50'000'000);
  h.Flush();
  h.now = kSix + absl::Hours(24 * 7) - absl::Seconds(1);
  CHECK(MerchantStore(h.state, "srv1").ActivePopulation(h.now).active == 1);
  h.now = kSix + absl::Hours(24 * 7);
  CHECK(MerchantStore(h.state, "srv1").ActivePopulation(h.now).active == 0);
  CHECK(h.Job().empty());
}

TEST_CASE("drop rate advice for oversupplied and scarce items", "[unit]") {
  Harness h;
  h.Login(150001, 1'000'000);
  h.Flush();
  h.Traded(909, 300, 10);         // Jellopy ratio 30: oversupplied
  h.Traded(kRedPotion, 1, 10);    // ratio 0.1: scarce
  h.Traded(502, 10, 10);          // balanced
  h.Job();
  std::optional<v1::MarketReport> report = h.Report();
  REQUIRE(report.has_value());
  REQUIRE(report->advice_size() == 4);
  CHECK(report->advice(0).item_id() == 909);
  CHECK(report->advice(0).agent() == "problem");
  CHECK(report->advice(0).multiplier() == Approx(0.5));
  CHECK(report->advice(1).agent() == "world_event");
  CHECK(report->advice(1).multiplier() == Approx(0.6));
  CHECK(report->advice(2).item_id() == kRedPotion);
  CHECK(report->advice(2).agent() == "treasure");
  CHECK(report->advice(2).multiplier() == Approx(1.5));
  CHECK(report->advice(3).agent() == "problem");
  CHECK(report->advice(3).multiplier() == Approx(1.3));
}

TEST_CASE("GetMarketReport is unset before the first analysis and names a bad server_id", "[unit]") {
  Harness h;
  v1::GetMarketReportRequest req;
  req.set_server_id("srv1");
  absl::StatusOr<v1::GetMarketReportResponse> none = GetMarketReport(h.state, req);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_report());
  h.Login(150001, 2'000'000);
  h.Flush();
  h.Job();
  absl::StatusOr<v1::GetMarketReportResponse> some = GetMarketReport(h.state, req);
  REQUIRE(some.ok());
  CHECK(some->report().condition() == v1::MARKET_CONDITION_BALANCED);
  req.set_server_id("");
  CHECK(absl::StrContains(GetMarketReport(h.state, req).status().message(), "server_id"));
  v1::ListZenySinksRequest list;
  list.set_server_id("srv1");
  list.mutable_page()->set_page_token("nope");
  CHECK(absl::StrContains(ListZenySinks(h.state, list, h.now).status().message(), "page.page_token"));
}

TEST_CASE("erasing a player removes its zeny records and CharactersOf maps the account", "[unit]") {
  Harness h;
  h.Login(150001, 100, 2000001);
  h.Login(150002, 100, 2000001);
  h.Login(150003, 100, 2000002);
  h.Flush();
  CHECK(h.agent.CharactersOf(h.state, 2000001) == std::vector<uint32_t>{150001, 150002});
  CHECK(h.agent.ErasePlayer(h.state, 2000001, {150001, 150002}) == 2);
  CHECK(h.agent.CharactersOf(h.state, 2000001).empty());
  CHECK(MerchantStore(h.state, "srv1").ActivePopulation(h.now).active == 1);
}

TEST_CASE("the merchant economy agent runs its analysis every 6 hours", "[unit]") {
  MerchantEconomyAgent agent;
  CHECK(agent.name() == "merchant_economy");
  REQUIRE(agent.jobs().size() == 1);
  CHECK(agent.jobs()[0].name() == "merchant_economy.analyze");
  CHECK(FromProto(agent.jobs()[0].schedule().interval().every()) == absl::Hours(6));
}

TEST_CASE("loot that nobody buys or trades is not adjusted", "[unit]") {
  Harness h;
  h.Login(150001, 40'000'000);
  h.Flush();
  h.Traded(909, 100, 0);  // Jellopy picked up, never bought
  h.Traded(kRedPotion, 0, 1);
  h.Job();
  CHECK(h.Report()->adjusted_items() == 1);
  CHECK(h.Price(909) == 0);
  CHECK(h.Price(kRedPotion) == 75);
}
