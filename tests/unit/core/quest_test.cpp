// The Quest agent: the reference's type-by-class, personality and level-band rules with their
// boundaries, objectives on real catalogue content, the reward formula, offers from NPC clicks,
// progress from events and exactly one reward, queries and erasure.
#include <catch2/catch.hpp>

#include <set>

#include "absl/strings/match.h"
#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/core/quest/generated_text.h"
#include "services/core/quest/quest_agent.h"
#include "services/core/quest/quest_book.h"
#include "services/core/quest/quest_maker.h"
#include "services/core/quest/quest_objectives.h"
#include "services/core/quest/quest_queries.h"
#include "services/core/quest/quest_rules.h"

using namespace aiworld;
using namespace aiworld::core;

namespace {

constexpr uint32_t kChar = 150001;
constexpr uint32_t kAccount = 2000001;
constexpr int kMerchantSprite = 58;  // 1_M_MERCHANT: merchant
constexpr int kKafraSprite = 112;    // 4_F_KAFRA6: kafra only

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }

struct Harness {
  agentkit::MemoryStateStore state;
  v1::WorldSnapshot world;
  uint64_t sequence = 0;
  absl::Time now = absl::FromUnixSeconds(1'767'225'600);  // 2026-01-01 00:00 UTC
  QuestAgent agent;
  std::vector<v1::RoutedEvent> events;

  v1::GameEvent& Add() {
    v1::RoutedEvent r;
    r.set_index(static_cast<uint32_t>(events.size()));
    r.mutable_event()->set_event_id(events.size() + 1);
    r.mutable_event()->set_char_id(kChar);
    r.mutable_event()->set_account_id(kAccount);
    r.mutable_event()->set_char_name("Alice");
    r.mutable_event()->set_base_level(25);
    r.mutable_event()->set_map("prontera");
    events.push_back(std::move(r));
    return *events.back().mutable_event();
  }
  void Click(int sprite, const std::string& exname) {
    v1::NpcInteraction* n = Add().mutable_npc_interaction();
    n->set_kind(v1::NPC_INTERACTION_KIND_CLICK);
    n->set_npc_sprite(sprite);
    n->set_npc_exname(exname);
    n->set_npc_name("Trader Ben");
  }
  std::vector<v1::Action> Run(uint64_t seq = 0) {
    sequence = seq != 0 ? seq : sequence + 1;
    SeededRandom random = SeededRandom::FromKeys({"srv1", std::to_string(sequence), "quest"});
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = sequence;
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "quest";
    std::vector<const v1::RoutedEvent*> view;
    for (const auto& e : events) view.push_back(&e);
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, view, &actions).ok());
    events.clear();
    return actions;
  }
};

size_t Count(const std::vector<v1::Action>& actions, v1::Action::KindCase kind) {
  size_t n = 0;
  for (const auto& a : actions) n += a.kind_case() == kind ? 1 : 0;
  return n;
}

v1::Quest ActiveKillQuest(const std::string& key, int mob, const std::string& map, uint32_t quantity) {
  v1::Quest q;
  q.set_quest_key(key);
  q.set_server_id("srv1");
  q.set_char_id(kChar);
  q.set_title("The Poring Cull");
  q.set_status(v1::QUEST_STATUS_ACTIVE);
  q.mutable_giver()->set_exname("guard_1");
  v1::QuestObjective* o = q.add_objectives();
  o->set_kind(v1::QUEST_OBJECTIVE_KIND_KILL);
  o->set_mob_id(mob);
  o->mutable_place()->set_map(map);
  o->set_quantity(quantity);
  q.add_objective_progress(0);
  *q.mutable_reward() = RewardFor(v1::QUEST_DIFFICULTY_EASY, 20, Cat());
  return q;
}

}  // namespace

