// The Memory agent and MemoryBook: importance 1..10, valence -1..1, decay with a 7-day half-life,
// recall of the 5 most relevant (reference §3.1 "retrieval limit 5"), summarising over 20, the
// relationship, erasing a player through the indexes, and Core.GetMemories.
#include <catch2/catch.hpp>

#include <cmath>

#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/core/memory/keywords.h"
#include "services/core/memory/memory_agent.h"
#include "services/core/memory/memory_book.h"
#include "services/core/memory/memory_query.h"

using namespace aiworld;
using core::MemoryBook;
using core::NewMemory;

namespace {
const absl::Time kT0 = absl::FromUnixSeconds(1700000000);

v1::NpcRef Npc(const std::string& exname) {
  v1::NpcRef r;
  r.set_exname(exname);
  return r;
}

NewMemory Mem(const std::string& content, uint32_t importance = 5, double valence = 0,
              v1::MemoryKind kind = v1::MEMORY_KIND_CONVERSATION) {
  NewMemory m;
  m.kind = kind;
  m.content = content;
  m.importance = importance;
  m.valence = valence;
  m.map = "prontera";
  return m;
}

v1::RoutedEvent Interaction(uint32_t index, uint32_t char_id, v1::NpcInteractionKind kind, absl::Time at) {
  v1::RoutedEvent r;
  r.set_index(index);
  v1::GameEvent* e = r.mutable_event();
  e->set_char_id(char_id);
  e->set_account_id(2000000 + char_id % 1000);
  e->set_char_name("Alice");
  e->set_map("prontera");
  *e->mutable_occurred_at() = ToProto(at);
  e->mutable_npc_interaction()->set_kind(kind);
  e->mutable_npc_interaction()->set_npc_exname("Tool Dealer#prt");
  e->mutable_npc_interaction()->set_npc_name("Tool Dealer");
  return r;
}
}  // namespace

TEST_CASE("memory Record rejects importance outside 1..10 and valence outside -1..1 naming the field", "[unit]") {
  agentkit::MemoryStateStore store;
  MemoryBook book(store, "srv1");
  CHECK(book.Record(Npc("Kafra"), 150001, 0, Mem("hi", 1), kT0).ok());
  CHECK(book.Record(Npc("Kafra"), 150001, 0, Mem("hi", 10), kT0).ok());
  const auto zero = book.Record(Npc("Kafra"), 150001, 0, Mem("hi", 0), kT0);
  CHECK(zero.status().message().find("importance") == 0);
  CHECK_FALSE(book.Record(Npc("Kafra"), 150001, 0, Mem("hi", 11), kT0).ok());
  CHECK(book.Record(Npc("Kafra"), 150001, 0, Mem("hi", 5, -1.0), kT0).ok());
  CHECK(book.Record(Npc("Kafra"), 150001, 0, Mem("hi", 5, 1.0), kT0).ok());
  const auto high = book.Record(Npc("Kafra"), 150001, 0, Mem("hi", 5, 1.0001), kT0);
  CHECK(high.status().message().find("emotional_valence") == 0);
  CHECK_FALSE(book.Record(Npc("Kafra"), 150001, 0, Mem("hi", 5, -1.0001), kT0).ok());
  CHECK(book.Record(Npc("Kafra"), 149999, 0, Mem("hi"), kT0).status().message().find("char_id") == 0);
  CHECK(book.Record(v1::NpcRef(), 150001, 0, Mem("hi"), kT0).status().message().find("npc") == 0);
  CHECK(book.Record(Npc("Kafra"), 150001, 0, Mem(""), kT0).status().message().find("content") == 0);
  CHECK(book.Memories(Npc("Kafra"), 150001).size() == 4);
}

