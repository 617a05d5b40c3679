// The facade the rAthena hooks call: plain views in, bridge events out. Every event it emits is
// converted to the aiworld.v1 message as the bridge does and must pass the gateway's validation;
// the tests then read the message's fields.
#include <catch2/catch.hpp>

#include "aiworld/rathena/facade.h"
#include "bridge-client/src/proto_mapping.h"
#include "gateway/validation/event_validator.h"
#include "runtime/clock.h"

using namespace aiworld;
using namespace aiworld::rathena;

namespace {

constexpr int64_t kStartMs = 1'800'000'000'000;

struct Recorder : EventSink {
  std::vector<bridge::Event> events;
  bool Emit(bridge::Event e) override {
    events.push_back(std::move(e));
    return true;
  }
};

struct Fixture {
  Recorder sink;
  MeshUnits units;
  int64_t now_ms = kStartMs;
  FacadeOptions options;
  Facade facade{sink, units, [this] { return now_ms; }, options};
  ManualClock clock{absl::FromUnixMillis(kStartMs)};
  gateway::EventValidator validator{gateway::ValidationLimits{}, clock};

  // The last event as the gateway receives it; fails the test unless the gateway would accept it.
  v1::GameEvent Last() {
    REQUIRE_FALSE(sink.events.empty());
    v1::GameEvent message;
    std::string error;
    const bool converted = bridge::ToGameEvent(sink.events.back(), now_ms, sink.events.size(), &message, &error);
    INFO(error);
    REQUIRE(converted);
    message.set_server_id("srv1");
    clock.Set(absl::FromUnixMillis(now_ms));
    const auto rejection = validator.CheckEvent(message, 0, "srv1");
    INFO(message.ShortDebugString());
    if (rejection) FAIL("the gateway refuses it: " << rejection->field << ": " << rejection->reason);
    return message;
  }
};

PlayerView Player(uint32_t n = 1) {
  PlayerView p;
  p.char_id = 150000 + n;
  p.account_id = 2000000 + n;
  p.name = "BotOne";
  p.map = "prontera";
  p.x = 155;
  p.y = 180;
  p.base_level = 12;
  p.job_level = 8;
  p.job_id = 0;
  p.zeny = 4200;
  return p;
}

}  // namespace

TEST_CASE("a login and its logout carry the envelope and the session's length", "[unit]") {
  Fixture f;
  f.facade.Login(Player(), false);
  v1::GameEvent login = f.Last();
  CHECK(login.has_login());
  CHECK(login.char_id() == 150001);
  CHECK(login.account_id() == 2000001);
  CHECK(login.char_name() == "BotOne");
  CHECK(login.map() == "prontera");
  CHECK(login.base_level() == 12);
  CHECK(login.login().zeny() == 4200);
  CHECK_FALSE(login.login().changed_map_server());
  f.now_ms += 90'000;
  f.facade.Logout(Player(), LogoutReason::kQuit);
  v1::GameEvent logout = f.Last();
  CHECK(logout.logout().reason() == v1::LOGOUT_REASON_QUIT);
  CHECK(logout.logout().session().seconds() == 90);
  CHECK(f.facade.tracked_characters() == 0);
}

TEST_CASE("a map change is emitted when the loaded map differs and not for a refresh of the same map", "[unit]") {
  Fixture f;
  f.facade.Login(Player(), false);
  f.facade.MapArrival(Player(), "", 0, 0);  // @refresh
  CHECK(f.sink.events.size() == 1);
  PlayerView moved = Player();
  moved.map = "prt_fild08";
  moved.x = 170;
  moved.y = 375;
  f.facade.MapArrival(moved, "prontera", 150, 30, MapChangeCause::kPortal);
  const v1::GameEvent change = f.Last();
  CHECK(change.map() == "prt_fild08");
  CHECK(change.map_change().from_map() == "prontera");
  CHECK(change.map_change().from_x() == 150);
  CHECK(change.map_change().cause() == v1::MAP_CHANGE_CAUSE_PORTAL);
  f.facade.MapArrival(moved, "", 0, 0);
  CHECK(f.sink.events.size() == 2);
}

