// The Treasure agent ("treasure"): the reference's traffic tiers (bottom 10 %, 10-30 %, 30-70 %,
// top 30 %), the 40/30/20/10 split with the remainder to low, rarity odds per tier, kinds 60/30/10,
// contents per rarity, 2..12 h despawn with an hourly sweep, hidden template NPCs, discovery with
// real items, zeny and card fragments (100 buy a card), the queries, and an empty world.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include <google/protobuf/util/message_differencer.h>

#include "absl/strings/match.h"
#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/economy/treasure/treasure_agent.h"
#include "services/economy/treasure/treasure_planner.h"
#include "services/economy/treasure/treasure_queries.h"
#include "services/economy/treasure/treasure_rules.h"
#include "services/economy/treasure/treasure_store.h"

using namespace aiworld;
using namespace aiworld::economy;

namespace {

constexpr uint32_t kChar = 150001;
const absl::Time kOne = absl::FromUnixSeconds(1'767'225'600) + absl::Hours(1);  // 2026-01-01 01:00 UTC

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }

// Every field and dungeon gets its index + 1 as traffic, so ranks are the catalogue order.
v1::WorldSnapshot RankedWorld(std::map<std::string, size_t>* rank = nullptr) {
  v1::WorldSnapshot w;
  uint32_t i = 0;
  for (const MapInfo& m : Cat().maps()) {
    if (m.kind == MapKind::kTown) continue;
    v1::MapActivity* a = w.add_maps();
    a->set_map(m.name);
    a->set_visits_today(i + 1);
    if (rank != nullptr) (*rank)[m.name] = i;
    ++i;
  }
  return w;
}

struct Harness {
  agentkit::MemoryStateStore state;
  v1::WorldSnapshot world;
  absl::Time now = kOne;
  TreasureAgent agent;
  uint64_t sequence = 0;

  explicit Harness(TreasureOptions options = {}) : agent(Cat(), options) {}

  agentkit::AgentContext Context(RandomSource& random, uint64_t seq) {
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = seq;
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "treasure";
    return ctx;
  }
  std::vector<v1::Action> Job(const std::string& job = kJobTreasureDaily) {
    SeededRandom random = SeededRandom::FromKeys({job, std::to_string(absl::ToUnixSeconds(now)), "treasure"});
    agentkit::AgentContext ctx = Context(random, 0);
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, job, &actions).ok());
    return actions;
  }
  std::vector<v1::Action> Click(const std::string& tag, uint32_t char_id = kChar,
                                v1::NpcInteractionKind kind = v1::NPC_INTERACTION_KIND_CLICK) {
    v1::RoutedEvent r;
    r.set_index(0);
    v1::GameEvent* e = r.mutable_event();
    e->set_event_id(++sequence);
    e->set_char_id(char_id);
    e->set_account_id(2000001);
    e->set_map("prt_fild08");
    e->mutable_npc_interaction()->set_kind(kind);
    e->mutable_npc_interaction()->set_npc_tag(tag);
    e->mutable_npc_interaction()->set_npc_sprite(kHiddenNpcSprite);
    SeededRandom random = SeededRandom::FromKeys({"srv1", std::to_string(sequence), "treasure"});
    agentkit::AgentContext ctx = Context(random, sequence);
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, {&r}, &actions).ok());
    return actions;
  }
  // A live treasure of a known make, placed directly in the store.
  v1::Treasure Put(v1::TreasureRarity rarity, uint32_t fragments, const std::string& map = "prt_fild08") {
    TreasureStore store(state, "srv1");
    v1::Treasure t;
    t.set_treasure_id(store.NextTreasureId());
    t.set_server_id("srv1");
    t.mutable_at()->set_map(map);
    t.mutable_at()->set_x(100);
    t.mutable_at()->set_y(120);
    t.set_rarity(rarity);
    t.set_kind(v1::TREASURE_KIND_CHEST);
    t.set_npc_tag(t.treasure_id());
    t.set_hint("Something glints.");
    v1::ItemStack* stack = t.mutable_reward()->add_items();
    stack->set_item_id(501);
    stack->set_amount(1);
    t.mutable_reward()->set_zeny(3000);
    t.set_card_fragments(fragments);
    t.set_reputation(10);
    t.set_status(v1::CONTENT_STATUS_ACTIVE);
    *t.mutable_spawned_at() = ToProto(now);
    *t.mutable_despawn_at() = ToProto(now + absl::Hours(4));
    store.PutTreasure(t);
    return t;
  }
};

