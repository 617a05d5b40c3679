// The Decision (NPC behaviour) agent: behaviours by class as in the reference (§3.1 Decision), the
// class from the catalogue's NPC sprites, and the bounds: one act per NPC per 5 minutes, 3 actions per
// map and 20 per tick, only where players are, only mesh NPCs walk.
#include <catch2/catch.hpp>

#include <map>

#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/core/npc_behaviour/behaviour_plan.h"
#include "services/core/npc_behaviour/npc_behaviour_agent.h"
#include "services/core/npc_behaviour/npc_class.h"
#include "services/core/npc_behaviour/npc_registry.h"

using namespace aiworld;
using core::Behaviour;
using core::BehaviourClass;

namespace {
const absl::Time kT0 = absl::FromUnixSeconds(1700000040);  // a minute boundary
const GameCatalogue& Catalogue() { return GameCatalogue::BuiltIn(); }

std::vector<std::string> Names(const std::vector<Behaviour>& bs) {
  std::vector<std::string> out;
  for (Behaviour b : bs) out.emplace_back(core::BehaviourName(b));
  return out;
}

v1::RoutedEvent Met(uint32_t index, const std::string& exname, int sprite, const std::string& map, const std::string& tag = "") {
  v1::RoutedEvent r;
  r.set_index(index);
  v1::GameEvent* e = r.mutable_event();
  e->set_char_id(150001);
  e->set_map(map);
  e->set_x(150);
  e->set_y(180);
  *e->mutable_occurred_at() = ToProto(kT0);
  v1::NpcInteraction* i = e->mutable_npc_interaction();
  i->set_kind(v1::NPC_INTERACTION_KIND_CLICK);
  i->set_npc_exname(exname);
  i->set_npc_name(exname);
  i->set_npc_sprite(sprite);
  i->set_npc_tag(tag);
  return r;
}

struct World {
  agentkit::MemoryStateStore state;
  core::NpcBehaviourAgent agent;
  v1::WorldSnapshot snapshot;

  void Learn(const std::vector<v1::RoutedEvent>& events) {
    SeededRandom random(1);
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = 1;
    ctx.now = kT0;
    ctx.random = &random;
    ctx.state = &state;
    std::vector<const v1::RoutedEvent*> view;
    for (const auto& e : events) view.push_back(&e);
    std::vector<v1::Action> none;
    REQUIRE(agent.HandleEvents(ctx, view, &none).ok());
    CHECK(none.empty());
  }

  std::vector<v1::Action> Tick(absl::Time now, uint64_t seed = 3) {
    SeededRandom random(seed);
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.now = now;
    ctx.random = &random;
    ctx.state = &state;
    ctx.world = &snapshot;
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, core::NpcBehaviourAgent::kTickJob, &actions).ok());
    return actions;
  }
};

std::string NpcOf(const v1::Action& a) {
  const v1::NpcRef& r = a.has_move_npc() ? a.move_npc().npc() : a.npc_say().npc();
  return r.has_tag() ? r.tag() : r.exname();
}
}  // namespace

TEST_CASE("npc behaviour offers the reference behaviours by class and mobility", "[unit]") {
  using V = std::vector<std::string>;
  CHECK(Names(core::AvailableBehaviours(BehaviourClass::kCommoner, false)) == V{"idle", "emote"});
  CHECK(Names(core::AvailableBehaviours(BehaviourClass::kCommoner, true)) == V{"idle", "emote", "wander", "exploration", "return_home"});
  CHECK(Names(core::AvailableBehaviours(BehaviourClass::kMerchant, false)) ==
        V{"idle", "emote", "advertise", "organize_inventory", "check_prices"});
  CHECK(Names(core::AvailableBehaviours(BehaviourClass::kGuard, false)) == V{"idle", "emote", "watch", "challenge"});
  CHECK(Names(core::AvailableBehaviours(BehaviourClass::kGuard, true)) ==
        V{"idle", "emote", "wander", "exploration", "return_home", "patrol", "watch", "challenge"});
  CHECK(Names(core::AvailableBehaviours(BehaviourClass::kQuestGiver, false)) == V{"idle", "emote", "review_quests", "update_board"});
  CHECK(Names(core::AvailableBehaviours(BehaviourClass::kQuestGiver, true)) ==
        V{"idle", "emote", "wander", "exploration", "return_home", "seek_adventurers", "review_quests", "update_board"});
  CHECK(core::AvailableBehaviours(BehaviourClass::kInanimate, true).empty());

  const auto guard_fixed = core::AvailableBehaviours(BehaviourClass::kGuard, false);
  CHECK(core::ParseBehaviour("Challenge.", guard_fixed) == Behaviour::kChallenge);
  INFO("patrol needs a mobile guard");
  CHECK_FALSE(core::ParseBehaviour("patrol", guard_fixed).has_value());
  CHECK(core::ParseBehaviour("I'd say return home", core::AvailableBehaviours(BehaviourClass::kCommoner, true)) == Behaviour::kReturnHome);
}