TEST_CASE("quest types follow the NPC class as in the reference", "[unit]") {
  const std::vector<std::pair<NpcClass, std::set<v1::QuestType>>> expected = {
      {NpcClass::kMerchant, {v1::QUEST_TYPE_DELIVERY, v1::QUEST_TYPE_FETCH, v1::QUEST_TYPE_CRAFT}},
      {NpcClass::kGuard, {v1::QUEST_TYPE_KILL, v1::QUEST_TYPE_ESCORT, v1::QUEST_TYPE_INVESTIGATE}},
      {NpcClass::kQuestGiver, {v1::QUEST_TYPE_EXPLORE, v1::QUEST_TYPE_DIALOGUE, v1::QUEST_TYPE_INVESTIGATE}},
      {NpcClass::kBlacksmith, {v1::QUEST_TYPE_CRAFT, v1::QUEST_TYPE_FETCH}},
      {NpcClass::kPriest, {v1::QUEST_TYPE_ESCORT, v1::QUEST_TYPE_DIALOGUE}},
      {NpcClass::kScholar, {v1::QUEST_TYPE_INVESTIGATE, v1::QUEST_TYPE_EXPLORE, v1::QUEST_TYPE_DIALOGUE}},
  };
  const Personality neutral;  // every trait 0.5
  for (const auto& [cls, types] : expected) {
    INFO("class " << NpcClassName(cls));
    std::set<v1::QuestType> seen;
    for (int seed = 0; seed < 200; ++seed) {
      SeededRandom random(seed);
      seen.insert(ChooseQuestType(cls, neutral, random));
    }
    CHECK(seen == types);
  }
}

TEST_CASE("openness above 0.7 prefers EXPLORE and conscientiousness above 0.7 prefers DELIVERY", "[unit]") {
  Personality p;
  SeededRandom random(1);
  p.openness = 0.70001;
  CHECK(ChooseQuestType(NpcClass::kGuard, p, random) == v1::QUEST_TYPE_EXPLORE);
  p.conscientiousness = 0.9;  // openness is asked first
  CHECK(ChooseQuestType(NpcClass::kGuard, p, random) == v1::QUEST_TYPE_EXPLORE);
  p.openness = 0.7;  // exactly 0.7 is not above it
  CHECK(ChooseQuestType(NpcClass::kGuard, p, random) == v1::QUEST_TYPE_DELIVERY);
  p.conscientiousness = 0.70001;
  CHECK(ChooseQuestType(NpcClass::kGuard, p, random) == v1::QUEST_TYPE_DELIVERY);
  p.conscientiousness = 0.7;
  for (int seed = 0; seed < 50; ++seed) {
    SeededRandom r(seed);
    const v1::QuestType t = ChooseQuestType(NpcClass::kGuard, p, r);
    INFO("a guard at exactly 0.7 / 0.7 keeps to its class types, got " << QuestTypeName(t));
    CHECK((t == v1::QUEST_TYPE_KILL || t == v1::QUEST_TYPE_ESCORT || t == v1::QUEST_TYPE_INVESTIGATE));
  }
}

TEST_CASE("difficulty bands change at levels 10 30 50 and 80", "[unit]") {
  using D = v1::QuestDifficulty;
  const std::vector<std::tuple<uint32_t, D, D>> cases = {
      {1, v1::QUEST_DIFFICULTY_TRIVIAL, v1::QUEST_DIFFICULTY_EASY},   {9, v1::QUEST_DIFFICULTY_TRIVIAL, v1::QUEST_DIFFICULTY_EASY},
      {10, v1::QUEST_DIFFICULTY_EASY, v1::QUEST_DIFFICULTY_NORMAL},   {29, v1::QUEST_DIFFICULTY_EASY, v1::QUEST_DIFFICULTY_NORMAL},
      {30, v1::QUEST_DIFFICULTY_NORMAL, v1::QUEST_DIFFICULTY_HARD},   {49, v1::QUEST_DIFFICULTY_NORMAL, v1::QUEST_DIFFICULTY_HARD},
      {50, v1::QUEST_DIFFICULTY_HARD, v1::QUEST_DIFFICULTY_VERY_HARD}, {79, v1::QUEST_DIFFICULTY_HARD, v1::QUEST_DIFFICULTY_VERY_HARD},
      {80, v1::QUEST_DIFFICULTY_VERY_HARD, v1::QUEST_DIFFICULTY_EPIC}, {99, v1::QUEST_DIFFICULTY_VERY_HARD, v1::QUEST_DIFFICULTY_EPIC},
  };
  for (const auto& [level, low, high] : cases) {
    INFO("level " << level << " expects " << DifficultyName(low) << "/" << DifficultyName(high));
    const auto band = DifficultyBand(level);
    CHECK(band.first == low);
    CHECK(band.second == high);
    std::set<D> seen;
    for (int seed = 0; seed < 64; ++seed) {
      SeededRandom r(seed);
      seen.insert(ChooseDifficulty(level, r));
    }
    CHECK(seen == std::set<D>{low, high});
  }
}