template <typename Pred>
std::vector<v1::Action> Filter(const std::vector<v1::Action>& actions, Pred pred) {
  std::vector<v1::Action> out;
  for (const v1::Action& a : actions) {
    if (pred(a)) out.push_back(a);
  }
  return out;
}

}  // namespace

TEST_CASE("treasure count splits 40 30 20 10 percent with the remainder to low", "[unit]") {
  const TierCounts ten = SplitTreasures(10);
  CHECK(ten.very_low == 4);
  CHECK(ten.low == 3);
  CHECK(ten.medium == 2);
  CHECK(ten.high == 1);
  const TierCounts seven = SplitTreasures(7);  // 2.8 / 2.1 / 1.4 / 0.7 -> 2 / 2+2 / 1 / 0
  CHECK(seven.very_low == 2);
  CHECK(seven.low == 4);
  CHECK(seven.medium == 1);
  CHECK(seven.high == 0);
  const TierCounts fifteen = SplitTreasures(15);
  CHECK(fifteen.very_low == 6);
  CHECK(fifteen.low == 5);
  CHECK(fifteen.medium == 3);
  CHECK(fifteen.high == 1);
  CHECK(SplitTreasures(0).low == 0);
}

TEST_CASE("traffic tiers are the bottom 10 percent then 30 then 70 then the top 30", "[unit]") {
  CHECK(TierOfRank(0, 100) == TrafficTier::kVeryLow);
  CHECK(TierOfRank(9, 100) == TrafficTier::kVeryLow);
  CHECK(TierOfRank(10, 100) == TrafficTier::kLow);
  CHECK(TierOfRank(29, 100) == TrafficTier::kLow);
  CHECK(TierOfRank(30, 100) == TrafficTier::kMedium);
  CHECK(TierOfRank(69, 100) == TrafficTier::kMedium);
  CHECK(TierOfRank(70, 100) == TrafficTier::kHigh);
  CHECK(TierOfRank(99, 100) == TrafficTier::kHigh);
}

TEST_CASE("rarity odds per tier are the reference's mythic gold silver bronze", "[unit]") {
  const RarityOdds vl = RarityOddsFor(TrafficTier::kVeryLow);
  CHECK(vl.mythic == Approx(0.20));
  CHECK(vl.gold == Approx(0.40));
  CHECK(vl.silver == Approx(0.40));
  CHECK(vl.bronze == 0);
  const RarityOdds hi = RarityOddsFor(TrafficTier::kHigh);
  CHECK(hi.mythic == Approx(0.005));
  CHECK(hi.gold == Approx(0.095));
  CHECK(hi.silver == Approx(0.30));
  CHECK(hi.bronze == Approx(0.60));
  for (TrafficTier t : {TrafficTier::kVeryLow, TrafficTier::kLow, TrafficTier::kMedium, TrafficTier::kHigh}) {
    const RarityOdds o = RarityOddsFor(t);
    CHECK(o.mythic + o.gold + o.silver + o.bronze == Approx(1.0));
  }
  CHECK(RarityOddsFor(TrafficTier::kLow).bronze == Approx(0.30));
  CHECK(RarityOddsFor(TrafficTier::kMedium).silver == Approx(0.44));

  CHECK(RollRarity(TrafficTier::kVeryLow, 0.19999) == v1::TREASURE_RARITY_MYTHIC);
  CHECK(RollRarity(TrafficTier::kVeryLow, 0.20001) == v1::TREASURE_RARITY_GOLD);
  CHECK(RollRarity(TrafficTier::kVeryLow, 0.59999) == v1::TREASURE_RARITY_GOLD);
  CHECK(RollRarity(TrafficTier::kVeryLow, 0.60001) == v1::TREASURE_RARITY_SILVER);
  CHECK(RollRarity(TrafficTier::kVeryLow, 0.99999) == v1::TREASURE_RARITY_SILVER);  // never bronze
  CHECK(RollRarity(TrafficTier::kHigh, 0.00499) == v1::TREASURE_RARITY_MYTHIC);
  CHECK(RollRarity(TrafficTier::kHigh, 0.00501) == v1::TREASURE_RARITY_GOLD);
  CHECK(RollRarity(TrafficTier::kHigh, 0.0999) == v1::TREASURE_RARITY_GOLD);
  CHECK(RollRarity(TrafficTier::kHigh, 0.1001) == v1::TREASURE_RARITY_SILVER);
  CHECK(RollRarity(TrafficTier::kHigh, 0.3999) == v1::TREASURE_RARITY_SILVER);
  CHECK(RollRarity(TrafficTier::kHigh, 0.4001) == v1::TREASURE_RARITY_BRONZE);
}