TEST_CASE("npc class comes from the catalogue sprite roles then the name", "[unit]") {
  CHECK(core::ClassifyNpc(58, "Tool Dealer", false, Catalogue()) == BehaviourClass::kMerchant);   // 1_M_MERCHANT
  CHECK(core::ClassifyNpc(65, "Knight", false, Catalogue()) == BehaviourClass::kGuard);           // 1_M_YOUNGKNIGHT
  CHECK(core::ClassifyNpc(55, "Examiner", false, Catalogue()) == BehaviourClass::kQuestGiver);    // job_master,quest_giver
  CHECK(core::ClassifyNpc(54, "Guide", false, Catalogue()) == BehaviourClass::kQuestGiver);       // villager,quest_giver
  CHECK(core::ClassifyNpc(47, "Townsman", false, Catalogue()) == BehaviourClass::kCommoner);      // villager,wanderer
  CHECK(core::ClassifyNpc(111, "Trigger", false, Catalogue()) == BehaviourClass::kInanimate);     // HIDDEN_NPC
  CHECK(core::ClassifyNpc(-1, "Floating", false, Catalogue()) == BehaviourClass::kInanimate);     // FAKE_NPC
  CHECK(core::ClassifyNpc(837, "Board", false, Catalogue()) == BehaviourClass::kInanimate);       // bulletin board sign
  CHECK(core::ClassifyNpc(47, "Prontera Guard", false, Catalogue()) == BehaviourClass::kGuard);   // no class role: the name
  CHECK(core::ClassifyNpc(std::nullopt, "Weapon Dealer", false, Catalogue()) == BehaviourClass::kMerchant);
  CHECK(core::ClassifyNpc(65, "Knight", true, Catalogue()) == BehaviourClass::kMerchant);         // seen selling
}

TEST_CASE("npc registry round-trips and learns NPCs from interactions and shop trades", "[unit]") {
  core::KnownNpc n;
  n.ref.set_exname("Odd\tName#1");
  n.name = "Odd\\Name";
  n.sprite = 58;
  n.map = "prontera";
  n.home_x = 10;
  n.x = 12;
  n.last_seen = kT0;
  const auto back = core::DecodeKnownNpc(core::EncodeKnownNpc(n));
  REQUIRE(back.has_value());
  CHECK(back->ref.exname() == "Odd\tName#1");
  CHECK(back->name == "Odd\\Name");
  CHECK(back->sprite == 58);
  CHECK(back->x == 12);
  CHECK(back->last_seen == kT0);
  CHECK(back->last_acted == absl::InfinitePast());

  agentkit::MemoryStateStore state;
  core::NpcRegistry registry(state, "srv1");
  registry.Observe(Met(0, "Guard#1", 65, "prontera").event(), kT0);
  registry.Observe(Met(1, "Guard#1", 65, "prontera").event(), kT0 + absl::Minutes(1));
  v1::GameEvent shop;
  shop.set_map("geffen");
  shop.set_x(100);
  shop.set_y(90);
  shop.mutable_npc_shop_trade()->set_shop_exname("Tool Dealer#gef");
  shop.mutable_npc_shop_trade()->set_shop_name("Tool Dealer");
  registry.Observe(shop, kT0);
  const auto all = registry.All();
  REQUIRE(all.size() == 2);
  CHECK(registry.Count() == 2);
  CHECK(all[0].ref.exname() == "Guard#1");
  CHECK(all[0].home_x == 150);
  CHECK(all[0].last_seen == kT0 + absl::Minutes(1));
  CHECK(all[1].shop);
  CHECK_FALSE(all[1].sprite.has_value());
  registry.Forget(all[0]);
  CHECK(registry.Count() == 1);
}