TEST_CASE("rewards scale with difficulty and level by the documented formula", "[unit]") {
  const v1::RewardBundle r = RewardFor(v1::QUEST_DIFFICULTY_HARD, 50, Cat());
  CHECK(r.base_exp() == 200000u);  // 40 * 50^2 * 2
  CHECK(r.job_exp() == 120000u);   // base * 3 / 5
  CHECK(r.zeny() == 15000u);       // 150 * 50 * 2
  REQUIRE(r.items_size() == 1);
  CHECK(r.items(0).item_id() == 503u);  // Yellow Potion for levels 40..59
  CHECK(r.items(0).amount() == 6u);     // ceil(3 * 2)
  const v1::RewardBundle low = RewardFor(v1::QUEST_DIFFICULTY_TRIVIAL, 1, Cat());
  CHECK(low.base_exp() == 20u);
  CHECK(low.zeny() == 75u);
  CHECK(low.items(0).item_id() == 501u);
  CHECK(low.items(0).amount() == 2u);
  const v1::RewardBundle epic = RewardFor(v1::QUEST_DIFFICULTY_EPIC, 99, Cat());
  CHECK(epic.items(0).item_id() == 522u);
  CHECK(epic.zeny() == 74250u);
  CHECK(RewardFor(v1::QUEST_DIFFICULTY_VERY_HARD, 99, Cat()).base_exp() < epic.base_exp());
}

TEST_CASE("NPC sprites map to quest classes by their first quest-giving role", "[unit]") {
  CHECK(NpcClassOfSprite(Cat(), kMerchantSprite) == NpcClass::kMerchant);
  CHECK(NpcClassOfSprite(Cat(), 63) == NpcClass::kBlacksmith);  // smith,merchant
  CHECK(NpcClassOfSprite(Cat(), 65) == NpcClass::kGuard);
  CHECK(NpcClassOfSprite(Cat(), 60) == NpcClass::kPriest);
  CHECK(NpcClassOfSprite(Cat(), 71) == NpcClass::kScholar);
  CHECK(NpcClassOfSprite(Cat(), 54) == NpcClass::kQuestGiver);  // villager,quest_giver
  CHECK_FALSE(NpcClassOfSprite(Cat(), kKafraSprite).has_value());
  CHECK_FALSE(NpcClassOfSprite(Cat(), 99999).has_value());
}

