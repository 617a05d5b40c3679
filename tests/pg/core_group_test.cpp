// The core agent group as services/core/main.cpp builds it (same agents, order and world source)
// over a migrated database, with AgentTools and no LLM provider: every decision comes from templates.
// A redelivered batch or job slot returns the recorded actions and leaves core.agent_state as it was.
#include <catch2/catch.hpp>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <pqxx/pqxx>

#include "runtime/migrator.h"
#include "runtime/proto_time.h"
#include "services/agentkit/agent_group_service.h"
#include "services/core/dialogue/dialogue_agent.h"
#include "services/core/memory/memory_agent.h"
#include "services/core/npc_behaviour/npc_behaviour_agent.h"
#include "services/core/quest/quest_agent.h"
#include "services/core/quest/quest_book.h"
#include "services/core/storyline/storyline_agent.h"
#include "services/core/world/world_agent.h"
#include "services/core/world/world_snapshot.h"
#include "tests/support/postgres.h"

using namespace aiworld;

namespace {

constexpr char kServer[] = "srv1";
constexpr uint32_t kHero = 150001;
constexpr uint32_t kGuardSprite = 105;     // 8W_SOLDIER, role guard: gives kill, escort or investigate quests
constexpr uint32_t kMerchantSprite = 58;   // 1_M_MERCHANT
constexpr char kGuard[] = "Guard#prt1";
constexpr char kMerchant[] = "Tool Dealer#prt";

// Saturday 2024-05-11 10:00 UTC; the storyline's generate slot is the next Sunday 00:00.
absl::Time Saturday() { return absl::FromCivil(absl::CivilSecond(2024, 5, 11, 10, 0, 0), absl::UTCTimeZone()); }
absl::Time SundayMidnight() { return absl::FromCivil(absl::CivilSecond(2024, 5, 12, 0, 0, 0), absl::UTCTimeZone()); }

// Bytes with map entries in key order: SerializeAsString writes maps (SpawnNpc.variables) in hash order.
std::string CanonicalBytes(const google::protobuf::Message& m) {
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  m.SerializeToCodedStream(&coded);
  coded.Trim();
  return out;
}

struct CoreGroup {
  testing::TestDatabase db;
  std::unique_ptr<PgPool> pool;
  ManualClock clock{Saturday()};
  prometheus::Registry registry;
  std::unique_ptr<agentkit::AgentGroupService> service;

  CoreGroup() {
    pqxx::connection migrate(db.url());
    REQUIRE(Migrator(migrate).Apply(EmbeddedMigrations()).ok());
    pool = std::make_unique<PgPool>(db.url(), PgPool::Options{});
    agentkit::AgentToolsOptions options;
    options.group = "core";  // no providers: templates only
    auto made = agentkit::AgentTools::Create(options, *pool, clock, registry);
    REQUIRE(made.ok());
    std::shared_ptr<agentkit::AgentTools> tools = *std::move(made);
    std::vector<std::shared_ptr<agentkit::Agent>> agents = {
        std::make_shared<core::world::WorldAgent>(), std::make_shared<core::MemoryAgent>(),
        std::make_shared<core::DialogueAgent>(std::make_shared<core::NullStandingSource>()),
        std::make_shared<core::NpcBehaviourAgent>(), std::make_shared<core::QuestAgent>(),
        std::make_shared<core::StorylineAgent>()};
    service = std::make_unique<agentkit::AgentGroupService>(agentkit::GroupIdentity{"core", v1::AGENT_GROUP_KIND_CORE, "test"},
                                                            agents, *pool, clock, registry, tools);
    service->SetWorldSource({core::world::kWorldAgentName, [](agentkit::StateStore& state, const std::string& server_id, absl::Time now) {
                               return core::world::BuildWorldSnapshot(state, server_id, now);
                             }});
  }

  v1::HandleEventsResponse Handle(const v1::HandleEventsRequest& req) {
    v1::HandleEventsResponse resp;
    const grpc::Status s = service->HandleEvents(nullptr, &req, &resp);
    INFO("HandleEvents failed: " << s.error_message());
    REQUIRE(s.ok());
    for (const v1::EventError& e : resp.errors()) FAIL_CHECK("agent " << e.agent() << " failed: " << e.reason());
    return resp;
  }

  v1::RunJobResponse Run(const std::string& job, absl::Time slot, absl::Time now) {
    v1::RunJobRequest req;
    req.set_job(job);
    req.set_server_id(kServer);
    *req.mutable_slot() = ToProto(slot);
    *req.mutable_now() = ToProto(now);
    v1::RunJobResponse resp;
    const grpc::Status s = service->RunJob(nullptr, &req, &resp);
    INFO("RunJob failed: " << s.error_message());
    REQUIRE(s.ok());
    return resp;
  }

