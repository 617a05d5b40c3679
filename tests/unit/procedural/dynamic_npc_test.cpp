// The DynamicNpc agent: the reference's counts (3 a day clamped 1..5, at most 5 alive), quiet maps
// (<= 10% of the busiest, defaults without data), the type table and reward numbers, despawn at
// 23:59:59, interactions answered, the reward once, the repeat penalty that the reference never
// applied, and ListDynamicNpcs.
#include <catch2/catch.hpp>

#include <set>

#include <google/protobuf/util/message_differencer.h>

#include "absl/strings/match.h"
#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/procedural/dynamic_npc/dynamic_npc_agent.h"
#include "services/procedural/dynamic_npc/dynamic_npc_queries.h"
#include "services/procedural/dynamic_npc/npc_placement.h"
#include "services/procedural/dynamic_npc/npc_planner.h"
#include "services/procedural/dynamic_npc/npc_roster.h"
#include "services/procedural/dynamic_npc/npc_talk.h"
#include "services/procedural/dynamic_npc/npc_types.h"

using namespace aiworld;
using namespace aiworld::procedural;

namespace {

constexpr uint32_t kChar = 150001;
const absl::Time kDay = absl::FromUnixSeconds(1'767'225'600);  // 2026-01-01 00:00 UTC
const absl::Time kSix = kDay + absl::Hours(6);

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }

void AddMap(v1::WorldSnapshot& w, const std::string& map, uint32_t visits, uint32_t players = 0) {
  v1::MapActivity* m = w.add_maps();
  m->set_map(map);
  m->set_visits_today(visits);
  m->set_players_now(players);
}

// A busy town and eight quiet fields.
void AddQuietFields(v1::WorldSnapshot& w) {
  AddMap(w, "prontera", 400, 30);
  for (const char* m : {"prt_fild01", "prt_fild02", "prt_fild03", "prt_fild04", "pay_fild01", "pay_fild02", "gef_fild01",
                        "moc_fild01"}) {
    AddMap(w, m, 3);
  }
}

struct Harness {
  agentkit::MemoryStateStore state;
  v1::WorldSnapshot world;
  absl::Time now = kSix;
  DynamicNpcAgent agent;
  uint64_t sequence = 0;
  std::vector<v1::RoutedEvent> events;

  explicit Harness(DynamicNpcOptions options = {}) : agent(Cat(), options) {}

  agentkit::AgentContext Context(RandomSource& random, uint64_t seq) {
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = seq;
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "dynamic_npc";
    return ctx;
  }
  std::vector<v1::Action> Job(const std::string& job) {
    SeededRandom random = SeededRandom::FromKeys({job, absl::FormatTime(now), "dynamic_npc"});
    agentkit::AgentContext ctx = Context(random, 0);
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, job, &actions).ok());
    return actions;
  }
  void Click(const std::string& tag, uint32_t level, uint32_t char_id = kChar,
             v1::NpcInteractionKind kind = v1::NPC_INTERACTION_KIND_CLICK) {
    v1::RoutedEvent r;
    r.set_index(static_cast<uint32_t>(events.size()));
    v1::GameEvent* e = r.mutable_event();
    e->set_event_id(events.size() + 1);
    e->set_char_id(char_id);
    e->set_account_id(2000001);
    e->set_base_level(level);
    e->set_map("prt_fild08");
    v1::NpcInteraction* n = e->mutable_npc_interaction();
    n->set_kind(kind);
    n->set_npc_tag(tag);
    n->set_npc_name("Someone");
    n->set_npc_exname("aiw_" + tag);
    events.push_back(std::move(r));
  }
  std::vector<v1::Action> Run() {
    ++sequence;
    SeededRandom random = SeededRandom::FromKeys({"srv1", std::to_string(sequence), "dynamic_npc"});
    agentkit::AgentContext ctx = Context(random, sequence);
    std::vector<const v1::RoutedEvent*> view;
    for (const auto& e : events) view.push_back(&e);
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, view, &actions).ok());
    events.clear();
    return actions;
  }
  std::vector<v1::DynamicNpc> Npcs() { return NpcRoster(state, "srv1").All(); }
};

