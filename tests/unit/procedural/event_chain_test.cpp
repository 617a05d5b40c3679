// The EventChain: the reference's numbers (§3.16: step ranges per type, outcome multipliers
// success x1.5 / 1.0, failure x0.5 / 0.8, partial x1.0 / 0.9, faction +-100, 7-day chains, at most
// 3 at once, 10% start chance with more than 5 online, 24 h step timeout), the fixed reference bugs
// (step timeout measured from the chain's start; step templates shorter than the most steps),
// steps as real actions, progress from events, and the queries.
#include <catch2/catch.hpp>

#include <set>

#include "absl/strings/match.h"
#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/procedural/event_chain/chain_queries.h"
#include "services/procedural/event_chain/chain_rules.h"
#include "services/procedural/event_chain/chain_store.h"
#include "services/procedural/event_chain/event_chain_agent.h"

using namespace aiworld;
using namespace aiworld::procedural;

namespace {

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }
const absl::Time kStart = absl::FromUnixSeconds(1'767'484'800) + absl::Hours(10);

// Uniform01 of the first draw is `first / 2^53`; the rest come from a seeded source.
class FirstDrawRandom final : public RandomSource {
 public:
  FirstDrawRandom(uint64_t first, uint64_t seed) : first_(first), rest_(seed) {}
  uint64_t NextU64() override {
    if (!used_) {
      used_ = true;
      return first_ << 11;
    }
    return rest_.NextU64();
  }

 private:
  uint64_t first_;
  bool used_ = false;
  SeededRandom rest_;
};
// floor(0.1 x 2^53): the largest draw below 0.1, and the next one (just above 0.1).
constexpr uint64_t kJustBelowTenPercent = 900719925474099;
constexpr uint64_t kJustAboveTenPercent = 900719925474100;

v1::WorldSnapshot World(uint32_t online) {
  v1::WorldSnapshot w;
  w.set_server_id("srv1");
  w.mutable_players()->set_online(online);
  w.mutable_players()->set_average_base_level(online > 0 ? 45 : 0);
  auto add = [&](const std::string& map, uint32_t visits, uint32_t players) {
    v1::MapActivity* m = w.add_maps();
    m->set_map(map);
    m->set_visits_today(visits);
    m->set_players_now(players);
  };
  if (online > 0) {
    add("geffen", 300, 8);
    add("gef_fild10", 120, 3);
  }
  return w;
}

struct Harness {
  agentkit::MemoryStateStore state;
  EventChainAgent agent;
  v1::WorldSnapshot world = World(20);
  absl::Time now = kStart;
  uint64_t sequence = 0;

  agentkit::AgentContext Ctx(RandomSource& random, uint64_t seq) {
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = seq;
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "event_chain";
    return ctx;
  }

  std::vector<v1::Action> Job(const std::string& job, RandomSource* random = nullptr) {
    SeededRandom seeded = SeededRandom::FromKeys({"srv1", job, absl::FormatTime(now)});
    agentkit::AgentContext ctx = Ctx(random != nullptr ? *random : seeded, 0);
    std::vector<v1::Action> actions;
    REQUIRE(agent.RunJob(ctx, job, &actions).ok());
    return actions;
  }

  absl::StatusOr<v1::EventChain> Start(v1::ChainType type, uint64_t seed, std::vector<v1::Action>* actions) {
    SeededRandom random(seed);
    agentkit::AgentContext ctx = Ctx(random, 0);
    ChainStore store(state, "srv1");
    return agent.runner().Start(ctx, store, type, ActionCauseRef::Job("event_chain.maybe_start"), actions);
  }

  std::vector<v1::Action> Send(const v1::GameEvent& event) {
    v1::RoutedEvent routed;
    *routed.mutable_event() = event;
    routed.mutable_event()->set_event_id(++sequence);
    SeededRandom random = SeededRandom::FromKeys({"srv1", std::to_string(sequence), "event_chain"});
    agentkit::AgentContext ctx = Ctx(random, sequence);
    std::vector<v1::Action> actions;
    REQUIRE(agent.HandleEvents(ctx, {&routed}, &actions).ok());
    return actions;
  }

  v1::EventChain Chain(uint64_t n) { return *ChainStore(state, "srv1").Chain(n); }
  ChainRun Run(uint64_t n) { return *ChainStore(state, "srv1").Run(n); }
};

v1::GameEvent Talk(const std::string& tag, uint32_t char_id) {
  v1::GameEvent e;
  e.set_char_id(char_id);
  e.set_account_id(2'000'000 + char_id);
  e.set_map("geffen");
  e.mutable_npc_interaction()->set_kind(v1::NPC_INTERACTION_KIND_CLICK);
  e.mutable_npc_interaction()->set_npc_tag(tag);
  e.mutable_npc_interaction()->set_npc_name("Someone");
  e.mutable_npc_interaction()->set_npc_exname("someone#1");
  return e;
}

v1::GameEvent Kill(const std::string& map, int mob_id, uint32_t char_id, const std::string& tag = "") {
  v1::GameEvent e;
  e.set_char_id(char_id);
  e.set_account_id(2'000'000 + char_id);
  e.set_map(map);
  v1::MonsterKilled* k = e.mutable_monster_killed();
  k->set_mob_id(mob_id);
  k->set_mob_level(40);
  k->set_boss_type(v1::BOSS_TYPE_NONE);
  k->set_mob_name("x");
  k->set_spawn_tag(tag);
  return e;
}

// Does `progress` steps of work on chain n's current step (its whole target by default).
std::vector<v1::Action> Work(Harness& h, uint64_t n, int amount = -1, uint32_t first_char = 150001) {
  const ChainRun run = h.Run(n);
  const uint32_t todo = amount < 0 ? run.target - run.progress : static_cast<uint32_t>(amount);
  std::vector<v1::Action> all;
  for (uint32_t i = 0; i < todo; ++i) {
    std::vector<v1::Action> got = run.kind == StepKind::kTalk ? h.Send(Talk(run.tag, first_char + i))
                                                              : h.Send(Kill(run.map, run.mob_id, first_char + i, run.tag));
    all.insert(all.end(), got.begin(), got.end());
  }
  return all;
}

template <typename Pred>
std::vector<const v1::Action*> Of(const std::vector<v1::Action>& actions, Pred pred) {
  std::vector<const v1::Action*> out;
  for (const v1::Action& a : actions) {
    if (pred(a)) out.push_back(&a);
  }
  return out;
}

void CheckValid(const std::vector<v1::Action>& actions) {
  for (const v1::Action& a : actions) {
    INFO(a.ShortDebugString());
    CHECK_FALSE(a.idempotency_key().empty());
    CHECK(a.idempotency_key().size() <= 200);
    if (a.has_spawn_monster()) {
      CHECK(Cat().FindMap(a.spawn_monster().at().map()) != nullptr);
      CHECK(Cat().FindMonster(a.spawn_monster().mob_id()) != nullptr);
      CHECK(a.spawn_monster().amount() >= 1);
      CHECK(a.spawn_monster().amount() <= 100);
      CHECK(FromProto(a.spawn_monster().ttl()) == absl::Hours(24));
      CHECK(a.spawn_monster().spawn_tag().size() <= 24);
      CHECK(a.spawn_monster().display_name().size() <= 23);
    }
    if (a.has_spawn_npc()) {
      CHECK(a.spawn_npc().template_name() == "AIW_Tpl_ChainNpc");
      CHECK(Cat().FindMap(a.spawn_npc().at().map()) != nullptr);
      CHECK(Cat().FindSprite(a.spawn_npc().sprite_id()) != nullptr);
      CHECK(a.spawn_npc().npc_tag().size() <= 24);
      CHECK(FromProto(a.spawn_npc().ttl()) == absl::Hours(24));
    }
    if (a.has_give_reward()) {
      CHECK(a.give_reward().char_id() >= 150000);
      for (const v1::ItemStack& item : a.give_reward().reward().items()) CHECK(Cat().FindItem(item.item_id()) != nullptr);
    }
    if (a.has_broadcast()) {
      CHECK_FALSE(a.broadcast().text().empty());
      CHECK(a.broadcast().text().size() <= 255);
    }
  }
}

}  // namespace

