// The rAthena action executor against a fake of the game functions: each action kind of
// actions.proto, built as the real message and flattened by the bridge as in the game, maps to the
// right game calls; bad fields are refused naming the field and change nothing; what has a ttl is
// undone when it ends.
#include <google/protobuf/text_format.h>

#include <catch2/catch.hpp>

#include <algorithm>

#include "aiworld/rathena/action_executor.h"
#include "aiworld/rathena/facade.h"
#include "bridge-client/src/proto_mapping.h"
#include "tests/support/fake_game.h"

using namespace aiworld;
using namespace aiworld::rathena;
using aiworld::testing::FakeGame;

namespace {

bridge::Action Flat(const std::string& text) {
  v1::Action action;
  REQUIRE(google::protobuf::TextFormat::ParseFromString(text, &action));
  action.set_action_id("00000000-0000-4000-8000-000000000001");
  return bridge::FromAction(action);
}

Allowlist Allowed() {
  Allowlist allow;
  allow.templates = {"AIW_Tpl_Wanderer"};
  allow.event_npcs = {"AIW_Evt_WorldEvent"};
  allow.map_flags = {"pvp", "bexp"};
  allow.statuses = {"SC_BLESSING"};
  allow.movable_npcs = {"prt_tool"};
  return allow;
}

struct Fixture {
  FakeGame game;
  MeshUnits units;
  int64_t now_ms = 1'800'000'000'000;
  ActionExecutor executor{game, units, [this] { return now_ms; }, Allowed()};

  bridge::ActionResult Run(const std::string& text) { return executor.Execute(Flat(text)); }
};

void RequireRefused(const bridge::ActionResult& r, bridge::ErrorCode code, const std::string& field) {
  INFO("reason: " << r.reason);
  CHECK(r.outcome == bridge::Outcome::kFailed);
  CHECK(static_cast<int>(r.code) == static_cast<int>(code));
  CHECK(r.reason.rfind(field, 0) == 0);
}

}  // namespace

TEST_CASE("every action kind of actions.proto has a mapping and an empty one is refused naming a field", "[unit]") {
  const auto* oneof = v1::Action::descriptor()->FindOneofByName("kind");
  REQUIRE(oneof != nullptr);
  for (int i = 0; i < oneof->field_count(); ++i) {
    const std::string kind = oneof->field(i)->name();
    INFO("kind " << kind);
    const auto& kinds = ActionExecutor::Kinds();
    CHECK(std::find(kinds.begin(), kinds.end(), kind) != kinds.end());
    Fixture f;
    bridge::Action empty;
    empty.kind = kind;
    const bridge::ActionResult r = f.executor.Execute(empty);
    CHECK(r.outcome == bridge::Outcome::kFailed);
    CHECK(r.code != bridge::ErrorCode::kUnsupported);
    CHECK(f.game.calls.empty());
  }
  Fixture f;
  bridge::Action unknown;
  unknown.kind = "teleport_everyone";
  RequireRefused(f.executor.Execute(unknown), bridge::ErrorCode::kUnsupported, "kind");
}