std::vector<const v1::Action*> OfKind(const std::vector<v1::Action>& actions, v1::Action::KindCase kind) {
  std::vector<const v1::Action*> out;
  for (const auto& a : actions) {
    if (a.kind_case() == kind) out.push_back(&a);
  }
  return out;
}

v1::DynamicNpc LiveNpc(const std::string& tag, v1::DynamicNpcType type, uint32_t level) {
  v1::DynamicNpc npc;
  npc.set_npc_tag(tag);
  npc.set_server_id("srv1");
  npc.set_type(type);
  npc.set_name("Finn the Seeker");
  npc.mutable_at()->set_map("prt_fild08");
  npc.mutable_at()->set_x(100);
  npc.mutable_at()->set_y(100);
  npc.set_required_level(level);
  npc.set_status(v1::CONTENT_STATUS_ACTIVE);
  *npc.mutable_spawned_at() = ToProto(kSix);
  *npc.mutable_despawns_at() = ToProto(DespawnTimeFor(kSix));
  return npc;
}

}  // namespace

TEST_CASE("dynamic npc types carry the reference's levels quests and tiers", "[unit]") {
  const auto& types = NpcTypes();
  REQUIRE(types.size() == 5);
  struct Want {
    v1::DynamicNpcType type;
    uint32_t level;
    const char* quest;
    RewardTier tier;
  };
  const Want want[] = {
      {v1::DYNAMIC_NPC_TYPE_TREASURE_SEEKER, 30, "treasure_hunt", RewardTier::kMedium},
      {v1::DYNAMIC_NPC_TYPE_RUNAWAY_SAGE, 50, "knowledge_sharing", RewardTier::kHigh},
      {v1::DYNAMIC_NPC_TYPE_WANDERING_BLACKSMITH, 40, "crafting_service", RewardTier::kHigh},
      {v1::DYNAMIC_NPC_TYPE_MYSTERIOUS_CHILD, 25, "riddle", RewardTier::kVeryHigh},
      {v1::DYNAMIC_NPC_TYPE_LOST_MERCHANT, 35, "delivery", RewardTier::kMedium},
  };
  for (const Want& w : want) {
    const NpcTypeInfo* t = FindNpcType(w.type);
    REQUIRE(t != nullptr);
    INFO("type " << t->key);
    CHECK(t->required_level == w.level);
    CHECK(t->quest == w.quest);
    CHECK(t->tier == w.tier);
    for (const std::string& name : t->names) CHECK((!name.empty() && name.size() <= 23));
    for (int sprite : t->sprites) {
      const NpcSprite* s = Cat().FindSprite(sprite);
      REQUIRE(s != nullptr);
      for (const char* quest_role : {"merchant", "guard", "quest_giver", "smith", "priest", "scholar"}) {
        INFO("sprite " << sprite << " must not have the quest-giving role " << quest_role);
        CHECK_FALSE(s->HasRole(quest_role));
      }
    }
  }
  CHECK(NpcQuirks().size() == 7);
}

TEST_CASE("dynamic npc rewards follow the reference at level 50 per tier", "[unit]") {
  // base exp = 50 x 2000 x exp multiplier, zeny = 50 x 1000 x zeny multiplier, 3 x item 607.
  const v1::RewardBundle medium = BaseReward(RewardTier::kMedium);
  CHECK(medium.base_exp() == 200000);
  CHECK(medium.zeny() == 75000);
  const v1::RewardBundle high = BaseReward(RewardTier::kHigh);
  CHECK(high.base_exp() == 350000);
  CHECK(high.zeny() == 125000);
  const v1::RewardBundle very_high = BaseReward(RewardTier::kVeryHigh);
  CHECK(very_high.base_exp() == 500000);
  CHECK(very_high.zeny() == 200000);
  for (const auto& r : {medium, high, very_high}) {
    REQUIRE(r.items_size() == 1);
    CHECK(r.items(0).item_id() == 607);
    CHECK(r.items(0).amount() == 3);
  }
  CHECK(TierMultipliersOf(RewardTier::kMedium).rare_chance == Approx(0.05));
  CHECK(TierMultipliersOf(RewardTier::kHigh).rare_chance == Approx(0.15));
  CHECK(TierMultipliersOf(RewardTier::kVeryHigh).rare_chance == Approx(0.30));
  CHECK_FALSE(GrantsBuffs(RewardTier::kMedium));
  CHECK(GrantsBuffs(RewardTier::kHigh));
  CHECK(GrantsBuffs(RewardTier::kVeryHigh));
  for (uint32_t id : {kYggdrasilBerry, kRareItem, kCardItem}) {
    INFO("reward item " << id << " must be in the catalogue");
    CHECK(Cat().FindItem(id) != nullptr);
  }
}

