// The Archaeology agent: the reference's level thresholds, rarity weights and level bonus, artifact
// types, collections, the 70/20/10 split of 15 spots by traffic with rarity per band, 48 h spots as
// hidden template NPCs, digs with real items, secret maps, the queries, and the spot rarity the
// reference computed but never used.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "absl/strings/match.h"
#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/procedural/archaeology/archaeology_agent.h"
#include "services/procedural/archaeology/archaeology_queries.h"
#include "services/procedural/archaeology/archaeology_store.h"
#include "services/procedural/archaeology/artifact_rules.h"
#include "services/procedural/archaeology/dig_site_planner.h"

using namespace aiworld;
using namespace aiworld::procedural;

namespace {

constexpr uint32_t kChar = 150001;
const absl::Time kTwo = absl::FromUnixSeconds(1'767'225'600) + absl::Hours(2);  // 2026-01-01 02:00 UTC

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }

// Every field and dungeon of the catalogue gets its index as traffic, so ranks are known.
v1::WorldSnapshot RankedWorld(std::map<std::string, uint32_t>* traffic = nullptr) {
  v1::WorldSnapshot w;
  uint32_t i = 0;
  for (const MapInfo& m : Cat().maps()) {
    if (m.kind == MapKind::kTown) continue;
    v1::MapActivity* a = w.add_maps();
    a->set_map(m.name);
    a->set_visits_today(i);
    if (traffic != nullptr) (*traffic)[m.name] = i;
    ++i;
  }
  return w;
}

struct Harness {
  agentkit::MemoryStateStore state;
  v1::WorldSnapshot world;
  absl::Time now = kTwo;
  ArchaeologyAgent agent;
  uint64_t sequence = 0;
  std::vector<v1::RoutedEvent> events;

  explicit Harness(ArchaeologyOptions options = {}) : agent(Cat(), options) {}

  agentkit::AgentContext Context(RandomSource& random, uint64_t seq) {
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = seq;
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "archaeology";
    return ctx;
  }
  std::vector<v1::Action> Job() {
    SeededRandom random = SeededRandom::FromKeys({kJobDigSpots, std::to_string(absl::ToUnixSeconds(now)), "archaeology"});
    agentkit::AgentContext ctx = Context(random, 0);
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, kJobDigSpots, &actions).ok());
    return actions;
  }
  void Touch(const std::string& tag, uint32_t char_id = kChar) {
    v1::RoutedEvent r;
    r.set_index(static_cast<uint32_t>(events.size()));
    v1::GameEvent* e = r.mutable_event();
    e->set_event_id(events.size() + 1);
    e->set_char_id(char_id);
    e->set_map("prt_fild08");
    v1::NpcInteraction* n = e->mutable_npc_interaction();
    n->set_kind(v1::NPC_INTERACTION_KIND_CLICK);
    n->set_npc_tag(tag);
    n->set_npc_sprite(111);
    n->set_npc_name("Disturbed Earth");
    n->set_npc_exname("aiw_" + tag);
    events.push_back(std::move(r));
  }
  std::vector<v1::Action> Run() {
    ++sequence;
    SeededRandom random = SeededRandom::FromKeys({"srv1", std::to_string(sequence), "archaeology"});
    agentkit::AgentContext ctx = Context(random, sequence);
    std::vector<const v1::RoutedEvent*> view;
    for (const auto& e : events) view.push_back(&e);
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, view, &actions).ok());
    events.clear();
    return actions;
  }
  // An open spot placed by hand.
  void Spot(const std::string& id, double rarity) {
    v1::DigSpot s;
    s.set_spot_id(id);
    s.set_server_id("srv1");
    s.mutable_at()->set_map("prt_fild08");
    s.mutable_at()->set_x(120);
    s.mutable_at()->set_y(130);
    s.set_rarity(rarity);
    s.set_status(v1::CONTENT_STATUS_ACTIVE);
    *s.mutable_created_at() = ToProto(now);
    *s.mutable_expires_at() = ToProto(now + kDigSpotLifetime);
    ArchaeologyStore(state, "srv1").PutSpot(s);
  }
};

std::vector<const v1::Action*> OfKind(const std::vector<v1::Action>& actions, v1::Action::KindCase kind) {
  std::vector<const v1::Action*> out;
  for (const auto& a : actions) {
    if (a.kind_case() == kind) out.push_back(&a);
  }
  return out;
}