TEST_CASE("chain types and their step ranges", "[unit]") {
  CHECK(SpecOf(v1::CHAIN_TYPE_INVESTIGATION).min_steps == 4);
  CHECK(SpecOf(v1::CHAIN_TYPE_INVESTIGATION).max_steps == 6);
  CHECK(SpecOf(v1::CHAIN_TYPE_INVASION).min_steps == 3);
  CHECK(SpecOf(v1::CHAIN_TYPE_INVASION).max_steps == 5);
  CHECK(SpecOf(v1::CHAIN_TYPE_RESCUE).min_steps == 3);
  CHECK(SpecOf(v1::CHAIN_TYPE_RESCUE).max_steps == 5);
  CHECK(SpecOf(v1::CHAIN_TYPE_TREASURE_HUNT).min_steps == 4);
  CHECK(SpecOf(v1::CHAIN_TYPE_TREASURE_HUNT).max_steps == 7);
  CHECK(SpecOf(v1::CHAIN_TYPE_FACTION_WAR).min_steps == 5);
  CHECK(SpecOf(v1::CHAIN_TYPE_FACTION_WAR).max_steps == 7);
  CHECK(ChainTypes().size() == 5);
}

TEST_CASE("every chain gets all its steps - reference bug step templates shorter than max steps", "[unit]") {
  for (v1::ChainType type : ChainTypes()) {
    const ChainTypeSpec& spec = SpecOf(type);
    INFO(spec.word);
    CHECK(spec.steps.size() >= spec.max_steps);
    for (uint32_t n = spec.min_steps; n <= spec.max_steps; ++n) {
      const std::vector<StepTemplate> steps = StepsFor(spec, n);
      REQUIRE(steps.size() == n);
      std::set<std::string> distinct;
      for (const StepTemplate& s : steps) distinct.insert(s.step_type);
      CHECK(distinct.size() == n);
      CHECK(steps.back().step_type == spec.steps.back().step_type);  // the finale is kept
      CHECK(steps.back().kind == StepKind::kBoss);
    }
  }
}