TEST_CASE("memory importance halves every 7 days", "[unit]") {
  agentkit::MemoryStateStore store;
  MemoryBook book(store, "srv1");
  const v1::Memory m = *book.Record(Npc("Kafra"), 150001, 0, Mem("hello", 8), kT0);
  CHECK(book.DecayedImportance(m, kT0) == Approx(8.0));
  CHECK(book.DecayedImportance(m, kT0 + absl::Hours(7 * 24)) == Approx(4.0));
  CHECK(book.DecayedImportance(m, kT0 + absl::Hours(14 * 24)) == Approx(2.0));
  INFO("a memory dated after now does not grow");
  CHECK(book.DecayedImportance(m, kT0 - absl::Hours(1)) == Approx(8.0));
}

TEST_CASE("memory recall returns at most 5 ranked by importance times recency times keyword overlap", "[unit]") {
  agentkit::MemoryStateStore store;
  MemoryBook book(store, "srv1");
  for (int i = 0; i < 8; ++i) REQUIRE(book.Record(Npc("Smith"), 150001, 0, Mem("talked about the weather " + std::to_string(i), 5), kT0).ok());
  REQUIRE(book.Record(Npc("Smith"), 150001, 0, Mem("asked me to refine a sword", 5), kT0).ok());
  const auto recalled = book.Recall(Npc("Smith"), 150001, "can you refine my sword?", kT0);
  REQUIRE(recalled.size() == 5);
  CHECK(recalled[0].memory.content() == "asked me to refine a sword");
  // query keywords {refine, sword}: both shared -> factor 1; none shared -> factor 0.1
  CHECK(recalled[0].relevance == Approx(5.0));
  CHECK(recalled[1].relevance == Approx(0.5));

  INFO("with no query an old important memory loses to a fresh one once decay makes it smaller");
  agentkit::MemoryStateStore s2;
  MemoryBook b2(s2, "srv1");
  REQUIRE(b2.Record(Npc("Smith"), 150001, 0, Mem("old but important", 8), kT0).ok());
  REQUIRE(b2.Record(Npc("Smith"), 150001, 0, Mem("fresh and small", 3), kT0 + absl::Hours(14 * 24)).ok());
  const auto r2 = b2.Recall(Npc("Smith"), 150001, "", kT0 + absl::Hours(14 * 24));
  REQUIRE(r2.size() == 2);
  CHECK(r2[0].memory.content() == "fresh and small");  // 3 > 8 / 4 = 2
}

TEST_CASE("memory over 20 folds all but the newest 10 into one summary memory", "[unit]") {
  agentkit::MemoryStateStore store;
  MemoryBook book(store, "srv1");
  for (int i = 1; i <= 20; ++i) {
    REQUIRE(book.Record(Npc("Guard"), 150001, 0, Mem("visit " + std::to_string(i), i <= 10 ? 2 : 1, 0.5), kT0 + absl::Minutes(i)).ok());
  }
  CHECK(book.Memories(Npc("Guard"), 150001).size() == 20);  // at the cap: nothing folded
  REQUIRE(book.Record(Npc("Guard"), 150001, 0, Mem("visit 21", 9, 0.5), kT0 + absl::Minutes(21)).ok());
  const auto all = book.Memories(Npc("Guard"), 150001);
  REQUIRE(all.size() == 11);
  CHECK(all[0].kind() == v1::MEMORY_KIND_FACT);
  CHECK(all[0].content().find("11 memories") == 0);
  CHECK(all[0].importance() == 2);
  CHECK(all[0].emotional_valence() == Approx(0.5));
  CHECK(all[1].content() == "visit 12");
  CHECK(all.back().content() == "visit 21");
  CHECK(FromProto(all[0].created_at()) == kT0 + absl::Minutes(11));
  std::set<std::string> ids;
  for (const auto& m : all) ids.insert(m.memory_id());
  CHECK(ids.size() == 11);
}

