// The Reputation agent: the reference's weights, daily cap of 500 per kind, influence tiers with
// their exact boundaries and the cumulative benefits; gains from real events; tier variables,
// titles and headgear once; the hourly tier fix; the leaderboard (unreachable in the reference);
// GetPlayerStanding over the three agents as the Dialogue agent reads it; erasure.
#include <catch2/catch.hpp>

#include <set>

#include "data/catalogue.h"
#include "services/agentkit/state_store.h"
#include "tests/support/agent_harness.h"
#include "services/core/dialogue/standing_source.h"
#include "services/progression/faction/faction_book.h"
#include "services/progression/faction/progression_actions.h"
#include "services/progression/karma/karma_book.h"
#include "services/progression/reputation/player_standing.h"
#include "services/progression/reputation/reputation_agent.h"
#include "services/progression/reputation/reputation_book.h"
#include "services/progression/reputation/reputation_gains.h"
#include "services/progression/reputation/reputation_queries.h"
#include "services/progression/reputation/reputation_rules.h"

using namespace aiworld;
using namespace aiworld::progression;

namespace {

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }
const absl::Time kNoon = absl::FromUnixSeconds(1'767'268'800);  // 2026-01-01 12:00 UTC
constexpr size_t kGuardian = 0, kExplorer = 1, kSolver = 2, kParticipant = 3, kLoyalist = 4;

struct Harness : testing::AgentHarness<ReputationAgent> {
  Harness() : AgentHarness("reputation", kNoon) {}

  std::vector<v1::Action> Job() { return RunJob(kJobReputationTiers, "slot"); }
  CharInfluence Char(uint32_t char_id) { return ReputationBook(state).Find("srv1", char_id).value_or(CharInfluence{}); }
};

v1::RoutedEvent Event(uint32_t index, uint32_t char_id, const std::string& map, const std::string& name = "") {
  v1::RoutedEvent r;
  r.set_index(index);
  r.mutable_event()->set_event_id(index + 1);
  r.mutable_event()->set_char_id(char_id);
  r.mutable_event()->set_account_id(2'000'000 + char_id % 1000);
  r.mutable_event()->set_char_name(name);
  r.mutable_event()->set_map(map);
  return r;
}

v1::RoutedEvent Kill(uint32_t index, uint32_t char_id, int mob_id, v1::BossType boss, const std::string& tag = "") {
  v1::RoutedEvent r = Event(index, char_id, "prt_fild08");
  v1::MonsterKilled* k = r.mutable_event()->mutable_monster_killed();
  k->set_mob_id(mob_id);
  k->set_boss_type(boss);
  k->set_spawn_tag(tag);
  return r;
}

v1::RoutedEvent Mvp(uint32_t index, uint32_t killer, std::vector<uint32_t> dealers) {
  v1::RoutedEvent r = Kill(index, killer, 1112, v1::BOSS_TYPE_MVP);  // Drake, undead
  for (uint32_t id : dealers) r.mutable_event()->mutable_monster_killed()->add_damage_dealer_char_ids(id);
  return r;
}

v1::RoutedEvent Arrive(uint32_t index, uint32_t char_id, const std::string& map) {
  v1::RoutedEvent r = Event(index, char_id, map);
  r.mutable_event()->mutable_map_change()->set_from_map("prontera");
  return r;
}

void Seed(agentkit::StateStore& state, uint32_t char_id, std::array<uint64_t, kReputationKinds> amount, uint32_t tier,
          const std::string& name = "") {
  CharInfluence c;
  c.account_id = 2'000'000 + char_id % 1000;
  c.amount = amount;
  c.tier = tier;
  c.best_tier = tier;
  c.name = name;
  ReputationBook(state).Put("srv1", char_id, c);
}

const v1::Action* Variable(const std::vector<v1::Action>& actions, uint32_t char_id, const std::string& name) {
  for (const v1::Action& a : actions) {
    if (a.has_set_char_variable() && a.set_char_variable().char_id() == char_id && a.set_char_variable().name() == name) return &a;
  }
  return nullptr;
}

std::vector<uint32_t> HeadgearGiven(const std::vector<v1::Action>& actions) {
  std::vector<uint32_t> out;
  for (const v1::Action& a : actions) {
    if (a.has_give_reward()) out.push_back(a.give_reward().reward().items(0).item_id());
  }
  return out;
}

}  // namespace

