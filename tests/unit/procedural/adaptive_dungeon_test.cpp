// The AdaptiveDungeon: the reference's numbers (§3.15: floors 5-10, rooms 3-7, 3-5 monster types,
// rand(3..6) x (1 + 0.15 x floor), 20% elite, 10% mini-boss, currency 100 x floors, exp
// 1 + 0.1 x floors, difficulty min(10, 1 + floors / 2), 60 minutes, parties 2-12), the theme from
// the world snapshot, the fixed reference bug (a boss floor only when floors == 10), the daily
// job's actions, party runs and GetDungeon.
#include <catch2/catch.hpp>
#include <google/protobuf/util/message_differencer.h>

#include <map>
#include <set>

#include "absl/strings/match.h"
#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/procedural/adaptive_dungeon/adaptive_dungeon_agent.h"
#include "services/procedural/adaptive_dungeon/dungeon_planner.h"
#include "services/procedural/adaptive_dungeon/dungeon_queries.h"
#include "services/procedural/adaptive_dungeon/dungeon_rules.h"
#include "services/procedural/adaptive_dungeon/dungeon_store.h"
#include "services/procedural/adaptive_dungeon/flat_record.h"
#include "services/procedural/adaptive_dungeon/level_band.h"

using namespace aiworld;
using namespace aiworld::procedural;

namespace {

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }
// 2026-01-04 00:15 UTC, the daily slot.
const absl::Time kSlot = absl::FromUnixSeconds(1'767'484'800) + absl::Minutes(15);

void AddMap(v1::WorldSnapshot& w, const std::string& map, uint32_t visits, uint32_t kills, uint32_t players = 0) {
  v1::MapActivity* m = w.add_maps();
  m->set_map(map);
  m->set_visits_today(visits);
  m->set_kills_today(kills);
  m->set_players_now(players);
}

v1::WorldSnapshot BusyWorld() {
  v1::WorldSnapshot w;
  w.set_server_id("srv1");
  w.mutable_players()->set_online(40);
  w.mutable_players()->set_average_base_level(45);
  auto bucket = [&](uint32_t lo, uint32_t players) {
    v1::LevelBucket* b = w.mutable_players()->add_levels();
    b->set_min_level(lo);
    b->set_max_level(lo + 9);
    b->set_players(players);
  };
  bucket(31, 10);
  bucket(41, 20);
  bucket(51, 10);
  AddMap(w, "payon", 900, 0, 25);
  AddMap(w, "prontera", 800, 0, 10);
  AddMap(w, "gl_church", 120, 400, 4);  // undead
  AddMap(w, "prt_fild08", 50, 60, 1);   // grassland
  return w;
}

struct Harness {
  agentkit::MemoryStateStore state;
  AdaptiveDungeonAgent agent;
  v1::WorldSnapshot world = BusyWorld();
  absl::Time now = kSlot;
  uint64_t sequence = 0;

  agentkit::AgentContext Ctx(RandomSource& random, uint64_t seq) {
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = seq;
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "adaptive_dungeon";
    return ctx;
  }

  std::vector<v1::Action> Job() {
    SeededRandom random = SeededRandom::FromKeys({"srv1", kDungeonDailyJob, absl::FormatTime(now)});
    agentkit::AgentContext ctx = Ctx(random, 0);
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, kDungeonDailyJob, &actions).ok());
    return actions;
  }

  std::vector<v1::Action> Send(const v1::GameEvent& event) {
    v1::RoutedEvent routed;
    routed.set_index(0);
    *routed.mutable_event() = event;
    routed.mutable_event()->set_event_id(++sequence);
    SeededRandom random = SeededRandom::FromKeys({"srv1", std::to_string(sequence), "adaptive_dungeon"});
    agentkit::AgentContext ctx = Ctx(random, sequence);
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, {&routed}, &actions).ok());
    return actions;
  }

  DungeonPlan Plan() {
    DungeonStore store(state, "srv1");
    std::optional<DungeonPlan> plan = store.CurrentPlan();
    REQUIRE(plan.has_value());
    return *plan;
  }
};