TEST_CASE("memory relationship moves by valence times importance and stays within -1..1", "[unit]") {
  agentkit::MemoryStateStore store;
  MemoryBook book(store, "srv1");
  REQUIRE(book.Record(Npc("Kafra"), 150001, 0, Mem("kind words", 10, 1.0), kT0).ok());
  CHECK(book.RelationshipWith(Npc("Kafra"), 150001)->affinity() == Approx(0.1));
  REQUIRE(book.Record(Npc("Kafra"), 150001, 0, Mem("a purchase", 5, 0.4, v1::MEMORY_KIND_EVENT), kT0).ok());
  const auto rel = *book.RelationshipWith(Npc("Kafra"), 150001);
  CHECK(rel.affinity() == Approx(0.12));
  CHECK(rel.interactions() == 1);  // only conversations count
  for (int i = 0; i < 15; ++i) REQUIRE(book.Record(Npc("Kafra"), 150001, 0, Mem("insult", 10, -1.0), kT0).ok());
  CHECK(book.RelationshipWith(Npc("Kafra"), 150001)->affinity() == Approx(-1.0));
  CHECK_FALSE(book.RelationshipWith(Npc("Kafra"), 150002).has_value());
}

TEST_CASE("memory ErasePlayer removes records and indexes by account or by character without a scan", "[unit]") {
  agentkit::MemoryStateStore store;
  MemoryBook book(store, "srv1");
  REQUIRE(book.Record(Npc("Kafra"), 150001, 2000001, Mem("a"), kT0).ok());
  REQUIRE(book.Record(Npc("Smith"), 150001, 2000001, Mem("b"), kT0).ok());
  REQUIRE(book.Record(Npc("Kafra"), 150002, 2000001, Mem("c"), kT0).ok());
  REQUIRE(book.Record(Npc("Kafra"), 150003, 2000002, Mem("d"), kT0).ok());
  MemoryBook other_server(store, "srv2");
  REQUIRE(other_server.Record(Npc("Kafra"), 150001, 2000001, Mem("e"), kT0).ok());

  core::MemoryAgent agent;
  // account 2000001: 4 records, 2 character indexes, 2 reverse entries, 1 account index
  CHECK(agent.ErasePlayer(store, 2000001, {}) == 9);
  CHECK(book.Memories(Npc("Kafra"), 150001).empty());
  CHECK(other_server.Memories(Npc("Kafra"), 150001).empty());
  CHECK(book.Memories(Npc("Kafra"), 150002).empty());
  CHECK(book.Memories(Npc("Kafra"), 150003).size() == 1);

  INFO("by character id alone the account's list forgets it too");
  CHECK(agent.ErasePlayer(store, 0, {150003}) == 3);
  CHECK(store.size() == 0);
}

TEST_CASE("memory agent remembers clicks at most hourly and shop trades by zeny", "[unit]") {
  CHECK(core::ImportanceOfZeny(0) == 1);
  CHECK(core::ImportanceOfZeny(1) == 1);
  CHECK(core::ImportanceOfZeny(100) == 3);
  CHECK(core::ImportanceOfZeny(1000000) == 7);
  CHECK(core::ImportanceOfZeny(2000000000) == 10);

  agentkit::MemoryStateStore store;
  SeededRandom random(1);
  agentkit::AgentContext ctx;
  ctx.server_id = "srv1";
  ctx.batch_sequence = 1;
  ctx.now = kT0;
  ctx.random = &random;
  ctx.state = &store;
  std::vector<v1::RoutedEvent> events;
  events.push_back(Interaction(0, 150001, v1::NPC_INTERACTION_KIND_CLICK, kT0));
  events.push_back(Interaction(1, 150001, v1::NPC_INTERACTION_KIND_CLICK, kT0 + absl::Minutes(59)));
  events.push_back(Interaction(2, 150001, v1::NPC_INTERACTION_KIND_TEXT_INPUT, kT0 + absl::Minutes(60)));
  events.push_back(Interaction(3, 150001, v1::NPC_INTERACTION_KIND_CLICK, kT0 + absl::Minutes(60)));
  v1::RoutedEvent shop;
  shop.set_index(4);
  shop.mutable_event()->set_char_id(150001);
  shop.mutable_event()->set_char_name("Alice");
  *shop.mutable_event()->mutable_occurred_at() = ToProto(kT0 + absl::Minutes(61));
  v1::NpcShopTrade* t = shop.mutable_event()->mutable_npc_shop_trade();
  t->set_direction(v1::SHOP_DIRECTION_BUY);
  t->set_shop_exname("Tool Dealer#prt");
  t->set_total_zeny(500);
  v1::TradedItem* item = t->add_items();
  item->set_item_id(501);
  item->set_amount(10);
  events.push_back(shop);
  std::vector<const v1::RoutedEvent*> view;
  for (const auto& e : events) view.push_back(&e);
  core::MemoryAgent agent;
  std::vector<v1::Action> actions;
  REQUIRE(agent.HandleEvents(ctx, view, &actions).ok());
  CHECK(actions.empty());
  const auto all = MemoryBook(store, "srv1").Memories(Npc("Tool Dealer#prt"), 150001);
  REQUIRE(all.size() == 3);
  CHECK(all[0].content() == "Alice stopped by.");
  CHECK(FromProto(all[1].created_at()) == kT0 + absl::Minutes(60));
  CHECK(all[2].content() == "Alice bought 10 Red Potion for 500 zeny.");
  CHECK(all[2].importance() == 4);
}