TEST_CASE("dynamic npc rare rolls come near their chances", "[unit]") {
  SeededRandom random(7);
  int rare = 0, card = 0;
  const int n = 20000;
  for (int i = 0; i < n; ++i) {
    const v1::RewardBundle r = RollReward(RewardTier::kVeryHigh, random);
    for (const auto& item : r.items()) {
      rare += item.item_id() == kRareItem ? 1 : 0;
      card += item.item_id() == kCardItem ? 1 : 0;
    }
  }
  INFO("rare " << rare << " card " << card << " of " << n);
  CHECK(rare / double(n) == Approx(0.30).margin(0.02));
  CHECK(card / double(n) == Approx(0.09).margin(0.015));  // 0.3 x 0.30
}

TEST_CASE("dynamic npc quiet maps are at most 10 percent of the busiest", "[unit]") {
  v1::WorldSnapshot w;
  AddMap(w, "prontera", 100);
  AddMap(w, "prt_fild01", 10);  // exactly 10%: quiet
  AddMap(w, "prt_fild02", 11);  // just above: not quiet
  AddMap(w, "pay_fild01", 3);
  AddMap(w, "nowhere_map", 1);  // unknown to the catalogue
  const std::vector<std::string> maps = RoamingNpcMaps(&w, Cat(), {});
  REQUIRE(maps.size() >= 2);
  CHECK(maps[0] == "pay_fild01");  // quietest first
  CHECK(maps[1] == "prt_fild01");
  const std::set<std::string> set(maps.begin(), maps.end());
  CHECK_FALSE(set.contains("prt_fild02"));
  CHECK_FALSE(set.contains("prontera"));
  CHECK_FALSE(set.contains("nowhere_map"));
  // The reference's defaults follow as a fallback.
  CHECK(set.contains("mjo_dun01"));
  // Occupied maps are skipped.
  const std::vector<std::string> without = RoamingNpcMaps(&w, Cat(), {"pay_fild01"});
  CHECK(without.front() == "prt_fild01");
}

TEST_CASE("dynamic npc quiet maps keep only the 20 quietest", "[unit]") {
  v1::WorldSnapshot w;
  AddMap(w, "prontera", 1000);
  int added = 0;
  for (const MapInfo& m : Cat().maps()) {
    if (m.name == "prontera" || added == 30) continue;
    AddMap(w, m.name, static_cast<uint32_t>(added));
    ++added;
  }
  const std::vector<std::string> maps = RoamingNpcMaps(&w, Cat(), {});
  // 20 from the snapshot; the 4 defaults may add up to 4 more.
  CHECK(maps.size() <= kQuietMapsConsidered + DefaultRoamingMaps().size());
  CHECK(maps.size() >= kQuietMapsConsidered);
}

TEST_CASE("dynamic npc with an empty world uses the reference's default maps", "[unit]") {
  const std::vector<std::string> maps = RoamingNpcMaps(nullptr, Cat(), {});
  CHECK(maps == DefaultRoamingMaps());
  Harness h;  // world without maps
  const std::vector<v1::Action> actions = h.Job(kJobSpawnNpcs);
  const auto spawns = OfKind(actions, v1::Action::kSpawnNpc);
  REQUIRE(spawns.size() == 3);
  for (const v1::Action* a : spawns) {
    const std::string& map = a->spawn_npc().at().map();
    INFO("map " << map);
    CHECK(std::find(DefaultRoamingMaps().begin(), DefaultRoamingMaps().end(), map) != DefaultRoamingMaps().end());
  }
}