TEST_CASE("outcome effects: success x1.5 and 1.0 - failure x0.5 and 0.8 - partial x1.0 and 0.9", "[unit]") {
  const OutcomeEffect s = EffectOf(v1::STEP_OUTCOME_SUCCESS);
  CHECK(s.reward_multiplier == 1.5);
  CHECK(s.next_difficulty == 1.0);
  CHECK(s.faction_shift == 100);
  CHECK(s.npc_attitude == "friendly");
  CHECK(s.world_mark == "blessing");
  const OutcomeEffect f = EffectOf(v1::STEP_OUTCOME_FAILURE);
  CHECK(f.reward_multiplier == 0.5);
  CHECK(f.next_difficulty == 0.8);
  CHECK(f.faction_shift == -100);
  CHECK(f.npc_attitude == "hostile");
  CHECK(f.world_mark == "corruption");
  const OutcomeEffect p = EffectOf(v1::STEP_OUTCOME_PARTIAL);
  CHECK(p.reward_multiplier == 1.0);
  CHECK(p.next_difficulty == 0.9);
  CHECK(p.faction_shift == 0);
  CHECK(p.npc_attitude == "neutral");
  CHECK(kChainLifetime == absl::Hours(168));
  CHECK(kStepTimeout == absl::Hours(24));
  CHECK(kMaxConcurrentChains == 3);
}

