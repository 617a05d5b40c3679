// The MapHazard agent: the reference's ten hazards with their polarity and effects, themes from
// the catalogue, the quietest-30% candidates with their fallback, four hazards a day at most one
// per map, actions with their 24 h ttl, the negative hazard on the problem's map (read from the
// Problem agent's state), expiry, encounters and ListHazards.
#include <catch2/catch.hpp>

#include <set>

#include <google/protobuf/util/message_differencer.h>

#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/procedural/map_hazard/hazard_book.h"
#include "services/procedural/map_hazard/hazard_queries.h"
#include "services/procedural/map_hazard/hazard_sites.h"
#include "services/procedural/map_hazard/hazard_types.h"
#include "services/procedural/map_hazard/map_hazard_agent.h"
#include "services/procedural/problem/problem_book.h"

using namespace aiworld;
using namespace aiworld::procedural;

namespace {

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }
const absl::Time kHalfPast = absl::FromUnixSeconds(1'767'225'600 + 1800);  // 2026-01-01 00:30 UTC

void AddMap(v1::WorldSnapshot& w, const std::string& map, uint32_t players, uint32_t visits) {
  v1::MapActivity* m = w.add_maps();
  m->set_map(map);
  m->set_players_now(players);
  m->set_visits_today(visits);
}

// Ten hunting maps (quietest last) and a town.
v1::WorldSnapshot TenMaps() {
  v1::WorldSnapshot w;
  w.mutable_players()->set_online(200);
  AddMap(w, "prontera", 80, 900);
  const char* maps[] = {"prt_fild08", "prt_fild05", "pay_fild04", "gef_fild10", "moc_fild01",
                        "mjo_dun01",  "gl_chyard",  "ice_dun01",  "anthell01",  "um_fild01"};
  uint32_t players = 30;
  for (const char* m : maps) AddMap(w, m, players--, 10);
  return w;
}

struct Harness {
  agentkit::MemoryStateStore state;
  agentkit::MemoryStateStore problem_state;
  bool with_problem_state = true;
  v1::WorldSnapshot world;
  absl::Time now = kHalfPast;
  MapHazardAgent agent;

  agentkit::AgentContext Context(SeededRandom& random) {
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "map_hazard";
    ctx.state_of = [this](const std::string& other) -> agentkit::StateStore* {
      return other == "problem" && with_problem_state ? &problem_state : nullptr;
    };
    return ctx;
  }
  std::vector<v1::Action> Job(const std::string& job, const std::string& seed = "slot") {
    SeededRandom random = SeededRandom::FromKeys({job, seed, "map_hazard"});
    agentkit::AgentContext ctx = Context(random);
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, job, &actions).ok());
    return actions;
  }
  void Arrive(uint32_t char_id, const std::string& map) {
    SeededRandom random(1);
    agentkit::AgentContext ctx = Context(random);
    ctx.batch_sequence = 1;
    v1::RoutedEvent e;
    e.mutable_event()->set_char_id(char_id);
    e.mutable_event()->set_map(map);
    e.mutable_event()->mutable_map_change()->set_from_map("prontera");
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, {&e}, &actions).ok());
    CHECK(actions.empty());
  }
  std::vector<v1::MapHazard> Active() { return HazardBook(state).Active("srv1"); }
};

// An active problem on `map` in the Problem agent's state, until `until`.
void ProblemOn(agentkit::StateStore& problem_state, const std::string& map, absl::Time until) {
  ProblemBook book(problem_state);
  v1::Problem p;
  p.set_problem_id(book.NextProblemId("srv1"));
  p.set_server_id("srv1");
  p.set_type(v1::PROBLEM_TYPE_POLLUTION);
  p.set_target_map(map);
  p.set_status(v1::CONTENT_STATUS_ACTIVE);
  *p.mutable_created_at() = ToProto(until - absl::Hours(12));
  *p.mutable_expires_at() = ToProto(until);
  book.Put(p);
}

double Multiplier(const std::vector<v1::StatModifier>& effects, const std::string& stat) {
  for (const v1::StatModifier& m : effects) {
    if (m.stat() == stat) return m.multiplier();
  }
  return -1;
}

}  // namespace