TEST_CASE("dynamic npc daily count is 3 by default and clamped to 1..5", "[unit]") {
  CHECK(ClampDailyNpcCount(0) == 1);
  CHECK(ClampDailyNpcCount(1) == 1);
  CHECK(ClampDailyNpcCount(3) == 3);
  CHECK(ClampDailyNpcCount(5) == 5);
  CHECK(ClampDailyNpcCount(6) == 5);
  DynamicNpcOptions many;
  many.daily_count = 40;  // the docs' "25-40 a day" is not what the code did
  Harness h(many);
  AddQuietFields(h.world);
  CHECK(OfKind(h.Job(kJobSpawnNpcs), v1::Action::kSpawnNpc).size() == 5);
}

TEST_CASE("dynamic npc never keeps more than 5 alive", "[unit]") {
  Harness h;
  AddQuietFields(h.world);
  CHECK(OfKind(h.Job(kJobSpawnNpcs), v1::Action::kSpawnNpc).size() == 3);
  // Their despawn was missed? No: still alive the same day; a second run fills up to 5 only.
  h.now = kSix + absl::Hours(1);
  CHECK(OfKind(h.Job(kJobSpawnNpcs), v1::Action::kSpawnNpc).size() == 2);
  h.now = kSix + absl::Hours(2);
  CHECK(OfKind(h.Job(kJobSpawnNpcs), v1::Action::kSpawnNpc).size() == 0);
}

TEST_CASE("dynamic npc spawn uses the template with parameters and a ttl to 23:59:59", "[unit]") {
  Harness h;
  AddMap(h.world, "prontera", 500, 40);
  AddMap(h.world, "pay_fild04", 2);
  AddMap(h.world, "gef_fild01", 5);
  AddMap(h.world, "moc_fild12", 1);
  const std::vector<v1::Action> actions = h.Job(kJobSpawnNpcs);
  const auto spawns = OfKind(actions, v1::Action::kSpawnNpc);
  REQUIRE(spawns.size() == 3);
  std::set<std::string> maps, tags;
  for (const v1::Action* a : spawns) {
    const v1::SpawnNpc& s = a->spawn_npc();
    CHECK(s.template_name() == kRoamingNpcTemplate);
    CHECK(absl::StartsWith(s.npc_tag(), "dnpc_"));
    CHECK(s.npc_tag().size() <= 24);
    const MapInfo* map = Cat().FindMap(s.at().map());
    REQUIRE(map != nullptr);
    CHECK(s.at().map() != "prontera");
    CHECK((s.at().x() >= 1 && s.at().x() < map->width && s.at().y() >= 1 && s.at().y() < map->height));
    CHECK(Cat().FindSprite(s.sprite_id()) != nullptr);
    CHECK((!s.display_name().empty() && s.display_name().size() <= 23));
    CHECK(s.parameters().contains("type"));
    CHECK(s.parameters().contains("persona"));
    CHECK(s.parameters().contains("required_level"));
    CHECK(FromProto(s.ttl()) == absl::Hours(17) + absl::Minutes(59) + absl::Seconds(59));
    CHECK(a->cause().job().job() == kJobSpawnNpcs);
    maps.insert(s.at().map());
    tags.insert(s.npc_tag());
  }
  CHECK(maps.size() == 3);  // at most one NPC per map
  CHECK(tags.size() == 3);
  const auto told = OfKind(actions, v1::Action::kBroadcast);
  REQUIRE(told.size() == 1);
  CHECK(told[0]->broadcast().scope() == v1::BROADCAST_SCOPE_SERVER);
  // Each NPC keeps a Big-Five personality.
  NpcRoster roster(h.state, "srv1");
  for (const std::string& tag : tags) CHECK(roster.PersonalityOf(tag).has_value());
}

TEST_CASE("dynamic npc job decides the same way when run again on the same state", "[unit]") {
  Harness a, b;
  AddMap(a.world, "prontera", 100);
  AddMap(a.world, "pay_fild04", 2);
  b.world = a.world;
  const auto x = a.Job(kJobSpawnNpcs), y = b.Job(kJobSpawnNpcs);
  REQUIRE(x.size() == y.size());
  for (size_t i = 0; i < x.size(); ++i) CHECK(google::protobuf::util::MessageDifferencer::Equals(x[i], y[i]));
}