TEST_CASE("objectives name real catalogue monsters items and maps suited to the level", "[unit]") {
  const std::vector<v1::QuestType> types = {v1::QUEST_TYPE_KILL,    v1::QUEST_TYPE_ESCORT,   v1::QUEST_TYPE_INVESTIGATE,
                                            v1::QUEST_TYPE_EXPLORE, v1::QUEST_TYPE_DIALOGUE, v1::QUEST_TYPE_DELIVERY,
                                            v1::QUEST_TYPE_FETCH,   v1::QUEST_TYPE_CRAFT};
  for (uint32_t level : {1u, 9u, 25u, 50u, 75u, 99u}) {
    for (v1::QuestType type : types) {
      SeededRandom random(level * 31 + type);
      ObjectiveRequest r;
      r.type = type;
      r.level = level;
      r.difficulty = DifficultyBand(level).first;
      r.giver.set_exname("npc_x");
      r.giver_name = "Ben";
      r.giver_map = "prontera";
      const auto objectives = PickObjectives(r, Cat(), random);
      INFO("level " << level << " type " << QuestTypeName(type));
      REQUIRE_FALSE(objectives.empty());
      CHECK(objectives.size() <= 3u);
      for (const v1::QuestObjective& o : objectives) {
        CHECK(o.quantity() >= 1u);
        CHECK_FALSE(o.description().empty());
        if (o.kind() == v1::QUEST_OBJECTIVE_KIND_KILL) {
          const MonsterInfo* m = Cat().FindMonster(o.mob_id());
          REQUIRE(m != nullptr);
          CHECK_FALSE(m->is_boss());
          CHECK(std::abs(m->level - static_cast<int>(level)) <= 15);
          CHECK(std::find(m->maps.begin(), m->maps.end(), o.place().map()) != m->maps.end());
        }
        if (o.kind() == v1::QUEST_OBJECTIVE_KIND_VISIT) CHECK(Cat().FindMap(o.place().map()) != nullptr);
        if (o.kind() == v1::QUEST_OBJECTIVE_KIND_COLLECT) CHECK(Cat().FindItem(o.item_id()) != nullptr);
      }
      if (type == v1::QUEST_TYPE_DELIVERY || type == v1::QUEST_TYPE_DIALOGUE) {
        const MapInfo* town = Cat().FindMap(objectives[0].place().map());
        REQUIRE(town != nullptr);
        CHECK(town->kind == MapKind::kTown);
        CHECK(town->region != "prontera");
      }
    }
  }
  const auto near25 = MonstersForLevel(Cat(), 25);
  REQUIRE(near25.size() >= 3u);
  CHECK(std::abs(near25.front()->level - 25) <= 5);
}

TEST_CASE("a click on a merchant offers a quest once and a second click offers the same one", "[unit]") {
  Harness h;
  h.Click(kMerchantSprite, "prt_merchant_1");
  const auto first = h.Run();
  REQUIRE(Count(first, v1::Action::kOfferQuest) == 1);
  CHECK(Count(first, v1::Action::kNpcSay) == 1);
  const v1::Action* offer = nullptr;
  for (const auto& a : first) offer = a.has_offer_quest() ? &a : offer;
  const v1::GeneratedQuest& g = offer->offer_quest().generated();
  CHECK(offer->offer_quest().char_id() == kChar);
  CHECK(offer->offer_quest().giver().exname() == "prt_merchant_1");
  CHECK(g.quest_key() == "quest_1000000");
  CHECK_FALSE(g.title().empty());
  CHECK(g.title().size() <= 60u);
  CHECK_FALSE(g.description().empty());
  CHECK(g.objectives_size() >= 1);
  CHECK(offer->cause().events(0).batch_sequence() == 1u);
  auto stored = QuestBook(h.state).Get("quest_1000000");
  REQUIRE(stored.has_value());
  CHECK(stored->status() == v1::QUEST_STATUS_OFFERED);
  CHECK(stored->tier() == v1::TIER_TEMPLATE);
  CHECK((stored->difficulty() == v1::QUEST_DIFFICULTY_EASY || stored->difficulty() == v1::QUEST_DIFFICULTY_NORMAL));

  h.Click(kMerchantSprite, "prt_merchant_1");
  const auto second = h.Run();
  REQUIRE(Count(second, v1::Action::kOfferQuest) == 1);
  for (const auto& a : second) {
    if (a.has_offer_quest()) CHECK(a.offer_quest().generated().quest_key() == "quest_1000000");
  }
  CHECK(QuestBook(h.state).All().size() == 1u);
}