TEST_CASE("the ten hazards keep the reference's polarity and main effects", "[unit]") {
  REQUIRE(HazardTypes().size() == 10);
  SeededRandom random(1);
  const auto blood = HazardEffects(v1::HAZARD_TYPE_BLOOD_MOON, random);
  CHECK(Multiplier(blood, "monster_hp") == Approx(1.3));
  CHECK(Multiplier(blood, "monster_atk") == Approx(1.4));
  CHECK(Multiplier(blood, "monster_def") == Approx(1.2));
  CHECK(Multiplier(blood, "player_flee") == Approx(0.9));
  CHECK(Multiplier(blood, "drop_rate") == Approx(1.15));
  CHECK(Multiplier(HazardEffects(v1::HAZARD_TYPE_MAGIC_STORM, random), "cast_time") == Approx(0.7));
  CHECK(Multiplier(HazardEffects(v1::HAZARD_TYPE_THICK_FOG, random), "player_hit") == Approx(0.85));
  CHECK(Multiplier(HazardEffects(v1::HAZARD_TYPE_FAIRY_BLESSING, random), "drop_rate") == Approx(1.2));
  CHECK(Multiplier(HazardEffects(v1::HAZARD_TYPE_MANA_DRAIN, random), "sp_cost") == Approx(0.5));
  CHECK(Multiplier(HazardEffects(v1::HAZARD_TYPE_SCORCHING_HEAT, random), "fire_damage") == Approx(1.3));
  CHECK(Multiplier(HazardEffects(v1::HAZARD_TYPE_FROZEN_WASTELAND, random), "move_speed") == Approx(0.9));
  const auto toxic = HazardEffects(v1::HAZARD_TYPE_TOXIC_MIASMA, random);
  CHECK(toxic[0].add() == -10);
  CHECK(Multiplier(toxic, "poison_damage") == Approx(1.4));
  CHECK(Multiplier(HazardEffects(v1::HAZARD_TYPE_HOLY_GROUND, random), "damage_to_undead") == Approx(1.5));
  CHECK(Multiplier(HazardEffects(v1::HAZARD_TYPE_CHAOTIC_VOID, random), "drop_rate") == Approx(1.25));
  CHECK(HazardSpecOf(v1::HAZARD_TYPE_BLOOD_MOON).polarity == v1::HAZARD_POLARITY_NEGATIVE);
  CHECK(HazardSpecOf(v1::HAZARD_TYPE_FAIRY_BLESSING).polarity == v1::HAZARD_POLARITY_POSITIVE);
  CHECK(HazardSpecOf(v1::HAZARD_TYPE_HOLY_GROUND).polarity == v1::HAZARD_POLARITY_POSITIVE);
  CHECK(HazardSpecOf(v1::HAZARD_TYPE_THICK_FOG).polarity == v1::HAZARD_POLARITY_MIXED);
  int negative = 0;
  for (const HazardSpec& s : HazardTypes()) negative += s.polarity == v1::HAZARD_POLARITY_NEGATIVE ? 1 : 0;
  CHECK(negative == 4);
}

TEST_CASE("hazards follow the catalogue's map themes", "[unit]") {
  auto suits = [](const std::string& map) {
    const MapInfo* info = Cat().FindMap(map);
    REQUIRE(info != nullptr);
    return HazardsForTheme(info->theme);
  };
  CHECK(suits("gl_chyard") ==
        std::vector<v1::HazardType>{v1::HAZARD_TYPE_BLOOD_MOON, v1::HAZARD_TYPE_HOLY_GROUND, v1::HAZARD_TYPE_TOXIC_MIASMA});
  CHECK(suits("moc_fild01") == std::vector<v1::HazardType>{v1::HAZARD_TYPE_SCORCHING_HEAT, v1::HAZARD_TYPE_MANA_DRAIN});
  CHECK(suits("ice_dun01") == std::vector<v1::HazardType>{v1::HAZARD_TYPE_FROZEN_WASTELAND, v1::HAZARD_TYPE_MAGIC_STORM});
  CHECK(suits("pay_fild04") == std::vector<v1::HazardType>{v1::HAZARD_TYPE_FAIRY_BLESSING, v1::HAZARD_TYPE_THICK_FOG});
  CHECK(suits("um_fild01") == suits("pay_fild04"));  // jungle is forest
  CHECK(suits("anthell01") == std::vector<v1::HazardType>{v1::HAZARD_TYPE_TOXIC_MIASMA, v1::HAZARD_TYPE_CHAOTIC_VOID});
  CHECK(suits("prt_fild08").size() == 10);  // grassland: any
}

TEST_CASE("candidates are the quietest 30 percent else the quietest max 5 and n over 3", "[unit]") {
  const v1::WorldSnapshot ten = TenMaps();
  CHECK(QuietMaps(ten, Cat()) == std::vector<std::string>{"um_fild01", "anthell01", "ice_dun01"});  // 30% of 10
  v1::WorldSnapshot three;
  AddMap(three, "prt_fild08", 3, 1);
  AddMap(three, "prontera", 9, 9);  // towns never
  AddMap(three, "pay_fild04", 1, 1);
  AddMap(three, "gl_chyard", 2, 1);
  CHECK(QuietMaps(three, Cat()) == std::vector<std::string>{"pay_fild04", "gl_chyard", "prt_fild08"});  // 30% of 3 is 0: all 3
  v1::WorldSnapshot empty;
  CHECK(QuietMaps(empty, Cat()).empty());
  SeededRandom random(3);
  const auto drawn = SampleMaps({"a", "b", "c", "d", "e", "f"}, {"c"}, kDailyHazardCount, random);
  CHECK(drawn.size() == 4);
  CHECK(std::set<std::string>(drawn.begin(), drawn.end()).size() == 4);
  CHECK(std::find(drawn.begin(), drawn.end(), "c") == drawn.end());
}

