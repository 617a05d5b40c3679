// The Problem agent: the reference's type, difficulty, map and reward numbers with their
// boundaries, problems from a real snapshot on real maps and monsters, progress from kills,
// one bounded reward per participant, expiry, the queries, and the state MapHazard reads.
#include <catch2/catch.hpp>

#include <set>

#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "tests/support/agent_harness.h"
#include "services/procedural/problem/problem_agent.h"
#include "services/procedural/problem/problem_book.h"
#include "services/procedural/problem/problem_maker.h"
#include "services/procedural/problem/problem_queries.h"
#include "services/procedural/problem/problem_rules.h"
#include "services/procedural/problem/problem_targets.h"

using namespace aiworld;
using namespace aiworld::procedural;

namespace {

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }
const absl::Time kMidnight = absl::FromUnixSeconds(1'767'225'600);  // 2026-01-01 00:00 UTC

void AddMap(v1::WorldSnapshot& w, const std::string& map, uint32_t players, uint32_t visits, uint32_t kills = 0) {
  v1::MapActivity* m = w.add_maps();
  m->set_map(map);
  m->set_players_now(players);
  m->set_visits_today(visits);
  m->set_kills_today(kills);
}

// A world of one town and five hunting maps, busiest first: prt_fild08 > pay_fild04 > gef_fild10 >
// moc_fild01 > mjo_dun01.
v1::WorldSnapshot Busy(uint32_t online, double level) {
  v1::WorldSnapshot w;
  w.set_server_id("srv1");
  w.mutable_players()->set_online(online);
  w.mutable_players()->set_average_base_level(level);
  AddMap(w, "prontera", 90, 500);
  AddMap(w, "prt_fild08", 40, 300);
  AddMap(w, "pay_fild04", 20, 100);
  AddMap(w, "gef_fild10", 10, 50);
  AddMap(w, "moc_fild01", 5, 20);
  AddMap(w, "mjo_dun01", 1, 3);
  return w;
}

struct Harness : testing::AgentHarness<ProblemAgent> {
  Harness() : AgentHarness("problem", kMidnight) {}

  std::vector<v1::Action> Job(const std::string& job, const std::string& seed = "slot") { return RunJob(job, seed); }
  std::vector<v1::Action> Kills(const std::vector<v1::RoutedEvent>& events) { return Batch(events); }
};

v1::RoutedEvent Kill(uint32_t index, const std::string& map, uint32_t char_id, const std::string& tag = "") {
  v1::RoutedEvent r;
  r.set_index(index);
  r.mutable_event()->set_event_id(index + 1);
  r.mutable_event()->set_map(map);
  r.mutable_event()->set_char_id(char_id);
  r.mutable_event()->mutable_monster_killed()->set_mob_id(1002);
  r.mutable_event()->mutable_monster_killed()->set_last_hit_char_id(char_id);
  r.mutable_event()->mutable_monster_killed()->set_spawn_tag(tag);
  return r;
}

// Puts an active problem straight into the agent's state.
v1::Problem Seed(agentkit::StateStore& state, v1::ProblemType type, const std::string& map, uint32_t goal, bool tagged) {
  ProblemBook book(state);
  v1::Problem p;
  p.set_problem_id(book.NextProblemId("srv1"));
  p.set_server_id("srv1");
  p.set_type(type);
  p.set_title("Test problem");
  p.set_description("Test");
  p.set_target_map(map);
  p.set_difficulty(3);
  p.set_status(v1::CONTENT_STATUS_ACTIVE);
  *p.mutable_reward() = ProblemReward(45, 3, 30);
  *p.mutable_created_at() = ToProto(kMidnight);
  *p.mutable_expires_at() = ToProto(kMidnight + absl::Hours(12));
  book.Put(p);
  ProblemProgress progress;
  progress.goal = goal;
  if (tagged) progress.spawn_tag = ProblemBook::SpawnTagOf(p.problem_id());
  book.PutProgress("srv1", p.problem_id(), progress);
  return p;
}

size_t Count(const std::vector<v1::Action>& actions, v1::Action::KindCase kind) {
  size_t n = 0;
  for (const v1::Action& a : actions) n += a.kind_case() == kind ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("problem types keep the reference's levels difficulties and durations", "[unit]") {
  const ProblemTypeSpec& surge = SpecOf(v1::PROBLEM_TYPE_MONSTER_SURGE);
  CHECK(surge.min_level == 30);
  CHECK(surge.min_difficulty == 2);
  CHECK(surge.max_difficulty == 8);
  CHECK(surge.min_hours == 12);
  CHECK(surge.max_hours == 24);
  const ProblemTypeSpec& rampage = SpecOf(v1::PROBLEM_TYPE_MVP_RAMPAGE);
  CHECK((rampage.min_level == 50 && rampage.min_difficulty == 5 && rampage.max_difficulty == 10 && rampage.min_hours == 8 &&
         rampage.max_hours == 16));
  CHECK(SpecOf(v1::PROBLEM_TYPE_GOOD_VS_EVIL).min_level == 40);
  CHECK(SpecOf(v1::PROBLEM_TYPE_RESOURCE_SHORTAGE).max_difficulty == 5);
  CHECK(SpecOf(v1::PROBLEM_TYPE_POLLUTION).max_hours == 20);
  const ProblemTypeSpec& weather = SpecOf(v1::PROBLEM_TYPE_WEATHER_HAZARD);
  CHECK((weather.min_level == 15 && weather.min_difficulty == 1 && weather.max_difficulty == 4 && weather.min_hours == 6 &&
         weather.max_hours == 12));
  CHECK(surge.spawns_monsters);
  CHECK(rampage.spawns_monsters);
  CHECK_FALSE(weather.spawns_monsters);
}

TEST_CASE("eligible types are those whose min level is at most the average level", "[unit]") {
  CHECK(EligibleTypes(14.99) == std::vector<v1::ProblemType>{v1::PROBLEM_TYPE_WEATHER_HAZARD});
  CHECK(EligibleTypes(0) == std::vector<v1::ProblemType>{v1::PROBLEM_TYPE_WEATHER_HAZARD});
  CHECK(EligibleTypes(15) == std::vector<v1::ProblemType>{v1::PROBLEM_TYPE_WEATHER_HAZARD});
  CHECK(EligibleTypes(29.99).size() == 3);  // weather, shortage, pollution
  const std::vector<v1::ProblemType> at30 = EligibleTypes(30);
  CHECK(std::find(at30.begin(), at30.end(), v1::PROBLEM_TYPE_MONSTER_SURGE) != at30.end());
  const std::vector<v1::ProblemType> at49 = EligibleTypes(49.9);
  CHECK(std::find(at49.begin(), at49.end(), v1::PROBLEM_TYPE_MVP_RAMPAGE) == at49.end());
  CHECK(EligibleTypes(50).size() == 6);
  // Fewer than 10 online: only types whose minimum difficulty is at most 3.
  const std::vector<v1::ProblemType> low = LowPopulationTypes(EligibleTypes(99));
  CHECK(low == std::vector<v1::ProblemType>{v1::PROBLEM_TYPE_MONSTER_SURGE, v1::PROBLEM_TYPE_RESOURCE_SHORTAGE,
                                            v1::PROBLEM_TYPE_POLLUTION, v1::PROBLEM_TYPE_WEATHER_HAZARD});
}

TEST_CASE("type weight is max 0.1 and 1 minus 0.2 per use in the last 7 days", "[unit]") {
  CHECK(TypeWeight(0) == Approx(1.0));
  CHECK(TypeWeight(1) == Approx(0.8));
  CHECK(TypeWeight(4) == Approx(0.2));
  CHECK(TypeWeight(5) == Approx(0.1));
  CHECK(TypeWeight(9) == Approx(0.1));
}

TEST_CASE("difficulty is the average level over 15 clamped to the type's range", "[unit]") {
  const ProblemTypeSpec& surge = SpecOf(v1::PROBLEM_TYPE_MONSTER_SURGE);
  CHECK(DifficultyFor(surge, 74.9) == 4);
  CHECK(DifficultyFor(surge, 75) == 5);
  CHECK(DifficultyFor(surge, 10) == 2);   // clamped up to the minimum
  CHECK(DifficultyFor(surge, 200) == 8);  // clamped down to the maximum
  CHECK(DifficultyFor(SpecOf(v1::PROBLEM_TYPE_MVP_RAMPAGE), 99) == 6);
  CHECK(DifficultyFor(SpecOf(v1::PROBLEM_TYPE_WEATHER_HAZARD), 0) == 1);
}

TEST_CASE("reward follows the reference formula difficulty table and participation multiplier", "[unit]") {
  CHECK(MultipliersOf(1).exp == 1.0);
  CHECK(MultipliersOf(3).zeny == Approx(1.3));
  CHECK(MultipliersOf(5).exp == Approx(2.2));
  CHECK(MultipliersOf(7).zeny == Approx(2.8));
  CHECK(MultipliersOf(9).exp == Approx(6.0));
  CHECK(MultipliersOf(10).exp == Approx(8.0));
  CHECK(MultipliersOf(10).zeny == Approx(6.0));
  CHECK(ParticipationMultiplier(0) == Approx(1.0));
  CHECK(ParticipationMultiplier(30) == Approx(1.3));
  CHECK(ParticipationMultiplier(50) == Approx(1.5));
  CHECK(ParticipationMultiplier(51) == Approx(1.5));

  // Level 50, difficulty 5, 20 online: 50*1000*(1+1.0)*2.2*1.2 and 50*500*(1+0.75)*1.8*1.2.
  const v1::RewardBundle r = ProblemReward(50, 5, 20);
  CHECK(r.base_exp() == 264000);
  CHECK(r.zeny() == 94500);
  REQUIRE(r.items_size() == 2);
  CHECK((r.items(0).item_id() == 607 && r.items(0).amount() == 5));
  CHECK((r.items(1).item_id() == 608 && r.items(1).amount() == 2));
  // Items appear at 3, 5, 7 and 9.
  CHECK(ProblemReward(50, 2, 0).items_size() == 0);
  CHECK(ProblemReward(50, 3, 0).items_size() == 1);
  CHECK(ProblemReward(50, 6, 0).items_size() == 2);
  CHECK(ProblemReward(50, 7, 0).items_size() == 3);
  const v1::RewardBundle top = ProblemReward(99, 9, 500);
  REQUIRE(top.items_size() == 4);
  CHECK((top.items(1).item_id() == 608 && top.items(1).amount() == 4));
  CHECK(top.items(2).item_id() == 617);
  CHECK(top.items(3).item_id() == 616);
  for (const v1::ItemStack& s : top.items()) CHECK(Cat().FindItem(s.item_id()) != nullptr);
  CHECK(std::string(RewardTierLabel(7)) == "high");
  CHECK(std::string(RewardTierLabel(6)) == "medium");
  CHECK(std::string(RewardTierLabel(4)) == "medium");
  CHECK(std::string(RewardTierLabel(3)) == "low");
}

TEST_CASE("target map by activity - busiest at 7 median at 4 quietest below and towns never", "[unit]") {
  const v1::WorldSnapshot w = Busy(100, 60);
  const auto ranked = RankedHuntingMaps(w, Cat());
  REQUIRE(ranked.size() == 5);  // prontera is a town
  CHECK(*TargetMapFor(ranked, 7) == "prt_fild08");
  CHECK(*TargetMapFor(ranked, 10) == "prt_fild08");
  CHECK(*TargetMapFor(ranked, 6) == "gef_fild10");  // index 5 / 2
  CHECK(*TargetMapFor(ranked, 4) == "gef_fild10");
  CHECK(*TargetMapFor(ranked, 3) == "mjo_dun01");
  CHECK_FALSE(TargetMapFor({}, 5).has_value());
}

TEST_CASE("spawned monsters are real and scaled to the difficulty - not the reference's 1002 plus difficulty", "[unit]") {
  SeededRandom random(7);
  const MonsterInfo* surge = SurgeMonster(Cat(), "prt_fild08", 2, random);
  REQUIRE(surge != nullptr);
  CHECK_FALSE(surge->is_boss());
  CHECK(std::find(surge->maps.begin(), surge->maps.end(), "prt_fild08") != surge->maps.end());
  const MonsterInfo* mvp = RampageMvp(Cat(), "prt_maze03", 8);
  REQUIRE(mvp != nullptr);
  CHECK(mvp->boss == BossType::kMvp);
  for (const MonsterInfo* m : Cat().Mvps()) CHECK(std::abs(m->level - 80) >= std::abs(mvp->level - 80));
}

TEST_CASE("no activity in the snapshot - the daily job makes no problem", "[unit]") {
  Harness h;
  CHECK(h.Job(kJobProblemDaily).empty());
  CHECK(h.state.size() == 0);
  h.world.mutable_players()->set_online(3);
  AddMap(h.world, "prontera", 3, 3);  // a town only
  CHECK(h.Job(kJobProblemDaily).empty());
  CHECK_FALSE(ProblemBook(h.state).Active("srv1").has_value());
}

TEST_CASE("daily problem from a real snapshot - broadcast spawns on its map and one active at a time", "[unit]") {
  Harness h;
  h.world = Busy(120, 70);
  const std::vector<v1::Action> actions = h.Job(kJobProblemDaily);
  std::optional<v1::Problem> p = ProblemBook(h.state).Active("srv1");
  REQUIRE(p.has_value());
  INFO("type " << v1::ProblemType_Name(p->type()) << " on " << p->target_map() << " difficulty " << p->difficulty());
  const ProblemTypeSpec& spec = SpecOf(p->type());
  CHECK(p->difficulty() == static_cast<uint32_t>(DifficultyFor(spec, 70)));
  CHECK(Cat().FindMap(p->target_map()) != nullptr);
  CHECK(p->target_map() == *TargetMapFor(RankedHuntingMaps(h.world, Cat()), static_cast<int>(p->difficulty())));
  const absl::Duration lasts = FromProto(p->expires_at()) - FromProto(p->created_at());
  CHECK(lasts >= absl::Hours(spec.min_hours));
  CHECK(lasts <= absl::Hours(spec.max_hours));
  CHECK(p->tier() == v1::TIER_TEMPLATE);  // 120 online: no tier 1 rule, no engine: the weighted pick
  CHECK_FALSE(p->title().empty());
  REQUIRE(Count(actions, v1::Action::kBroadcast) == 1);
  CHECK(actions[0].broadcast().scope() == v1::BROADCAST_SCOPE_SERVER);
  CHECK(actions[0].cause().job().job() == kJobProblemDaily);
  uint32_t spawned = 0;
  for (const v1::Action& a : actions) {
    if (!a.has_spawn_monster()) continue;
    CHECK(Cat().FindMonster(a.spawn_monster().mob_id()) != nullptr);
    CHECK(a.spawn_monster().at().map() == p->target_map());
    CHECK(a.spawn_monster().spawn_tag() == "aiw_" + p->problem_id());
    CHECK(FromProto(a.spawn_monster().ttl()) == lasts);
    CHECK(a.spawn_monster().amount() <= 100u);
    spawned += a.spawn_monster().amount();
  }
  CHECK(spawned == (spec.spawns_monsters ? 10 * p->difficulty() : 0));
  CHECK(p->spawn_count() == spawned);

  // The next day's job keeps the active problem (the reference returns it).
  h.now += absl::Hours(1);
  CHECK(h.Job(kJobProblemDaily, "next").empty());
  CHECK(ProblemBook(h.state).OfServer("srv1").size() == 1);
}

TEST_CASE("fewer than 10 online - tier 1 picks among types of minimum difficulty up to 3", "[unit]") {
  std::set<v1::ProblemType> seen;
  for (int seed = 0; seed < 40; ++seed) {
    Harness h;
    h.world = Busy(9, 99);
    h.Job(kJobProblemDaily, std::to_string(seed));
    std::optional<v1::Problem> p = ProblemBook(h.state).Active("srv1");
    REQUIRE(p.has_value());
    CHECK(p->tier() == v1::TIER_RULES);
    CHECK(SpecOf(p->type()).min_difficulty <= 3);
    seen.insert(p->type());
  }
  CHECK(seen.size() >= 3);
  // 10 online is no longer a low population.
  Harness h;
  h.world = Busy(10, 99);
  h.Job(kJobProblemDaily);
  CHECK(ProblemBook(h.state).Active("srv1")->tier() == v1::TIER_TEMPLATE);
}

TEST_CASE("the same slot decides the same problem", "[unit]") {
  Harness a, b;
  a.world = b.world = Busy(60, 55);
  const auto first = a.Job(kJobProblemDaily);
  const auto second = b.Job(kJobProblemDaily);
  REQUIRE(first.size() == second.size());
  for (size_t i = 0; i < first.size(); ++i) CHECK(first[i].SerializeAsString() == second[i].SerializeAsString());
}

TEST_CASE("kills of the spawn tag advance a surge and the goal pays each participant once", "[unit]") {
  Harness h;
  const v1::Problem p = Seed(h.state, v1::PROBLEM_TYPE_MONSTER_SURGE, "prt_fild08", 3, true);
  const std::string tag = ProblemBook::SpawnTagOf(p.problem_id());
  // An untagged kill on the map and a kill with another tag do not count.
  CHECK(h.Kills({Kill(0, "prt_fild08", 150001), Kill(1, "prt_fild08", 150001, "other_tag")}).empty());
  CHECK(ProblemBook(h.state).Progress("srv1", p.problem_id()).kills == 0);
  v1::RoutedEvent party = Kill(1, "prt_fild08", 150002, tag);
  party.mutable_event()->mutable_monster_killed()->add_party_member_char_ids(150003);
  CHECK(h.Kills({Kill(0, "prt_fild08", 150001, tag), party}).empty());
  CHECK(ProblemBook(h.state).Progress("srv1", p.problem_id()).kills == 2);
  CHECK(ProblemBook(h.state).Get("srv1", p.problem_id())->participation_count() == 3);

  const std::vector<v1::Action> done = h.Kills({Kill(0, "prt_fild08", 150001, tag)});
  const v1::Problem solved = *ProblemBook(h.state).Get("srv1", p.problem_id());
  CHECK(solved.status() == v1::CONTENT_STATUS_COMPLETED);
  CHECK(solved.has_completed_at());
  CHECK(Count(done, v1::Action::kBroadcast) == 1);
  REQUIRE(Count(done, v1::Action::kGiveReward) == 3);
  std::set<std::string> keys;
  for (const v1::Action& a : done) {
    if (!a.has_give_reward()) continue;
    CHECK(a.give_reward().reward().SerializeAsString() == p.reward().SerializeAsString());
    CHECK(a.give_reward().char_id() >= 150000u);
    CHECK(a.cause().events_size() == 1);
    keys.insert(a.idempotency_key());
  }
  CHECK(keys.size() == 3);
  // A solved problem never pays again.
  CHECK(h.Kills({Kill(0, "prt_fild08", 150001, tag)}).empty());
}

TEST_CASE("a problem that spawns nothing counts kills on its target map and rewards at most 50", "[unit]") {
  Harness h;
  const v1::Problem p = Seed(h.state, v1::PROBLEM_TYPE_POLLUTION, "pay_fild04", 60, false);
  std::vector<v1::RoutedEvent> elsewhere = {Kill(0, "prt_fild08", 150001)};
  CHECK(h.Kills(elsewhere).empty());
  std::vector<v1::RoutedEvent> batch;
  for (uint32_t i = 0; i < 60; ++i) batch.push_back(Kill(i, "pay_fild04", 150000 + i));
  const std::vector<v1::Action> done = h.Kills(batch);
  CHECK(ProblemBook(h.state).Get("srv1", p.problem_id())->status() == v1::CONTENT_STATUS_COMPLETED);
  CHECK(ProblemBook(h.state).Get("srv1", p.problem_id())->participation_count() == 60);
  CHECK(Count(done, v1::Action::kGiveReward) == kMaxRewardedParticipants);
}

TEST_CASE("hourly expiry - a problem past its deadline expires and its live spawns are removed", "[unit]") {
  Harness h;
  const v1::Problem p = Seed(h.state, v1::PROBLEM_TYPE_MONSTER_SURGE, "prt_fild08", 30, true);
  h.now = kMidnight + absl::Hours(12) - absl::Seconds(1);
  CHECK(h.Job(kJobProblemExpire).empty());
  CHECK(ActiveProblemMap(h.state, "srv1", h.now) == std::optional<std::string>("prt_fild08"));
  // Kills after the deadline do not count.
  h.now = kMidnight + absl::Hours(12);
  CHECK(h.Kills({Kill(0, "prt_fild08", 150001, "aiw_" + p.problem_id())}).empty());
  CHECK_FALSE(ActiveProblemMap(h.state, "srv1", h.now).has_value());
  const std::vector<v1::Action> expired = h.Job(kJobProblemExpire);
  CHECK(ProblemBook(h.state).Get("srv1", p.problem_id())->status() == v1::CONTENT_STATUS_EXPIRED);
  REQUIRE(Count(expired, v1::Action::kRemoveMonsters) == 1);
  CHECK(expired[0].remove_monsters().spawn_tag() == "aiw_" + p.problem_id());
  CHECK(Count(expired, v1::Action::kBroadcast) == 1);
  CHECK(h.Job(kJobProblemExpire, "again").empty());
}

TEST_CASE("progress is stored in a versioned encoding and a bad one names its part", "[unit]") {
  ProblemProgress p;
  p.kills = 4;
  p.goal = 30;
  p.spawn_tag = "aiw_problem_2";
  CHECK(EncodeProgress(p) == "v1 4 30 aiw_problem_2");
  absl::StatusOr<ProblemProgress> back = DecodeProgress(EncodeProgress(p));
  REQUIRE(back.ok());
  CHECK((back->kills == 4 && back->goal == 30 && back->spawn_tag == "aiw_problem_2"));
  CHECK(DecodeProgress("v1 4 30")->spawn_tag.empty());
  CHECK(DecodeProgress("v2 1 2").status().message().find("version") != std::string_view::npos);
  CHECK(DecodeProgress("v1 x 2").status().message().find("progress.kills") != std::string_view::npos);
}

TEST_CASE("GetCurrentProblem and ListProblems answer from state and name bad fields", "[unit]") {
  Harness h;
  Seed(h.state, v1::PROBLEM_TYPE_POLLUTION, "pay_fild04", 60, false);
  ProblemBook book(h.state);
  v1::Problem old = *book.Get("srv1", "problem_1");
  old.set_status(v1::CONTENT_STATUS_EXPIRED);
  book.Put(old);
  h.now = kMidnight + absl::Hours(24);
  h.world = Busy(40, 45);
  h.Job(kJobProblemDaily);

  v1::GetCurrentProblemRequest current;
  current.set_server_id("srv1");
  absl::StatusOr<v1::GetCurrentProblemResponse> got = GetCurrentProblem(h.state, current);
  REQUIRE(got.ok());
  CHECK(got->problem().problem_id() == "problem_2");
  current.set_server_id("other");
  CHECK_FALSE(GetCurrentProblem(h.state, current)->has_problem());
  current.set_server_id("Bad Server");
  CHECK(GetCurrentProblem(h.state, current).status().message().find("server_id") != std::string_view::npos);

  v1::ListProblemsRequest list;
  list.set_server_id("srv1");
  absl::StatusOr<v1::ListProblemsResponse> all = ListProblems(h.state, list);
  REQUIRE(all.ok());
  REQUIRE(all->problems_size() == 2);
  CHECK(all->problems(0).problem_id() == "problem_2");  // newest first
  list.set_status(v1::CONTENT_STATUS_EXPIRED);
  CHECK(ListProblems(h.state, list)->problems_size() == 1);
  list.set_status(v1::CONTENT_STATUS_UNSPECIFIED);
  list.mutable_page()->set_page_size(1);
  absl::StatusOr<v1::ListProblemsResponse> page = ListProblems(h.state, list);
  CHECK(page->problems_size() == 1);
  CHECK(page->next_page_token() == "1");
  list.mutable_page()->set_page_token("nope");
  CHECK(ListProblems(h.state, list).status().message().find("page.page_token") != std::string_view::npos);
  list.mutable_page()->set_page_token("");
  list.set_status(static_cast<v1::ContentStatus>(77));
  CHECK(ListProblems(h.state, list).status().message().find("status") != std::string_view::npos);
}

TEST_CASE("erasing a player removes their contributions", "[unit]") {
  Harness h;
  const v1::Problem p = Seed(h.state, v1::PROBLEM_TYPE_POLLUTION, "pay_fild04", 60, false);
  h.Kills({Kill(0, "pay_fild04", 150001), Kill(1, "pay_fild04", 150002)});
  CHECK(h.agent.ErasePlayer(h.state, 0, {150001}) == 1);
  const auto left = ProblemBook(h.state).TopParticipants("srv1", p.problem_id(), 10);
  REQUIRE(left.size() == 1);
  CHECK(left[0].char_id == 150002u);
}

TEST_CASE("the agent declares its jobs on the reference schedule", "[unit]") {
  ProblemAgent agent;
  const auto jobs = agent.jobs();
  REQUIRE(jobs.size() == 2);
  CHECK(jobs[0].name() == "problem.daily");
  CHECK((jobs[0].schedule().daily().hour() == 0 && jobs[0].schedule().daily().minute() == 0));
  CHECK(jobs[1].name() == "problem.expire");
  CHECK(jobs[1].schedule().interval().every().seconds() == 3600);
  CHECK(agent.subscriptions() == std::vector<v1::EventKind>{v1::EVENT_KIND_MONSTER_KILLED});
}