TEST_CASE("treasure kinds are chest 60 dig spot 30 hidden NPC 10 percent", "[unit]") {
  CHECK(RollKind(0.0) == v1::TREASURE_KIND_CHEST);
  CHECK(RollKind(0.59999) == v1::TREASURE_KIND_CHEST);
  CHECK(RollKind(0.6) == v1::TREASURE_KIND_DIG_SPOT);
  CHECK(RollKind(0.89999) == v1::TREASURE_KIND_DIG_SPOT);
  CHECK(RollKind(0.9) == v1::TREASURE_KIND_HIDDEN_NPC);
}

TEST_CASE("contents per rarity are the reference's items zeny reputation and fragments", "[unit]") {
  const TreasureContents& bronze = ContentsFor(v1::TREASURE_RARITY_BRONZE);
  CHECK((bronze.min_items == 3 && bronze.max_items == 5 && bronze.min_zeny == 1000 && bronze.max_zeny == 5000));
  CHECK((bronze.reputation == 10 && bronze.fragments == 0 && bronze.extra_fragments == 0));
  const TreasureContents& silver = ContentsFor(v1::TREASURE_RARITY_SILVER);
  CHECK((silver.min_items == 2 && silver.max_items == 3 && silver.min_zeny == 10000 && silver.max_zeny == 25000));
  CHECK((silver.reputation == 25 && silver.fragments == 1));
  const TreasureContents& gold = ContentsFor(v1::TREASURE_RARITY_GOLD);
  CHECK((gold.min_items == 1 && gold.max_items == 2 && gold.min_zeny == 50000 && gold.max_zeny == 100000));
  CHECK((gold.reputation == 50 && gold.fragments == 5));
  const TreasureContents& mythic = ContentsFor(v1::TREASURE_RARITY_MYTHIC);
  CHECK((mythic.min_items == 1 && mythic.max_items == 1 && mythic.min_zeny == 200000 && mythic.max_zeny == 500000));
  CHECK((mythic.reputation == 100 && mythic.fragments == 15 && mythic.extra_fragments == 10));
  CHECK(kCardFragmentExchangeRate == 100);
}

TEST_CASE("treasure items are real catalogue items suited to the rarity - reference bug items had names but no ids", "[unit]") {
  for (v1::TreasureRarity r : {v1::TREASURE_RARITY_BRONZE, v1::TREASURE_RARITY_SILVER, v1::TREASURE_RARITY_GOLD,
                               v1::TREASURE_RARITY_MYTHIC}) {
    const std::vector<uint32_t> pool = TreasureItemPool(r, Cat());
    INFO("rarity " << RarityName(r));
    CHECK(pool.size() >= 5);
    for (uint32_t id : pool) REQUIRE(Cat().FindItem(id) != nullptr);
  }
  for (uint32_t id : TreasureItemPool(v1::TREASURE_RARITY_MYTHIC, Cat())) CHECK(Cat().FindItem(id)->kind == ItemKind::kCard);
  for (uint32_t id : TreasureItemPool(v1::TREASURE_RARITY_BRONZE, Cat())) CHECK(Cat().FindItem(id)->buy <= 1000);
  CHECK_FALSE(CardPool(Cat()).empty());
}