TEST_CASE("npc behaviour declares a 60 s interval job and acts only on it", "[unit]") {
  core::NpcBehaviourAgent agent;
  const auto jobs = agent.jobs();
  REQUIRE(jobs.size() == 1);
  CHECK(jobs[0].name() == "npc_behaviour.tick");
  CHECK(FromProto(jobs[0].schedule().interval().every()) == absl::Seconds(60));
  World w;
  SeededRandom random(1);
  agentkit::AgentContext ctx;
  ctx.random = &random;
  ctx.state = &w.state;
  std::vector<v1::Action> actions;
  CHECK(w.agent.RunJob(ctx, "npc_behaviour.other", &actions).code() == absl::StatusCode::kUnimplemented);
}

TEST_CASE("npc behaviour lets an NPC act at most once per 5 minutes", "[unit]") {
  World w;
  w.Learn({Met(0, "Tool Dealer#prt", 58, "prontera")});
  // Idle emits nothing but still uses the turn: find the first tick that acted.
  int acted_at = -1;
  for (int minute = 0; minute < 60 && acted_at < 0; minute += 5) {
    if (!w.Tick(kT0 + absl::Minutes(minute), static_cast<uint64_t>(minute)).empty()) acted_at = minute;
  }
  REQUIRE(acted_at >= 0);
  const absl::Time acted = kT0 + absl::Minutes(acted_at);
  for (int s = 60; s < 300; s += 60) {
    INFO("no act " << s << " s after the last one");
    CHECK(w.Tick(acted + absl::Seconds(s)).empty());
  }
  CHECK(w.Tick(acted + absl::Seconds(299)).empty());
  INFO("at exactly 5 minutes the NPC may act again (its state says it was its turn)");
  w.Tick(acted + absl::Seconds(300));
  const auto npcs = core::NpcRegistry(w.state, "srv1").All();
  REQUIRE(npcs.size() == 1);
  CHECK(npcs[0].last_acted == acted + absl::Seconds(300));
}

TEST_CASE("npc behaviour caps 3 actions per map and 20 per tick", "[unit]") {
  World w;
  std::vector<v1::RoutedEvent> events;
  for (int i = 0; i < 12; ++i) events.push_back(Met(i, "Merchant#" + std::to_string(i), 58, "prontera"));
  const std::vector<std::string> maps = {"geffen", "payon", "morocc", "alberta", "izlude", "aldebaran", "prt_fild08", "prt_fild01",
                                         "gef_fild01", "pay_fild01", "moc_fild01", "mjolnir_01"};
  for (size_t m = 0; m < maps.size(); ++m) {
    for (int i = 0; i < 4; ++i) {
      events.push_back(Met(100 + m * 4 + i, absl::StrCat("Guard#", maps[m], i), 65, maps[m], absl::StrCat("guard_", m, "_", i)));
    }
  }
  w.Learn(events);
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    World fresh;
    fresh.Learn(events);
    const auto actions = fresh.Tick(kT0, seed);
    std::map<std::string, int> per_map;
    for (const auto& a : actions) ++per_map[a.target().map()];
    INFO("seed " << seed << ": " << actions.size() << " actions");
    CHECK(actions.size() <= 20);
    CHECK(!actions.empty());
    for (const auto& [map, n] : per_map) {
      INFO(map << " got " << n << " actions, at most 3 allowed");
      CHECK(n <= 3);
    }
    for (const auto& a : actions) {
      CHECK(a.priority() == v1::PRIORITY_LOW);
      CHECK(a.cause().job().job() == "npc_behaviour.tick");
      CHECK(a.idempotency_key().rfind("npc_behaviour/1700000040/", 0) == 0);
      CHECK(a.idempotency_key().size() <= 200);
    }
  }
}

TEST_CASE("npc behaviour acts only where players are and never for inanimate NPCs", "[unit]") {
  World w;
  w.Learn({Met(0, "Merchant#prt", 58, "prontera"), Met(1, "Merchant#gef", 58, "geffen"), Met(2, "Trigger#prt", 111, "prontera")});
  v1::MapActivity* m = w.snapshot.add_maps();
  m->set_map("prontera");
  m->set_players_now(0);
  m = w.snapshot.add_maps();
  m->set_map("geffen");
  m->set_players_now(5);
  int acted = 0;
  for (int minute = 0; minute < 120; minute += 5) {
    for (const auto& a : w.Tick(kT0 + absl::Minutes(minute), static_cast<uint64_t>(minute))) {
      INFO("only geffen has players");
      CHECK(NpcOf(a) == "Merchant#gef");
      ++acted;
    }
  }
  CHECK(acted > 0);
}