TEST_CASE("a chain may start only with more than 5 online - fewer than 3 active - on a draw under 10%", "[unit]") {
  const double below = static_cast<double>(kJustBelowTenPercent) * 0x1.0p-53;
  const double above = static_cast<double>(kJustAboveTenPercent) * 0x1.0p-53;
  CHECK(below < 0.1);
  CHECK(above > 0.1);
  CHECK(ShouldStartChain(6, 0, below));
  CHECK_FALSE(ShouldStartChain(6, 0, above));
  CHECK_FALSE(ShouldStartChain(6, 0, 0.1));
  CHECK_FALSE(ShouldStartChain(5, 0, 0.0));
  CHECK(ShouldStartChain(6, 2, 0.0));
  CHECK_FALSE(ShouldStartChain(6, 3, 0.0));
}

TEST_CASE("the 2-hourly job starts a chain on a draw just under 10% and not just above", "[unit]") {
  Harness h;
  FirstDrawRandom above(kJustAboveTenPercent, 1);
  CHECK(h.Job(kChainMaybeStartJob, &above).empty());
  FirstDrawRandom below(kJustBelowTenPercent, 1);
  const std::vector<v1::Action> started = h.Job(kChainMaybeStartJob, &below);
  CHECK_FALSE(started.empty());
  CheckValid(started);
  const std::vector<v1::EventChain> active = ChainStore(h.state, "srv1").Active();
  REQUIRE(active.size() == 1);
  CHECK(active[0].current_step() == 1);
  CHECK(active[0].steps(0).status() == v1::CONTENT_STATUS_ACTIVE);
  CHECK(FromProto(active[0].expires_at()) == h.now + absl::Hours(168));
  CHECK_FALSE(active[0].title().empty());
  // An empty world (nobody online) never starts one.
  Harness empty;
  empty.world = v1::WorldSnapshot();
  FirstDrawRandom zero(0, 1);
  CHECK(empty.Job(kChainMaybeStartJob, &zero).empty());
  // Exactly 5 online is not more than 5.
  Harness five;
  five.world = World(5);
  FirstDrawRandom zero5(0, 1);
  CHECK(five.Job(kChainMaybeStartJob, &zero5).empty());
}

TEST_CASE("at most three chains are active at once", "[unit]") {
  Harness h;
  std::vector<v1::Action> actions;
  REQUIRE(h.Start(v1::CHAIN_TYPE_INVASION, 1, &actions).ok());
  REQUIRE(h.Start(v1::CHAIN_TYPE_RESCUE, 2, &actions).ok());
  REQUIRE(h.Start(v1::CHAIN_TYPE_INVESTIGATION, 3, &actions).ok());
  CheckValid(actions);
  absl::StatusOr<v1::EventChain> fourth = h.Start(v1::CHAIN_TYPE_FACTION_WAR, 4, &actions);
  CHECK(fourth.status().code() == absl::StatusCode::kFailedPrecondition);
  FirstDrawRandom zero(0, 1);
  CHECK(h.Job(kChainMaybeStartJob, &zero).empty());
  CHECK(ChainStore(h.state, "srv1").Active().size() == 3);
}