TEST_CASE("NPCs that give no quests and story NPCs get no offer", "[unit]") {
  Harness h;
  h.Click(kKafraSprite, "kafra_1");
  CHECK(h.Run().empty());
  h.Click(kMerchantSprite, "");
  h.events.back().mutable_event()->mutable_npc_interaction()->set_npc_tag("story_1_c1_ally");
  CHECK(h.Run().empty());
  h.Click(kMerchantSprite, "shop_1");
  h.events.back().mutable_event()->mutable_npc_interaction()->set_kind(v1::NPC_INTERACTION_KIND_CLOSE);
  CHECK(h.Run().empty());
  h.Click(kMerchantSprite, "shop_1");
  h.events.back().mutable_event()->mutable_npc_interaction()->set_kind(v1::NPC_INTERACTION_KIND_MENU_CHOICE);
  h.events.back().mutable_event()->mutable_npc_interaction()->set_menu_option("Any Quests?");
  CHECK(Count(h.Run(), v1::Action::kOfferQuest) == 1);
}

TEST_CASE("a character holds at most 5 open quests", "[unit]") {
  Harness h;
  for (int i = 0; i < 5; ++i) {
    h.Click(kMerchantSprite, "merchant_" + std::to_string(i));
    REQUIRE(Count(h.Run(), v1::Action::kOfferQuest) == 1);
  }
  h.Click(kMerchantSprite, "merchant_6");
  const auto busy = h.Run();
  CHECK(Count(busy, v1::Action::kOfferQuest) == 0);
  REQUIRE(Count(busy, v1::Action::kNpcSay) == 1);
  CHECK(absl::StrContains(busy[0].npc_say().text(), "enough"));
}

TEST_CASE("the same batch decides the same quest again", "[unit]") {
  Harness a, b;
  a.Click(kMerchantSprite, "merchant_a");
  b.Click(kMerchantSprite, "merchant_a");
  const auto first = a.Run(7);
  const auto second = b.Run(7);
  REQUIRE(first.size() == second.size());
  for (size_t i = 0; i < first.size(); ++i) CHECK(first[i].SerializeAsString() == second[i].SerializeAsString());
}

TEST_CASE("accepting then killing the objective monsters completes the quest with one reward", "[unit]") {
  Harness h;
  QuestBook(h.state).Put(ActiveKillQuest("quest_1000005", 1002, "prt_fild08", 3));
  auto q = QuestBook(h.state).Get("quest_1000005");
  q->set_status(v1::QUEST_STATUS_OFFERED);
  QuestBook(h.state).Put(*q);
  h.Add().mutable_quest_accepted()->set_mesh_quest_key("quest_1000005");
  CHECK(h.Run().empty());
  CHECK(QuestBook(h.state).Get("quest_1000005")->status() == v1::QUEST_STATUS_ACTIVE);

  auto kill = [&](int mob, const std::string& map) {
    v1::GameEvent& e = h.Add();
    e.set_map(map);
    e.mutable_monster_killed()->set_mob_id(mob);
  };
  kill(1002, "prt_fild08");
  kill(1002, "prt_fild01");  // wrong map: does not count
  kill(1113, "prt_fild08");  // wrong monster
  CHECK(h.Run().empty());
  CHECK(QuestBook(h.state).Get("quest_1000005")->objective_progress(0) == 1u);
  kill(1002, "prt_fild08");
  kill(1002, "prt_fild08");
  kill(1002, "prt_fild08");  // beyond the quantity: nothing more
  const auto done = h.Run();
  REQUIRE(Count(done, v1::Action::kGiveReward) == 1);
  CHECK(Count(done, v1::Action::kBroadcast) == 1);
  for (const auto& a : done) {
    if (!a.has_give_reward()) continue;
    CHECK(a.give_reward().char_id() == kChar);
    CHECK(a.give_reward().reward().zeny() == RewardFor(v1::QUEST_DIFFICULTY_EASY, 20, Cat()).zeny());
    CHECK(a.idempotency_key() == "quest/quest_1000005/reward");
  }
  const auto stored = QuestBook(h.state).Get("quest_1000005");
  CHECK(stored->status() == v1::QUEST_STATUS_COMPLETED);
  CHECK(stored->objective_progress(0) == 3u);

  // The game reporting completion afterwards, or more kills, reward nothing again.
  h.Add().mutable_quest_completed()->set_mesh_quest_key("quest_1000005");
  kill(1002, "prt_fild08");
  CHECK(Count(h.Run(), v1::Action::kGiveReward) == 0);
}