v1::GameEvent Click(const std::string& tag, uint32_t char_id, uint32_t party) {
  v1::GameEvent e;
  e.set_char_id(char_id);
  e.set_account_id(2'000'000 + char_id);
  e.set_party_id(party);
  e.set_map("payon");
  e.mutable_npc_interaction()->set_kind(v1::NPC_INTERACTION_KIND_CLICK);
  e.mutable_npc_interaction()->set_npc_tag(tag);
  e.mutable_npc_interaction()->set_npc_name("Gate");
  e.mutable_npc_interaction()->set_npc_exname("gate#1");
  return e;
}

v1::GameEvent Kill(const std::string& map, const std::string& tag, int mob_id, uint32_t char_id, uint32_t party,
                   std::vector<uint32_t> mates = {}) {
  v1::GameEvent e;
  e.set_char_id(char_id);
  e.set_account_id(2'000'000 + char_id);
  e.set_party_id(party);
  e.set_map(map);
  v1::MonsterKilled* k = e.mutable_monster_killed();
  k->set_mob_id(mob_id);
  k->set_mob_level(10);
  k->set_boss_type(v1::BOSS_TYPE_NONE);
  k->set_mob_name("x");
  k->set_spawn_tag(tag);
  k->set_party_id(party);
  for (uint32_t m : mates) k->add_party_member_char_ids(m);
  return e;
}

template <typename Pred>
std::vector<const v1::Action*> Of(const std::vector<v1::Action>& actions, Pred pred) {
  std::vector<const v1::Action*> out;
  for (const v1::Action& a : actions) {
    if (pred(a)) out.push_back(&a);
  }
  return out;
}

PlanInputs Inputs(v1::DungeonTheme theme, LevelBand band, const v1::WorldSnapshot* world = nullptr) {
  PlanInputs in;
  in.server_id = "srv1";
  in.now = kSlot;
  in.theme.theme = theme;
  in.band = band;
  in.world = world;
  return in;
}

}  // namespace

TEST_CASE("dungeon numbers follow the reference formulas", "[unit]") {
  CHECK(DungeonDifficulty(5) == 3);
  CHECK(DungeonDifficulty(6) == 4);
  CHECK(DungeonDifficulty(9) == 5);
  CHECK(DungeonDifficulty(10) == 6);
  CHECK(DungeonDifficulty(40) == 10);  // min(10, ...)
  CHECK(ExpMultiplier(5) == Approx(1.5));
  CHECK(ExpMultiplier(10) == Approx(2.0));
  CHECK(SpawnCount(3, 1) == 3);    // 3 x 1.15 = 3.45
  CHECK(SpawnCount(6, 1) == 7);    // 6.9
  CHECK(SpawnCount(6, 10) == 15);  // 6 x 2.5
  CHECK(SpawnCount(4, 4) == 6);    // 4 x 1.6 = 6.4
  CHECK(kTimeLimit == absl::Minutes(60));
  CHECK(kPartyMin == 2);
  CHECK(kPartyMax == 12);
  CHECK(kDropBonus == 0.5);
}

TEST_CASE("every dungeon has its boss on the last floor - reference bug boss floor only at floor 10", "[unit]") {
  std::set<int> floor_counts;
  for (int seed = 0; seed < 300; ++seed) {
    SeededRandom random(static_cast<uint64_t>(seed));
    const DungeonPlan plan = PlanDungeon(Inputs(v1::DUNGEON_THEME_CHAOTIC, {20, 60}), random, Cat());
    const v1::Dungeon& d = plan.dungeon;
    const int floors = d.floors_size();
    floor_counts.insert(floors);
    INFO("seed " << seed << " floors " << floors);
    REQUIRE(floors >= 5);
    REQUIRE(floors <= 10);
    int boss_rooms = 0;
    for (const v1::DungeonFloor& f : d.floors()) {
      CHECK(f.rooms_size() >= 3);
      CHECK(f.rooms_size() <= 7);
      for (const v1::DungeonRoom& r : f.rooms()) boss_rooms += r.type() == v1::ROOM_TYPE_BOSS ? 1 : 0;
    }
    CHECK(boss_rooms == 1);
    const v1::DungeonFloor& last = d.floors(floors - 1);
    const v1::DungeonRoom& boss_room = last.rooms(last.rooms_size() - 1);
    CHECK(boss_room.type() == v1::ROOM_TYPE_BOSS);
    REQUIRE(boss_room.monsters_size() == 1);
    CHECK(boss_room.monsters(0).mob_id() == plan.boss_mob_id);
    CHECK(Cat().FindMonster(plan.boss_mob_id)->is_boss());
    CHECK(d.difficulty() == DungeonDifficulty(static_cast<uint32_t>(floors)));
  }
  CHECK(floor_counts == std::set<int>{5, 6, 7, 8, 9, 10});
}