  // Every row of core.agent_state, one "agent key hex(value)" line each, in order.
  std::string State() {
    pqxx::connection c(db.url());
    return pqxx::nontransaction(c).exec1("SELECT coalesce(string_agg(agent || ' ' || key || ' ' || encode(value, 'hex'), "
                                         "E'\\n' ORDER BY agent, key), '') FROM core.agent_state")[0].as<std::string>();
  }

  int64_t Rows(const std::string& agent, const std::string& key_prefix = "") {
    return testing::QueryCount(db.url(), "SELECT count(*) FROM core.agent_state WHERE agent = '" + agent + "' AND key LIKE '" + key_prefix + "%'");
  }

  v1::Quest Quest(const std::string& key) {
    pqxx::connection c(db.url());
    pqxx::work tx(c);
    agentkit::PgStateStore quests(tx, "core", "quest");
    std::optional<v1::Quest> quest = core::QuestBook(quests).Get(key);
    INFO("the quest agent keeps quest " << key);
    REQUIRE(quest.has_value());
    return *quest;
  }
};

v1::HandleEventsRequest Batch(uint64_t sequence) {
  v1::HandleEventsRequest req;
  req.set_server_id(kServer);
  req.set_batch_sequence(sequence);
  *req.mutable_now() = ToProto(Saturday() + absl::Minutes(sequence));
  return req;
}

// An event of kHero on `map`, indexed in the batch.
v1::GameEvent* AddEvent(v1::HandleEventsRequest& req, const std::string& map) {
  v1::RoutedEvent* r = req.add_events();
  r->set_index(static_cast<uint32_t>(req.events_size() - 1));
  v1::GameEvent* e = r->mutable_event();
  e->set_event_id(req.batch_sequence() * 100 + r->index() + 1);
  *e->mutable_occurred_at() = req.now();
  e->set_char_id(kHero);
  e->set_account_id(2000001);
  e->set_char_name("Aria");
  e->set_base_level(25);
  e->set_map(map);
  return e;
}

v1::NpcInteraction* AddNpc(v1::HandleEventsRequest& req, v1::NpcInteractionKind kind, const std::string& exname, int32_t sprite) {
  v1::NpcInteraction* i = AddEvent(req, "prontera")->mutable_npc_interaction();
  i->set_kind(kind);
  i->set_npc_exname(exname);
  i->set_npc_name(exname.substr(0, exname.find('#')));
  i->set_npc_sprite(sprite);
  return i;
}

void AddShopBuy(v1::HandleEventsRequest& req, uint32_t item_id, uint32_t amount, uint32_t unit_price) {
  v1::NpcShopTrade* t = AddEvent(req, "prontera")->mutable_npc_shop_trade();
  t->set_direction(v1::SHOP_DIRECTION_BUY);
  t->set_shop_kind(v1::SHOP_KIND_ZENY);
  t->set_shop_exname(kMerchant);
  v1::TradedItem* item = t->add_items();
  item->set_item_id(item_id);
  item->set_amount(amount);
  item->set_unit_price(unit_price);
  t->set_total_zeny(amount * unit_price);
}

void AddKills(v1::HandleEventsRequest& req, const std::string& map, int32_t mob_id, int count) {
  for (int i = 0; i < count; ++i) {
    v1::MonsterKilled* k = AddEvent(req, map)->mutable_monster_killed();
    k->set_mob_id(mob_id);
    k->set_mob_level(20);
    k->set_last_hit_char_id(kHero);
    k->add_damage_dealer_char_ids(kHero);
  }
}

// The first action of `agent` and `kind` for the NPC `exname`, or nullptr.
const v1::Action* ActionOf(const v1::HandleEventsResponse& resp, const std::string& agent, v1::Action::KindCase kind,
                           const std::string& exname) {
  for (const v1::Action& a : resp.actions()) {
    const v1::NpcRef& npc = a.has_npc_say() ? a.npc_say().npc() : a.offer_quest().giver();
    if (a.origin().agent() == agent && a.kind_case() == kind && npc.exname() == exname) return &a;
  }
  return nullptr;
}

const v1::Action* OfferOf(const v1::HandleEventsResponse& resp, const std::string& giver) {
  return ActionOf(resp, "quest", v1::Action::kOfferQuest, giver);
}

// Delivers `req` again and checks it is a duplicate with the first answer and no state change.
void CheckRedelivery(CoreGroup& g, const v1::HandleEventsRequest& req, const v1::HandleEventsResponse& first) {
  const std::string before = g.State();
  v1::HandleEventsResponse again = g.Handle(req);
  INFO("a redelivered batch (same server and sequence " << req.batch_sequence()
                                                         << ") is a duplicate with byte-identical actions and no state change");
  CHECK(again.duplicate());
  again.clear_duplicate();
  CHECK(CanonicalBytes(again) == CanonicalBytes(first));
  CHECK(g.State() == before);
}

}  // namespace