const v1::Action* Variable(const std::vector<v1::Action>& actions, const std::string& name) {
  for (const auto& a : actions) {
    if (a.has_set_char_variable() && a.set_char_variable().name() == name) return &a;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("archaeology levels follow the reference's dig thresholds", "[unit]") {
  CHECK(ArchaeologyLevel(0) == 0);
  CHECK(ArchaeologyLevel(1) == 1);
  CHECK(ArchaeologyLevel(9) == 1);
  CHECK(ArchaeologyLevel(10) == 2);
  CHECK(ArchaeologyLevel(29) == 2);
  CHECK(ArchaeologyLevel(30) == 3);
  CHECK(ArchaeologyLevel(60) == 4);
  CHECK(ArchaeologyLevel(100) == 5);
  CHECK(ArchaeologyLevel(150) == 6);
  CHECK(ArchaeologyLevel(210) == 7);
  CHECK(ArchaeologyLevel(280) == 8);
  CHECK(ArchaeologyLevel(359) == 8);
  CHECK(ArchaeologyLevel(360) == 9);
  CHECK(ArchaeologyLevel(499) == 9);
  CHECK(ArchaeologyLevel(500) == 10);
  CHECK(ArchaeologyLevel(100000) == 10);  // max level 10
  CHECK(DigsToNextLevel(1) == 9);
  CHECK(DigsToNextLevel(10) == 20);
  CHECK(DigsToNextLevel(499) == 1);
  CHECK(DigsToNextLevel(500) == 0);
}

TEST_CASE("artifact rarity weights take the level bonus from common", "[unit]") {
  RarityWeights w = RarityWeightsFor(0, 0.0);
  CHECK(w.common == Approx(0.5));
  CHECK(w.uncommon == Approx(0.3));
  CHECK(w.rare == Approx(0.15));
  CHECK(w.mythic == Approx(0.05));
  w = RarityWeightsFor(4, 0.0);  // bonus 0.2: half to rare, half to mythic
  CHECK(w.common == Approx(0.3));
  CHECK(w.uncommon == Approx(0.3));
  CHECK(w.rare == Approx(0.25));
  CHECK(w.mythic == Approx(0.15));
  w = RarityWeightsFor(10, 0.0);  // min(0.5, 0.05 x 10)
  CHECK(w.common == Approx(0.0).margin(1e-12));
  CHECK(w.rare == Approx(0.4));
  CHECK(w.mythic == Approx(0.3));
  const RarityWeights capped = RarityWeightsFor(10, 0.8);
  CHECK(capped.common == Approx(w.common).margin(1e-12));  // never past 0.5
  CHECK(capped.mythic == Approx(w.mythic));
}

TEST_CASE("artifact rarity uses the dig spot's rarity - reference bug spot rarity never used", "[unit]") {
  // The reference computed a rarity per spot and ignored it; here it adds 0.2 x rarity to the bonus.
  const RarityWeights plain = RarityWeightsFor(0, 0.0);
  const RarityWeights rich = RarityWeightsFor(0, 0.5);
  CHECK(rich.common == Approx(0.4));
  CHECK(rich.rare == Approx(0.2));
  CHECK(rich.mythic == Approx(0.1));
  CHECK(rich.mythic > plain.mythic);
  // Over many digs a rare spot gives more mythic finds than a plain one.
  SeededRandom random(3);
  int plain_mythic = 0, rich_mythic = 0;
  for (int i = 0; i < 20000; ++i) {
    plain_mythic += RollRarity(RarityWeightsFor(0, 0.1), random.Uniform01()) == ArtifactRarity::kMythic ? 1 : 0;
    rich_mythic += RollRarity(RarityWeightsFor(0, 0.8), random.Uniform01()) == ArtifactRarity::kMythic ? 1 : 0;
  }
  INFO("mythic finds: spot rarity 0.1 " << plain_mythic << ", spot rarity 0.8 " << rich_mythic);
  CHECK(rich_mythic > plain_mythic);
}

TEST_CASE("artifact rarity rolls walk the weights at their boundaries", "[unit]") {
  const RarityWeights w = RarityWeightsFor(0, 0.0);
  CHECK(RollRarity(w, 0.4999) == ArtifactRarity::kCommon);
  CHECK(RollRarity(w, 0.5001) == ArtifactRarity::kUncommon);
  CHECK(RollRarity(w, 0.7999) == ArtifactRarity::kUncommon);
  CHECK(RollRarity(w, 0.8001) == ArtifactRarity::kRare);
  CHECK(RollRarity(w, 0.9499) == ArtifactRarity::kRare);
  CHECK(RollRarity(w, 0.9501) == ArtifactRarity::kMythic);
  CHECK(RollRarity(RarityWeightsFor(10, 0), 0.0) == ArtifactRarity::kUncommon);  // no common left at level 10
}

TEST_CASE("artifact types pair with their rarity and are real items", "[unit]") {
  CHECK(ArtifactTypeFor(ArtifactRarity::kCommon, 0.1) == v1::ARTIFACT_TYPE_FOSSIL);
  CHECK(ArtifactTypeFor(ArtifactRarity::kCommon, 0.9) == v1::ARTIFACT_TYPE_RELIC);
  CHECK(ArtifactTypeFor(ArtifactRarity::kUncommon, 0.1) == v1::ARTIFACT_TYPE_RELIC);
  CHECK(ArtifactTypeFor(ArtifactRarity::kUncommon, 0.9) == v1::ARTIFACT_TYPE_TOME);
  CHECK(ArtifactTypeFor(ArtifactRarity::kRare, 0.1) == v1::ARTIFACT_TYPE_TOME);
  CHECK(ArtifactTypeFor(ArtifactRarity::kRare, 0.9) == v1::ARTIFACT_TYPE_TREASURE_MAP);
  CHECK(ArtifactTypeFor(ArtifactRarity::kMythic, 0.1) == v1::ARTIFACT_TYPE_TREASURE_MAP);
  CHECK(ArtifactTypeFor(ArtifactRarity::kMythic, 0.9) == v1::ARTIFACT_TYPE_RARE_MATERIAL);
  for (v1::ArtifactType t : {v1::ARTIFACT_TYPE_FOSSIL, v1::ARTIFACT_TYPE_RELIC, v1::ARTIFACT_TYPE_TOME,
                             v1::ARTIFACT_TYPE_TREASURE_MAP, v1::ARTIFACT_TYPE_RARE_MATERIAL}) {
    REQUIRE(!ArtifactItems(t).empty());
    for (uint32_t id : ArtifactItems(t)) {
      INFO(ArtifactTypeName(t) << " item " << id << " must be in the catalogue");
      CHECK(Cat().FindItem(id) != nullptr);
    }
  }
  REQUIRE(SecretLocations().size() == 4);
  for (const std::string& map : SecretLocations()) CHECK(Cat().FindMap(map) != nullptr);
}

TEST_CASE("artifact collections carry the reference's sizes titles and bonuses", "[unit]") {
  const auto& rules = ArtifactCollections();
  REQUIRE(rules.size() == 4);
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_FOSSIL)->required == 10);
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_FOSSIL)->title == "Paleontologist");
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_FOSSIL)->bonus[0].stat() == "max_hp");
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_FOSSIL)->bonus[0].add() == 200);
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_RELIC)->required == 15);
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_RELIC)->bonus[0].stat() == "matk");
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_RELIC)->bonus[0].add() == 10);
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_TOME)->required == 20);
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_TOME)->bonus.size() == 2);
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_RARE_MATERIAL)->required == 5);
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_RARE_MATERIAL)->bonus.size() == 6);
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_RARE_MATERIAL)->bonus[0].add() == 3);
  CHECK(CollectionFor(v1::ARTIFACT_TYPE_TREASURE_MAP) == nullptr);
}