TEST_CASE("a kill is placed on the monster's cell with its boss type credits and the mesh's spawn tag", "[unit]") {
  Fixture f;
  f.units.AddMonsters("antifarm_1", "prt_fild08", {110000007});
  PlayerView killer = Player();
  killer.map = "prt_fild08";
  killer.party_id = 77;
  MonsterView mob;
  mob.gid = 110000007;
  mob.mob_id = 1039;
  mob.level = 81;
  mob.name = "Baphomet";
  mob.map = "prt_fild08";
  mob.x = 101;
  mob.y = 99;
  mob.boss = BossType::kMvp;
  KillCredit credit;
  credit.mvp_char_id = 150002;
  credit.last_hit_char_id = 150001;
  credit.party_member_char_ids = {150001, 150002};
  credit.damage_dealer_char_ids = {150002, 150001};
  f.facade.MonsterKilled(killer, mob, credit);
  const v1::GameEvent kill = f.Last();
  CHECK(kill.x() == 101);
  CHECK(kill.y() == 99);
  CHECK(kill.priority() == v1::PRIORITY_HIGH);
  CHECK(kill.monster_killed().mob_id() == 1039);
  CHECK(kill.monster_killed().boss_type() == v1::BOSS_TYPE_MVP);
  CHECK(kill.monster_killed().mvp_char_id() == 150002);
  CHECK(kill.monster_killed().spawn_tag() == "antifarm_1");
  CHECK(kill.monster_killed().party_id() == 77);
  CHECK(kill.monster_killed().damage_dealer_char_ids_size() == 2);
  CHECK(f.units.TagOfMonster(110000007).empty());  // a dead monster is forgotten

  mob.gid = 5;
  mob.boss = BossType::kNone;
  f.facade.MonsterKilled(killer, mob, KillCredit{});
  const v1::GameEvent plain = f.Last();
  CHECK(plain.monster_killed().spawn_tag().empty());
  CHECK(plain.monster_killed().last_hit_char_id() == 150001);
  CHECK(plain.monster_killed().boss_type() == v1::BOSS_TYPE_NONE);
}

TEST_CASE("typed text to an NPC is urgent and names the NPC by display name exname and mesh tag", "[unit]") {
  Fixture f;
  MeshNpc sage;
  sage.tag = "sage_1";
  sage.exname = "3_1_150_180";
  sage.gid = 110000500;
  f.units.AddNpc(sage);
  NpcView npc;
  npc.gid = 110000500;
  npc.name = "Old Sage#aiw3";
  npc.exname = "3_1_150_180";
  npc.sprite = 86;
  f.facade.NpcInteraction(Player(), npc, NpcInteractionKind::kTextInput, "where do porings live?");
  const v1::GameEvent talk = f.Last();
  CHECK(talk.priority() == v1::PRIORITY_URGENT);
  CHECK(talk.npc_interaction().kind() == v1::NPC_INTERACTION_KIND_TEXT_INPUT);
  CHECK(talk.npc_interaction().npc_name() == "Old Sage");
  CHECK(talk.npc_interaction().npc_exname() == "3_1_150_180");
  CHECK(talk.npc_interaction().npc_tag() == "sage_1");
  CHECK(talk.npc_interaction().text() == "where do porings live?");
  f.facade.NpcInteraction(Player(), npc, NpcInteractionKind::kTextInput, "");
  CHECK(f.sink.events.size() == 1);
  f.facade.NpcInteraction(Player(), npc, NpcInteractionKind::kClick);
  CHECK(f.Last().npc_interaction().kind() == v1::NPC_INTERACTION_KIND_CLICK);
  f.facade.NpcInteraction(Player(), npc, NpcInteractionKind::kMenuChoice, "Tell me a story", 2);
  CHECK(f.Last().npc_interaction().menu_choice() == 2);
}

TEST_CASE("public chat is emitted whispers never and party chat only when configured", "[unit]") {
  Fixture f;
  f.facade.Chat(Player(), ChatChannel::kGlobal, "hello from openkore");
  CHECK(f.Last().chat().text() == "hello from openkore");
  f.facade.Chat(Player(), ChatChannel::kWhisper, "a secret");
  f.facade.Chat(Player(), ChatChannel::kParty, "party plans");
  CHECK(f.sink.events.size() == 1);
  FacadeOptions options;
  options.emit_party_chat = true;
  Facade chatty(f.sink, f.units, [&] { return f.now_ms; }, options);
  chatty.Chat(Player(), ChatChannel::kParty, "party plans");
  CHECK(f.Last().chat().channel() == v1::CHAT_CHANNEL_PARTY);
  f.facade.Chat(Player(), ChatChannel::kGlobal, std::string(300, 'a'));
  CHECK(f.Last().chat().text().size() == 255);
}