TEST_CASE("talk steps spawn a template NPC and count distinct characters", "[unit]") {
  Harness h;
  std::vector<v1::Action> actions;
  absl::StatusOr<v1::EventChain> chain = h.Start(v1::CHAIN_TYPE_RESCUE, 11, &actions);
  REQUIRE(chain.ok());
  const ChainRun run = h.Run(1);
  REQUIRE(run.kind == StepKind::kTalk);  // hear_the_plea
  CHECK(run.target == 3);                // round(3 x 1.0)
  auto npcs = Of(actions, [](const v1::Action& a) { return a.has_spawn_npc(); });
  REQUIRE(npcs.size() == 1);
  CHECK(npcs[0]->spawn_npc().npc_tag() == run.tag);
  CHECK(npcs[0]->spawn_npc().at().map() == "geffen");  // the busiest town
  CHECK(npcs[0]->spawn_npc().parameters().at("chain_id") == "chain-1");
  // The same character twice counts once.
  h.Send(Talk(run.tag, 150001));
  auto again = h.Send(Talk(run.tag, 150001));
  CHECK(h.Run(1).progress == 1);
  REQUIRE(again.size() == 1);
  CHECK(again[0].has_npc_say());
  // Other tags count nothing.
  h.Send(Talk("somebody_else", 150002));
  CHECK(h.Run(1).progress == 1);
  h.Send(Talk(run.tag, 150002));
  auto done = h.Send(Talk(run.tag, 150003));
  CheckValid(done);
  const v1::EventChain after = h.Chain(1);
  CHECK(after.steps(0).outcome() == v1::STEP_OUTCOME_SUCCESS);
  CHECK(after.steps(0).status() == v1::CONTENT_STATUS_COMPLETED);
  CHECK(after.current_step() == 2);
  CHECK(after.reward_multiplier() == Approx(1.5));
  auto rewards = Of(done, [](const v1::Action& a) { return a.has_give_reward(); });
  CHECK(rewards.size() == 3);
  for (const v1::Action* r : rewards) CHECK(r->give_reward().reward().base_exp() == 45 * 300 * 3 / 2);
  CHECK(Of(done, [](const v1::Action& a) { return a.has_remove_npc(); }).size() == 1);
  // Step 2 is a hunt on a real map with its monsters spawned.
  const ChainRun hunt = h.Run(1);
  CHECK(hunt.kind == StepKind::kHunt);
  CHECK(hunt.target == HuntTarget(ChainDifficulty(45), 1.0));
  CHECK(hunt.attitude == "friendly");
  auto spawns = Of(done, [](const v1::Action& a) { return a.has_spawn_monster(); });
  REQUIRE(spawns.size() == 1);
  CHECK(spawns[0]->spawn_monster().at().map() == hunt.map);
  CHECK(spawns[0]->spawn_monster().mob_id() == hunt.mob_id);
  CHECK(spawns[0]->spawn_monster().amount() == hunt.target);
}

TEST_CASE("hunt progress counts the step's monster on the step's map only", "[unit]") {
  Harness h;
  std::vector<v1::Action> actions;
  REQUIRE(h.Start(v1::CHAIN_TYPE_INVASION, 21, &actions).ok());
  Work(h, 1);  // scout_report (talk)
  const ChainRun hunt = h.Run(1);
  REQUIRE(hunt.kind == StepKind::kHunt);
  h.Send(Kill("prontera", hunt.mob_id, 150001));       // another map
  h.Send(Kill(hunt.map, hunt.mob_id == 1002 ? 1113 : 1002, 150001));  // another monster
  CHECK(h.Run(1).progress == 0);
  h.Send(Kill(hunt.map, hunt.mob_id, 150001, hunt.tag));  // a spawned one
  h.Send(Kill(hunt.map, hunt.mob_id, 150002));            // a native one of the same kind
  CHECK(h.Run(1).progress == 2);
  CHECK(h.Run(1).contributors == std::vector<uint32_t>{150001, 150002});
}

TEST_CASE("step timeout counts from the step start - reference bug timeout measured from chain start", "[unit]") {
  Harness h;
  std::vector<v1::Action> actions;
  REQUIRE(h.Start(v1::CHAIN_TYPE_TREASURE_HUNT, 31, &actions).ok());
  h.now = kStart + absl::Hours(20);
  Work(h, 1);  // step 1 done after 20 h; step 2 starts now
  const absl::Time step2 = h.now;
  REQUIRE(h.Chain(1).current_step() == 2);
  // 25 h after the chain's start the reference would time step 2 out; it has run 5 h.
  h.now = kStart + absl::Hours(25);
  h.Job(kChainAdvanceJob);
  CHECK(h.Chain(1).current_step() == 2);
  CHECK(h.Chain(1).steps(1).status() == v1::CONTENT_STATUS_ACTIVE);
  h.now = step2 + absl::Hours(24) - absl::Seconds(1);
  h.Job(kChainAdvanceJob);
  CHECK(h.Chain(1).current_step() == 2);
  h.now = step2 + absl::Hours(24);
  const std::vector<v1::Action> timed_out = h.Job(kChainAdvanceJob);
  CheckValid(timed_out);
  const v1::EventChain after = h.Chain(1);
  CHECK(after.steps(1).outcome() == v1::STEP_OUTCOME_FAILURE);  // nothing done
  CHECK(after.steps(1).status() == v1::CONTENT_STATUS_FAILED);
  CHECK(after.current_step() == 3);
  CHECK(after.reward_multiplier() == Approx(1.5 * 0.5));
  CHECK(h.Run(1).scale == Approx(0.8));
  CHECK(h.Run(1).attitude == "hostile");
}

