// The WorldEvent agent: the reference's rule table and thresholds with their boundaries, events
// from the snapshot (broadcast, event NPC, map flags with ttl, invasion waves), at most one at a
// time, cooldowns that survive a new agent instance, and ListWorldEvents.
#include <catch2/catch.hpp>

#include <set>

#include <google/protobuf/util/message_differencer.h>

#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/procedural/world_event/world_event_agent.h"
#include "services/procedural/world_event/world_event_book.h"
#include "services/procedural/world_event/world_event_impacts.h"
#include "services/procedural/world_event/world_event_queries.h"
#include "services/procedural/world_event/world_event_rules.h"

using namespace aiworld;
using namespace aiworld::procedural;

namespace {

const absl::Time kNoon = absl::FromUnixSeconds(1'767'268'800);  // 2026-01-01 12:00 UTC

// Every draw the same: 0 makes every roll pass and every range give its minimum; kFail (0.9375 as
// a fraction) makes every roll below 0.9375 fail.
class FixedRandom final : public RandomSource {
 public:
  explicit FixedRandom(uint64_t value) : value_(value) {}
  uint64_t NextU64() override { return value_; }

 private:
  uint64_t value_;
};
constexpr uint64_t kPass = 0;
constexpr uint64_t kFail = 0xF000000000000000;

v1::WorldSnapshot World(uint32_t online, uint64_t mvp_kills_today, double level = 50) {
  v1::WorldSnapshot w;
  w.mutable_players()->set_online(online);
  w.mutable_players()->set_average_base_level(level);
  w.mutable_combat_today()->set_mvp_kills(mvp_kills_today);
  return w;
}

void AddMap(v1::WorldSnapshot& w, const std::string& map, uint32_t players, uint32_t mvp_kills = 0) {
  v1::MapActivity* m = w.add_maps();
  m->set_map(map);
  m->set_players_now(players);
  m->set_mvp_kills_today(mvp_kills);
}

struct Harness {
  agentkit::MemoryStateStore state;
  v1::WorldSnapshot world;
  absl::Time now = kNoon;

  std::vector<v1::Action> Check(uint64_t draw = kPass) {
    WorldEventAgent agent;  // a new instance every time: nothing may live in the agent's memory
    FixedRandom random(draw);
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "world_event";
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, kJobWorldEventCheck, &actions).ok());
    return actions;
  }
  std::vector<v1::WorldEvent> Running() { return WorldEventBook(state).Running("srv1"); }
};

std::optional<std::string> Met(v1::WorldEventType type, const v1::WorldSnapshot& w, uint64_t draw = kPass) {
  FixedRandom random(draw);
  return ConditionMet(RuleOf(type), w, random);
}

