// The progression and economy groups as real processes behind a real gateway, fed real event
// batches over the bridge API: farming one map summons exactly one anti-farm boss, killing protected
// monsters costs karma and the new value reaches the game as a character variable, and vending sales
// at high prices move the item's NPC price within its bounds.
#include <catch2/catch.hpp>

#include "aiworld/v1/economy.grpc.pb.h"
#include "aiworld/v1/progression.grpc.pb.h"
#include "runtime/proto_time.h"
#include "tests/support/gateway_client.h"
#include "tests/support/postgres.h"
#include "tests/support/server_process.h"

using namespace aiworld;
using namespace aiworld::testing;

namespace {

const std::string kAdminToken = "progression-e2e-token";

struct Mesh {
  TestDatabase db;
  ServerProcess progression;
  ServerProcess economy;
  ServerProcess gateway;
  std::unique_ptr<BridgeClient> bridge;
  uint64_t sequence = 0;

  Mesh() {
    MigrateDatabase(db.url());
    progression = StartServer("aiworld-progression", db.url());
    economy = StartServer("aiworld-economy", db.url());
    // No scheduler: the test drives batches only; core and procedural are absent (their shares wait).
    gateway = StartServer("aiworld-gateway", db.url(),
                          {"--admin-token=" + kAdminToken, "--scheduler=false", "--core-addr=127.0.0.1:1",
                           "--procedural-addr=127.0.0.1:1", "--progression-addr=" + progression.grpc_addr(),
                           "--economy-addr=" + economy.grpc_addr(), "--live-spawns-per-map=1000"});
    bridge = std::make_unique<BridgeClient>(gateway.grpc_addr(), *AdminClient(gateway.grpc_addr(), kAdminToken).IssueKey("srv1"));
  }

  void Send(std::vector<v1::GameEvent> events) {
    v1::EventBatch batch;
    batch.set_server_id("srv1");
    batch.set_sequence(++sequence);
    *batch.mutable_sent_at() = ToProto(absl::Now());
    for (v1::GameEvent& e : events) *batch.add_events() = std::move(e);
    auto ack = bridge->Dispatch(batch);
    REQUIRE(ack.ok());
    REQUIRE(ack->durable());
    REQUIRE(ack->rejected().empty());
  }