TEST_CASE("a core batch decides with templates only and its redelivery changes nothing", "[pg]") {
  CoreGroup g;
  v1::HandleEventsRequest req = Batch(1);
  AddNpc(req, v1::NPC_INTERACTION_KIND_CLICK, kMerchant, kMerchantSprite);
  AddNpc(req, v1::NPC_INTERACTION_KIND_TEXT_INPUT, kMerchant, kMerchantSprite)->set_text("Hello! Do you sell red potions?");
  AddShopBuy(req, 501, 10, 50);  // 10 Red Potions for 500 z
  AddKills(req, "prt_fild08", 1002, 3);  // Porings
  AddNpc(req, v1::NPC_INTERACTION_KIND_CLICK, kGuard, kGuardSprite);
  const v1::HandleEventsResponse first = g.Handle(req);  // with no LLM provider: templates answer
  CHECK_FALSE(first.duplicate());
  const v1::Action* say = ActionOf(first, "dialogue", v1::Action::kNpcSay, kMerchant);
  INFO("the dialogue agent answers the typed text with an NpcSay in the dialog window, from a template");
  REQUIRE(say != nullptr);
  CHECK(say->npc_say().mode() == v1::NPC_SAY_MODE_DIALOG);
  CHECK_FALSE(say->npc_say().text().empty());
  const v1::Action* offer = OfferOf(first, kGuard);
  INFO("the quest agent offers a quest on the click on a guard (sprite " << kGuardSprite << ")");
  REQUIRE(offer != nullptr);
  CHECK_FALSE(offer->offer_quest().generated().title().empty());
  CHECK(OfferOf(first, kMerchant) != nullptr);  // a merchant gives quests too
  INFO("memory (clicks, shop trade), dialogue (typed text), quest, world and NPC registry state were written");
  CHECK(g.Rows("memory") > 0);
  CHECK(g.Rows("quest", "q/") == 2);
  CHECK(g.Rows("world") > 0);
  CHECK(g.Rows("npc_behaviour") > 0);
  CHECK(g.Rows("dialogue") > 0);
  for (int again = 0; again < 2; ++again) CheckRedelivery(g, req, first);
  CHECK(testing::QueryCount(g.db.url(), "SELECT count(*) FROM core.handled_batches") == 1);
}