TEST_CASE("dig spots split 15 into 11 quiet 3 middle 1 busy", "[unit]") {
  const BandCounts c = SplitDigSpots(15);
  CHECK(c.quiet == 11);  // 70% of 15 is 10.5: the remainder goes to the quietest
  CHECK(c.middle == 3);
  CHECK(c.busy == 1);
  CHECK(SplitDigSpots(10).quiet == 7);
  CHECK(SplitDigSpots(0).quiet == 0);
  CHECK(RarityRange(TrafficBand::kQuiet) == std::pair<double, double>{0.3, 0.8});
  CHECK(RarityRange(TrafficBand::kMiddle) == std::pair<double, double>{0.2, 0.6});
  CHECK(RarityRange(TrafficBand::kBusy) == std::pair<double, double>{0.1, 0.4});
}

TEST_CASE("dig spots go by traffic bands with their rarity ranges", "[unit]") {
  std::map<std::string, uint32_t> traffic;
  const v1::WorldSnapshot world = RankedWorld(&traffic);
  const uint32_t n = static_cast<uint32_t>(traffic.size());
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    SeededRandom random(seed);
    const std::vector<PlannedDigSpot> spots = PlanDigSpots(&world, Cat(), 15, {}, random);
    REQUIRE(spots.size() == 15);
    std::map<TrafficBand, int> per_band;
    std::set<std::string> maps;
    for (const PlannedDigSpot& s : spots) {
      const MapInfo* map = Cat().FindMap(s.at.map());
      REQUIRE(map != nullptr);
      CHECK(map->kind != MapKind::kTown);
      CHECK((s.at.x() >= 1 && s.at.x() < map->width && s.at.y() >= 1 && s.at.y() < map->height));
      const auto [lo, hi] = RarityRange(s.band);
      CHECK((s.rarity >= lo && s.rarity <= hi));
      const uint32_t rank = traffic[s.at.map()];
      if (s.band == TrafficBand::kQuiet) CHECK(rank < n * 3 / 10);
      if (s.band == TrafficBand::kBusy) CHECK(rank >= n - n * 3 / 10);
      per_band[s.band]++;
      maps.insert(s.at.map());
    }
    CHECK(per_band[TrafficBand::kQuiet] == 11);
    CHECK(per_band[TrafficBand::kMiddle] == 3);
    CHECK(per_band[TrafficBand::kBusy] == 1);
    CHECK(maps.size() == 15);  // one spot per map
  }
}