TEST_CASE("a broadcast reaches the server a map or one online character with its colour", "[unit]") {
  Fixture f;
  bridge::ActionResult r = f.Run(R"(broadcast { scope: BROADCAST_SCOPE_SERVER text: "The Poring King stirs" style: BROADCAST_STYLE_BLUE })");
  CHECK(r.outcome == bridge::Outcome::kDone);
  CHECK(f.game.calls.back() == "BroadcastServer(The Poring King stirs,16)");
  f.Run(R"(broadcast { scope: BROADCAST_SCOPE_SERVER text: "gold" color_rgb: 16766720 })");
  CHECK(f.game.calls.back() == "BroadcastServer(gold,0,rgb=16766720)");
  CHECK(f.Run(R"(broadcast { scope: BROADCAST_SCOPE_MAP map: "prt_fild08" text: "Fog rolls in" })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.calls.back() == "BroadcastMap(prt_fild08,Fog rolls in)");
  CHECK(f.Run(R"(broadcast { scope: BROADCAST_SCOPE_PLAYER char_id: 150001 text: "Well met" })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.calls.back() == "BroadcastPlayer(150001,Well met)");

  const size_t calls = f.game.calls.size();
  r = f.Run(R"(broadcast { scope: BROADCAST_SCOPE_PLAYER char_id: 150002 text: "Hello" })");
  CHECK(r.outcome == bridge::Outcome::kRetry);
  CHECK(r.code == bridge::ErrorCode::kTargetOffline);
  RequireRefused(f.Run(R"(broadcast { scope: BROADCAST_SCOPE_MAP map: "nowhere" text: "x" })"), bridge::ErrorCode::kInvalid, "map");
  RequireRefused(f.Run(R"(broadcast { scope: BROADCAST_SCOPE_SERVER })"), bridge::ErrorCode::kInvalid, "text");
  RequireRefused(f.Run(R"(broadcast { text: "x" })"), bridge::ErrorCode::kInvalid, "scope");
  CHECK(f.game.calls.size() == calls);
}

TEST_CASE("spawned monsters carry their tag until killed and the survivors are removed when the ttl ends", "[unit]") {
  Fixture f;
  const bridge::ActionResult r = f.Run(R"(spawn_monster { at { map: "prt_fild08" x: 100 y: 120 } mob_id: 1113 amount: 3
      hp_percent: 250 ttl { seconds: 600 } spawn_tag: "antifarm_boss" })");
  REQUIRE(r.outcome == bridge::Outcome::kDone);
  CHECK(r.affected == 3);
  CHECK(f.game.calls.back() == "SpawnMonsters(prt_fild08,100,120,1113,3,hp=250,event=)");
  const std::vector<uint32_t> gids = f.units.MonstersOf("antifarm_boss", "");
  REQUIRE(gids.size() == 3);

  // One of them is killed: the kill event carries the tag, and the monster is forgotten.
  struct Recorder : EventSink {
    std::vector<bridge::Event> events;
    bool Emit(bridge::Event e) override {
      events.push_back(std::move(e));
      return true;
    }
  } sink;
  Facade facade(sink, f.units, [&] { return f.now_ms; });
  PlayerView killer;
  killer.char_id = 150001;
  killer.map = "prt_fild08";
  MonsterView dead;
  dead.gid = gids[0];
  dead.mob_id = 1113;
  dead.map = "prt_fild08";
  facade.MonsterKilled(killer, dead, KillCredit{});
  REQUIRE(sink.events.size() == 1);
  bool tagged = false;
  for (const auto& field : sink.events[0].fields()) tagged = tagged || (field.path == "spawn_tag" && std::get<std::string>(field.value) == "antifarm_boss");
  CHECK(tagged);
  f.game.live_monsters.erase(gids[0]);

  f.now_ms += 599'000;
  CHECK(f.executor.ExpireDue() == 0);
  f.now_ms += 1'000;
  CHECK(f.executor.ExpireDue() == 1);
  CHECK(f.game.calls.back() == "RemoveMonsters(2)");
  CHECK(f.game.live_monsters.empty());
  CHECK(f.units.monster_count() == 0);
}

TEST_CASE("a spawn is refused naming the bad field and spawns nothing", "[unit]") {
  Fixture f;
  RequireRefused(f.Run(R"(spawn_monster { at { map: "prt_fild08" } mob_id: 999 amount: 1 ttl { seconds: 60 } spawn_tag: "t" })"),
                 bridge::ErrorCode::kInvalid, "mob_id");
  RequireRefused(f.Run(R"(spawn_monster { at { map: "prt_fild08" } mob_id: 1002 amount: 101 ttl { seconds: 60 } spawn_tag: "t" })"),
                 bridge::ErrorCode::kInvalid, "amount");
  RequireRefused(f.Run(R"(spawn_monster { at { map: "prt_fild08" } mob_id: 1002 amount: 1 spawn_tag: "t" })"), bridge::ErrorCode::kInvalid, "ttl");
  RequireRefused(f.Run(R"(spawn_monster { at { map: "prt_fild08" } mob_id: 1002 amount: 1 ttl { seconds: 60 } spawn_tag: "Bad Tag" })"),
                 bridge::ErrorCode::kInvalid, "spawn_tag");
  RequireRefused(f.Run(R"(spawn_monster { at { map: "atlantis" } mob_id: 1002 amount: 1 ttl { seconds: 60 } spawn_tag: "t" })"),
                 bridge::ErrorCode::kInvalid, "at.map");
  RequireRefused(f.Run(R"(spawn_monster { at { map: "prt_fild08" } mob_id: 4242 amount: 1 ttl { seconds: 60 } spawn_tag: "t" })"),
                 bridge::ErrorCode::kInvalid, "mob_id");
  RequireRefused(f.Run(R"(spawn_monster { at { map: "prt_fild08" } mob_id: 1002 amount: 1 ttl { seconds: 60 } spawn_tag: "t"
      death_event: "SomeNpc::OnDeath" })"), bridge::ErrorCode::kNotAllowed, "death_event");
  CHECK(f.game.calls.empty());
  CHECK(f.executor.pending_expiries() == 0);
}

TEST_CASE("remove_monsters removes the live monsters of a tag on one map or everywhere", "[unit]") {
  Fixture f;
  f.Run(R"(spawn_monster { at { map: "prt_fild08" } mob_id: 1002 amount: 2 ttl { seconds: 600 } spawn_tag: "problem_7" })");
  f.Run(R"(spawn_monster { at { map: "gef_fild10" } mob_id: 1002 amount: 4 ttl { seconds: 600 } spawn_tag: "problem_7" })");
  bridge::ActionResult r = f.Run(R"(remove_monsters { spawn_tag: "problem_7" map: "gef_fild10" })");
  CHECK(r.outcome == bridge::Outcome::kDone);
  CHECK(r.affected == 4);
  r = f.Run(R"(remove_monsters { spawn_tag: "problem_7" })");
  CHECK(r.affected == 2);
  r = f.Run(R"(remove_monsters { spawn_tag: "problem_7" })");
  CHECK(r.outcome == bridge::Outcome::kDone);
  CHECK(r.affected == 0);
}

TEST_CASE("an NPC is duplicated from an allowed template with its parameters and removed by tag or at its ttl", "[unit]") {
  Fixture f;
  RequireRefused(f.Run(R"(spawn_npc { template_name: "Kafra" npc_tag: "w1" at { map: "prontera" x: 150 y: 180 }
      sprite_id: 4 display_name: "Kafra" ttl { seconds: 3600 } })"), bridge::ErrorCode::kNotAllowed, "template_name");
  RequireRefused(f.Run(R"(spawn_npc { template_name: "AIW_Tpl_Wanderer" npc_tag: "w1" at { map: "prontera" }
      sprite_id: 4 display_name: "Wanderer" ttl { seconds: 3600 } })"), bridge::ErrorCode::kInvalid, "at");
  CHECK(f.game.calls.empty());

  const bridge::ActionResult r = f.Run(R"(spawn_npc { template_name: "AIW_Tpl_Wanderer" npc_tag: "wanderer_3" at { map: "prontera" x: 150 y: 180 }
      facing: 4 sprite_id: 86 display_name: "Old Sage" parameters { key: "mood" value: "cheerful" } ttl { seconds: 3600 } })");
  REQUIRE(r.outcome == bridge::Outcome::kDone);
  CHECK(f.game.calls[0] == "DuplicateNpc(AIW_Tpl_Wanderer,Old Sage,prontera,150,180)");
  const MeshNpc* npc = f.units.NpcByTag("wanderer_3");
  REQUIRE(npc != nullptr);
  CHECK(f.game.npc_vars.at(npc->exname + "..aiw_mood$") == "cheerful");
  CHECK(f.game.npc_vars.at(npc->exname + "..aiw_tag$") == "wanderer_3");
  CHECK(f.game.calls.back() == "RunNpcEvent(" + npc->exname + "::OnAIWInit)");
  RequireRefused(f.Run(R"(spawn_npc { template_name: "AIW_Tpl_Wanderer" npc_tag: "wanderer_3" at { map: "prontera" x: 151 y: 180 }
      sprite_id: 86 display_name: "Twin" ttl { seconds: 3600 } })"), bridge::ErrorCode::kInvalid, "npc_tag");

  const std::string exname = npc->exname;
  CHECK(f.Run(R"(remove_npc { npc_tag: "wanderer_3" })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.calls.back() == "RemoveNpc(" + exname + ")");
  RequireRefused(f.Run(R"(remove_npc { npc_tag: "wanderer_3" })"), bridge::ErrorCode::kNotFound, "npc_tag");

  f.Run(R"(spawn_npc { template_name: "AIW_Tpl_Wanderer" npc_tag: "wanderer_4" at { map: "prontera" x: 150 y: 180 }
      sprite_id: 86 display_name: "Sage" ttl { seconds: 60 } })");
  const std::string second = f.units.NpcByTag("wanderer_4")->exname;
  f.now_ms += 60'000;
  f.executor.ExpireDue();
  CHECK(f.units.NpcByTag("wanderer_4") == nullptr);
  CHECK(f.game.calls.back() == "RemoveNpc(" + second + ")");
}

TEST_CASE("NPCs move and speak by mesh tag or allowed server name and a dialog line needs its character", "[unit]") {
  Fixture f;
  f.Run(R"(spawn_npc { template_name: "AIW_Tpl_Wanderer" npc_tag: "bard" at { map: "prontera" x: 150 y: 180 }
      sprite_id: 86 display_name: "Bard" ttl { seconds: 600 } })");
  const std::string bard = f.units.NpcByTag("bard")->exname;
  CHECK(f.Run(R"(move_npc { npc { tag: "bard" } to { x: 155 y: 185 } })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.calls.back() == "WalkNpc(" + bard + ",,155,185)");
  CHECK(f.Run(R"(move_npc { npc { exname: "prt_tool" } to { map: "prt_fild08" x: 10 y: 20 } mode: NPC_MOVE_MODE_WARP })").outcome ==
        bridge::Outcome::kDone);
  CHECK(f.game.calls.back() == "WarpNpc(prt_tool,prt_fild08,10,20)");
  RequireRefused(f.Run(R"(move_npc { npc { exname: "Kafra_01" } to { x: 1 y: 1 } })"), bridge::ErrorCode::kNotAllowed, "npc.exname");
  RequireRefused(f.Run(R"(move_npc { npc { tag: "ghost" } to { x: 1 y: 1 } })"), bridge::ErrorCode::kNotFound, "npc.tag");

  CHECK(f.Run(R"(npc_say { npc { tag: "bard" } char_id: 150001 text: "Back again?" emotion: 2 mode: NPC_SAY_MODE_DIALOG })").outcome ==
        bridge::Outcome::kDone);
  CHECK(f.game.calls.back() == "NpcSpeak(" + bard + ",150001,Back again?,dialog,emotion=2)");
  RequireRefused(f.Run(R"(npc_say { npc { tag: "bard" } text: "Hi" mode: NPC_SAY_MODE_DIALOG })"), bridge::ErrorCode::kInvalid, "char_id");
  RequireRefused(f.Run(R"(npc_say { npc { tag: "bard" } char_id: 150009 text: "Hi" mode: NPC_SAY_MODE_DIALOG })"), bridge::ErrorCode::kNotFound,
                 "character");
  CHECK(f.Run(R"(npc_say { npc { tag: "bard" } char_id: 150009 text: "Hi" })").outcome == bridge::Outcome::kRetry);
}

TEST_CASE("a reward goes to an online character all or nothing and its reason is shown when asked", "[unit]") {
  Fixture f;
  const char* reward = R"(give_reward { char_id: 150001 reward { items { item_id: 607 amount: 2 } zeny: 5000 base_exp: 1200 }
      reason: "Hero of the arc" notify: true })";
  CHECK(f.Run(reward).outcome == bridge::Outcome::kDone);
  CHECK(f.game.calls[0] == "GiveReward(150001,items=1,zeny=5000,base_exp=1200)");
  CHECK(f.game.calls[1] == "SystemMessage(150001,Hero of the arc)");

  f.game.calls.clear();
  f.game.refuse_rewards = true;
  RequireRefused(f.Run(reward), bridge::ErrorCode::kGameRefused, "overweight");
  CHECK(f.game.calls.size() == 1);  // no message for a reward not given

  f.game.calls.clear();
  RequireRefused(f.Run(R"(give_reward { char_id: 150001 reward { items { item_id: 424242 amount: 1 } } reason: "x" })"),
                 bridge::ErrorCode::kInvalid, "reward.items");
  RequireRefused(f.Run(R"(give_reward { char_id: 150001 reward { } reason: "x" })"), bridge::ErrorCode::kInvalid, "reward");
  RequireRefused(f.Run(R"(give_reward { char_id: 12 reward { zeny: 1 } reason: "x" })"), bridge::ErrorCode::kInvalid, "char_id");
  const bridge::ActionResult offline = f.Run(R"(give_reward { char_id: 150002 reward { zeny: 1 } reason: "x" })");
  CHECK(offline.outcome == bridge::Outcome::kRetry);
  CHECK(offline.code == bridge::ErrorCode::kTargetOffline);
  CHECK(f.game.calls.empty());
}

TEST_CASE("a quest offer adds an rAthena quest or writes a generated one into aiw_q variables", "[unit]") {
  Fixture f;
  CHECK(f.Run(R"(offer_quest { char_id: 150001 quest_id: 7121 })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.calls.back() == "AddQuest(150001,7121)");
  const bridge::ActionResult r = f.Run(R"(offer_quest { char_id: 150001 generated { quest_key: "q-arc-2-1" title: "Spores at dusk"
      description: "Clear the spores." objectives { kind: QUEST_OBJECTIVE_KIND_KILL mob_id: 1014 quantity: 10 description: "Kill 10 Spores" }
      reward { zeny: 900 base_exp: 300 } } })");
  CHECK(r.outcome == bridge::Outcome::kDone);
  CHECK(f.game.char_vars.at({150001, "aiw_q_key$"}) == "q-arc-2-1");
  CHECK(f.game.char_vars.at({150001, "aiw_q_title$"}) == "Spores at dusk");
  CHECK(f.game.char_vars.at({150001, "aiw_q_goal1$"}) == "Kill 10 Spores");
  CHECK(f.game.char_vars.at({150001, "aiw_q_zeny"}) == "900");
  CHECK(f.game.char_vars.at({150001, "aiw_q_state"}) == "1");
  CHECK(f.game.calls.back() == "SystemMessage(150001,New quest: Spores at dusk (see a quest board))");
  RequireRefused(f.Run(R"(offer_quest { char_id: 150001 generated { quest_key: "k" title: "t" description: "d" } })"),
                 bridge::ErrorCode::kInvalid, "generated.objectives");
}

TEST_CASE("map flags and weather come back to what they were when the last override ends", "[unit]") {
  Fixture f;
  f.game.flags[{"prt_fild08", "bexp"}] = {true, 100};
  REQUIRE(f.Run(R"(set_map_flag { map: "prt_fild08" flag: "bexp" enabled: true value: 150 ttl { seconds: 600 } })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.GetMapFlag("prt_fild08", "bexp").value == 150);
  f.now_ms += 300'000;
  REQUIRE(f.Run(R"(set_map_flag { map: "prt_fild08" flag: "bexp" enabled: true value: 200 ttl { seconds: 600 } })").outcome == bridge::Outcome::kDone);
  f.now_ms += 300'000;  // the first override's end: the second still holds
  f.executor.ExpireDue();
  CHECK(f.game.GetMapFlag("prt_fild08", "bexp").value == 200);
  f.now_ms += 300'000;
  f.executor.ExpireDue();
  CHECK(f.game.GetMapFlag("prt_fild08", "bexp").enabled);
  CHECK(f.game.GetMapFlag("prt_fild08", "bexp").value == 100);
  RequireRefused(f.Run(R"(set_map_flag { map: "prt_fild08" flag: "nowarp" enabled: true ttl { seconds: 60 } })"), bridge::ErrorCode::kNotAllowed, "flag");

  f.game.calls.clear();
  f.game.flags[{"prontera", "fog"}] = {true, 0};
  REQUIRE(f.Run(R"(set_weather { map: "prontera" effect: WEATHER_EFFECT_SNOW ttl { seconds: 600 } })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.GetMapFlag("prontera", "snow").enabled);
  CHECK_FALSE(f.game.GetMapFlag("prontera", "fog").enabled);
  CHECK(f.game.calls.back() == "RefreshWeather(prontera)");
  f.now_ms += 600'000;
  f.executor.ExpireDue();
  CHECK_FALSE(f.game.GetMapFlag("prontera", "snow").enabled);
  CHECK(f.game.GetMapFlag("prontera", "fog").enabled);
  CHECK(f.game.calls.back() == "RefreshWeather(prontera)");
  RequireRefused(f.Run(R"(set_weather { map: "prontera" effect: WEATHER_EFFECT_RAIN ttl { seconds: 600 } })"), bridge::ErrorCode::kUnsupported,
                 "effect");
}

TEST_CASE("shop prices world events character variables and statuses map to their game calls", "[unit]") {
  Fixture f;
  CHECK(f.Run(R"(update_shop { shop_exname: "prt_tool" item_id: 501 price: 65 })").outcome == bridge::Outcome::kDone);
  CHECK((f.game.shop_prices.at({"prt_tool", 501}) == 65));
  RequireRefused(f.Run(R"(update_shop { shop_exname: "prt_tool" item_id: 502 price: 65 })"), bridge::ErrorCode::kNotFound, "prt_tool");
  RequireRefused(f.Run(R"(update_shop { shop_exname: "prt_tool" item_id: 501 })"), bridge::ErrorCode::kInvalid, "price");

  CHECK(f.Run(R"(start_world_event { event_key: "we-42" npc_exname: "AIW_Evt_WorldEvent" parameters { key: "theme" value: "harvest" }
      duration { seconds: 1800 } })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.npc_vars.at("AIW_Evt_WorldEvent..aiw_theme$") == "harvest");
  CHECK(f.game.calls.back() == "RunNpcEvent(AIW_Evt_WorldEvent::OnAIWStart)");
  f.now_ms += 1'800'000;
  f.executor.ExpireDue();
  CHECK(f.game.calls.back() == "RunNpcEvent(AIW_Evt_WorldEvent::OnAIWEnd)");
  RequireRefused(f.Run(R"(start_world_event { event_key: "x" npc_exname: "prt_tool" duration { seconds: 60 } })"), bridge::ErrorCode::kNotAllowed,
                 "npc_exname");

  CHECK(f.Run(R"(set_char_variable { char_id: 150001 name: "aiw_karma" int_value: -35 })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.char_vars.at({150001, "aiw_karma"}) == "-35");
  CHECK(f.Run(R"(set_char_variable { char_id: 150001 name: "aiw_title" string_value: "Wardens' Friend" })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.char_vars.at({150001, "aiw_title$"}) == "Wardens' Friend");
  RequireRefused(f.Run(R"(set_char_variable { char_id: 150001 name: "Zeny" int_value: 1 })"), bridge::ErrorCode::kInvalid, "name");

  CHECK(f.Run(R"(apply_status { char_id: 150001 status: "SC_BLESSING" value1: 10 duration { seconds: 240 } })").outcome == bridge::Outcome::kDone);
  CHECK(f.game.calls.back() == "ApplyStatus(150001,SC_BLESSING,10,240000)");
  RequireRefused(f.Run(R"(apply_status { char_id: 150001 status: "SC_BERSERK" value1: 1 duration { seconds: 60 } })"), bridge::ErrorCode::kNotAllowed,
                 "status");
}