TEST_CASE("trades vending sales and NPC shop trades carry their items prices and sides", "[unit]") {
  Fixture f;
  ItemView potion;
  potion.item_id = 501;
  potion.amount = 10;
  ItemView card;
  card.item_id = 2104;
  card.amount = 1;
  card.refine = 4;
  card.card_ids = {4001};
  f.facade.Trade(Player(1), Player(2), {potion}, {card}, 0, 15000);
  const v1::GameEvent trade = f.Last();
  CHECK(trade.trade().partner_char_id() == 150002);
  CHECK(trade.trade().items_given(0).amount() == 10);
  CHECK(trade.trade().items_received(0).card_ids(0) == 4001);
  CHECK(trade.trade().zeny_received() == 15000);

  PlayerView vendor = Player(3);
  vendor.map = "prontera";
  vendor.x = 140;
  vendor.y = 200;
  vendor.autotrade = true;
  ItemView sold = potion;
  sold.amount = 5;
  sold.unit_price = 120;
  f.facade.VendingSale(Player(1), vendor, "cheap pots", {sold}, 600, 594);
  const v1::GameEvent sale = f.Last();
  CHECK(sale.x() == 140);
  CHECK(sale.vending_sale().vendor_char_id() == 150003);
  CHECK(sale.vending_sale().items(0).unit_price() == 120);
  CHECK(sale.vending_sale().total_zeny() == 600);
  CHECK(sale.vending_sale().vendor_autotrade());

  NpcView shop;
  shop.gid = 110000001;
  shop.name = "Tool Dealer#prt";
  shop.exname = "prt_tool";
  sold.unit_price = 50;
  f.facade.NpcShopTrade(Player(1), shop, ShopDirection::kBuy, ShopKind::kZeny, {sold}, 250);
  const v1::GameEvent bought = f.Last();
  CHECK(bought.npc_shop_trade().direction() == v1::SHOP_DIRECTION_BUY);
  CHECK(bought.npc_shop_trade().shop_exname() == "prt_tool");
  CHECK(bought.npc_shop_trade().shop_name() == "Tool Dealer");
  const size_t before = f.sink.events.size();
  f.facade.VendingSale(Player(1), vendor, "empty", {}, 0, 0);
  CHECK(f.sink.events.size() == before);
}

TEST_CASE("level ups job changes and quests carry old and new values and the time a quest took", "[unit]") {
  Fixture f;
  f.facade.LevelUp(Player(), LevelKind::kBase, 12, 14);
  CHECK(f.Last().level_up().new_level() == 14);
  f.facade.LevelUp(Player(), LevelKind::kBase, 14, 14);
  CHECK(f.sink.events.size() == 1);
  PlayerView swordman = Player();
  swordman.job_id = 1;
  f.facade.JobChange(swordman, 0, 10);
  CHECK(f.Last().job_change().new_job_id() == 1);

  f.facade.QuestAccepted(Player(), 0, "");  // neither an id nor a key: nothing
  CHECK(f.sink.events.size() == 2);
  f.facade.QuestAccepted(Player(), 0, "q-arc-2-1");  // a generated quest has no quest_db id
  CHECK(f.Last().quest_accepted().mesh_quest_key() == "q-arc-2-1");
  f.now_ms += 600'000;
  f.facade.QuestCompleted(Player(), 0, "q-arc-2-1");
  const v1::GameEvent done = f.Last();
  CHECK(done.quest_completed().mesh_quest_key() == "q-arc-2-1");
  CHECK(done.quest_completed().time_taken().seconds() == 600);
  f.facade.QuestAccepted(Player(), 7121);
  CHECK(f.Last().quest_accepted().quest_id() == 7121);
}

TEST_CASE("a custom event from a script is checked before it is queued and the bad part is named", "[unit]") {
  Fixture f;
  std::string error;
  PlayerView p = Player();
  CHECK(f.facade.Custom(&p, "arena.round_won", R"({"round":3,"team":"red"})", &error));
  const v1::GameEvent custom = f.Last();
  CHECK(custom.custom().name() == "arena.round_won");
  CHECK(custom.char_id() == 150001);
  CHECK_FALSE(f.facade.Custom(&p, "Arena Won", "{}", &error));
  CHECK(error.rfind("name:", 0) == 0);
  CHECK_FALSE(f.facade.Custom(&p, "arena.won", "{\"round\":}", &error));
  CHECK(error.rfind("json:", 0) == 0);
  CHECK_FALSE(f.facade.Custom(nullptr, "arena.won", "[1,2]", &error));
  CHECK(f.sink.events.size() == 1);
  CHECK(f.facade.Custom(nullptr, "server.tick", "{}", &error));
  CHECK(f.Last().char_id() == 0);
}