TEST_CASE("GetMemories validates fields and ranks by query or by recency", "[unit]") {
  agentkit::MemoryStateStore store;
  MemoryBook book(store, "srv1");
  REQUIRE(book.Record(Npc("Kafra"), 150001, 0, Mem("asked about storage fees", 6, 0.2), kT0).ok());
  REQUIRE(book.Record(Npc("Kafra"), 150002, 0, Mem("asked about teleport to geffen", 6, 0.2), kT0 + absl::Hours(1)).ok());

  v1::GetMemoriesRequest req;
  req.set_server_id("srv1");
  *req.mutable_npc() = Npc("Kafra");
  auto all = core::GetMemories(store, req, kT0 + absl::Hours(1));
  REQUIRE(all.ok());
  REQUIRE(all->memories_size() == 2);
  CHECK(all->memories(0).content() == "asked about teleport to geffen");  // newest first
  CHECK_FALSE(all->has_relationship());
  CHECK(all->summary().find("2 memories") == 0);

  req.set_query("storage");
  all = core::GetMemories(store, req, kT0 + absl::Hours(1));
  REQUIRE(all.ok());
  CHECK(all->memories(0).content() == "asked about storage fees");

  req.set_char_id(150001);
  req.set_query("");
  all = core::GetMemories(store, req, kT0 + absl::Hours(7 * 24));
  REQUIRE(all.ok());
  REQUIRE(all->memories_size() == 1);
  CHECK(all->memories(0).importance() == 3);  // 6 halved after 7 days
  CHECK(all->has_relationship());

  auto bad = req;
  bad.set_limit(51);
  CHECK(core::GetMemories(store, bad, kT0).status().message().find("limit") == 0);
  bad = req;
  bad.set_limit(50);
  CHECK(core::GetMemories(store, bad, kT0).ok());
  bad = req;
  bad.set_server_id("");
  CHECK(core::GetMemories(store, bad, kT0).status().message().find("server_id") == 0);
  bad = req;
  bad.clear_npc();
  CHECK(core::GetMemories(store, bad, kT0).status().code() == absl::StatusCode::kInvalidArgument);
  bad = req;
  bad.set_char_id(42);
  CHECK(core::GetMemories(store, bad, kT0).status().message().find("char_id") == 0);
}

TEST_CASE("memory keywords ignore case filler words and short words", "[unit]") {
  CHECK(core::Keywords("Where is THE Smith? the smith!") == std::vector<std::string>{"smith"});
  CHECK(core::KeywordOverlap({"refine", "sword"}, core::Keywords("a sword")) == Approx(0.5));
  CHECK(core::KeywordOverlap({}, core::Keywords("a sword")) == 0);
}