size_t Count(const std::vector<v1::Action>& actions, v1::Action::KindCase kind) {
  size_t n = 0;
  for (const v1::Action& a : actions) n += a.kind_case() == kind ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("world event rules keep the reference's order durations cooldowns and probabilities", "[unit]") {
  const auto& rules = WorldEventRules();
  REQUIRE(rules.size() == 7);
  const std::vector<std::string> order = {"demonic_invasion", "market_crash", "lucky_day", "wandering_caravan",
                                          "global_xp_boost", "mvp_enraged", "mythic_event"};
  for (size_t i = 0; i < rules.size(); ++i) CHECK(rules[i].name == order[i]);
  auto check = [](v1::WorldEventType t, int lo, int hi, int cooldown, double p) {
    const WorldEventRule& r = RuleOf(t);
    INFO(r.name);
    CHECK(r.min_minutes == lo);
    CHECK(r.max_minutes == hi);
    CHECK(r.cooldown_hours == cooldown);
    CHECK(r.probability == Approx(p));
  };
  check(v1::WORLD_EVENT_TYPE_DEMONIC_INVASION, 30, 90, 6, 1.0);
  check(v1::WORLD_EVENT_TYPE_MARKET_CRASH, 60, 120, 12, 1.0);
  check(v1::WORLD_EVENT_TYPE_LUCKY_DAY, 30, 60, 8, 0.5);
  check(v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN, 45, 90, 6, 0.7);
  check(v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST, 60, 180, 4, 1.0);
  check(v1::WORLD_EVENT_TYPE_MVP_ENRAGED, 30, 60, 8, 0.8);
  check(v1::WORLD_EVENT_TYPE_MYTHIC_EVENT, 15, 30, 48, 0.001);
  CHECK(kMaxConcurrentWorldEvents == 1);
}

TEST_CASE("world event thresholds hold at the reference's boundaries", "[unit]") {
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_DEMONIC_INVASION, World(50, 99)));
  CHECK(*Met(v1::WORLD_EVENT_TYPE_DEMONIC_INVASION, World(50, 100)) == "MVP kills today 100 >= 100");
  v1::WorldSnapshot rich = World(50, 0);
  rich.mutable_economy()->set_zeny_on_hand_online(999'999'999);
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_MARKET_CRASH, rich));
  rich.mutable_economy()->set_zeny_on_hand_online(1'000'000'000);
  CHECK(Met(v1::WORLD_EVENT_TYPE_MARKET_CRASH, rich));
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_LUCKY_DAY, World(0, 0)));
  CHECK(Met(v1::WORLD_EVENT_TYPE_LUCKY_DAY, World(1, 0)));
  CHECK(Met(v1::WORLD_EVENT_TYPE_LUCKY_DAY, World(10, 0)));
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_LUCKY_DAY, World(11, 0)));
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN, World(19, 0)));
  CHECK(Met(v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN, World(20, 0)));
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST, World(0, 0)));
  CHECK(Met(v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST, World(5, 0)));
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST, World(6, 0)));
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_MVP_ENRAGED, World(50, 49)));
  CHECK(Met(v1::WORLD_EVENT_TYPE_MVP_ENRAGED, World(50, 50)));
  // Mythic: every part, and its own 0.1% roll.
  CHECK(Met(v1::WORLD_EVENT_TYPE_MYTHIC_EVENT, World(20, 30, 80)));
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_MYTHIC_EVENT, World(19, 30, 80)));
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_MYTHIC_EVENT, World(20, 29, 80)));
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_MYTHIC_EVENT, World(20, 30, 79.99)));
  CHECK_FALSE(Met(v1::WORLD_EVENT_TYPE_MYTHIC_EVENT, World(20, 30, 80), kFail));
}

TEST_CASE("the reference's impacts become effects", "[unit]") {
  const auto xp = EffectsOf(v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST);
  REQUIRE(xp.size() == 2);
  CHECK((xp[0].stat() == "base_exp" && xp[0].multiplier() == 2.0));
  const auto crash = EffectsOf(v1::WORLD_EVENT_TYPE_MARKET_CRASH);
  CHECK((crash[0].stat() == "item_price" && crash[0].multiplier() == Approx(0.7)));
  CHECK((crash[1].stat() == "npc_buy_rate" && crash[1].multiplier() == Approx(1.3)));
  const auto lucky = EffectsOf(v1::WORLD_EVENT_TYPE_LUCKY_DAY);
  CHECK((lucky[0].multiplier() == Approx(1.5) && lucky[1].multiplier() == Approx(1.2) && lucky[2].multiplier() == Approx(1.3)));
  const auto enraged = EffectsOf(v1::WORLD_EVENT_TYPE_MVP_ENRAGED);
  REQUIRE(enraged.size() == 6);
  CHECK((enraged[0].stat() == "mvp_hp" && enraged[0].multiplier() == Approx(1.5)));
  for (const auto& type : {v1::WORLD_EVENT_TYPE_DEMONIC_INVASION, v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN,
                           v1::WORLD_EVENT_TYPE_MYTHIC_EVENT}) {
    for (const v1::StatModifier& m : EffectsOf(type)) CHECK(m.stat().find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos);
  }
  CHECK(InvasionWaves(30) == 2);
  CHECK(InvasionWaves(44) == 2);
  CHECK(InvasionWaves(45) == 3);
  CHECK(InvasionWaves(90) == 6);
}

TEST_CASE("an empty world starts no world event", "[unit]") {
  Harness h;
  CHECK(h.Check().empty());
  CHECK(h.state.size() == 0);
}