TEST_CASE("an empty world places no treasure - reference bug mock world activity", "[unit]") {
  Harness h;
  CHECK(h.Job().empty());
  CHECK(TreasureStore(h.state, "srv1").Treasures().empty());
}

TEST_CASE("the daily job hides 10 treasures by traffic tier as hidden template NPCs", "[unit]") {
  Harness h;
  std::map<std::string, size_t> rank;
  h.world = RankedWorld(&rank);
  const std::vector<v1::Action> actions = h.Job();
  const std::vector<v1::Action> spawns = Filter(actions, [](const v1::Action& a) { return a.has_spawn_npc(); });
  REQUIRE(spawns.size() == 10);
  CHECK(Filter(actions, [](const v1::Action& a) { return a.has_broadcast(); }).size() == 1);

  std::set<std::string> maps, tags;
  int per_tier[4] = {0, 0, 0, 0};
  for (const v1::Action& a : spawns) {
    const v1::SpawnNpc& npc = a.spawn_npc();
    CHECK(npc.template_name() == kTreasureTemplate);
    CHECK(npc.sprite_id() == 111);
    CHECK(absl::StartsWith(npc.npc_tag(), "trs_"));
    CHECK(npc.parameters().at("treasure_id") == npc.npc_tag());
    const MapInfo* map = Cat().FindMap(npc.at().map());
    REQUIRE(map != nullptr);
    CHECK(map->kind != MapKind::kTown);
    CHECK(npc.at().x() >= 1);
    CHECK(npc.at().x() < map->width);
    CHECK(npc.at().y() < map->height);
    CHECK(npc.at().x() <= 350);
    const absl::Duration ttl = FromProto(npc.ttl());
    CHECK(ttl >= absl::Hours(2));
    CHECK(ttl <= absl::Hours(12));
    CHECK(ttl == absl::Hours(absl::ToInt64Hours(ttl)));
    CHECK(FromProto(a.expires_at()) == h.now + ttl);
    CHECK(a.cause().job().job() == kJobTreasureDaily);
    maps.insert(npc.at().map());
    tags.insert(npc.npc_tag());
    ++per_tier[static_cast<int>(TierOfRank(rank.at(npc.at().map()), rank.size()))];
  }
  CHECK(maps.size() == 10);  // one per map
  CHECK(tags.size() == 10);
  CHECK(per_tier[0] == 4);
  CHECK(per_tier[1] == 3);
  CHECK(per_tier[2] == 2);
  CHECK(per_tier[3] == 1);

  for (const v1::Treasure& t : TreasureStore(h.state, "srv1").Treasures()) {
    const TreasureContents& c = ContentsFor(t.rarity());
    INFO(t.treasure_id() << " " << RarityName(t.rarity()));
    CHECK(t.reward().items_size() >= c.min_items);
    CHECK(t.reward().items_size() <= c.max_items);
    CHECK(t.reward().zeny() >= c.min_zeny);
    CHECK(t.reward().zeny() <= c.max_zeny);
    CHECK(t.reputation() == c.reputation);
    CHECK(t.card_fragments() >= c.fragments);
    CHECK(t.card_fragments() <= c.fragments + c.extra_fragments);
    for (const v1::ItemStack& s : t.reward().items()) CHECK(Cat().FindItem(s.item_id()) != nullptr);
    CHECK_FALSE(t.hint().empty());
    CHECK(t.status() == v1::CONTENT_STATUS_ACTIVE);
    // The quietest maps never hold bronze.
    if (TierOfRank(rank.at(t.at().map()), rank.size()) == TrafficTier::kVeryLow) CHECK(t.rarity() != v1::TREASURE_RARITY_BRONZE);
  }
}