TEST_CASE("dynamic npc despawns at 23:59:59 of its day", "[unit]") {
  CHECK(DespawnTimeFor(kSix) == kDay + absl::Hours(23) + absl::Minutes(59) + absl::Seconds(59));
  CHECK(DespawnTimeFor(kDay + absl::Hours(23) + absl::Minutes(59) + absl::Seconds(59)) ==
        kDay + absl::Hours(47) + absl::Minutes(59) + absl::Seconds(59));  // already past: the next day's
  Harness h;
  const auto spawned = OfKind(h.Job(kJobSpawnNpcs), v1::Action::kSpawnNpc);
  REQUIRE(spawned.size() == 3);
  h.now = kDay + absl::Hours(12);
  CHECK(h.Job(kJobDespawnNpcs).empty());  // not due yet
  h.now = kDay + absl::Hours(23) + absl::Minutes(59);
  const auto removed = OfKind(h.Job(kJobDespawnNpcs), v1::Action::kRemoveNpc);
  CHECK(removed.size() == 3);
  for (const v1::DynamicNpc& npc : h.Npcs()) CHECK(npc.status() == v1::CONTENT_STATUS_EXPIRED);
  CHECK(h.Job(kJobDespawnNpcs).empty());  // removed once
}

TEST_CASE("dynamic npc spawn run removes NPCs a missed despawn left alive", "[unit]") {
  Harness h;
  REQUIRE(OfKind(h.Job(kJobSpawnNpcs), v1::Action::kSpawnNpc).size() == 3);
  h.now = kSix + absl::Hours(24);  // the 23:59 run never happened
  const std::vector<v1::Action> actions = h.Job(kJobSpawnNpcs);
  CHECK(OfKind(actions, v1::Action::kRemoveNpc).size() == 3);
  CHECK(OfKind(actions, v1::Action::kSpawnNpc).size() == 3);
}

TEST_CASE("dynamic npc type repeat penalty applies - reference bug type cooldown never populated", "[unit]") {
  std::vector<v1::DynamicNpc> history;
  CHECK(NpcTypeWeights(history, kSix) == std::vector<double>{1, 1, 1, 1, 1});
  v1::DynamicNpc seeker = LiveNpc("dnpc_1", v1::DYNAMIC_NPC_TYPE_TREASURE_SEEKER, 30);
  history.push_back(seeker);
  history.push_back(seeker);
  std::vector<double> w = NpcTypeWeights(history, kSix);
  CHECK(w[0] == Approx(0.6));  // 1 - 0.2 x 2
  CHECK(w[1] == Approx(1.0));
  for (int i = 0; i < 5; ++i) history.push_back(seeker);
  CHECK(NpcTypeWeights(history, kSix)[0] == Approx(0.1));  // floor 0.1
  // Spawns 7 days ago and more no longer count.
  CHECK(NpcTypeWeights(history, kSix + absl::Hours(24 * 7))[0] == Approx(1.0));
  CHECK(NpcTypeWeights(history, kSix + absl::Hours(24 * 7) - absl::Seconds(1))[0] == Approx(0.1));

  // Over a week of daily runs every type appears, and no type dominates.
  Harness h;
  AddQuietFields(h.world);
  std::map<v1::DynamicNpcType, int> seen;
  for (int day = 0; day < 7; ++day) {
    h.now = kSix + absl::Hours(24 * day);
    const std::vector<v1::Action> actions = h.Job(kJobSpawnNpcs);
    for (const v1::Action* a : OfKind(actions, v1::Action::kSpawnNpc)) {
      seen[NpcRoster(h.state, "srv1").Get(a->spawn_npc().npc_tag())->type()]++;
    }
  }
  CHECK(seen.size() == 5);
  for (const auto& [type, n] : seen) {
    INFO("type " << type << " spawned " << n << " times of 21");
    CHECK(n <= 8);
  }
}