TEST_CASE("checkpoints every 3 floors and linear room links with side links", "[unit]") {
  int side_links = 0, possible = 0;
  for (int seed = 0; seed < 200; ++seed) {
    SeededRandom random(static_cast<uint64_t>(seed) + 1000);
    const v1::Dungeon d = PlanDungeon(Inputs(v1::DUNGEON_THEME_UNDEAD, {30, 50}), random, Cat()).dungeon;
    const auto floors = static_cast<uint32_t>(d.floors_size());
    for (const v1::DungeonFloor& f : d.floors()) {
      bool checkpoint = false;
      for (const v1::DungeonRoom& r : f.rooms()) {
        checkpoint = checkpoint || r.type() == v1::ROOM_TYPE_CHECKPOINT;
        const auto n = static_cast<uint32_t>(f.rooms_size());
        if (r.index() + 1 < n) {
          REQUIRE(r.links_size() >= 1);
          CHECK(r.links(0) == r.index() + 1);
        } else {
          CHECK(r.links_size() == 0);
        }
        if (r.index() + 2 < n) {
          ++possible;
          side_links += r.links_size() == 2 ? 1 : 0;
        }
      }
      INFO("floor " << f.number() << " of " << floors);
      CHECK(checkpoint == (f.number() % 3 == 0 && f.number() != floors));
    }
  }
  const double share = static_cast<double>(side_links) / possible;
  INFO("side links " << side_links << " of " << possible << " expected about 30%");
  CHECK(share > 0.25);
  CHECK(share < 0.35);
}

TEST_CASE("floor monsters: 3 to 5 types - counts rand 3..6 x (1 + 0.15 floor) - 20% elite - 10% mini-boss", "[unit]") {
  int entries = 0, elites = 0, minis = 0;
  for (int seed = 0; seed < 300; ++seed) {
    SeededRandom random(static_cast<uint64_t>(seed) + 5000);
    const v1::Dungeon d = PlanDungeon(Inputs(v1::DUNGEON_THEME_CHAOTIC, {20, 70}), random, Cat()).dungeon;
    for (const v1::DungeonFloor& f : d.floors()) {
      int floor_entries = 0;
      for (const v1::DungeonRoom& r : f.rooms()) {
        if (r.type() != v1::ROOM_TYPE_COMBAT) continue;
        for (const v1::DungeonMonster& m : r.monsters()) {
          const MonsterInfo* info = Cat().FindMonster(m.mob_id());
          REQUIRE(info != nullptr);
          ++floor_entries;
          ++entries;
          if (info->boss == BossType::kMiniboss && m.count() == 1) {
            ++minis;
            continue;
          }
          CHECK_FALSE(info->is_boss());
          elites += m.elite() ? 1 : 0;
          INFO("floor " << f.number() << " count " << m.count());
          CHECK(m.count() >= SpawnCount(3, f.number()));
          CHECK(m.count() <= SpawnCount(6, f.number()));
        }
      }
      CHECK(floor_entries >= 3);
      CHECK(floor_entries <= 5);
    }
  }
  INFO("entries " << entries << " elites " << elites << " mini-bosses " << minis);
  CHECK(static_cast<double>(elites) / entries == Approx(0.20).margin(0.03));
  CHECK(static_cast<double>(minis) / entries == Approx(0.10).margin(0.03));
}