TEST_CASE("the daily count is DAILY_TREASURE_COUNT within 5 to 15", "[unit]") {
  TreasureOptions few;
  few.daily_treasures = 2;
  Harness a(few);
  a.world = RankedWorld();
  CHECK(Filter(a.Job(), [](const v1::Action& x) { return x.has_spawn_npc(); }).size() == 5);
  TreasureOptions many;
  many.daily_treasures = 40;
  Harness b(many);
  b.world = RankedWorld();
  CHECK(Filter(b.Job(), [](const v1::Action& x) { return x.has_spawn_npc(); }).size() == 15);
}

TEST_CASE("the same slot places the same treasures", "[unit]") {
  Harness a, b;
  a.world = RankedWorld();
  b.world = RankedWorld();
  const std::vector<v1::Action> x = a.Job(), y = b.Job();
  REQUIRE(x.size() == y.size());
  for (size_t i = 0; i < x.size(); ++i) CHECK(google::protobuf::util::MessageDifferencer::Equals(x[i], y[i]));
}

TEST_CASE("maps with a live treasure get no second one so the 20 cell spacing holds - reference bug spacing not enforced", "[unit]") {
  Harness h;
  h.world = RankedWorld();
  h.Job();
  std::set<std::string> first;
  for (const v1::Treasure& t : TreasureStore(h.state, "srv1").Treasures()) first.insert(t.at().map());
  h.now += absl::Minutes(30);  // Admin.RunJobNow: all ten are still live
  for (const v1::Action& a : h.Job()) {
    if (a.has_spawn_npc()) CHECK_FALSE(first.contains(a.spawn_npc().at().map()));
  }
}

TEST_CASE("discovery gives the treasure's items and zeny removes its NPC and adds card fragments", "[unit]") {
  Harness h;
  const v1::Treasure t = h.Put(v1::TREASURE_RARITY_SILVER, 1);
  const std::vector<v1::Action> actions = h.Click(t.npc_tag());
  const std::vector<v1::Action> removes = Filter(actions, [](const v1::Action& a) { return a.has_remove_npc(); });
  REQUIRE(removes.size() == 1);
  CHECK(removes[0].remove_npc().npc_tag() == t.npc_tag());
  const std::vector<v1::Action> rewards = Filter(actions, [](const v1::Action& a) { return a.has_give_reward(); });
  REQUIRE(rewards.size() == 1);
  CHECK(rewards[0].give_reward().char_id() == kChar);
  CHECK(rewards[0].give_reward().reward().zeny() == 3000);
  CHECK(rewards[0].give_reward().reward().items(0).item_id() == 501);
  const std::vector<v1::Action> vars = Filter(actions, [](const v1::Action& a) { return a.has_set_char_variable(); });
  REQUIRE(vars.size() == 1);
  CHECK(vars[0].set_char_variable().name() == kFragmentsVariable);
  CHECK(vars[0].set_char_variable().int_value() == 1);
  CHECK(Filter(actions, [](const v1::Action& a) { return a.has_broadcast() && a.broadcast().char_id() == kChar; }).size() == 1);

  const std::optional<v1::Treasure> claimed = TreasureStore(h.state, "srv1").Treasure(t.treasure_id());
  REQUIRE(claimed.has_value());
  CHECK(claimed->status() == v1::CONTENT_STATUS_COMPLETED);
  CHECK(claimed->claimed_by_char_id() == kChar);
  CHECK(FromProto(claimed->claimed_at()) == h.now);
  CHECK(h.Click(t.npc_tag(), 150002).empty());  // first click wins

  v1::GetCardFragmentsRequest req;
  req.set_server_id("srv1");
  req.set_char_id(kChar);
  absl::StatusOr<v1::GetCardFragmentsResponse> f = GetCardFragments(h.state, req);
  REQUIRE(f.ok());
  CHECK(f->fragments() == 1);
  CHECK(f->exchange_rate() == 100);
  CHECK(f->cards_claimed() == 0);
}