TEST_CASE("no activity in the snapshot - no hazards", "[unit]") {
  Harness h;
  CHECK(h.Job(kJobHazardDaily).empty());
  CHECK(h.state.size() == 0);
}

TEST_CASE("four hazards on quiet maps with flags weather and event NPC for 24 hours", "[unit]") {
  Harness h;
  h.world = TenMaps();
  AddMap(h.world, "prt_fild01", 0, 0);
  AddMap(h.world, "prt_fild02", 0, 1);
  AddMap(h.world, "prt_fild03", 0, 2);  // 13 hunting maps: 30% rounded down is 3, all of them quieter than the ten
  const std::vector<v1::Action> actions = h.Job(kJobHazardDaily);
  const std::vector<v1::MapHazard> hazards = h.Active();
  REQUIRE(hazards.size() == 3);
  std::set<std::string> maps;
  for (const v1::MapHazard& z : hazards) {
    maps.insert(z.map());
    CHECK(FromProto(z.ends_at()) - FromProto(z.started_at()) == absl::Hours(24));
    CHECK(z.polarity() == HazardSpecOf(z.type()).polarity);
    CHECK(z.effects_size() > 0);
  }
  CHECK(maps == std::set<std::string>{"prt_fild01", "prt_fild02", "prt_fild03"});
  size_t flags = 0, events = 0, broadcasts = 0;
  for (const v1::Action& a : actions) {
    CHECK(a.cause().job().job() == kJobHazardDaily);
    if (a.has_set_map_flag()) {
      ++flags;
      CHECK(a.set_map_flag().flag() == "loadevent");
      CHECK(FromProto(a.set_map_flag().ttl()) == absl::Hours(24));
      CHECK(Cat().FindMap(a.set_map_flag().map()) != nullptr);
    }
    if (a.has_set_weather()) CHECK(FromProto(a.set_weather().ttl()) == absl::Hours(24));
    if (a.has_start_world_event()) {
      ++events;
      CHECK(a.start_world_event().npc_exname() == kHazardNpc);
      CHECK(FromProto(a.start_world_event().duration()) == absl::Hours(24));
      CHECK(maps.contains(a.start_world_event().parameters().at("map")));
      CHECK(a.start_world_event().parameters().at("effects").size() <= 255u);
    }
    if (a.has_broadcast()) ++broadcasts;
  }
  CHECK(flags == 3);
  CHECK(events == 3);
  CHECK(broadcasts == 1);
}

TEST_CASE("at most 4 hazards a day and at most one per map", "[unit]") {
  Harness h;
  for (int i = 0; i < 20; ++i) AddMap(h.world, Cat().MapsOfKind(MapKind::kField)[static_cast<size_t>(i)]->name, 0, static_cast<uint32_t>(i));
  h.Job(kJobHazardDaily);
  CHECK(h.Active().size() == kDailyHazardCount);  // 30% of 20 is 6 candidates, 4 drawn
  h.now += absl::Hours(1);
  h.Job(kJobHazardDaily, "again");
  const std::vector<v1::MapHazard> after = h.Active();
  CHECK(after.size() == 6);  // only the 2 candidates without a hazard were left
  std::set<std::string> maps;
  for (const v1::MapHazard& z : after) maps.insert(z.map());
  CHECK(maps.size() == after.size());
}