TEST_CASE("at the timeout half done is partial and less is failure - shaping the next step", "[unit]") {
  CHECK(OutcomeAtTimeout(5, 10) == v1::STEP_OUTCOME_PARTIAL);
  CHECK(OutcomeAtTimeout(4, 9) == v1::STEP_OUTCOME_FAILURE);  // 4.5 needed
  CHECK(OutcomeAtTimeout(5, 9) == v1::STEP_OUTCOME_PARTIAL);
  CHECK(OutcomeAtTimeout(0, 1) == v1::STEP_OUTCOME_FAILURE);
  CHECK(OutcomeAtTimeout(10, 10) == v1::STEP_OUTCOME_SUCCESS);
  CHECK(HuntTarget(3, 1.0) == 11);
  CHECK(HuntTarget(3, 0.9) == 10);  // 9.9
  CHECK(HuntTarget(3, 0.8) == 9);   // 8.8
  CHECK(HuntTarget(1, 0.8) == 6);   // 5.6
  CHECK(HuntTarget(10, 5.0) == 100);
  CHECK(TalkTarget(1.0) == 3);
  CHECK(TalkTarget(0.9) == 3);  // 2.7
  CHECK(TalkTarget(0.8) == 2);  // 2.4
  CHECK(ChainDifficulty(14) == 1);
  CHECK(ChainDifficulty(45) == 3);
  CHECK(ChainDifficulty(200) == 10);

  Harness h;
  std::vector<v1::Action> actions;
  REQUIRE(h.Start(v1::CHAIN_TYPE_INVASION, 41, &actions).ok());
  Work(h, 1);  // talk: success
  const ChainRun hunt = h.Run(1);
  REQUIRE(hunt.kind == StepKind::kHunt);
  Work(h, 1, static_cast<int>((hunt.target + 1) / 2));  // half (rounded up)
  h.now += absl::Hours(24);
  const std::vector<v1::Action> ended = h.Job(kChainAdvanceJob);
  CHECK(h.Chain(1).steps(1).outcome() == v1::STEP_OUTCOME_PARTIAL);
  CHECK(h.Chain(1).reward_multiplier() == Approx(1.5 * 1.0));
  CHECK(h.Run(1).scale == Approx(0.9));
  for (const v1::Action* r : Of(ended, [](const v1::Action& a) { return a.has_give_reward(); })) {
    CHECK(r->give_reward().reward().base_exp() == 45 * 300);
  }
}

TEST_CASE("a failed step makes the next hunt smaller and its monsters corrupted", "[unit]") {
  Harness h;
  std::vector<v1::Action> actions;
  REQUIRE(h.Start(v1::CHAIN_TYPE_FACTION_WAR, 51, &actions).ok());
  h.now += absl::Hours(24);
  const std::vector<v1::Action> next = h.Job(kChainAdvanceJob);  // step 1 (talk) fails untouched
  CHECK(h.Chain(1).steps(0).outcome() == v1::STEP_OUTCOME_FAILURE);
  const ChainRun run = h.Run(1);
  REQUIRE(run.kind == StepKind::kHunt);  // skirmish
  CHECK(run.target == HuntTarget(ChainDifficulty(45), 0.8));
  auto spawns = Of(next, [](const v1::Action& a) { return a.has_spawn_monster(); });
  REQUIRE(spawns.size() == 1);
  CHECK(absl::StartsWith(spawns[0]->spawn_monster().display_name(), "Corrupted"));
  CHECK(Of(next, [](const v1::Action& a) { return a.has_give_reward(); }).empty());  // nobody took part
}