TEST_CASE("reputation weights 0.30 0.25 0.20 0.15 0.10 for the five kinds", "[unit]") {
  CHECK(Weight(ReputationKind::kWorldGuardian) == Approx(0.30));
  CHECK(Weight(ReputationKind::kExplorer) == Approx(0.25));
  CHECK(Weight(ReputationKind::kProblemSolver) == Approx(0.20));
  CHECK(Weight(ReputationKind::kEventParticipant) == Approx(0.15));
  CHECK(Weight(ReputationKind::kFactionLoyalist) == Approx(0.10));
  CHECK(TypeOf(ReputationKind::kWorldGuardian) == v1::REPUTATION_TYPE_WORLD_GUARDIAN);
  CHECK(TypeOf(ReputationKind::kFactionLoyalist) == v1::REPUTATION_TYPE_FACTION_LOYALIST);
  CHECK(InfluenceHundredths({100, 100, 100, 100, 100}) == 10000);  // 100 influence
}

TEST_CASE("daily cap of 500 per kind cuts the gain above what is left", "[unit]") {
  CHECK(CappedGain(0, 500) == 500);
  CHECK(CappedGain(0, 501) == 500);
  CHECK(CappedGain(499, 10) == 1);
  CHECK(CappedGain(500, 1) == 0);
  CharInfluence c;
  CHECK(c.Gain(100, ReputationKind::kExplorer, 480) == 480);
  CHECK(c.Gain(100, ReputationKind::kExplorer, 30) == 20);
  CHECK(c.Gain(100, ReputationKind::kExplorer, 30) == 0);
  INFO("another kind has its own cap");
  CHECK(c.Gain(100, ReputationKind::kWorldGuardian, 30) == 30);
  INFO("a new game day starts from zero");
  CHECK(c.Gain(101, ReputationKind::kExplorer, 30) == 30);
  CHECK(c.amount[kExplorer] == 530);
  CHECK(c.GainedOn(101, ReputationKind::kExplorer) == 30);
  CHECK(c.GainedOn(102, ReputationKind::kExplorer) == 0);
}