TEST_CASE("quest kill progress and the storyline's arc count once across redeliveries", "[pg]") {
  CoreGroup g;
  v1::HandleEventsRequest click = Batch(1);
  AddNpc(click, v1::NPC_INTERACTION_KIND_CLICK, kGuard, kGuardSprite);
  const v1::HandleEventsResponse offered = g.Handle(click);
  REQUIRE(OfferOf(offered, kGuard) != nullptr);
  const std::string key = OfferOf(offered, kGuard)->offer_quest().generated().quest_key();
  v1::HandleEventsRequest accept = Batch(2);
  AddEvent(accept, "prontera")->mutable_quest_accepted()->set_mesh_quest_key(key);
  g.Handle(accept);
  const v1::Quest quest = g.Quest(key);
  INFO("QuestAccepted makes the offered quest active");
  REQUIRE(quest.status() == v1::QUEST_STATUS_ACTIVE);
  int kill = 0;
  while (kill < quest.objectives_size() && quest.objectives(kill).kind() != v1::QUEST_OBJECTIVE_KIND_KILL) ++kill;
  INFO("a guard's quest (kill, escort or investigate) has a KILL objective: " << quest.DebugString());
  REQUIRE(kill < quest.objectives_size());
  const v1::QuestObjective objective = quest.objectives(kill);
  REQUIRE(objective.quantity() > 2);

  const v1::RunJobResponse generated = g.Run(core::kJobGenerate, SundayMidnight(), SundayMidnight() + absl::Seconds(5));
  CHECK_FALSE(generated.duplicate());
  INFO("storyline.generate created one active arc");
  CHECK(g.Rows("storyline", "arc/") == 1);
  CHECK(g.Rows("storyline", "active/") == 1);
  std::string boss_map;  // where the chapter's boss spawns: kills there count for the arc
  for (const v1::Action& a : generated.actions()) boss_map = a.has_spawn_monster() ? a.spawn_monster().at().map() : boss_map;
  REQUIRE_FALSE(boss_map.empty());
  const std::string after_job = g.State();
  v1::RunJobResponse rerun = g.Run(core::kJobGenerate, SundayMidnight(), SundayMidnight() + absl::Minutes(3));
  INFO("re-running the same slot (even with a later now) is a duplicate with the same actions and no state change");
  CHECK(rerun.duplicate());
  rerun.set_duplicate(false);
  CHECK(CanonicalBytes(rerun) == CanonicalBytes(generated));
  CHECK(g.State() == after_job);
  g.Run(core::kJobGenerate, SundayMidnight() + absl::Hours(24 * 7), SundayMidnight() + absl::Hours(24 * 7));
  INFO("the next Sunday's slot runs, but an arc is active: still one arc");
  CHECK(g.Rows("storyline", "arc/") == 1);

  v1::HandleEventsRequest kills = Batch(3);
  AddKills(kills, objective.place().map(), objective.mob_id(), 2);
  AddKills(kills, boss_map, 1002, 1);
  const v1::HandleEventsResponse counted = g.Handle(kills);
  INFO("two kills of mob " << objective.mob_id() << " on " << objective.place().map() << " count 2");
  CHECK(g.Quest(key).objective_progress(kill) == 2);
  CHECK(g.Rows("storyline", "part/") == 1);  // the kill on the boss map made kHero a participant
  for (int again = 0; again < 3; ++again) CheckRedelivery(g, kills, counted);
  INFO("redelivered kill batches do not count again");
  CHECK(g.Quest(key).objective_progress(kill) == 2);

  v1::HandleEventsRequest more = Batch(4);
  AddKills(more, objective.place().map(), objective.mob_id(), 1);
  g.Handle(more);
  INFO("the next batch's kill makes 3");  // the committed progress is where the next batch starts
  CHECK(g.Quest(key).objective_progress(kill) == 3);
}

TEST_CASE("a disabled core agent runs no job", "[pg]") {
  CoreGroup g;
  v1::SetAgentEnabledRequest off;
  off.set_agent("storyline");
  v1::SetAgentEnabledResponse changed;
  REQUIRE(g.service->SetAgentEnabled(nullptr, &off, &changed).ok());
  const v1::RunJobResponse ran = g.Run(core::kJobGenerate, SundayMidnight(), SundayMidnight());
  INFO("storyline.generate of a disabled storyline decides nothing and creates no arc");
  CHECK(ran.actions_size() == 0);
  CHECK(g.Rows("storyline") == 0);
}

TEST_CASE("erasing an account alone removes its characters from every core agent", "[pg]") {
  CoreGroup g;
  v1::HandleEventsRequest met = Batch(1);
  AddNpc(met, v1::NPC_INTERACTION_KIND_CLICK, kGuard, kGuardSprite);
  AddNpc(met, v1::NPC_INTERACTION_KIND_TEXT_INPUT, kMerchant, kMerchantSprite)->set_text("Any news today?");
  g.Handle(met);
  const v1::RunJobResponse generated = g.Run(core::kJobGenerate, SundayMidnight(), SundayMidnight());
  std::string boss_map;
  for (const v1::Action& a : generated.actions()) boss_map = a.has_spawn_monster() ? a.spawn_monster().at().map() : boss_map;
  REQUIRE_FALSE(boss_map.empty());
  v1::HandleEventsRequest fight = Batch(2);
  AddKills(fight, boss_map, 1002, 1);
  g.Handle(fight);
  REQUIRE(g.Rows("storyline", "part/") == 1);
  REQUIRE(g.Rows("quest", "q/") == 1);
  REQUIRE(g.State().find(std::to_string(kHero)) != std::string::npos);

  v1::ErasePlayerDataRequest erase;
  erase.set_account_id(2000001);  // the account only: the group finds its characters
  v1::ErasePlayerDataResponse erased;
  REQUIRE(g.service->ErasePlayerData(nullptr, &erase, &erased).ok());
  INFO("after erasing account 2000001, no core agent keeps a row about its character " << kHero);
  CHECK(erased.tables(0).rows() > 0);
  CHECK(g.Rows("storyline", "part/") == 0);
  CHECK(g.Rows("quest", "q/") == 0);
  CHECK(g.State().find(std::to_string(kHero)) == std::string::npos);
}