TEST_CASE("a demonic invasion - broadcast event NPC map flags and Deviling waves every 15 minutes", "[unit]") {
  Harness h;
  h.world = World(50, 100);
  const std::vector<v1::Action> started = h.Check();
  REQUIRE(h.Running().size() == 1);
  const v1::WorldEvent e = h.Running()[0];
  CHECK(e.type() == v1::WORLD_EVENT_TYPE_DEMONIC_INVASION);
  CHECK(e.trigger() == "MVP kills today 100 >= 100");
  CHECK(FromProto(e.ends_at()) - FromProto(e.started_at()) == absl::Minutes(30));  // the range's minimum
  CHECK(e.maps_size() == 3);

  REQUIRE(Count(started, v1::Action::kBroadcast) == 1);
  CHECK(started[0].broadcast().scope() == v1::BROADCAST_SCOPE_SERVER);
  REQUIRE(Count(started, v1::Action::kStartWorldEvent) == 1);
  const v1::StartWorldEvent& npc = started[1].start_world_event();
  CHECK(npc.npc_exname() == kWorldEventNpc);
  CHECK(npc.event_key() == e.event_id());
  CHECK(FromProto(npc.duration()) == absl::Minutes(30));
  CHECK(npc.parameters().at("type") == "demonic_invasion");
  CHECK(npc.parameters().at("waves") == "2");
  CHECK(npc.parameters().at("maps") == "prt_fild01,prt_fild02,prt_fild03");
  CHECK(Count(started, v1::Action::kSetMapFlag) == 3);
  for (const v1::Action& a : started) {
    CHECK(a.cause().job().job() == kJobWorldEventCheck);
    if (a.has_set_map_flag()) {
      CHECK(a.set_map_flag().flag() == "loadevent");
      CHECK(FromProto(a.set_map_flag().ttl()) == absl::Minutes(30));
      CHECK(GameCatalogue::BuiltIn().FindMap(a.set_map_flag().map()) != nullptr);
    }
    if (a.has_spawn_monster()) {
      CHECK(a.spawn_monster().mob_id() == 1582);
      CHECK(a.spawn_monster().amount() == 3u);
      CHECK(a.spawn_monster().spawn_tag() == "aiw_wevent_1");
    }
  }
  CHECK(Count(started, v1::Action::kSpawnMonster) == 3);

  h.now = kNoon + absl::Minutes(14);
  CHECK(h.Check().empty());
  h.now = kNoon + absl::Minutes(15);
  const std::vector<v1::Action> wave = h.Check();
  CHECK(Count(wave, v1::Action::kSpawnMonster) == 3);
  CHECK(FromProto(wave[0].spawn_monster().ttl()) == absl::Minutes(15));
  h.now = kNoon + absl::Minutes(29);
  CHECK(h.Check().empty());  // two waves only, and no second event while one runs
  h.now = kNoon + absl::Minutes(30);
  h.world = World(3, 0);
  const std::vector<v1::Action> ended = h.Check(kFail);
  REQUIRE_FALSE(ended.empty());
  CHECK(ended[0].remove_monsters().spawn_tag() == "aiw_wevent_1");
  // 3 online with every roll failing: lucky day (0.5) is skipped, the xp boost (1.0) starts.
  REQUIRE(h.Running().size() == 1);
  CHECK(h.Running()[0].type() == v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST);
}

TEST_CASE("at most one world event runs at a time", "[unit]") {
  Harness h;
  h.world = World(5, 0);
  REQUIRE_FALSE(h.Check().empty());
  CHECK(h.Running()[0].type() == v1::WORLD_EVENT_TYPE_LUCKY_DAY);
  h.world = World(50, 150);  // invasion and enraged MVPs would both fire
  h.now += absl::Minutes(1);
  CHECK(h.Check().empty());
  CHECK(h.Running().size() == 1);
}

TEST_CASE("cooldowns are kept in state - reference bug world-event cooldowns live in memory", "[unit]") {
  Harness h;
  h.world = World(15, 120);
  REQUIRE_FALSE(h.Check().empty());
  // The invasion ends after 30 minutes; a new agent instance (a restart, another replica) still
  // sees the 6 h cooldown, so the next rule in order fires instead (enraged MVPs, 120 >= 50).
  h.now = kNoon + absl::Minutes(30);
  h.Check();
  REQUIRE(h.Running().size() == 1);
  CHECK(h.Running()[0].type() == v1::WORLD_EVENT_TYPE_MVP_ENRAGED);
  CHECK(*WorldEventBook(h.state).CooldownUntil("srv1", v1::WORLD_EVENT_TYPE_DEMONIC_INVASION) == kNoon + absl::Hours(6));
  // Enraged ends after 30 minutes too; both are on cooldown until their hours have passed.
  h.now = kNoon + absl::Hours(6) - absl::Seconds(1);
  h.Check();
  CHECK(h.Running().empty());
  h.now = kNoon + absl::Hours(6);
  h.Check();
  REQUIRE(h.Running().size() == 1);
  CHECK(h.Running()[0].type() == v1::WORLD_EVENT_TYPE_DEMONIC_INVASION);
}