TEST_CASE("a bronze treasure gives no fragment and sets no variable", "[unit]") {
  Harness h;
  const v1::Treasure t = h.Put(v1::TREASURE_RARITY_BRONZE, 0);
  const std::vector<v1::Action> actions = h.Click(t.npc_tag());
  CHECK(Filter(actions, [](const v1::Action& a) { return a.has_set_char_variable(); }).empty());
  CHECK(Filter(actions, [](const v1::Action& a) { return a.has_give_reward(); }).size() == 1);
}

TEST_CASE("100 card fragments buy a real card and 99 do not", "[unit]") {
  Harness h;
  TreasureStore store(h.state, "srv1");
  CardFragments f;
  f.account_id = 2000001;
  f.fragments = 94;
  store.PutFragments(kChar, f);
  const v1::Treasure five = h.Put(v1::TREASURE_RARITY_GOLD, 5);
  CHECK(Filter(h.Click(five.npc_tag()), [](const v1::Action& a) { return a.has_give_reward(); }).size() == 1);
  CHECK(store.Fragments(kChar).fragments == 99);

  const v1::Treasure one = h.Put(v1::TREASURE_RARITY_SILVER, 1);
  const std::vector<v1::Action> rewards = Filter(h.Click(one.npc_tag()), [](const v1::Action& a) { return a.has_give_reward(); });
  REQUIRE(rewards.size() == 2);
  const ItemInfo* card = Cat().FindItem(rewards[1].give_reward().reward().items(0).item_id());
  REQUIRE(card != nullptr);
  CHECK(card->kind == ItemKind::kCard);
  CHECK(store.Fragments(kChar).fragments == 0);
  CHECK(store.Fragments(kChar).cards_claimed == 1);
}

TEST_CASE("clicks that are not a live treasure do nothing", "[unit]") {
  Harness h;
  const v1::Treasure t = h.Put(v1::TREASURE_RARITY_GOLD, 5);
  CHECK(h.Click(t.npc_tag(), kChar, v1::NPC_INTERACTION_KIND_CLOSE).empty());
  CHECK(h.Click("dig_1").empty());
  CHECK(h.Click("trs_999").empty());
  h.now += absl::Hours(4);  // despawn time reached
  CHECK(h.Click(t.npc_tag()).empty());
  CHECK(TreasureStore(h.state, "srv1").Treasure(t.treasure_id())->status() == v1::CONTENT_STATUS_EXPIRED);
}

TEST_CASE("the hourly sweep expires treasures at their despawn time and drops week-old records", "[unit]") {
  Harness h;
  const v1::Treasure t = h.Put(v1::TREASURE_RARITY_SILVER, 1);
  h.now = kOne + absl::Hours(4) - absl::Seconds(1);
  CHECK(h.Job(kJobTreasureExpire).empty());
  CHECK(TreasureStore(h.state, "srv1").Treasure(t.treasure_id())->status() == v1::CONTENT_STATUS_ACTIVE);
  h.now = kOne + absl::Hours(4);
  h.Job(kJobTreasureExpire);
  CHECK(TreasureStore(h.state, "srv1").Treasure(t.treasure_id())->status() == v1::CONTENT_STATUS_EXPIRED);
  h.now = kOne + absl::Hours(4) + absl::Hours(24 * 7) + absl::Seconds(1);
  h.Job(kJobTreasureExpire);
  CHECK_FALSE(TreasureStore(h.state, "srv1").Treasure(t.treasure_id()).has_value());
}