TEST_CASE("a party member's kill counts for the other members on the map", "[unit]") {
  Harness h;
  QuestBook(h.state).Put(ActiveKillQuest("quest_1000007", 1002, "", 1));
  v1::GameEvent& e = h.Add();
  e.set_char_id(150099);
  e.mutable_monster_killed()->set_mob_id(1002);
  e.mutable_monster_killed()->add_party_member_char_ids(kChar);
  CHECK(Count(h.Run(), v1::Action::kGiveReward) == 1);
}

TEST_CASE("a QuestCompleted event rewards an active quest once even when redelivered to a fresh run", "[unit]") {
  Harness h;
  QuestBook(h.state).Put(ActiveKillQuest("quest_1000009", 1002, "prt_fild08", 10));
  h.Add().mutable_quest_completed()->set_quest_id(1000009);  // no key: the id is in the quest range
  CHECK(Count(h.Run(), v1::Action::kGiveReward) == 1);
  h.Add().mutable_quest_completed()->set_quest_id(1000009);
  CHECK(Count(h.Run(), v1::Action::kGiveReward) == 0);
  // Someone else's completion of the key is ignored.
  QuestBook(h.state).Put(ActiveKillQuest("quest_1000010", 1002, "prt_fild08", 10));
  h.Add().set_char_id(150777);
  h.events.back().mutable_event()->mutable_quest_completed()->set_mesh_quest_key("quest_1000010");
  CHECK(h.Run().empty());
}

TEST_CASE("visit and pickup events progress and a TALK objective counts only as the report back", "[unit]") {
  Harness h;
  v1::Quest q = ActiveKillQuest("quest_1000011", 1002, "", 1);
  q.clear_objectives();
  q.clear_objective_progress();
  v1::QuestObjective* visit = q.add_objectives();
  visit->set_kind(v1::QUEST_OBJECTIVE_KIND_VISIT);
  visit->mutable_place()->set_map("geffen");
  visit->set_quantity(1);
  v1::QuestObjective* collect = q.add_objectives();
  collect->set_kind(v1::QUEST_OBJECTIVE_KIND_COLLECT);
  collect->set_item_id(909);
  collect->set_quantity(5);
  v1::QuestObjective* talk = q.add_objectives();
  talk->set_kind(v1::QUEST_OBJECTIVE_KIND_TALK);
  talk->mutable_npc()->set_exname("guard_1");
  talk->set_quantity(1);
  for (int i = 0; i < 3; ++i) q.add_objective_progress(0);
  QuestBook(h.state).Put(q);

  h.Click(65, "guard_1");  // too early: the report back waits for the rest
  const auto early = h.Run();
  CHECK(Count(early, v1::Action::kGiveReward) == 0);
  CHECK(QuestBook(h.state).Get("quest_1000011")->objective_progress(2) == 0u);

  h.Add().set_map("geffen");
  h.events.back().mutable_event()->mutable_map_change()->set_from_map("prontera");
  v1::TradedItem* item = h.Add().mutable_item_picked_up()->mutable_item();
  item->set_item_id(909);
  item->set_amount(7);
  CHECK(h.Run().empty());
  const auto mid = QuestBook(h.state).Get("quest_1000011");
  CHECK(mid->objective_progress(0) == 1u);
  CHECK(mid->objective_progress(1) == 5u);

  h.Click(65, "guard_1");
  const auto report = h.Run();
  CHECK(Count(report, v1::Action::kGiveReward) == 1);
  CHECK(Count(report, v1::Action::kNpcSay) == 1);
  CHECK(QuestBook(h.state).Get("quest_1000011")->status() == v1::QUEST_STATUS_COMPLETED);
}