TEST_CASE("dynamic npc answers a click and rewards a qualified character once", "[unit]") {
  Harness h;
  NpcRoster roster(h.state, "srv1");
  roster.Put(LiveNpc("dnpc_9", v1::DYNAMIC_NPC_TYPE_RUNAWAY_SAGE, 50));

  h.Click("dnpc_9", 49);  // under the required level
  std::vector<v1::Action> actions = h.Run();
  REQUIRE(OfKind(actions, v1::Action::kNpcSay).size() == 1);
  CHECK(absl::StrContains(OfKind(actions, v1::Action::kNpcSay)[0]->npc_say().text(), "50"));
  CHECK(OfKind(actions, v1::Action::kGiveReward).empty());

  h.Click("dnpc_9", 50);  // exactly the required level qualifies
  actions = h.Run();
  const auto say = OfKind(actions, v1::Action::kNpcSay);
  REQUIRE(say.size() == 1);
  CHECK(say[0]->npc_say().npc().tag() == "dnpc_9");
  CHECK(say[0]->npc_say().char_id() == kChar);
  const auto reward = OfKind(actions, v1::Action::kGiveReward);
  REQUIRE(reward.size() == 1);
  CHECK(reward[0]->give_reward().char_id() == kChar);
  CHECK(reward[0]->give_reward().reward().base_exp() == 350000);  // high tier
  CHECK(reward[0]->give_reward().reward().zeny() == 125000);
  CHECK(reward[0]->idempotency_key() == "dynamic_npc/dnpc_9/reward/150001");
  CHECK(OfKind(actions, v1::Action::kApplyStatus).size() == 2);  // ATK and MATK +10% 1 h

  h.Click("dnpc_9", 60);  // again: answered, not rewarded
  actions = h.Run();
  CHECK(OfKind(actions, v1::Action::kNpcSay).size() == 1);
  CHECK(OfKind(actions, v1::Action::kGiveReward).empty());
  CHECK(roster.Get("dnpc_9")->interaction_count() == 3);
}

TEST_CASE("dynamic npc rewards are bounded per NPC", "[unit]") {
  DynamicNpcOptions options;
  options.max_rewards_per_npc = 2;
  Harness h(options);
  NpcRoster(h.state, "srv1").Put(LiveNpc("dnpc_3", v1::DYNAMIC_NPC_TYPE_LOST_MERCHANT, 35));
  for (uint32_t c = 0; c < 4; ++c) h.Click("dnpc_3", 80, kChar + c);
  const std::vector<v1::Action> actions = h.Run();
  CHECK(OfKind(actions, v1::Action::kNpcSay).size() == 4);
  CHECK(OfKind(actions, v1::Action::kGiveReward).size() == 2);
  CHECK(OfKind(actions, v1::Action::kApplyStatus).empty());  // medium tier: no buffs
}

TEST_CASE("dynamic npc ignores other NPCs typed text and departed NPCs", "[unit]") {
  Harness h;
  NpcRoster roster(h.state, "srv1");
  roster.Put(LiveNpc("dnpc_1", v1::DYNAMIC_NPC_TYPE_TREASURE_SEEKER, 30));
  v1::DynamicNpc gone = LiveNpc("dnpc_2", v1::DYNAMIC_NPC_TYPE_TREASURE_SEEKER, 30);
  gone.set_status(v1::CONTENT_STATUS_EXPIRED);
  roster.Put(gone);
  h.Click("story_1", 90);
  h.Click("dnpc_1", 90, kChar, v1::NPC_INTERACTION_KIND_TEXT_INPUT);  // the Dialogue agent's
  h.Click("dnpc_2", 90);
  h.Click("dnpc_404", 90);
  CHECK(h.Run().empty());
  h.now = kDay + absl::Hours(24);  // past 23:59:59 but not yet marked
  h.Click("dnpc_1", 90);
  CHECK(h.Run().empty());
}

TEST_CASE("dynamic npc lines pass the content filter", "[unit]") {
  v1::DynamicNpc npc = LiveNpc("dnpc_1", v1::DYNAMIC_NPC_TYPE_MYSTERIOUS_CHILD, 25);
  SeededRandom random(1);
  agentkit::AgentContext ctx;
  ctx.random = &random;
  ctx.agent = "dynamic_npc";
  for (TalkSituation s : {TalkSituation::kTooWeak, TalkSituation::kReward, TalkSituation::kAgain, TalkSituation::kExhausted}) {
    const NpcLine line = DecideNpcLine(ctx, npc, FindNpcType(npc.type())->archetype, s);
    INFO("situation " << TalkSituationName(s));
    CHECK((!line.text.empty() && line.text.size() <= 255));
    CHECK(line.tier == v1::TIER_TEMPLATE);
  }
  CHECK(SituationFor(npc, 24, false, 0, 20) == TalkSituation::kTooWeak);
  CHECK(SituationFor(npc, 25, false, 0, 20) == TalkSituation::kReward);
  CHECK(SituationFor(npc, 25, false, 20, 20) == TalkSituation::kExhausted);
  CHECK(SituationFor(npc, 25, true, 20, 20) == TalkSituation::kAgain);
}