TEST_CASE("a chain played through completes and rewards every participant with its multiplier", "[unit]") {
  Harness h;
  std::vector<v1::Action> actions;
  REQUIRE(h.Start(v1::CHAIN_TYPE_INVESTIGATION, 61, &actions).ok());
  const uint32_t steps = h.Chain(1).total_steps();
  std::vector<v1::Action> last;
  for (uint32_t s = 1; s <= steps; ++s) {
    INFO("step " << s);
    REQUIRE(h.Chain(1).status() == v1::CONTENT_STATUS_ACTIVE);
    last = Work(h, 1);
    CheckValid(last);
  }
  const v1::EventChain done = h.Chain(1);
  CHECK(done.status() == v1::CONTENT_STATUS_COMPLETED);
  CHECK(done.reward_multiplier() == Approx(std::min(10.0, std::pow(1.5, steps))));
  const ChainRun run = h.Run(1);
  CHECK(done.participants() == run.participants.size());
  const v1::RewardBundle expected = ChainReward(45, ChainDifficulty(45), done.reward_multiplier());
  auto finals = Of(last, [](const v1::Action& a) {
    return a.has_give_reward() && absl::StrContains(a.idempotency_key(), "/reward/") &&
           !absl::StrContains(a.idempotency_key(), "/step/");
  });
  CHECK(finals.size() == run.participants.size());
  for (const v1::Action* r : finals) {
    CHECK(r->give_reward().reward().base_exp() == expected.base_exp());
    CHECK(r->give_reward().reward().items(0).item_id() == 607);
  }
  // The boss finale spawned a mini-boss with escorts and was won by one kill.
  CHECK(done.steps(static_cast<int>(steps) - 1).step_type() == "confront_culprit");
  CHECK(Cat().FindMonster(run.mob_id)->boss == BossType::kMiniboss);
  // Nothing more happens to a finished chain.
  CHECK(h.Job(kChainAdvanceJob).empty());
}

TEST_CASE("the chain reward uses the problem formula times the multiplier", "[unit]") {
  const v1::RewardBundle r = ChainReward(50, 3, 1.5);
  CHECK(r.base_exp() == static_cast<uint64_t>(50 * 1000 * 1.6 * 1.5));
  CHECK(r.zeny() == static_cast<uint32_t>(std::lround(50 * 500 * 1.45 * 1.5)));
  CHECK(r.items(0).amount() == 2);
  CHECK(ChainReward(50, 3, 0.25).items(0).amount() == 1);
  const v1::RewardBundle s = StepReward(40, 0.5);
  CHECK(s.base_exp() == 6000);
  CHECK(s.job_exp() == 3000);
  CHECK(s.zeny() == 2000);
}

TEST_CASE("chains expire at exactly 7 days and remove what they spawned", "[unit]") {
  // Step timeouts end a chain's steps well before 7 days; expiry is the safety net when the
  // advance job found nothing to do for a long time (a scheduler outage, then catch-up).
  Harness h;
  std::vector<v1::Action> actions;
  REQUIRE(h.Start(v1::CHAIN_TYPE_TREASURE_HUNT, 71, &actions).ok());
  h.now = kStart + absl::Hours(168) - absl::Seconds(1);
  h.Job(kChainAdvanceJob);  // only the overdue step 1 ends
  CHECK(h.Chain(1).status() == v1::CONTENT_STATUS_ACTIVE);
  CHECK(h.Chain(1).current_step() == 2);
  h.now = kStart + absl::Hours(168);
  const std::vector<v1::Action> expired = h.Job(kChainAdvanceJob);
  CHECK(h.Chain(1).status() == v1::CONTENT_STATUS_EXPIRED);
  CHECK(h.Chain(1).steps(1).status() == v1::CONTENT_STATUS_EXPIRED);
  const size_t removals =
      Of(expired, [](const v1::Action& a) { return a.has_remove_monsters() || a.has_remove_npc(); }).size();
  CHECK(removals == 1);
  CHECK(Of(expired, [](const v1::Action& a) { return a.has_give_reward(); }).empty());
  CHECK(ChainStore(h.state, "srv1").Active().empty());
}