TEST_CASE("dig spots with an empty world go anywhere as quiet spots", "[unit]") {
  SeededRandom random(5);
  const std::vector<PlannedDigSpot> spots = PlanDigSpots(nullptr, Cat(), 15, {}, random);
  REQUIRE(spots.size() == 15);
  for (const PlannedDigSpot& s : spots) {
    CHECK(s.band == TrafficBand::kQuiet);
    CHECK((s.rarity >= 0.3 && s.rarity <= 0.8));
  }
}

TEST_CASE("dig spot job spawns hidden template NPCs for 48 hours", "[unit]") {
  Harness h;
  h.world = RankedWorld();
  const std::vector<v1::Action> actions = h.Job();
  const auto spawns = OfKind(actions, v1::Action::kSpawnNpc);
  REQUIRE(spawns.size() == 15);
  std::set<std::string> tags;
  for (const v1::Action* a : spawns) {
    const v1::SpawnNpc& s = a->spawn_npc();
    CHECK(s.template_name() == kDigSpotTemplate);
    CHECK(s.sprite_id() == 111);
    CHECK(Cat().FindSprite(s.sprite_id()) != nullptr);
    CHECK(absl::StartsWith(s.npc_tag(), "dig_"));
    CHECK(FromProto(s.ttl()) == absl::Hours(48));
    CHECK(s.parameters().contains("rarity"));
    CHECK(a->cause().job().job() == kJobDigSpots);
    tags.insert(s.npc_tag());
  }
  CHECK(tags.size() == 15);
  CHECK(OfKind(actions, v1::Action::kBroadcast).size() == 1);

  // The next day's spots avoid maps whose spot is still open.
  std::set<std::string> day1;
  for (const v1::Action* a : spawns) day1.insert(a->spawn_npc().at().map());
  h.now = kTwo + absl::Hours(24);
  const std::vector<v1::Action> next = h.Job();
  for (const v1::Action* a : OfKind(next, v1::Action::kSpawnNpc)) CHECK_FALSE(day1.contains(a->spawn_npc().at().map()));

  // After 48 h the first day's spots are expired.
  h.now = kTwo + absl::Hours(48);
  h.Job();
  int expired = 0;
  for (const v1::DigSpot& s : ArchaeologyStore(h.state, "srv1").Spots()) expired += s.status() == v1::CONTENT_STATUS_EXPIRED ? 1 : 0;
  CHECK(expired == 15);
}