TEST_CASE("dynamic npc erasure removes the reward records of the characters", "[unit]") {
  Harness h;
  NpcRoster roster(h.state, "srv1");
  roster.Put(LiveNpc("dnpc_1", v1::DYNAMIC_NPC_TYPE_TREASURE_SEEKER, 30));
  roster.MarkRewarded("dnpc_1", kChar);
  roster.MarkRewarded("dnpc_1", kChar + 1);
  CHECK(h.agent.ErasePlayer(h.state, 2000001, {kChar}) == 1);
  CHECK_FALSE(roster.Rewarded("dnpc_1", kChar));
  CHECK(roster.Rewarded("dnpc_1", kChar + 1));
}

TEST_CASE("dynamic npc personality encoding round-trips and rejects bad input", "[unit]") {
  core::Personality p;
  p.openness = 0.8125;
  p.neuroticism = 0.1;
  const auto back = DecodePersonality(EncodePersonality(p));
  REQUIRE(back.has_value());
  CHECK(back->openness == Approx(0.8125));
  CHECK(back->neuroticism == Approx(0.1));
  CHECK_FALSE(DecodePersonality("v1|2|0|0|0|0").has_value());
  CHECK_FALSE(DecodePersonality("v2|0|0|0|0|0").has_value());
  CHECK_FALSE(DecodePersonality("").has_value());
}

TEST_CASE("ListDynamicNpcs pages newest first and validates its fields", "[unit]") {
  Harness h;
  h.Job(kJobSpawnNpcs);
  h.now = kDay + absl::Hours(23) + absl::Minutes(59);
  h.Job(kJobDespawnNpcs);
  h.now = kSix + absl::Hours(24);
  h.Job(kJobSpawnNpcs);

  v1::ListDynamicNpcsRequest req;
  req.set_server_id("srv1");
  absl::StatusOr<v1::ListDynamicNpcsResponse> live = ListDynamicNpcs(h.state, req, h.now);
  REQUIRE(live.ok());
  CHECK(live->npcs_size() == 3);
  for (const auto& n : live->npcs()) CHECK(n.status() == v1::CONTENT_STATUS_ACTIVE);

  req.set_include_inactive(true);
  req.mutable_page()->set_page_size(4);
  absl::StatusOr<v1::ListDynamicNpcsResponse> page = ListDynamicNpcs(h.state, req, h.now);
  REQUIRE(page.ok());
  CHECK(page->npcs_size() == 4);
  CHECK(page->next_page_token() == "4");
  CHECK(FromProto(page->npcs(0).spawned_at()) >= FromProto(page->npcs(3).spawned_at()));
  req.mutable_page()->set_page_token(page->next_page_token());
  page = ListDynamicNpcs(h.state, req, h.now);
  REQUIRE(page.ok());
  CHECK(page->npcs_size() == 2);
  CHECK(page->next_page_token().empty());

  // A live NPC past its time is reported as expired.
  req.clear_page();
  req.set_include_inactive(false);
  absl::StatusOr<v1::ListDynamicNpcsResponse> later = ListDynamicNpcs(h.state, req, h.now + absl::Hours(24));
  REQUIRE(later.ok());
  CHECK(later->npcs_size() == 0);

  v1::ListDynamicNpcsRequest bad;
  CHECK(absl::StrContains(ListDynamicNpcs(h.state, bad, h.now).status().message(), "server_id"));
  bad.set_server_id("srv1");
  bad.mutable_page()->set_page_size(201);
  CHECK(absl::StrContains(ListDynamicNpcs(h.state, bad, h.now).status().message(), "page.page_size"));
  bad.mutable_page()->set_page_size(10);
  bad.mutable_page()->set_page_token("x");
  CHECK(absl::StrContains(ListDynamicNpcs(h.state, bad, h.now).status().message(), "page.page_token"));
}