TEST_CASE("quest text falls back to the template when the filter refuses the model text", "[unit]") {
  agentkit::ContentFilter::Options options;
  options.deny_list = {"poring"};
  auto filter = agentkit::ContentFilter::Create(options);
  REQUIRE(filter.ok());
  agentkit::AgentContext ctx;
  ctx.filter = &*filter;
  TitledTextRequest r;
  r.type = "quest_text";
  r.template_title = "The Cull";
  r.template_text = "Defeat the beasts.";
  // Without an engine the template answers; it passes the filter untouched.
  TitledText t = DecideTitledText(ctx, r);
  CHECK(t.title == "The Cull");
  CHECK(t.text == "Defeat the beasts.");
  CHECK(t.tier == v1::TIER_TEMPLATE);
  CHECK(CleanText(ctx, agentkit::TextKind::kDialogue, "kill the poring", "Defeat the beasts.", 255) == "Defeat the beasts.");
  CHECK(CleanText(ctx, agentkit::TextKind::kDialogue, "^FF0000red<b>x</b>", "z", 255) == "redx");
  CHECK(CutAtWord("aaaa bbbb cccc", 11) == "aaaa bbbb");
}

TEST_CASE("ListQuests and GetQuest check their fields by name", "[unit]") {
  Harness h;
  h.Click(kMerchantSprite, "merchant_a");
  h.Run();
  h.now += absl::Minutes(1);
  h.Click(kMerchantSprite, "merchant_b");
  h.Run();

  v1::ListQuestsRequest list;
  auto bad = ListQuests(h.state, list);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(absl::StartsWith(bad.status().message(), "server_id"));
  list.set_server_id("srv1");
  list.mutable_page()->set_page_size(201);
  CHECK(absl::StartsWith(ListQuests(h.state, list).status().message(), "page.page_size"));
  list.mutable_page()->set_page_size(1);
  list.mutable_page()->set_page_token("x");
  CHECK(absl::StartsWith(ListQuests(h.state, list).status().message(), "page.page_token"));
  list.mutable_page()->clear_page_token();
  list.set_char_id(5);
  CHECK(absl::StartsWith(ListQuests(h.state, list).status().message(), "char_id"));
  list.set_char_id(kChar);
  auto page1 = ListQuests(h.state, list);
  REQUIRE(page1.ok());
  REQUIRE(page1->quests_size() == 1);
  CHECK(page1->quests(0).quest_key() == "quest_1000001");  // newest first
  CHECK(page1->next_page_token() == "1");
  list.mutable_page()->set_page_token("1");
  auto page2 = ListQuests(h.state, list);
  REQUIRE(page2.ok());
  CHECK(page2->quests(0).quest_key() == "quest_1000000");
  CHECK(page2->next_page_token().empty());
  list.set_status(v1::QUEST_STATUS_COMPLETED);
  list.mutable_page()->Clear();
  CHECK(ListQuests(h.state, list)->quests_size() == 0);

  v1::GetQuestRequest get;
  get.set_server_id("srv1");
  CHECK(absl::StartsWith(GetQuest(h.state, get).status().message(), "quest_key"));
  get.set_quest_key("quest_42");
  CHECK(GetQuest(h.state, get).status().code() == absl::StatusCode::kNotFound);
  get.set_quest_key("quest_1000000");
  CHECK(GetQuest(h.state, get)->quest().char_id() == kChar);
  get.set_server_id("other");
  CHECK(GetQuest(h.state, get).status().code() == absl::StatusCode::kNotFound);
}

TEST_CASE("erasing a player removes the quests of its characters", "[unit]") {
  Harness h;
  h.Click(kMerchantSprite, "merchant_a");
  h.Run();
  QuestBook(h.state).Put(ActiveKillQuest("quest_1000050", 1002, "", 1));
  v1::Quest other = ActiveKillQuest("quest_1000051", 1002, "", 1);
  other.set_char_id(150500);
  QuestBook(h.state).Put(other);
  CHECK(h.agent.ErasePlayer(h.state, 0, {kChar}) == 2u);
  CHECK(QuestBook(h.state).All().size() == 1u);
  CHECK(QuestBook(h.state).OfCharacter("srv1", kChar).empty());

  Harness by_account;
  by_account.Click(kMerchantSprite, "merchant_a");
  by_account.Run();
  CHECK(by_account.agent.ErasePlayer(by_account.state, kAccount, {}) == 1u);
  CHECK(QuestBook(by_account.state).All().empty());
}