TEST_CASE("monster levels follow the server's level band down the floors", "[unit]") {
  v1::WorldSnapshot w = BusyWorld();
  const std::optional<LevelBand> band = LevelBandOf(&w);
  REQUIRE(band.has_value());
  CHECK(band->low == 35);   // 25th percentile of 40 players: the 10th is in 31-40
  CHECK(band->high == 45);  // 75th: the 30th is in 41-50
  const LevelBand wide{20, 80};
  CHECK(FloorLevel(wide, 1, 7) == 20);
  CHECK(FloorLevel(wide, 7, 7) == 80);
  CHECK(FloorLevel(wide, 4, 7) == 50);
  double first = 0, last = 0;
  int n_first = 0, n_last = 0;
  for (int seed = 0; seed < 100; ++seed) {
    SeededRandom random(static_cast<uint64_t>(seed) + 9000);
    const v1::Dungeon d = PlanDungeon(Inputs(v1::DUNGEON_THEME_CHAOTIC, wide), random, Cat()).dungeon;
    auto add = [&](const v1::DungeonFloor& f, double& sum, int& n) {
      for (const v1::DungeonRoom& r : f.rooms()) {
        if (r.type() != v1::ROOM_TYPE_COMBAT) continue;
        for (const v1::DungeonMonster& m : r.monsters()) {
          const MonsterInfo* info = Cat().FindMonster(m.mob_id());
          if (info->is_boss()) continue;
          sum += info->level;
          ++n;
        }
      }
    };
    add(d.floors(0), first, n_first);
    add(d.floors(d.floors_size() - 1), last, n_last);
  }
  INFO("floor 1 mean level " << first / n_first << ", last floor " << last / n_last);
  CHECK(first / n_first == Approx(20).margin(6));
  CHECK(last / n_last == Approx(80).margin(6));
  // No players seen: no band; the default is early-to-mid game.
  v1::WorldSnapshot empty;
  CHECK_FALSE(LevelBandOf(&empty).has_value());
  CHECK_FALSE(LevelBandOf(nullptr).has_value());
  empty.mutable_players()->set_average_base_level(30);
  CHECK(LevelBandOf(&empty)->low == 20);
  CHECK(LevelBandOf(&empty)->high == 40);
}

TEST_CASE("dungeon reward: currency 100 x floors and the boss's exp x (1 + 0.1 x floors)", "[unit]") {
  for (int seed = 0; seed < 50; ++seed) {
    SeededRandom random(static_cast<uint64_t>(seed));
    const DungeonPlan plan = PlanDungeon(Inputs(v1::DUNGEON_THEME_FIRE, {40, 60}), random, Cat());
    const auto floors = static_cast<uint32_t>(plan.dungeon.floors_size());
    const MonsterInfo* boss = Cat().FindMonster(plan.boss_mob_id);
    CHECK(plan.dungeon.reward().zeny() == 100 * floors);
    CHECK(plan.dungeon.reward().base_exp() ==
          static_cast<uint64_t>(std::llround(boss->base_exp * (1.0 + 0.1 * floors))));
    CHECK(plan.dungeon.drop_bonus() == 0.5);
    CHECK(FromProto(plan.dungeon.time_limit()) == absl::Minutes(60));
  }
}

TEST_CASE("theme comes from the dominant faction", "[unit]") {
  v1::WorldSnapshot w = BusyWorld();
  w.mutable_factions()->set_dominant_faction("rune_alliance");
  ThemeChoice c = ChooseTheme(&w, Cat());
  CHECK(c.theme == v1::DUNGEON_THEME_HOLY);
  CHECK(c.faction_id == "rune_alliance");
  w.mutable_factions()->set_dominant_faction("shadow_cult");
  CHECK(ChooseTheme(&w, Cat()).theme == v1::DUNGEON_THEME_DEMON);
  w.mutable_factions()->set_dominant_faction("nature_spirits");
  CHECK(ChooseTheme(&w, Cat()).theme == v1::DUNGEON_THEME_EARTH);
  w.mutable_factions()->set_dominant_faction("someone_new");
  CHECK(ChooseTheme(&w, Cat()).theme == v1::DUNGEON_THEME_CHAOTIC);
}