TEST_CASE("a dig yields a real artifact once and advances the level", "[unit]") {
  Harness h;
  h.Spot("dig_1", 0.5);
  h.Touch("dig_1");
  std::vector<v1::Action> actions = h.Run();
  const auto removed = OfKind(actions, v1::Action::kRemoveNpc);
  REQUIRE(removed.size() == 1);
  CHECK(removed[0]->remove_npc().npc_tag() == "dig_1");
  const auto reward = OfKind(actions, v1::Action::kGiveReward);
  REQUIRE(reward.size() == 1);
  REQUIRE(reward[0]->give_reward().reward().items_size() == 1);
  const uint32_t item = reward[0]->give_reward().reward().items(0).item_id();
  CHECK(Cat().FindItem(item) != nullptr);
  CHECK(reward[0]->give_reward().char_id() == kChar);
  const v1::Action* level = Variable(actions, "aiw_arch_level");
  REQUIRE(level != nullptr);
  CHECK(level->set_char_variable().int_value() == 1);
  CHECK(!OfKind(actions, v1::Action::kBroadcast).empty());

  const std::optional<v1::DigSpot> spot = ArchaeologyStore(h.state, "srv1").Spot("dig_1");
  CHECK(spot->status() == v1::CONTENT_STATUS_COMPLETED);
  CHECK(spot->dug_by_char_id() == kChar);

  h.Touch("dig_1", kChar + 1);  // already dug
  CHECK(h.Run().empty());
  h.Touch("dig_404");
  CHECK(h.Run().empty());

  v1::GetArchaeologyProgressRequest req;
  req.set_server_id("srv1");
  req.set_char_id(kChar);
  absl::StatusOr<v1::GetArchaeologyProgressResponse> got = GetArchaeologyProgress(h.state, req, h.now);
  REQUIRE(got.ok());
  CHECK(got->progress().total_digs() == 1);
  CHECK(got->progress().level() == 1);
  CHECK(got->progress().digs_to_next_level() == 9);
  REQUIRE(got->progress().artifacts_size() == 1);
  CHECK(got->progress().artifacts(0).count() == 1);
  CHECK(got->progress().collections_size() == 4);
}

TEST_CASE("a dig on an expired spot yields nothing", "[unit]") {
  Harness h;
  h.Spot("dig_1", 0.5);
  h.now += kDigSpotLifetime;
  h.Touch("dig_1");
  CHECK(h.Run().empty());
  CHECK(ArchaeologyStore(h.state, "srv1").Spot("dig_1")->status() == v1::CONTENT_STATUS_EXPIRED);
}

TEST_CASE("completing a collection grants its bonus and the fossils title", "[unit]") {
  bool fossils_done = false, map_found = false;
  for (uint32_t i = 0; i < 200 && !(fossils_done && map_found); ++i) {
    Harness h;
    h.sequence = i * 7;
    const uint32_t char_id = kChar + i;
    ArchaeologyStore store(h.state, "srv1");
    v1::ArchaeologyProgress p = store.Progress(char_id);
    p.set_total_digs(9);
    for (auto& c : *p.mutable_collections()) c.set_collected(c.required() - 1);
    store.PutProgress(p);
    h.Spot("dig_1", 0.8);
    h.Touch("dig_1", char_id);
    const std::vector<v1::Action> actions = h.Run();
    const v1::ArchaeologyProgress after = store.Progress(char_id);
    CHECK(after.level() == 2);  // the 10th dig
    const v1::ArtifactType type = after.artifacts(0).type();
    if (type == v1::ARTIFACT_TYPE_TREASURE_MAP) {
      map_found = true;
      const v1::Action* where = Variable(actions, "aiw_arch_secret");
      REQUIRE(where != nullptr);
      CHECK(Cat().FindMap(where->set_char_variable().string_value()) != nullptr);
      const v1::Action* until = Variable(actions, "aiw_arch_secret_until");
      REQUIRE(until != nullptr);
      CHECK(until->set_char_variable().int_value() == absl::ToUnixSeconds(h.now + absl::Minutes(30)));
      v1::GetArchaeologyProgressRequest req;
      req.set_server_id("srv1");
      req.set_char_id(char_id);
      CHECK(GetArchaeologyProgress(h.state, req, h.now + absl::Minutes(29))->progress().open_secret_maps_size() == 1);
      CHECK(GetArchaeologyProgress(h.state, req, h.now + absl::Minutes(30))->progress().open_secret_maps_size() == 0);
      continue;
    }
    const CollectionRule* rule = CollectionFor(type);
    REQUIRE(rule != nullptr);
    const v1::Action* bonus = Variable(actions, "aiw_arch_" + rule->name);
    REQUIRE(bonus != nullptr);
    CHECK(bonus->set_char_variable().int_value() == 1);
    for (const auto& c : after.collections()) CHECK(c.completed() == (c.name() == rule->name));
    if (type == v1::ARTIFACT_TYPE_FOSSIL) {
      fossils_done = true;
      const v1::Action* title = Variable(actions, "aiw_title");
      REQUIRE(title != nullptr);
      CHECK(title->set_char_variable().string_value() == "Paleontologist");
    } else {
      CHECK(Variable(actions, "aiw_title") == nullptr);
    }
  }
  CHECK(fossils_done);
  CHECK(map_found);
}