TEST_CASE("ListEventChains and GetEventChain answer newest first and name bad fields", "[unit]") {
  Harness h;
  std::vector<v1::Action> actions;
  REQUIRE(h.Start(v1::CHAIN_TYPE_INVASION, 1, &actions).ok());
  h.now += absl::Minutes(5);
  REQUIRE(h.Start(v1::CHAIN_TYPE_RESCUE, 2, &actions).ok());
  v1::ListEventChainsRequest list;
  list.set_server_id("srv1");
  absl::StatusOr<v1::ListEventChainsResponse> all = ListEventChains(h.state, list);
  REQUIRE(all.ok());
  REQUIRE(all->chains_size() == 2);
  CHECK(all->chains(0).chain_id() == "chain-2");
  CHECK(all->chains(0).steps_size() == 0);
  list.mutable_page()->set_page_size(1);
  absl::StatusOr<v1::ListEventChainsResponse> page = ListEventChains(h.state, list);
  CHECK(page->chains_size() == 1);
  CHECK(page->next_page_token() == "1");
  list.mutable_page()->set_page_token("1");
  CHECK(ListEventChains(h.state, list)->chains(0).chain_id() == "chain-1");
  list.clear_page();
  list.set_status(v1::CONTENT_STATUS_COMPLETED);
  CHECK(ListEventChains(h.state, list)->chains_size() == 0);
  list.set_server_id("BAD ID");
  CHECK(absl::StrContains(ListEventChains(h.state, list).status().message(), "server_id"));

  v1::GetEventChainRequest get;
  get.set_server_id("srv1");
  get.set_chain_id("chain-1");
  absl::StatusOr<v1::GetEventChainResponse> one = GetEventChain(h.state, get);
  REQUIRE(one.ok());
  CHECK(one->chain().steps_size() == static_cast<int>(one->chain().total_steps()));
  get.set_chain_id("chain-9");
  CHECK(GetEventChain(h.state, get).status().code() == absl::StatusCode::kNotFound);
  get.set_chain_id("");
  absl::StatusOr<v1::GetEventChainResponse> bad = GetEventChain(h.state, get);
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(absl::StrContains(bad.status().message(), "chain_id"));
}

TEST_CASE("a redelivered batch decides the same way", "[unit]") {
  Harness a, b;
  std::vector<v1::Action> ignored;
  REQUIRE(a.Start(v1::CHAIN_TYPE_RESCUE, 5, &ignored).ok());
  REQUIRE(b.Start(v1::CHAIN_TYPE_RESCUE, 5, &ignored).ok());
  const std::vector<v1::Action> x = Work(a, 1);
  const std::vector<v1::Action> y = Work(b, 1);
  REQUIRE(x.size() == y.size());
  for (size_t i = 0; i < x.size(); ++i) CHECK(x[i].idempotency_key() == y[i].idempotency_key());
  CHECK(a.Chain(1).SerializeAsString() == b.Chain(1).SerializeAsString());
}

TEST_CASE("erasing a player removes the character from chain participants", "[unit]") {
  Harness h;
  std::vector<v1::Action> ignored;
  REQUIRE(h.Start(v1::CHAIN_TYPE_RESCUE, 5, &ignored).ok());
  h.Send(Talk(h.Run(1).tag, 150001));
  h.Send(Talk(h.Run(1).tag, 150002));
  CHECK(h.agent.ErasePlayer(h.state, 2'150'001, {150001}) == 2);  // participant and contributor
  CHECK(h.Run(1).participants == std::vector<uint32_t>{150002});
  CHECK(h.Run(1).contributors == std::vector<uint32_t>{150002});
}