TEST_CASE("npc behaviour moves only mesh NPCs by default and within the map", "[unit]") {
  World w;
  w.Learn({Met(0, "Townsman#prt", 47, "prontera"), Met(1, "Wanderer", 47, "prontera", "mesh_wanderer_1")});
  int moves = 0;
  for (int minute = 0; minute < 600; minute += 5) {
    for (const auto& a : w.Tick(kT0 + absl::Minutes(minute), static_cast<uint64_t>(minute))) {
      if (!a.has_move_npc()) continue;
      ++moves;
      CHECK(a.move_npc().npc().tag() == "mesh_wanderer_1");
      CHECK(a.move_npc().to().map() == "prontera");
      CHECK(a.move_npc().to().x() >= 1);
      CHECK(a.move_npc().to().x() <= 310);  // prontera is 312 x 392
      CHECK(a.move_npc().to().y() >= 1);
      CHECK(a.move_npc().to().y() <= 390);
    }
  }
  CHECK(moves > 0);
}

TEST_CASE("npc behaviour plans patrol corners wander radius and catalogue wares", "[unit]") {
  core::KnownNpc guard;
  guard.ref.set_tag("guard_1");
  guard.map = "prontera";
  guard.home_x = guard.x = 100;
  guard.home_y = guard.y = 100;
  SeededRandom random(4);
  auto plan = core::PlanBehaviour(guard, Behaviour::kPatrol, random, Catalogue());
  REQUIRE(plan.move.has_value());
  CHECK(plan.move->to().x() == 106);
  CHECK(plan.move->to().y() == 106);
  CHECK(plan.waypoint == 1);
  guard.waypoint = plan.waypoint;
  plan = core::PlanBehaviour(guard, Behaviour::kPatrol, random, Catalogue());
  CHECK(plan.move->to().x() == 106);
  CHECK(plan.move->to().y() == 94);

  for (int i = 0; i < 50; ++i) {
    plan = core::PlanBehaviour(guard, Behaviour::kWander, random, Catalogue());
    CHECK(std::abs(plan.x - 100) <= 5);
    CHECK(std::abs(plan.y - 100) <= 5);
  }
  CHECK_FALSE(core::PlanBehaviour(guard, Behaviour::kReturnHome, random, Catalogue()).move.has_value());  // already home
  CHECK_FALSE(core::PlanBehaviour(guard, Behaviour::kIdle, random, Catalogue()).say.has_value());
  core::KnownNpc corner = guard;
  corner.home_x = corner.x = corner.home_y = corner.y = 1;
  for (int i = 0; i < 20; ++i) {
    plan = core::PlanBehaviour(corner, Behaviour::kExploration, random, Catalogue());
    CHECK(plan.x >= 1);
    CHECK(plan.y >= 1);
  }

  core::KnownNpc merchant = guard;
  plan = core::PlanBehaviour(merchant, Behaviour::kAdvertise, random, Catalogue());
  REQUIRE(plan.say.has_value());
  bool names_a_ware = false;
  for (const ItemInfo* i : Catalogue().ItemsOfKind(ItemKind::kHealing)) names_a_ware |= plan.say->text().find(i->name) != std::string::npos;
  for (const ItemInfo* i : Catalogue().ItemsOfKind(ItemKind::kUsable)) names_a_ware |= plan.say->text().find(i->name) != std::string::npos;
  INFO(plan.say->text());
  CHECK(names_a_ware);
  CHECK(plan.say->mode() == v1::NPC_SAY_MODE_OVERHEAD);
  CHECK(plan.say->char_id() == 0);
}

TEST_CASE("npc behaviour decides the same from the same seed", "[unit]") {
  World a, b;
  const std::vector<v1::RoutedEvent> events = {Met(0, "Merchant#1", 58, "prontera"), Met(1, "Guard#1", 65, "prontera", "g1"),
                                               Met(2, "Guide#1", 54, "geffen")};
  a.Learn(events);
  b.Learn(events);
  const auto x = a.Tick(kT0, 42);
  const auto y = b.Tick(kT0, 42);
  REQUIRE(x.size() == y.size());
  for (size_t i = 0; i < x.size(); ++i) CHECK(x[i].SerializeAsString() == y[i].SerializeAsString());
}