TEST_CASE("ListDigSpots hides positions unless asked and validates its fields", "[unit]") {
  Harness h;
  h.world = RankedWorld();
  h.Job();
  v1::ListDigSpotsRequest req;
  req.set_server_id("srv1");
  absl::StatusOr<v1::ListDigSpotsResponse> got = ListDigSpots(h.state, req, h.now);
  REQUIRE(got.ok());
  CHECK(got->spots_size() == 15);
  for (const auto& s : got->spots()) CHECK((s.at().x() == 0 && s.at().y() == 0 && !s.at().map().empty()));
  req.set_include_positions(true);
  got = ListDigSpots(h.state, req, h.now);
  REQUIRE(got.ok());
  for (const auto& s : got->spots()) CHECK(s.at().x() != 0);
  req.set_map(got->spots(0).at().map());
  got = ListDigSpots(h.state, req, h.now);
  REQUIRE(got.ok());
  CHECK(got->spots_size() == 1);
  req.clear_map();
  // Expired spots need include_inactive.
  CHECK(ListDigSpots(h.state, req, h.now + absl::Hours(48))->spots_size() == 0);
  req.set_include_inactive(true);
  req.mutable_page()->set_page_size(10);
  got = ListDigSpots(h.state, req, h.now + absl::Hours(48));
  REQUIRE(got.ok());
  CHECK(got->spots_size() == 10);
  CHECK(got->spots(0).status() == v1::CONTENT_STATUS_EXPIRED);
  CHECK(got->next_page_token() == "10");

  v1::ListDigSpotsRequest bad;
  CHECK(absl::StrContains(ListDigSpots(h.state, bad, h.now).status().message(), "server_id"));
  bad.set_server_id("srv1");
  bad.set_map("a_map_name_too_long");
  CHECK(absl::StrContains(ListDigSpots(h.state, bad, h.now).status().message(), "map"));
  bad.clear_map();
  bad.mutable_page()->set_page_token("-1");
  CHECK(absl::StrContains(ListDigSpots(h.state, bad, h.now).status().message(), "page.page_token"));
}

TEST_CASE("GetArchaeologyProgress answers zeros for a character that never dug", "[unit]") {
  agentkit::MemoryStateStore state;
  v1::GetArchaeologyProgressRequest req;
  req.set_server_id("srv1");
  req.set_char_id(kChar);
  absl::StatusOr<v1::GetArchaeologyProgressResponse> got = GetArchaeologyProgress(state, req, kTwo);
  REQUIRE(got.ok());
  CHECK(got->progress().char_id() == kChar);
  CHECK(got->progress().level() == 0);
  CHECK(got->progress().total_digs() == 0);
  CHECK(got->progress().collections_size() == 0);
  req.set_char_id(149999);
  CHECK(absl::StrContains(GetArchaeologyProgress(state, req, kTwo).status().message(), "char_id"));
  req.set_char_id(kChar);
  req.set_server_id("");
  CHECK(absl::StrContains(GetArchaeologyProgress(state, req, kTwo).status().message(), "server_id"));
}

TEST_CASE("archaeology erasure removes progress secrets and the digger's name", "[unit]") {
  Harness h;
  h.Spot("dig_1", 0.5);
  h.Touch("dig_1");
  h.Run();
  ArchaeologyStore store(h.state, "srv1");
  store.OpenSecret(kChar, "in_sphinx5", h.now + absl::Minutes(30));
  CHECK(h.agent.ErasePlayer(h.state, 2000001, {kChar}) == 3);  // progress, secret, spot
  CHECK_FALSE(store.HasProgress(kChar));
  CHECK(store.OpenSecrets(kChar, h.now).empty());
  CHECK(store.Spot("dig_1")->dug_by_char_id() == 0);
}