TEST_CASE("without a dominant faction the most active non-town map theme decides", "[unit]") {
  v1::WorldSnapshot w = BusyWorld();  // towns busiest; gl_church (undead) 520 > prt_fild08 (grassland) 110
  ThemeChoice c = ChooseTheme(&w, Cat());
  CHECK(c.theme == v1::DUNGEON_THEME_UNDEAD);
  CHECK(c.faction_id.empty());
  CHECK(absl::StrContains(c.why, "undead"));
  AddMap(w, "prt_fild01", 600, 0);  // grassland now 710
  CHECK(ChooseTheme(&w, Cat()).theme == v1::DUNGEON_THEME_EARTH);
  v1::WorldSnapshot towns_only;
  AddMap(towns_only, "prontera", 1000, 0, 50);
  CHECK(ChooseTheme(&towns_only, Cat()).theme == v1::DUNGEON_THEME_CHAOTIC);
  v1::WorldSnapshot empty;
  CHECK(ChooseTheme(&empty, Cat()).theme == v1::DUNGEON_THEME_CHAOTIC);
  CHECK(ChooseTheme(nullptr, Cat()).theme == v1::DUNGEON_THEME_CHAOTIC);
}

TEST_CASE("themed pools and instance maps are real and fit the theme", "[unit]") {
  for (v1::DungeonTheme theme : {v1::DUNGEON_THEME_FIRE, v1::DUNGEON_THEME_ICE, v1::DUNGEON_THEME_UNDEAD,
                                 v1::DUNGEON_THEME_DEMON, v1::DUNGEON_THEME_EARTH, v1::DUNGEON_THEME_HOLY,
                                 v1::DUNGEON_THEME_CHAOTIC}) {
    SeededRandom random(7);
    const DungeonPlan plan = PlanDungeon(Inputs(theme, {30, 60}), random, Cat());
    INFO("theme " << ThemeWord(theme));
    REQUIRE_FALSE(plan.instance_maps.empty());
    CHECK(plan.instance_maps.size() <= kMaxInstances);
    for (const std::string& map : plan.instance_maps) {
      const MapInfo* info = Cat().FindMap(map);
      REQUIRE(info != nullptr);
      CHECK(info->kind == MapKind::kDungeon);
      CHECK(MapSuitsTheme(*info, theme));
    }
    int themed = 0, total = 0;
    for (const v1::DungeonFloor& f : plan.dungeon.floors()) {
      for (const v1::DungeonRoom& r : f.rooms()) {
        for (const v1::DungeonMonster& m : r.monsters()) {
          const MonsterInfo* info = Cat().FindMonster(m.mob_id());
          REQUIRE(info != nullptr);
          CHECK_FALSE(info->maps.empty());
          themed += InThemePool(*info, theme) ? 1 : 0;
          ++total;
        }
      }
    }
    CHECK(themed * 2 > total);  // mostly from the theme's pool
  }
}