TEST_CASE("xp boost and enraged MVPs set bexp and jexp 200 on their maps for the event's length", "[unit]") {
  Harness h;
  h.world = World(4, 0);
  AddMap(h.world, "prontera", 3);
  AddMap(h.world, "prt_fild08", 1);
  AddMap(h.world, "geffen", 0);
  AddMap(h.world, "no_such_map", 1);
  const std::vector<v1::Action> actions = h.Check(kFail);
  REQUIRE(h.Running().size() == 1);
  CHECK(h.Running()[0].type() == v1::WORLD_EVENT_TYPE_GLOBAL_XP_BOOST);
  const absl::Duration lasts = FromProto(h.Running()[0].ends_at()) - FromProto(h.Running()[0].started_at());
  CHECK(lasts >= absl::Minutes(60));
  CHECK(lasts <= absl::Minutes(180));
  std::set<std::string> flagged;
  for (const v1::Action& a : actions) {
    if (!a.has_set_map_flag()) continue;
    CHECK(a.set_map_flag().value() == 200);
    CHECK(FromProto(a.set_map_flag().ttl()) == lasts);
    flagged.insert(a.set_map_flag().map() + "/" + a.set_map_flag().flag());
  }
  CHECK(flagged == std::set<std::string>{"prontera/bexp", "prontera/jexp", "prt_fild08/bexp", "prt_fild08/jexp"});

  v1::WorldSnapshot mvp = World(60, 55);
  AddMap(mvp, "prt_maze03", 10, 4);
  AddMap(mvp, "prontera", 40, 0);
  const WorldEventImpact enraged = ImpactOf(v1::WORLD_EVENT_TYPE_MVP_ENRAGED, 30, mvp, GameCatalogue::BuiltIn());
  CHECK(enraged.maps == std::vector<std::string>{"prt_maze03"});
  const WorldEventImpact caravan = ImpactOf(v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN, 45, mvp, GameCatalogue::BuiltIn());
  CHECK(caravan.maps == std::vector<std::string>{"prontera"});
  const WorldEventImpact empty_caravan = ImpactOf(v1::WORLD_EVENT_TYPE_WANDERING_CARAVAN, 45, World(20, 0), GameCatalogue::BuiltIn());
  CHECK(empty_caravan.maps.size() == kCaravanTowns);
}

TEST_CASE("ListWorldEvents lists running events newest first and names bad fields", "[unit]") {
  Harness h;
  h.world = World(15, 120);
  h.Check();
  h.now = kNoon + absl::Minutes(30);
  h.Check();
  v1::ListWorldEventsRequest request;
  request.set_server_id("srv1");
  absl::StatusOr<v1::ListWorldEventsResponse> running = ListWorldEvents(h.state, request);
  REQUIRE(running.ok());
  REQUIRE(running->events_size() == 1);
  CHECK(running->events(0).type() == v1::WORLD_EVENT_TYPE_MVP_ENRAGED);
  request.set_include_inactive(true);
  absl::StatusOr<v1::ListWorldEventsResponse> all = ListWorldEvents(h.state, request);
  REQUIRE(all->events_size() == 2);
  CHECK(all->events(1).status() == v1::CONTENT_STATUS_COMPLETED);
  request.mutable_page()->set_page_size(201);
  CHECK(ListWorldEvents(h.state, request).status().message().find("page.page_size") != std::string_view::npos);
  request.clear_page();
  request.set_server_id("");
  CHECK(ListWorldEvents(h.state, request).status().message().find("server_id") != std::string_view::npos);
}

TEST_CASE("the same slot starts the same world event", "[unit]") {
  auto run = [](agentkit::MemoryStateStore& state) {
    v1::WorldSnapshot world = World(30, 0);
    AddMap(world, "prontera", 20);
    WorldEventAgent agent;
    SeededRandom random = SeededRandom::FromKeys({kJobWorldEventCheck, "slot", "world_event"});
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.now = kNoon;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, kJobWorldEventCheck, &actions).ok());
    return actions;
  };
  agentkit::MemoryStateStore a, b;
  const auto first = run(a);
  const auto second = run(b);
  REQUIRE(first.size() == second.size());
  for (size_t i = 0; i < first.size(); ++i) {
    INFO(first[i].DebugString() << " vs " << second[i].DebugString());
    CHECK(google::protobuf::util::MessageDifferencer::Equals(first[i], second[i]));
  }
}

TEST_CASE("the world event check runs every 60 seconds and subscribes to nothing", "[unit]") {
  WorldEventAgent agent;
  REQUIRE(agent.jobs().size() == 1);
  CHECK(agent.jobs()[0].name() == "world_event.check");
  CHECK(agent.jobs()[0].schedule().interval().every().seconds() == 60);
  CHECK(agent.subscriptions().empty());
}