  // Every action delivered until `quiet` passes with none, completed as done.
  std::vector<v1::Action> Drain(absl::Duration quiet = absl::Seconds(3)) {
    std::vector<v1::Action> all;
    for (;;) {
      auto pulled = bridge->Pull(100, quiet);
      REQUIRE(pulled.ok());
      if (pulled->actions().empty()) return all;
      std::vector<v1::ActionResult> results;
      for (const v1::Action& a : pulled->actions()) {
        v1::ActionResult r;
        r.set_action_id(a.action_id());
        r.set_status(v1::ACTION_STATUS_DONE);
        results.push_back(r);
        all.push_back(a);
      }
      REQUIRE(bridge->Complete(results).ok());
    }
  }
};

v1::GameEvent Vending(uint64_t id, uint32_t buyer, uint32_t item, uint32_t amount, uint32_t unit_price) {
  v1::GameEvent e = Chat(id, buyer, "x");
  e.clear_chat();
  auto* p = e.mutable_vending_sale();
  p->set_vendor_char_id(150'900);
  p->set_vendor_account_id(2'000'900);
  p->set_vendor_name("Rich Merchant");
  p->set_shop_title("rare pots");
  v1::TradedItem* t = p->add_items();
  t->set_item_id(item);
  t->set_amount(amount);
  t->set_unit_price(unit_price);
  p->set_total_zeny(amount * unit_price);
  p->set_vendor_zeny(amount * unit_price);
  return e;
}

v1::GameEvent ShopBuy(uint64_t id, uint32_t buyer, uint32_t item, uint32_t amount, uint32_t unit_price) {
  v1::GameEvent e = Chat(id, buyer, "x");
  e.clear_chat();
  e.set_map("prontera");
  auto* p = e.mutable_npc_shop_trade();
  p->set_direction(v1::SHOP_DIRECTION_BUY);
  p->set_shop_kind(v1::SHOP_KIND_ZENY);
  p->set_shop_exname("tool_prt#1");
  p->set_shop_name("Tool Dealer");
  v1::TradedItem* t = p->add_items();
  t->set_item_id(item);
  t->set_amount(amount);
  t->set_unit_price(unit_price);
  p->set_total_zeny(amount * unit_price);
  return e;
}

}  // namespace

TEST_CASE("150 kills on one map over many batches spawn exactly one anti-farm boss and cost karma", "[e2e]") {
  Mesh mesh;
  // 150 Poring kills (a protected monster) on prt_fild08 by one character, in 10 batches of 15.
  uint64_t id = 1;
  for (int b = 0; b < 10; ++b) {
    std::vector<v1::GameEvent> kills;
    for (int k = 0; k < 15; ++k) kills.push_back(MonsterKilled(id++, 5));
    mesh.Send(std::move(kills));
  }
  const std::vector<v1::Action> actions = mesh.Drain();

  int bosses = 0;
  std::optional<int64_t> karma;
  for (const v1::Action& a : actions) {
    if (a.origin().agent() == "dynamic_boss" && a.has_spawn_monster()) {
      ++bosses;
      INFO("the anti-farm boss spawns on the farmed map");
      CHECK(a.spawn_monster().at().map() == "prt_fild08");
    }
    if (a.origin().agent() == "karma" && a.has_set_char_variable() && a.set_char_variable().name() == "aiw_karma") {
      CHECK(a.set_char_variable().char_id() == 150005);
      karma = a.set_char_variable().int_value();  // the last one carries the newest value
    }
  }
  INFO("150 kills within the window, spread over 10 batches: exactly one boss, not one per batch");
  CHECK(bosses == 1);
  INFO("killing protected Porings lowers the killer's karma, sent as aiw_karma");
  REQUIRE(karma.has_value());
  CHECK(*karma < 0);

  auto progression = v1::Progression::NewStub(grpc::CreateChannel(mesh.progression.grpc_addr(), grpc::InsecureChannelCredentials()));
  const auto standing_karma = [&] {
    grpc::ClientContext ctx;
    v1::GetPlayerStandingRequest request;
    request.set_server_id("srv1");
    request.set_char_id(150005);
    v1::GetPlayerStandingResponse response;
    REQUIRE(progression->GetPlayerStanding(&ctx, request, &response).ok());
    return response.standing().karma().karma();
  };
  CHECK(standing_karma() == *karma);

  // Admin.ErasePlayer by account alone: the progression group finds the character and forgets it.
  AdminClient admin(mesh.gateway.grpc_addr(), kAdminToken);
  grpc::ClientContext ctx;
  admin.Authorize(ctx);
  v1::ErasePlayerRequest erase;
  erase.set_account_id(2000005);
  erase.set_reason("e2e erasure");
  v1::ErasePlayerResponse erased;
  REQUIRE(admin.stub().ErasePlayer(&ctx, erase, &erased).ok());
  bool progression_done = false;
  for (const v1::EraseReport& r : erased.reports()) progression_done = progression_done || (r.owner() == "progression" && r.done());
  CHECK(progression_done);
  INFO("after the erasure the character's standing is back to nothing");
  CHECK(standing_karma() == 0);
}

TEST_CASE("vending sales at high prices move the item's NPC price up within 50 to 300 percent of base", "[e2e]") {
  Mesh mesh;
  // The NPC shop sells Red Potions (base 50 z); players pay 100x that at vending stalls.
  mesh.Send({ShopBuy(1, 7, 501, 1, 50)});
  std::vector<v1::GameEvent> sales;
  for (uint64_t i = 0; i < 20; ++i) sales.push_back(Vending(10 + i, 8 + static_cast<uint32_t>(i), 501, 5, 5000));
  mesh.Send(std::move(sales));
  const std::vector<v1::Action> actions = mesh.Drain();

  std::optional<uint32_t> sent;
  for (const v1::Action& a : actions) {
    if (a.has_update_shop() && a.update_shop().item_id() == 501) sent = a.update_shop().price();
  }
  INFO("an UpdateShop for the Tool Dealer's Red Potion with a price above base and at most 300 % of it");
  REQUIRE(sent.has_value());
  CHECK(*sent > 50);
  CHECK(*sent <= 150);

  auto stub = v1::Economy::NewStub(grpc::CreateChannel(mesh.economy.grpc_addr(), grpc::InsecureChannelCredentials()));
  grpc::ClientContext ctx;
  v1::GetItemPriceRequest request;
  request.set_server_id("srv1");
  request.set_item_id(501);
  v1::GetItemPriceResponse price;
  REQUIRE(stub->GetItemPrice(&ctx, request, &price).ok());
  CHECK(price.price().current_price() == *sent);
  CHECK(price.price().base_price() == 50);
}