TEST_CASE("daily job spawns the gate from the template and announces the dungeon", "[unit]") {
  Harness h;
  h.world.mutable_factions()->set_dominant_faction("shadow_cult");
  const std::vector<v1::Action> actions = h.Job();
  const DungeonPlan plan = h.Plan();
  CHECK(plan.dungeon.theme() == v1::DUNGEON_THEME_DEMON);
  CHECK(plan.dungeon.faction_id() == "shadow_cult");
  CHECK(plan.dungeon.day() == "2026-01-04");
  CHECK(FromProto(plan.dungeon.expires_at()) == absl::FromUnixSeconds(1'767'484'800) + absl::Hours(24));
  auto gates = Of(actions, [](const v1::Action& a) { return a.has_spawn_npc(); });
  REQUIRE(gates.size() == 1);
  const v1::SpawnNpc& gate = gates[0]->spawn_npc();
  CHECK(gate.template_name() == "AIW_Tpl_DungeonGate");
  CHECK(gate.npc_tag() == "dgn_gate_20260104");
  CHECK(gate.at().map() == "payon");  // the busiest town
  CHECK(Cat().FindSprite(gate.sprite_id()) != nullptr);
  CHECK(FromProto(gate.ttl()) == absl::Hours(24) - absl::Minutes(15));
  CHECK_FALSE(gate.display_name().empty());
  CHECK(gate.display_name().size() <= 23);
  CHECK(gate.parameters().at("floors") == std::to_string(plan.dungeon.floors_size()));
  auto news = Of(actions, [](const v1::Action& a) { return a.has_broadcast(); });
  REQUIRE(news.size() == 1);
  CHECK(news[0]->broadcast().scope() == v1::BROADCAST_SCOPE_SERVER);
  CHECK_FALSE(news[0]->broadcast().text().empty());
  CHECK(news[0]->cause().job().job() == "adaptive_dungeon.daily");
  for (const v1::Action& a : actions) CHECK_FALSE(a.idempotency_key().empty());

  // The same slot again: nothing new.
  CHECK(h.Job().empty());
  // The next day: yesterday's gate is removed, a new one stands.
  h.now += absl::Hours(24);
  const std::vector<v1::Action> next = h.Job();
  auto removed = Of(next, [](const v1::Action& a) { return a.has_remove_npc(); });
  REQUIRE(removed.size() == 1);
  CHECK(removed[0]->remove_npc().npc_tag() == "dgn_gate_20260104");
  CHECK(h.Plan().dungeon.day() == "2026-01-05");
}

TEST_CASE("daily job with an empty world plans a chaotic dungeon at the default levels", "[unit]") {
  Harness h;
  h.world = v1::WorldSnapshot();
  const std::vector<v1::Action> actions = h.Job();
  const DungeonPlan plan = h.Plan();
  CHECK(plan.dungeon.theme() == v1::DUNGEON_THEME_CHAOTIC);
  CHECK(plan.band.low == kDefaultLevelBand.low);
  CHECK(plan.band.high == kDefaultLevelBand.high);
  auto gates = Of(actions, [](const v1::Action& a) { return a.has_spawn_npc(); });
  REQUIRE(gates.size() == 1);
  CHECK(gates[0]->spawn_npc().at().map() == "prontera");
}

TEST_CASE("a redelivered daily job decides the same way", "[unit]") {
  Harness a, b;
  const std::vector<v1::Action> first = a.Job();
  const std::vector<v1::Action> second = b.Job();
  REQUIRE(first.size() == second.size());
  for (size_t i = 0; i < first.size(); ++i) {
    CHECK(google::protobuf::util::MessageDifferencer::Equals(first[i], second[i]));
  }
  CHECK(a.Plan().dungeon.SerializeAsString() == b.Plan().dungeon.SerializeAsString());
}

TEST_CASE("a party of two enters - clears the floors - and is rewarded on the boss kill", "[unit]") {
  Harness h;
  h.Job();
  const DungeonPlan plan = h.Plan();
  const std::string gate = GateTag(plan.dungeon.day());

  auto alone = h.Send(Click(gate, 150001, 0));
  REQUIRE(alone.size() == 1);
  CHECK(absl::StrContains(alone[0].npc_say().text(), "party"));

  auto first = h.Send(Click(gate, 150001, 77));
  REQUIRE(first.size() == 1);
  CHECK(absl::StrContains(first[0].npc_say().text(), "1 of 2"));
  CHECK(Of(first, [](const v1::Action& a) { return a.has_spawn_monster(); }).empty());

  h.now += absl::Minutes(1);
  auto open = h.Send(Click(gate, 150002, 77));
  auto spawns = Of(open, [](const v1::Action& a) { return a.has_spawn_monster(); });
  REQUIRE_FALSE(spawns.empty());
  const std::string map = spawns[0]->spawn_monster().at().map();
  CHECK(std::find(plan.instance_maps.begin(), plan.instance_maps.end(), map) != plan.instance_maps.end());
  for (const v1::Action* s : spawns) {
    CHECK(s->spawn_monster().spawn_tag() == "dgi_1");
    CHECK(FromProto(s->spawn_monster().ttl()) == absl::Minutes(60));
    CHECK(Cat().FindMonster(s->spawn_monster().mob_id()) != nullptr);
    CHECK(s->spawn_monster().amount() >= 1);
    CHECK(s->spawn_monster().amount() <= 100);
  }
  auto removal = Of(open, [](const v1::Action& a) { return a.has_remove_monsters(); });
  REQUIRE(removal.size() == 1);
  CHECK(FromProto(removal[0]->not_before()) == h.now + absl::Minutes(60));
  auto vars = Of(open, [](const v1::Action& a) { return a.has_set_char_variable(); });
  CHECK(vars.size() == 4);  // map and deadline for each member
  std::optional<Instance> run = DungeonStore(h.state, "srv1").GetInstance(1);
  REQUIRE(run.has_value());
  CHECK(run->members == std::vector<uint32_t>{150001, 150002});
  CHECK(run->target == DungeonRuns::FloorTarget(plan.dungeon, 1));

  // Clear every floor: 80% of a floor's monsters open the next one.
  const auto floors = static_cast<uint32_t>(plan.dungeon.floors_size());
  for (uint32_t f = 1; f < floors; ++f) {
    const uint32_t target = DungeonRuns::FloorTarget(plan.dungeon, f);
    for (uint32_t k = 0; k + 1 < target; ++k) {
      CHECK(Of(h.Send(Kill(map, "dgi_1", 1002, 150001, 77)), [](const v1::Action& a) { return a.has_spawn_monster(); })
                .empty());
    }
    auto next = h.Send(Kill(map, "dgi_1", 1002, 150001, 77));
    INFO("floor " << f << " target " << target);
    CHECK_FALSE(Of(next, [](const v1::Action& a) { return a.has_spawn_monster(); }).empty());
    CHECK(DungeonStore(h.state, "srv1").GetInstance(1)->floor == f + 1);
  }
  h.now += absl::Minutes(30);
  auto cleared = h.Send(Kill(map, "dgi_1", plan.boss_mob_id, 150002, 77, {150001, 150003}));
  auto rewards = Of(cleared, [](const v1::Action& a) { return a.has_give_reward(); });
  std::set<uint32_t> rewarded;
  for (const v1::Action* r : rewards) {
    rewarded.insert(r->give_reward().char_id());
    CHECK(r->give_reward().reward().zeny() == 100 * floors);
    CHECK(r->give_reward().reward().base_exp() == plan.dungeon.reward().base_exp());
  }
  CHECK(rewarded == std::set<uint32_t>{150001, 150002, 150003});  // 150003 fought with the party
  CHECK(DungeonStore(h.state, "srv1").GetInstance(1)->status == v1::CONTENT_STATUS_COMPLETED);
  // Killing more after the clear changes nothing.
  CHECK(h.Send(Kill(map, "dgi_1", plan.boss_mob_id, 150002, 77)).empty());
}

TEST_CASE("a run expires at exactly 60 minutes without reward", "[unit]") {
  Harness h;
  h.Job();
  const DungeonPlan plan = h.Plan();
  const std::string gate = GateTag(plan.dungeon.day());
  h.Send(Click(gate, 150001, 5));
  h.Send(Click(gate, 150002, 5));
  const std::string map = DungeonStore(h.state, "srv1").GetInstance(1)->map;
  const absl::Time start = h.now;
  h.now = start + absl::Minutes(60) - absl::Seconds(1);
  auto before = h.Send(Kill(map, "dgi_1", 1002, 150001, 5));
  CHECK(Of(before, [](const v1::Action& a) { return a.has_remove_monsters(); }).empty());
  CHECK(DungeonStore(h.state, "srv1").GetInstance(1)->kills == 1);
  h.now = start + absl::Minutes(60);
  auto after = h.Send(Kill(map, "dgi_1", plan.boss_mob_id, 150001, 5));
  CHECK(Of(after, [](const v1::Action& a) { return a.has_give_reward(); }).empty());
  CHECK(Of(after, [](const v1::Action& a) { return a.has_remove_monsters(); }).size() == 1);
  CHECK(DungeonStore(h.state, "srv1").GetInstance(1)->status == v1::CONTENT_STATUS_EXPIRED);
}

TEST_CASE("parties are capped at 12 and instances at one party per map", "[unit]") {
  Harness h;
  h.Job();
  const DungeonPlan plan = h.Plan();
  const std::string gate = GateTag(plan.dungeon.day());
  for (uint32_t c = 0; c < 12; ++c) h.Send(Click(gate, 150100 + c, 9));
  CHECK(DungeonStore(h.state, "srv1").GetInstance(1)->members.size() == 12);
  auto full = h.Send(Click(gate, 150200, 9));
  REQUIRE(full.size() == 1);
  CHECK(absl::StrContains(full[0].npc_say().text(), "12"));
  // Other parties take the other maps until none is left.
  uint32_t party = 100;
  for (size_t i = 1; i < plan.instance_maps.size(); ++i, ++party) {
    h.Send(Click(gate, 160000 + party * 2, party));
    h.Send(Click(gate, 160001 + party * 2, party));
  }
  std::set<std::string> maps;
  for (const Instance& i : DungeonStore(h.state, "srv1").Instances()) maps.insert(i.map);
  CHECK(maps.size() == plan.instance_maps.size());
  h.Send(Click(gate, 170000, 999));
  auto busy = h.Send(Click(gate, 170001, 999));
  REQUIRE(busy.size() == 1);
  CHECK(absl::StrContains(busy[0].npc_say().text(), "taken"));
}

TEST_CASE("GetDungeon answers today's dungeon and names bad fields", "[unit]") {
  Harness h;
  v1::GetDungeonRequest request;
  request.set_server_id("srv1");
  absl::StatusOr<v1::GetDungeonResponse> none = GetDungeon(h.state, request, h.now);
  REQUIRE(none.ok());
  CHECK_FALSE(none->has_dungeon());
  h.Job();
  absl::StatusOr<v1::GetDungeonResponse> today = GetDungeon(h.state, request, h.now + absl::Hours(1));
  REQUIRE(today.ok());
  REQUIRE(today->has_dungeon());
  CHECK(today->dungeon().day() == "2026-01-04");
  const absl::Time midnight = absl::FromUnixSeconds(1'767'484'800) + absl::Hours(24);
  CHECK(GetDungeon(h.state, request, midnight - absl::Seconds(1))->has_dungeon());
  CHECK_FALSE(GetDungeon(h.state, request, midnight)->has_dungeon());
  request.set_server_id("");
  absl::StatusOr<v1::GetDungeonResponse> bad = GetDungeon(h.state, request, h.now);
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(absl::StrContains(bad.status().message(), "server_id"));
}

TEST_CASE("flat records round-trip and reject a wrong version", "[unit]") {
  FlatRecord r;
  r.Set("map", "gl_church");
  r.SetInt("n", -5);
  r.SetInts("ids", {150001, 150002});
  r.Set("text", "two\nlines");
  absl::StatusOr<FlatRecord> back = FlatRecord::Decode(r.Encode());
  REQUIRE(back.ok());
  CHECK(back->Get("map") == "gl_church");
  CHECK(back->GetInt("n") == -5);
  CHECK(back->GetInts("ids") == std::vector<int64_t>{150001, 150002});
  CHECK(back->Get("text") == "two lines");
  CHECK(FlatRecord::Decode("v2\na=1\n").status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(FlatRecord::Decode("v1\nnoequals\n").status().code() == absl::StatusCode::kInvalidArgument);
}

TEST_CASE("erasing a player removes the character from runs and gate queues", "[unit]") {
  Harness h;
  h.Job();
  const std::string gate = GateTag(h.Plan().dungeon.day());
  h.Send(Click(gate, 150001, 3));
  h.Send(Click(gate, 150002, 3));
  h.Send(Click(gate, 150009, 4));  // waiting alone
  CHECK(h.agent.ErasePlayer(h.state, 2'150'001, {150001, 150009}) == 2);
  CHECK(DungeonStore(h.state, "srv1").GetInstance(1)->members == std::vector<uint32_t>{150002});
  CHECK(DungeonStore(h.state, "srv1").GetWait(4)->members.empty());
  CHECK(h.agent.ErasePlayer(h.state, 2'150'001, {150001}) == 0);
}