TEST_CASE("influence tiers at 1000 3000 5000 7000 10000 to the hundredth", "[unit]") {
  CHECK(InfluenceTierOf(99'999) == 0);   // 999.99
  CHECK(InfluenceTierOf(100'000) == 1);  // 1000.00
  CHECK(InfluenceTierOf(299'999) == 1);
  CHECK(InfluenceTierOf(300'000) == 2);
  CHECK(InfluenceTierOf(500'000) == 3);
  CHECK(InfluenceTierOf(699'999) == 3);
  CHECK(InfluenceTierOf(700'000) == 4);
  CHECK(InfluenceTierOf(999'999) == 4);
  CHECK(InfluenceTierOf(1'000'000) == 5);
  INFO("4000 explorer x 0.25 is exactly 1000; 3333 guardian x 0.30 is 999.9");
  CHECK(InfluenceTierOf(InfluenceHundredths({0, 4000, 0, 0, 0})) == 1);
  CHECK(InfluenceTierOf(InfluenceHundredths({3333, 0, 0, 0, 0})) == 0);
  CHECK(std::string(InfluenceTierName(0)) == "Newcomer");
  CHECK(std::string(InfluenceTierName(1)) == "Known");
  CHECK(std::string(InfluenceTierName(2)) == "Respected");
  CHECK(std::string(InfluenceTierName(3)) == "Renowned");
  CHECK(std::string(InfluenceTierName(4)) == "Legendary");
  CHECK(std::string(InfluenceTierName(5)) == "Mythic");
  CHECK(NextTierProgress(0) == Approx(0.0));
  CHECK(NextTierProgress(200'000) == Approx(0.5));  // 2000 of 1000..3000
  CHECK(NextTierProgress(1'000'000) == Approx(1.0));
  CHECK(NextTierProgress(5'000'000) == Approx(1.0));
}

TEST_CASE("benefits add up from tier to tier with real headgear ids", "[unit]") {
  CHECK(BenefitsAt(0).title.empty());
  CHECK(BenefitsAt(0).shop.empty());
  const ReputationBenefits known = BenefitsAt(1);
  CHECK(known.shop == "basic");
  CHECK(known.title == "Known Adventurer");
  CHECK(known.title_bonuses[0].stat() == "max_hp");
  CHECK(known.title_bonuses[0].add() == 50);
  CHECK(known.all_stats == 0);
  CHECK(BenefitsAt(2).all_stats == 1);
  CHECK(BenefitsAt(3).all_stats == 2);
  CHECK(BenefitsAt(3).npc_shortcuts == std::vector<std::string>{"warp"});
  CHECK(BenefitsAt(4).all_stats == 3);
  CHECK(BenefitsAt(4).headgear == std::vector<uint32_t>{2234});
  const ReputationBenefits mythic = BenefitsAt(5);
  CHECK(mythic.shop == "mythic");
  CHECK(mythic.all_stats == 5);
  CHECK(mythic.title_bonuses[0].add() == 300);
  CHECK(mythic.headgear == std::vector<uint32_t>{2234, 2235});
  CHECK(mythic.npc_shortcuts == std::vector<std::string>{"warp", "buff", "insurance"});
  CHECK(mythic.aura_percent == 5);
  CHECK(BenefitsAt(4).aura_percent == 0);
  for (uint32_t id : mythic.headgear) {
    const ItemInfo* item = Cat().FindItem(id);
    REQUIRE(item != nullptr);
    CHECK(item->kind == ItemKind::kArmor);
  }
}

TEST_CASE("reputation gains from real kills quests and mesh content", "[unit]") {
  auto total = [](const std::vector<ReputationGain>& gains, uint32_t char_id, size_t kind) {
    uint32_t sum = 0;
    for (const ReputationGain& g : gains) sum += (g.char_id == char_id && static_cast<size_t>(g.kind) == kind) ? g.amount : 0;
    return sum;
  };
  const auto mvp = GainsOf(Mvp(0, 150001, {150001, 150002, 150003}).event(), Cat());
  CHECK(total(mvp, 150001, kGuardian) == 50);
  CHECK(total(mvp, 150002, kGuardian) == 50);
  CHECK(total(mvp, 150003, kGuardian) == 50);
  CHECK(total(mvp, 150001, kLoyalist) == 2);  // Drake is undead: the Rune Alliance's deed
  const auto mini = GainsOf(Kill(0, 150001, 1096, v1::BOSS_TYPE_MINIBOSS).event(), Cat());
  CHECK(total(mini, 150001, kGuardian) == 10);
  const auto problem = GainsOf(Kill(0, 150001, 1002, v1::BOSS_TYPE_NONE, "aiw_problem_3").event(), Cat());
  CHECK(total(problem, 150001, kSolver) == 5);
  CHECK(total(problem, 150001, kParticipant) == 0);
  const auto event = GainsOf(Kill(0, 150001, 1002, v1::BOSS_TYPE_NONE, "wevent_2").event(), Cat());
  CHECK(total(event, 150001, kParticipant) == 5);
  CHECK(GainsOf(Kill(0, 150001, 1002, v1::BOSS_TYPE_NONE).event(), Cat()).empty());

  v1::RoutedEvent quest = Event(0, 150001, "prontera");
  quest.mutable_event()->mutable_quest_completed()->set_quest_id(1000);
  const auto q = GainsOf(quest.event(), Cat());
  CHECK(total(q, 150001, kSolver) == 25);
  CHECK(total(q, 150001, kLoyalist) == 20);
  v1::RoutedEvent click = Event(0, 150001, "prontera");
  click.mutable_event()->mutable_npc_interaction()->set_kind(v1::NPC_INTERACTION_KIND_CLICK);
  click.mutable_event()->mutable_npc_interaction()->set_npc_tag("dynamic_npc_4");
  CHECK(total(GainsOf(click.event(), Cat()), 150001, kParticipant) == 5);
  click.mutable_event()->mutable_npc_interaction()->set_npc_tag("");
  CHECK(GainsOf(click.event(), Cat()).empty());
  CHECK(FirstVisitGain(Cat(), "prontera") == 10u);
  CHECK(FirstVisitGain(Cat(), "pay_dun00") == 20u);
  CHECK_FALSE(FirstVisitGain(Cat(), "nowhere").has_value());
}

TEST_CASE("explorer reputation for the first arrival on each real map only", "[unit]") {
  Harness h;
  v1::RoutedEvent login = Event(0, 150001, "prontera", "Alice");
  login.mutable_event()->mutable_login();
  h.Batch({login, Arrive(1, 150001, "pay_dun00"), Arrive(2, 150001, "prontera"), Arrive(3, 150001, "nowhere")});
  CHECK(h.Char(150001).amount[kExplorer] == 30);
  CHECK(h.Char(150001).name == "Alice");
  h.Batch({Arrive(0, 150001, "pay_dun00")});
  CHECK(h.Char(150001).amount[kExplorer] == 30);
  INFO("an autotrade vendor restored at start-up explores nothing");
  v1::RoutedEvent vendor = Event(0, 150002, "geffen");
  vendor.mutable_event()->mutable_login()->set_autotrade(true);
  h.Batch({vendor});
  CHECK_FALSE(ReputationBook(h.state).Find("srv1", 150002).has_value());
}

TEST_CASE("mvp hunting stops paying at the daily cap and pays again the next game day", "[unit]") {
  Harness h;
  std::vector<v1::RoutedEvent> kills;
  for (uint32_t i = 0; i < 11; ++i) kills.push_back(Mvp(i, 150001, {}));
  h.Batch(kills);
  CHECK(h.Char(150001).amount[kGuardian] == 500);
  CHECK(h.Char(150001).GainedOn(progression::GameDay(h.now), ReputationKind::kWorldGuardian) == 500);
  h.now += absl::Hours(12);  // 2026-01-02 00:00
  h.Batch({Mvp(0, 150001, {})});
  CHECK(h.Char(150001).amount[kGuardian] == 550);
}

TEST_CASE("rising to Known sets the tier and title variables and tells the player", "[unit]") {
  Harness h;
  Seed(h.state, 150001, {3330, 0, 0, 0, 0}, 0);  // 999.0
  const std::vector<v1::Action> actions = h.Batch({Mvp(0, 150001, {})});
  CHECK(h.Char(150001).tier == 1);
  const v1::Action* tier = Variable(actions, 150001, "aiw_rep_tier");
  REQUIRE(tier != nullptr);
  CHECK(tier->set_char_variable().int_value() == 1);
  const v1::Action* title = Variable(actions, 150001, "aiw_rep_title");
  REQUIRE(title != nullptr);
  CHECK(title->set_char_variable().string_value() == "Known Adventurer");
  CHECK(HeadgearGiven(actions).empty());
  size_t told = 0;
  for (const v1::Action& a : actions) told += a.has_broadcast() && a.broadcast().char_id() == 150001 ? 1 : 0;
  CHECK(told == 1);
}

TEST_CASE("legendary and mythic headgear is given once per character and tier", "[unit]") {
  Harness h;
  Seed(h.state, 150001, {33'330, 0, 0, 0, 0}, 3);  // 9999.0 influence told as tier 3; one MVP makes 10014
  const std::vector<v1::Action> first = h.Batch({Mvp(0, 150001, {})});
  CHECK(h.Char(150001).tier == 5);
  CHECK(HeadgearGiven(first) == std::vector<uint32_t>{2234, 2235});
  for (const v1::Action& a : first) {
    if (a.has_give_reward()) CHECK(a.idempotency_key().find("progression/reputation/150001/tier") == 0);
  }
  INFO("nothing more while the tier stays");
  CHECK(h.Batch({Mvp(0, 150001, {})}).empty());
}

TEST_CASE("hourly tier fix re-derives a stale tier once", "[unit]") {
  Harness h;
  Seed(h.state, 150001, {0, 20'000, 0, 0, 0}, 0);  // 5000 influence stored as tier 0
  Seed(h.state, 150002, {0, 4'000, 0, 0, 0}, 1);   // in step
  const std::vector<v1::Action> fixed = h.Job();
  CHECK(h.Char(150001).tier == 3);
  const v1::Action* tier = Variable(fixed, 150001, "aiw_rep_tier");
  REQUIRE(tier != nullptr);
  CHECK(tier->set_char_variable().int_value() == 3);
  CHECK(tier->cause().job().job() == kJobReputationTiers);
  CHECK(Variable(fixed, 150002, "aiw_rep_tier") == nullptr);
  CHECK(h.Job().empty());
}

TEST_CASE("leaderboard is reachable and ranks by total influence - reference bug 8.8 route shadowed", "[unit]") {
  Harness h;
  Seed(h.state, 150001, {1000, 0, 0, 0, 0}, 0, "Alice");  // 300
  Seed(h.state, 150002, {0, 4000, 0, 0, 0}, 1, "Bob");    // 1000
  Seed(h.state, 150003, {0, 0, 1500, 0, 0}, 0, "");       // 300, no name seen
  Seed(h.state, 150004, {0, 0, 0, 0, 0}, 0, "Idle");      // no influence: not listed
  CharInfluence other;
  other.amount = {9999, 0, 0, 0, 0};
  ReputationBook(h.state).Put("srv2", 150005, other);  // another server

  v1::GetReputationLeaderboardRequest request;
  CHECK(GetReputationLeaderboard(h.state, request).status().message().find("server_id") != std::string::npos);
  request.set_server_id("srv1");
  absl::StatusOr<v1::GetReputationLeaderboardResponse> board = GetReputationLeaderboard(h.state, request);
  REQUIRE(board.ok());
  REQUIRE(board->entries_size() == 3);
  CHECK(board->entries(0).char_id() == 150002u);
  CHECK(board->entries(0).rank() == 1u);
  CHECK(board->entries(0).char_name() == "Bob");
  CHECK(board->entries(0).total_influence() == Approx(1000.0));
  CHECK(board->entries(0).tier() == 1u);
  INFO("equal totals share a rank, lower char id first");
  CHECK(board->entries(1).char_id() == 150001u);
  CHECK(board->entries(1).rank() == 2u);
  CHECK(board->entries(2).char_id() == 150003u);
  CHECK(board->entries(2).rank() == 2u);
  CHECK(board->entries(2).char_name() == "#150003");
  CHECK(board->next_page_token().empty());

  request.mutable_page()->set_page_size(2);
  absl::StatusOr<v1::GetReputationLeaderboardResponse> first = GetReputationLeaderboard(h.state, request);
  REQUIRE(first.ok());
  CHECK(first->entries_size() == 2);
  CHECK(first->next_page_token() == "2");
  request.mutable_page()->set_page_token(first->next_page_token());
  absl::StatusOr<v1::GetReputationLeaderboardResponse> second = GetReputationLeaderboard(h.state, request);
  REQUIRE(second.ok());
  REQUIRE(second->entries_size() == 1);
  CHECK(second->entries(0).char_id() == 150003u);
  CHECK(second->entries(0).rank() == 2u);
  request.mutable_page()->set_page_size(201);
  CHECK(GetReputationLeaderboard(h.state, request).status().message().find("page") != std::string::npos);
}

TEST_CASE("GetPlayerStanding combines faction reputation influence and karma as Dialogue reads it", "[unit]") {
  agentkit::MemoryStateStore factions, reputation, karma;
  v1::GetPlayerStandingRequest request;
  request.set_server_id("srv1");
  request.set_char_id(149'999);
  CHECK(GetPlayerStanding(factions, reputation, karma, request, kNoon).status().message().find("char_id") != std::string::npos);
  request.set_server_id("bad server");
  request.set_char_id(150001);
  CHECK(GetPlayerStanding(factions, reputation, karma, request, kNoon).status().message().find("server_id") != std::string::npos);
  request.set_server_id("srv1");

  absl::StatusOr<v1::GetPlayerStandingResponse> unknown = GetPlayerStanding(factions, reputation, karma, request, kNoon);
  REQUIRE(unknown.ok());
  CHECK(unknown->standing().char_id() == 150001u);
  CHECK(unknown->standing().factions_size() == 3);
  CHECK(unknown->standing().influence().tier_name() == "Newcomer");
  CHECK(unknown->standing().karma().alignment() == v1::KARMA_ALIGNMENT_NEUTRAL);
  CHECK(unknown->standing().titles().empty());
  CHECK_FALSE(core::StandingFrom(unknown->standing()).known);

  CharFactions f;
  f.reputation = {10000, 3200, 0};
  f.actions = {1000, 40, 0};
  FactionBook(factions).PutChar("srv1", 150001, f);
  CharInfluence i;
  i.amount = {0, 20'000, 0, 0, 0};  // 5000: Renowned
  i.day = progression::GameDay(kNoon);
  i.gained_today = {0, 120, 0, 0, 0};
  i.tier = 3;
  ReputationBook(reputation).Put("srv1", 150001, i);
  CharKarma k;
  k.karma = 3500;
  k.good_actions = 200;
  KarmaBook(karma).PutChar("srv1", 150001, k);

  absl::StatusOr<v1::GetPlayerStandingResponse> known = GetPlayerStanding(factions, reputation, karma, request, kNoon);
  REQUIRE(known.ok());
  const v1::PlayerStanding& s = known->standing();
  CHECK(s.factions(0).faction_id() == "rune_alliance");
  CHECK(s.factions(0).tier() == 5u);
  CHECK(s.factions(0).tier_name() == "Exalted");
  CHECK(s.factions(0).actions_completed() == 1000u);
  CHECK(s.factions(1).tier_name() == "Friendly");
  CHECK(s.influence().total() == Approx(5000.0));
  CHECK(s.influence().tier() == 3u);
  CHECK(s.influence().next_tier_progress() == Approx(0.0));
  REQUIRE(s.influence().breakdown_size() == 5);
  CHECK(s.influence().breakdown(1).type() == v1::REPUTATION_TYPE_EXPLORER);
  CHECK(s.influence().breakdown(1).amount() == 20'000u);
  CHECK(s.influence().breakdown(1).gained_today() == 120u);
  CHECK(s.karma().karma() == 3500);
  CHECK(s.karma().alignment() == v1::KARMA_ALIGNMENT_GOOD);
  CHECK(s.karma().good_actions() == 200u);
  REQUIRE(s.titles_size() == 2);
  CHECK(s.titles(0) == "Renowned Hero");
  CHECK(s.titles(1) == "Exalted of the Rune Alliance");

  const core::Standing seen = core::StandingFrom(s);
  CHECK(seen.known);
  CHECK(seen.influence_tier == 3u);
  CHECK(seen.karma == v1::KARMA_ALIGNMENT_GOOD);
  CHECK(seen.top_faction == "rune_alliance");
  CHECK(seen.title == "Renowned Hero");

  INFO("the next game day nothing is gained today yet");
  absl::StatusOr<v1::GetPlayerStandingResponse> tomorrow =
      GetPlayerStanding(factions, reputation, karma, request, kNoon + absl::Hours(24));
  REQUIRE(tomorrow.ok());
  CHECK(tomorrow->standing().influence().breakdown(1).gained_today() == 0u);
}

TEST_CASE("the world's faction state for the snapshot", "[unit]") {
  agentkit::MemoryStateStore factions, karma;
  FactionWorld w;
  w.score = {1200, -50, 300};
  w.dominant = 0;
  w.dominance = v1::DOMINANCE_MINOR;
  FactionBook(factions).PutWorld("srv1", w);
  GlobalKarma g;
  g.karma = -3100;
  KarmaBook(karma).PutGlobal("srv1", g);
  const v1::FactionState s = WorldFactionState(factions, karma, "srv1");
  CHECK(s.dominant_faction() == "rune_alliance");
  REQUIRE(s.scores_size() == 3);
  CHECK(s.scores(1).faction_id() == "shadow_cult");
  CHECK(s.scores(1).alignment_score() == -50);
  CHECK(s.global_karma() == -3100);
  CHECK(s.karma_alignment() == v1::KARMA_ALIGNMENT_EVIL);
  const v1::FactionState none = WorldFactionState(factions, karma, "srv2");
  CHECK(none.dominant_faction().empty());
  CHECK(none.karma_alignment() == v1::KARMA_ALIGNMENT_NEUTRAL);
}

TEST_CASE("influence encoding round-trips names with spaces and bad values name the part", "[unit]") {
  CharInfluence c;
  c.account_id = 2000001;
  c.day = 20454;
  c.tier = 2;
  c.best_tier = 3;
  c.amount = {1, 2, 3, 4, 5};
  c.gained_today = {5, 4, 3, 2, 1};
  c.name = "Sir Lancelot";
  absl::StatusOr<CharInfluence> back = DecodeCharInfluence(EncodeCharInfluence(c));
  REQUIRE(back.ok());
  CHECK(back->name == "Sir Lancelot");
  CHECK(back->amount == c.amount);
  CHECK(back->gained_today == c.gained_today);
  CHECK(back->best_tier == 3u);
  c.name.clear();
  REQUIRE(DecodeCharInfluence(EncodeCharInfluence(c)).ok());
  CHECK(DecodeCharInfluence(EncodeCharInfluence(c))->name.empty());
  CHECK(DecodeCharInfluence("v1 1 2 9 0 0 0 0 0 0 0 0 0 0 0 x").status().message().find("tier") != std::string::npos);
  CHECK(DecodeCharInfluence("v1 1 2 0 0 0 0 0 0 0 501 0 0 0 0 x").status().message().find("gained_today[0]") != std::string::npos);
}

TEST_CASE("erasing a player removes influence visits and account entries", "[unit]") {
  Harness h;
  h.Batch({Arrive(0, 150001, "prontera"), Arrive(1, 151001, "payon"), Arrive(2, 150002, "payon")});
  std::vector<uint32_t> chars = h.agent.CharactersOf(h.state, 2000001);
  std::sort(chars.begin(), chars.end());
  CHECK(chars == std::vector<uint32_t>{150001, 151001});
  CHECK(h.agent.ErasePlayer(h.state, 2000001, chars) == 4);  // two influence records, two visits
  CHECK_FALSE(ReputationBook(h.state).Find("srv1", 150001).has_value());
  CHECK_FALSE(ReputationBook(h.state).Visited("srv1", 151001, "payon"));
  CHECK(ReputationBook(h.state).Visited("srv1", 150002, "payon"));
  CHECK(h.agent.CharactersOf(h.state, 2000001).empty());
}

TEST_CASE("reputation agent declares its hourly job and actions", "[unit]") {
  ReputationAgent agent;
  REQUIRE(agent.jobs().size() == 1);
  CHECK(agent.jobs()[0].name() == "reputation.tiers");
  CHECK(agent.jobs()[0].schedule().interval().every().seconds() == 3600);
  CHECK(agent.name() == "reputation");
}