TEST_CASE("the problem's map gets a negative hazard - reference bug hazard reads map_name", "[unit]") {
  // pay_fild04 is forest (fairy blessing or thick fog, neither negative); with the problem there it
  // gets one of the four negative hazards, on every seed.
  for (int seed = 0; seed < 25; ++seed) {
    Harness h;
    AddMap(h.world, "pay_fild04", 0, 0);
    ProblemOn(h.problem_state, "pay_fild04", kHalfPast + absl::Hours(6));
    h.Job(kJobHazardDaily, std::to_string(seed));
    REQUIRE(h.Active().size() == 1);
    CHECK(h.Active()[0].polarity() == v1::HAZARD_POLARITY_NEGATIVE);
  }
  // Undead maps prefer their own negative ones (blood moon, toxic miasma).
  for (int seed = 0; seed < 10; ++seed) {
    Harness h;
    AddMap(h.world, "gl_chyard", 0, 0);
    ProblemOn(h.problem_state, "gl_chyard", kHalfPast + absl::Hours(6));
    h.Job(kJobHazardDaily, std::to_string(seed));
    const v1::HazardType t = h.Active()[0].type();
    CHECK((t == v1::HAZARD_TYPE_BLOOD_MOON || t == v1::HAZARD_TYPE_TOXIC_MIASMA));
  }
  // An expired problem, a problem elsewhere, or no Problem agent: the theme alone decides.
  for (int seed = 0; seed < 10; ++seed) {
    Harness expired, elsewhere, none;
    for (Harness* h : {&expired, &elsewhere, &none}) AddMap(h->world, "pay_fild04", 0, 0);
    ProblemOn(expired.problem_state, "pay_fild04", kHalfPast);
    ProblemOn(elsewhere.problem_state, "prt_fild08", kHalfPast + absl::Hours(6));
    none.with_problem_state = false;
    for (Harness* h : {&expired, &elsewhere, &none}) {
      h->Job(kJobHazardDaily, std::to_string(seed));
      const v1::HazardType t = h->Active()[0].type();
      CHECK((t == v1::HAZARD_TYPE_FAIRY_BLESSING || t == v1::HAZARD_TYPE_THICK_FOG));
    }
  }
}

TEST_CASE("hourly expiry ends hazards after 24 hours", "[unit]") {
  Harness h;
  AddMap(h.world, "gl_chyard", 0, 0);
  h.Job(kJobHazardDaily);
  h.now = kHalfPast + absl::Hours(24) - absl::Seconds(1);
  h.Job(kJobHazardExpire);
  CHECK(h.Active().size() == 1);
  h.now = kHalfPast + absl::Hours(24);
  CHECK(h.Job(kJobHazardExpire).empty());
  CHECK(h.Active().empty());
  CHECK(HazardBook(h.state).OfServer("srv1")[0].status() == v1::CONTENT_STATUS_EXPIRED);
}

TEST_CASE("characters arriving on a hazard map meet it once", "[unit]") {
  Harness h;
  AddMap(h.world, "gl_chyard", 0, 0);
  h.Job(kJobHazardDaily);
  h.Arrive(150001, "gl_chyard");
  h.Arrive(150001, "gl_chyard");
  h.Arrive(150002, "gl_chyard");
  h.Arrive(150003, "prt_fild08");
  CHECK(h.Active()[0].encounters() == 2);
  CHECK(h.agent.ErasePlayer(h.state, 0, {150001}) == 1);
}

TEST_CASE("ListHazards filters by map and status and names bad fields", "[unit]") {
  Harness h;
  AddMap(h.world, "gl_chyard", 0, 0);
  AddMap(h.world, "pay_fild04", 0, 0);
  h.Job(kJobHazardDaily);
  v1::ListHazardsRequest request;
  request.set_server_id("srv1");
  CHECK(ListHazards(h.state, request)->hazards_size() == 2);
  request.set_map("gl_chyard");
  absl::StatusOr<v1::ListHazardsResponse> one = ListHazards(h.state, request);
  REQUIRE(one->hazards_size() == 1);
  CHECK(one->hazards(0).map() == "gl_chyard");
  h.now += absl::Hours(25);
  h.Job(kJobHazardExpire);
  CHECK(ListHazards(h.state, request)->hazards_size() == 0);
  request.set_include_inactive(true);
  CHECK(ListHazards(h.state, request)->hazards_size() == 1);
  request.set_map("GL CHYARD");
  CHECK(ListHazards(h.state, request).status().message().find("map") != std::string_view::npos);
  request.set_map("a_map_name_too_long");
  CHECK(ListHazards(h.state, request).status().message().find("map:") != std::string_view::npos);
}

TEST_CASE("the same slot places the same hazards", "[unit]") {
  Harness a, b;
  a.world = b.world = TenMaps();
  const auto first = a.Job(kJobHazardDaily);
  const auto second = b.Job(kJobHazardDaily);
  REQUIRE(first.size() == second.size());
  for (size_t i = 0; i < first.size(); ++i) {
    INFO(first[i].DebugString() << " vs " << second[i].DebugString());
    CHECK(google::protobuf::util::MessageDifferencer::Equals(first[i], second[i]));  // parameters are a map: no byte order
  }
}

TEST_CASE("the hazard jobs run daily at 00:30 and hourly", "[unit]") {
  MapHazardAgent agent;
  const auto jobs = agent.jobs();
  REQUIRE(jobs.size() == 2);
  CHECK(jobs[0].name() == "map_hazard.daily");
  CHECK((jobs[0].schedule().daily().hour() == 0 && jobs[0].schedule().daily().minute() == 30));
  CHECK(jobs[1].name() == "map_hazard.expire");
  CHECK(jobs[1].schedule().interval().every().seconds() == 3600);
}