TEST_CASE("ListTreasures hides positions and hints unless asked and names bad fields", "[unit]") {
  Harness h;
  const v1::Treasure a = h.Put(v1::TREASURE_RARITY_SILVER, 1, "prt_fild08");
  h.now += absl::Minutes(1);
  const v1::Treasure b = h.Put(v1::TREASURE_RARITY_GOLD, 5, "pay_fild01");
  h.Click(a.npc_tag());

  v1::ListTreasuresRequest req;
  req.set_server_id("srv1");
  absl::StatusOr<v1::ListTreasuresResponse> live = ListTreasures(h.state, req, h.now);
  REQUIRE(live.ok());
  REQUIRE(live->treasures_size() == 1);
  CHECK(live->treasures(0).treasure_id() == b.treasure_id());
  CHECK(live->treasures(0).at().x() == 0);
  CHECK(live->treasures(0).at().y() == 0);
  CHECK(live->treasures(0).hint().empty());

  req.set_include_inactive(true);
  req.set_include_positions(true);
  req.set_include_hints(true);
  absl::StatusOr<v1::ListTreasuresResponse> all = ListTreasures(h.state, req, h.now);
  REQUIRE(all.ok());
  REQUIRE(all->treasures_size() == 2);
  CHECK(all->treasures(0).treasure_id() == b.treasure_id());  // newest first
  CHECK(all->treasures(0).at().x() == 100);
  CHECK_FALSE(all->treasures(0).hint().empty());
  CHECK(all->treasures(1).status() == v1::CONTENT_STATUS_COMPLETED);

  req.set_map("pay_fild01");
  CHECK(ListTreasures(h.state, req, h.now)->treasures_size() == 1);
  absl::StatusOr<v1::ListTreasuresResponse> later = ListTreasures(h.state, req, h.now + absl::Hours(5));
  REQUIRE(later.ok());
  CHECK(later->treasures(0).status() == v1::CONTENT_STATUS_EXPIRED);

  req.set_map("");
  req.mutable_page()->set_page_size(1);
  absl::StatusOr<v1::ListTreasuresResponse> page = ListTreasures(h.state, req, h.now);
  REQUIRE(page.ok());
  CHECK(page->treasures_size() == 1);
  CHECK(page->next_page_token() == "1");

  req.set_map("a_map_name_too_long");
  CHECK(absl::StrContains(ListTreasures(h.state, req, h.now).status().message(), "map"));
  req.set_map("");
  req.set_server_id("");
  CHECK(absl::StrContains(ListTreasures(h.state, req, h.now).status().message(), "server_id"));

  v1::GetCardFragmentsRequest frag;
  frag.set_server_id("srv1");
  frag.set_char_id(149999);
  CHECK(absl::StrContains(GetCardFragments(h.state, frag).status().message(), "char_id"));
  frag.set_char_id(150999);
  absl::StatusOr<v1::GetCardFragmentsResponse> none = GetCardFragments(h.state, frag);
  REQUIRE(none.ok());
  CHECK(none->fragments() == 0);
  CHECK(none->exchange_rate() == 100);
}

TEST_CASE("erasing a player removes its fragments and its name on claimed treasures", "[unit]") {
  Harness h;
  const v1::Treasure t = h.Put(v1::TREASURE_RARITY_SILVER, 1);
  h.Click(t.npc_tag());
  CHECK(h.agent.CharactersOf(h.state, 2000001) == std::vector<uint32_t>{kChar});
  CHECK(h.agent.ErasePlayer(h.state, 2000001, {kChar}) == 2);
  CHECK_FALSE(TreasureStore(h.state, "srv1").HasFragments(kChar));
  CHECK(TreasureStore(h.state, "srv1").Treasure(t.treasure_id())->claimed_by_char_id() == 0);
  CHECK(h.agent.CharactersOf(h.state, 2000001).empty());
}

TEST_CASE("the treasure agent runs daily at 01:00 and sweeps hourly", "[unit]") {
  TreasureAgent agent;
  CHECK(agent.name() == "treasure");
  const std::vector<v1::JobSpec> jobs = agent.jobs();
  REQUIRE(jobs.size() == 2);
  CHECK(jobs[0].name() == "treasure.daily");
  CHECK(jobs[0].schedule().daily().hour() == 1);
  CHECK(jobs[0].schedule().daily().minute() == 0);
  CHECK(jobs[1].name() == "treasure.expire");
  CHECK(FromProto(jobs[1].schedule().interval().every()) == absl::Hours(1));
  CHECK(agent.subscriptions() == std::vector<v1::EventKind>{v1::EVENT_KIND_NPC_INTERACTION});
}
