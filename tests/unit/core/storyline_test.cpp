// The Storyline generator: the reference's chapter numbers and boundaries (§6.2), heroes and
// rewards, arcs from the world snapshot on catalogue content, the fixed reference bugs (a chapter
// without a start time; impact scores that changed nothing), and a simulated 30 game days.
#include <catch2/catch.hpp>
#include <google/protobuf/util/message_differencer.h>

#include <map>
#include <set>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/core/quest/quest_agent.h"
#include "services/core/quest/quest_book.h"
#include "services/core/storyline/arc_rules.h"
#include "services/core/storyline/chapter_builder.h"
#include "services/core/storyline/story_plan.h"
#include "services/core/storyline/story_store.h"
#include "services/core/storyline/storyline.h"
#include "services/core/storyline/storyline_agent.h"
#include "services/core/storyline/storyline_queries.h"

using namespace aiworld;
using namespace aiworld::core;

namespace {

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }
// Sunday 2026-01-04 00:00 UTC.
const absl::Time kSunday = absl::FromUnixSeconds(1'767'484'800);

v1::WorldSnapshot BusyWorld() {
  v1::WorldSnapshot w;
  w.set_server_id("srv1");
  w.mutable_players()->set_online(40);
  w.mutable_players()->set_average_base_level(35);
  auto add_map = [&](const std::string& map, uint32_t kills, uint32_t visits) {
    v1::MapActivity* m = w.add_maps();
    m->set_map(map);
    m->set_kills_today(kills);
    m->set_visits_today(visits);
  };
  add_map("prontera", 0, 500);
  add_map("prt_fild08", 900, 120);
  add_map("prt_fild01", 300, 60);
  add_map("no_such_map", 5000, 1);  // not in the catalogue: never chosen
  w.mutable_factions()->set_dominant_faction("rune_alliance");
  v1::MobKills* mvp = w.add_mvp_kills();
  mvp->set_mob_id(1038);  // Osiris
  mvp->set_kills_today(5);
  w.mutable_economy()->set_condition(v1::ECONOMY_CONDITION_STRUGGLING);
  return w;
}

// The core group in miniature: the Quest and Storyline agents over memory stores that see each
// other, run the way AgentGroupService runs them (subscribed events only, seeded randomness).
struct Mesh {
  agentkit::MemoryStateStore story, quest;
  QuestAgent quest_agent;
  StorylineAgent storyline_agent;
  v1::WorldSnapshot world = BusyWorld();
  absl::Time now = kSunday;
  uint64_t sequence = 0;

  agentkit::AgentContext Ctx(const std::string& agent, RandomSource& random, uint64_t seq) {
    agentkit::AgentContext ctx;
    ctx.server_id = "srv1";
    ctx.batch_sequence = seq;
    ctx.now = now;
    ctx.world = &world;
    ctx.random = &random;
    ctx.agent = agent;
    ctx.state = agent == "quest" ? &quest : &story;
    ctx.state_of = [this](const std::string& other) -> agentkit::StateStore* {
      if (other == "quest") return &quest;
      if (other == "storyline") return &story;
      return nullptr;
    };
    return ctx;
  }
  std::vector<v1::Action> Job(const std::string& job) {
    SeededRandom random = SeededRandom::FromKeys({job, absl::FormatTime(now), "storyline"});
    agentkit::AgentContext ctx = Ctx("storyline", random, 0);
    std::vector<v1::Action> actions;
    REQUIRE(storyline_agent.RunJob(ctx, job, &actions).ok());
    return actions;
  }
  std::vector<v1::Action> Batch(std::vector<v1::GameEvent> events) {
    ++sequence;
    std::vector<v1::RoutedEvent> routed;
    for (auto& e : events) {
      v1::RoutedEvent r;
      r.set_index(static_cast<uint32_t>(routed.size()));
      *r.mutable_event() = std::move(e);
      routed.push_back(std::move(r));
    }
    std::vector<v1::Action> actions;
    for (agentkit::Agent* agent : std::vector<agentkit::Agent*>{&quest_agent, &storyline_agent}) {
      const auto kinds = agent->subscriptions();
      std::vector<const v1::RoutedEvent*> view;
      for (const auto& r : routed) {
        if (std::find(kinds.begin(), kinds.end(), static_cast<v1::EventKind>(r.event().payload_case())) != kinds.end()) {
          view.push_back(&r);
        }
      }
      if (view.empty()) continue;
      SeededRandom random = SeededRandom::FromKeys({"srv1", std::to_string(sequence), agent->name()});
      agentkit::AgentContext ctx = Ctx(agent->name(), random, sequence);
      REQUIRE(agent->HandleEvents(ctx, view, &actions).ok());
    }
    return actions;
  }
  std::optional<v1::StoryArc> Active() {
    v1::GetStoryArcRequest r;
    r.set_server_id("srv1");
    auto got = GetStoryArc(story, r);
    if (!got.ok()) return std::nullopt;
    return got->arc();
  }
  absl::StatusOr<v1::RecordChoiceResponse> Choose(uint32_t char_id, uint32_t chapter, const std::string& id,
                                                  const std::string& type, double impact) {
    auto arc = Active();
    v1::RecordChoiceRequest r;
    r.set_server_id("srv1");
    r.set_arc_id(arc.has_value() ? arc->arc_id() : "none");
    r.set_char_id(char_id);
    r.set_chapter(chapter);
    r.set_choice_id(id);
    r.set_choice_type(type);
    r.set_impact_score(impact);
    SeededRandom random(1);
    agentkit::AgentContext ctx = Ctx("storyline", random, 0);
    return RecordChoice(storyline_agent.storyline(), ctx, r);
  }
};

v1::GameEvent Player(uint32_t char_id, const std::string& map) {
  v1::GameEvent e;
  e.set_char_id(char_id);
  e.set_account_id(2000000 + char_id - 150000);
  e.set_char_name(absl::StrCat("Hero", char_id - 150000));
  e.set_base_level(40);
  e.set_map(map);
  return e;
}

v1::GameEvent ClickStoryNpc(uint32_t char_id, const v1::StoryNpc& npc) {
  v1::GameEvent e = Player(char_id, npc.at().map());
  e.mutable_npc_interaction()->set_kind(v1::NPC_INTERACTION_KIND_CLICK);
  e.mutable_npc_interaction()->set_npc_tag(npc.npc_tag());
  e.mutable_npc_interaction()->set_npc_name(npc.name());
  e.mutable_npc_interaction()->set_npc_sprite(npc.sprite_id());
  return e;
}

size_t Count(const std::vector<v1::Action>& actions, v1::Action::KindCase kind) {
  size_t n = 0;
  for (const auto& a : actions) n += a.kind_case() == kind ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("total chapters are max of 3 and duration days divided by 3", "[unit]") {
  CHECK(TotalChapters(7) == 3u);
  CHECK(TotalChapters(8) == 3u);
  CHECK(TotalChapters(11) == 3u);
  CHECK(TotalChapters(12) == 4u);
  CHECK(TotalChapters(29) == 9u);
  CHECK(TotalChapters(30) == 10u);
}

TEST_CASE("a chapter advances at completion 0.70 or at 3 days and fails at 0.30 when timed out", "[unit]") {
  const absl::Duration young = absl::Hours(72) - absl::Seconds(1);
  const absl::Duration old = absl::Hours(72);
  CHECK(JudgeChapter(young, 0.70).advance);
  CHECK(JudgeChapter(young, 0.70).outcome == v1::CHAPTER_OUTCOME_SUCCESS);
  CHECK_FALSE(JudgeChapter(young, 0.69999).advance);
  CHECK_FALSE(JudgeChapter(young, 0.0).advance);
  CHECK(JudgeChapter(old, 0.5).advance);
  CHECK(JudgeChapter(old, 0.5).outcome == v1::CHAPTER_OUTCOME_SUCCESS);
  CHECK(JudgeChapter(old, 0.30).outcome == v1::CHAPTER_OUTCOME_FAILURE);
  CHECK(JudgeChapter(old, 0.30001).outcome == v1::CHAPTER_OUTCOME_SUCCESS);
  CHECK(JudgeChapter(old, 0.0).outcome == v1::CHAPTER_OUTCOME_FAILURE);
  CHECK(JudgeChapter(absl::Hours(500), 0.9).outcome == v1::CHAPTER_OUTCOME_SUCCESS);
}

TEST_CASE("a chapter without a start time does not crash the check - reference bug unset chapter age", "[unit]") {
  CHECK_FALSE(JudgeChapter(std::nullopt, 0.0).advance);
  CHECK(JudgeChapter(std::nullopt, 0.75).advance);

  Mesh m;
  m.Job(kJobGenerate);
  auto arc = m.Active();
  REQUIRE(arc.has_value());
  arc->mutable_chapters(0)->clear_started_at();
  StoryStore(m.story).PutArc(*arc);
  m.now += absl::Hours(24 * 5);  // long past 3 days, but the age is unknown
  const auto actions = m.Job(kJobChapterCheck);
  CHECK(Count(actions, v1::Action::kRemoveNpc) == 0);
  const auto after = m.Active();
  REQUIRE(after.has_value());
  CHECK(after->current_chapter() == 1u);
  REQUIRE(after->chapters(0).has_started_at());
  CHECK(FromProto(after->chapters(0).started_at()) == m.now);  // it starts counting now
  m.now += absl::Hours(72);
  m.Job(kJobChapterCheck);
  CHECK(m.Active()->current_chapter() == 2u);
}

TEST_CASE("completion rate counts participants who reached the chapter over those who reached the one before", "[unit]") {
  CHECK(CompletionRate({0, 1, 1, 2}, 1) == Approx(0.75));
  CHECK(CompletionRate({0, 1, 1, 2}, 2) == Approx(1.0 / 3.0));
  CHECK(CompletionRate({0, 0}, 2) == 0.0);
  CHECK(CompletionRate({}, 1) == 0.0);
}

TEST_CASE("heroes are the top 3 by contribution then chapters then quests with the reference rewards", "[unit]") {
  std::vector<HeroCandidate> c(5);
  c[0] = {150001, "Ann", 50, 2, 3};
  c[1] = {150002, "Bob", 80, 1, 1};
  c[2] = {150003, "Cid", 50, 3, 0};
  c[3] = {150004, "Dee", 50, 3, 2};
  c[4] = {150005, "Eve", 0, 0, 0};
  const auto heroes = ChooseHeroes(c, "The Restless Fields");
  REQUIRE(heroes.size() == 3u);
  CHECK(heroes[0].char_id() == 150002u);
  CHECK(heroes[0].title() == "The Restless Fields Champion");
  CHECK(heroes[1].char_id() == 150004u);  // same score as Cid and chapters, more quests
  CHECK(heroes[1].title() == "Hero");
  CHECK(heroes[2].char_id() == 150003u);
  CHECK(heroes[2].title() == "Defender");
  CHECK(HeroReward(1).items(0).item_id() == 617u);
  CHECK(HeroReward(1).items(0).amount() == 5u);
  CHECK(HeroReward(2).items(0).item_id() == 617u);
  CHECK(HeroReward(2).items(0).amount() == 3u);
  CHECK(HeroReward(3).items(0).item_id() == 607u);
  CHECK(HeroReward(3).items(0).amount() == 10u);
  CHECK(ChooseHeroes({c[4]}, "x").empty());  // nobody who did nothing
}

TEST_CASE("villain evolution tiers and branch boss strength follow their tables", "[unit]") {
  CHECK(VillainEvolutionTier(0) == 1u);
  CHECK(VillainEvolutionTier(1) == 2u);
  CHECK(VillainEvolutionTier(2) == 2u);
  CHECK(VillainEvolutionTier(3) == 3u);
  CHECK(VillainEvolutionTier(4) == 3u);
  CHECK(VillainEvolutionTier(5) == 4u);
  CHECK(VillainEvolutionTier(7) == 4u);
  CHECK(VillainEvolutionTier(8) == 5u);
  CHECK(BranchOf(0.0) == Branch::kSteady);
  CHECK(BranchOf(0.3 - 0.1 - 0.2) == Branch::kSteady);
  CHECK(BranchOf(0.01) == Branch::kMercy);
  CHECK(BranchOf(-0.01) == Branch::kWrath);
  CHECK(BossHpPercent(1, Branch::kSteady) == 100u);
  CHECK(BossHpPercent(1, Branch::kMercy) == 100u);  // never below mob_db
  CHECK(BossHpPercent(2, Branch::kSteady) == 150u);
  CHECK(BossHpPercent(2, Branch::kMercy) == 113u);
  CHECK(BossHpPercent(2, Branch::kWrath) == 225u);
  CHECK(BossHpPercent(10, Branch::kWrath) == 825u);
}

TEST_CASE("arc themes come from the world snapshot and every id from the catalogue", "[unit]") {
  const v1::WorldSnapshot busy = BusyWorld();
  const auto themes = ThemesFor(busy, Cat());
  CHECK(themes == std::vector<std::string>{"faction_rise", "restless_land", "tyrant_return", "hard_times", "shadow"});
  CHECK(ThemesFor(v1::WorldSnapshot(), Cat()) == std::vector<std::string>{"shadow"});

  SeededRandom random(3);
  const ArcPlan tyrant = PlanArc(busy, Cat(), random, "tyrant_return", "");
  CHECK(tyrant.villain_mob == 1038);
  CHECK(tyrant.faction == "rune_alliance");
  const ArcPlan restless = PlanArc(busy, Cat(), random, "restless_land", "");
  CHECK(restless.maps.front() == "prt_fild08");  // the most active real map
  for (const ArcPlan& plan : {tyrant, restless, PlanArc(v1::WorldSnapshot(), Cat(), random, "", "")}) {
    INFO("theme " << plan.theme);
    CHECK(plan.maps.size() >= 3u);
    for (const std::string& map : plan.maps) {
      REQUIRE(Cat().FindMap(map) != nullptr);
      CHECK(Cat().FindMap(map)->kind != MapKind::kTown);
    }
    REQUIRE(Cat().FindMap(plan.town) != nullptr);
    CHECK(Cat().FindMap(plan.town)->kind == MapKind::kTown);
    CHECK(Cat().FindMonster(plan.villain_mob) != nullptr);
    for (int mob : plan.minion_mobs) CHECK(Cat().FindMonster(mob) != nullptr);
    CHECK(ArcPlan::Decode(plan.Encode())->Encode() == plan.Encode());
  }

  v1::StoryChapter bad;
  bad.mutable_boss()->set_mob_id(99999);
  bad.mutable_boss()->set_map("prt_fild08");
  const absl::Status s = ValidateChapter(bad, Cat(), "chapters[2]");
  CHECK(s.code() == absl::StatusCode::kInvalidArgument);
  CHECK(absl::StartsWith(s.message(), "chapters[2].boss.mob_id"));
  bad.mutable_boss()->set_mob_id(1002);
  bad.mutable_boss()->set_map("atlantis");
  CHECK(absl::StartsWith(ValidateChapter(bad, Cat(), "chapters[0]").message(), "chapters[0].boss.map"));
}

TEST_CASE("the weekly job generates an arc whose first chapter spawns template NPCs and a boss", "[unit]") {
  Mesh m;
  const auto actions = m.Job(kJobGenerate);
  const auto arc = m.Active();
  REQUIRE(arc.has_value());
  CHECK(arc->status() == v1::STORY_ARC_STATUS_ACTIVE);
  CHECK(arc->duration_days() >= 7u);
  CHECK(arc->duration_days() <= 30u);
  CHECK(arc->total_chapters() == TotalChapters(arc->duration_days()));
  CHECK(arc->chapters_size() == static_cast<int>(arc->total_chapters()));
  CHECK(arc->current_chapter() == 1u);
  CHECK(arc->tier() == v1::TIER_TEMPLATE);
  CHECK_FALSE(arc->name().empty());
  CHECK(arc->summary().size() > 80u);
  CHECK(FromProto(arc->expected_end_at()) == kSunday + absl::Hours(24 * arc->duration_days()));
  const v1::StoryChapter& ch = arc->chapters(0);
  CHECK(ch.status() == v1::CHAPTER_STATUS_ACTIVE);
  CHECK(ch.npcs_size() == 2);
  CHECK(ch.quest_keys_size() == 1);
  CHECK(ch.modifiers_size() == 1);  // the first chapter changes its map, as the reference's world_modifiers
  const int64_t story_id = std::stoll(ch.quest_keys(0).substr(6));
  CHECK(story_id >= 8000);
  CHECK(story_id <= 8999);
  CHECK(ValidateChapter(ch, Cat(), "chapters[0]").ok());
  REQUIRE(Count(actions, v1::Action::kSpawnNpc) == 2);
  CHECK(Count(actions, v1::Action::kSpawnMonster) == 1);
  for (const auto& a : actions) {
    CHECK(a.cause().job().job() == kJobGenerate);
    if (!a.has_spawn_npc()) continue;
    CHECK(a.spawn_npc().template_name() == "AIW_Tpl_StoryNpc");
    CHECK(a.spawn_npc().npc_tag().size() <= 24u);
    CHECK(a.spawn_npc().parameters().size() <= 16u);
    CHECK(Cat().FindSprite(a.spawn_npc().sprite_id()) != nullptr);
  }
  // A second run of the job, or a Sunday with an arc active, generates nothing new.
  CHECK(m.Job(kJobGenerate).empty());
  CHECK(StoryStore(m.story).Arcs("srv1").size() == 1u);
}

TEST_CASE("GenerateStoryArc checks its fields refuses a second active arc and a dry run changes nothing", "[unit]") {
  Mesh m;
  SeededRandom random(9);
  agentkit::AgentContext ctx = m.Ctx("storyline", random, 0);
  std::vector<v1::Action> actions;
  v1::GenerateStoryArcRequest r;
  CHECK(absl::StartsWith(GenerateStoryArc(m.storyline_agent.storyline(), ctx, r, &actions).status().message(), "server_id"));
  r.set_server_id("srv1");
  r.set_duration_days(6);
  CHECK(absl::StartsWith(GenerateStoryArc(m.storyline_agent.storyline(), ctx, r, &actions).status().message(), "duration_days"));
  r.set_duration_days(31);
  CHECK(absl::StartsWith(GenerateStoryArc(m.storyline_agent.storyline(), ctx, r, &actions).status().message(), "duration_days"));
  r.set_duration_days(30);
  r.set_force_faction("Bad Faction");
  CHECK(absl::StartsWith(GenerateStoryArc(m.storyline_agent.storyline(), ctx, r, &actions).status().message(), "force_faction"));
  r.clear_force_faction();
  r.set_force_theme("gold_rush");
  r.set_dry_run(true);
  auto dry = GenerateStoryArc(m.storyline_agent.storyline(), ctx, r, &actions);
  REQUIRE(dry.ok());
  CHECK_FALSE(dry->activated());
  CHECK(dry->arc().total_chapters() == 10u);
  CHECK(dry->arc().theme() == "gold_rush");
  CHECK(m.story.size() == 0u);
  CHECK(actions.empty());

  r.set_dry_run(false);
  auto real = GenerateStoryArc(m.storyline_agent.storyline(), ctx, r, &actions);
  REQUIRE(real.ok());
  CHECK(real->activated());
  CHECK(real->arc().arc_id() == "arc_srv1_1");
  CHECK(Count(actions, v1::Action::kSpawnNpc) == 2);
  auto again = GenerateStoryArc(m.storyline_agent.storyline(), ctx, r, &actions);
  CHECK(again.status().code() == absl::StatusCode::kFailedPrecondition);
  r.set_dry_run(true);
  CHECK(GenerateStoryArc(m.storyline_agent.storyline(), ctx, r, &actions).ok());  // allowed while one runs

  v1::GetStoryArcRequest get;
  get.set_server_id("srv1");
  get.set_arc_id("arc_srv1_9");
  CHECK(GetStoryArc(m.story, get).status().code() == absl::StatusCode::kNotFound);
  v1::ListStoryArcsRequest list;
  list.set_server_id("srv1");
  auto listed = ListStoryArcs(m.story, list);
  REQUIRE(listed.ok());
  REQUIRE(listed->arcs_size() == 1);
  CHECK(listed->arcs(0).chapters(0).npcs_size() == 0);  // summary fields only
  CHECK_FALSE(listed->arcs(0).chapters(0).title().empty());
  list.mutable_page()->set_page_size(500);
  CHECK(absl::StartsWith(ListStoryArcs(m.story, list).status().message(), "page.page_size"));
}

TEST_CASE("RecordChoice checks its fields and records a choice id once", "[unit]") {
  Mesh m;
  CHECK(m.Choose(150001, 1, "c1", "spare_villain", 0.5).status().code() == absl::StatusCode::kNotFound);
  m.Job(kJobGenerate);
  auto first = m.Choose(150001, 1, "c1", "spare_villain", 0.5);
  REQUIRE(first.ok());
  CHECK(first->recorded());
  CHECK(first->participation().choices_made() == 1u);
  CHECK(first->participation().contribution_score() == Approx(kContributionChoice));
  auto repeat = m.Choose(150001, 1, "c1", "spare_villain", 0.5);
  REQUIRE(repeat.ok());
  CHECK_FALSE(repeat->recorded());
  CHECK(repeat->participation().choices_made() == 1u);
  CHECK(absl::StartsWith(m.Choose(150001, 1, "c2", "Spare", 0.5).status().message(), "choice_type"));
  CHECK(absl::StartsWith(m.Choose(150001, 1, "c2", "spare", 1.5).status().message(), "impact_score"));
  CHECK(absl::StartsWith(m.Choose(5, 1, "c2", "spare", 0.5).status().message(), "char_id"));
  CHECK(absl::StartsWith(m.Choose(150001, 0, "c2", "spare", 0.5).status().message(), "chapter"));
  CHECK(absl::StartsWith(m.Choose(150001, 1, "", "spare", 0.5).status().message(), "choice_id"));
  auto later = m.Choose(150001, 2, "c3", "spare", 0.5);
  CHECK(later.status().code() == absl::StatusCode::kFailedPrecondition);
  CHECK(absl::StartsWith(later.status().message(), "chapter"));
}

TEST_CASE("recorded choices change the next chapter - reference bug impact_score never read", "[unit]") {
  // Three worlds that differ only in the choices recorded during chapter 1.
  auto chapter_two = [](double impact) {
    Mesh m;
    m.Job(kJobGenerate);
    if (impact != 0) {
      REQUIRE(m.Choose(150001, 1, "a", impact > 0 ? "spare_villain" : "burn_village", impact).ok());
      REQUIRE(m.Choose(150002, 1, "b", impact > 0 ? "spare_villain" : "burn_village", impact / 2).ok());
    }
    m.now += absl::Hours(72) + absl::Hours(23);
    m.Job(kJobChapterCheck);
    auto arc = m.Active();
    REQUIRE(arc.has_value());
    REQUIRE(arc->current_chapter() == 2u);
    return arc->chapters(1);
  };
  const v1::StoryChapter steady = chapter_two(0);
  const v1::StoryChapter mercy = chapter_two(0.8);
  const v1::StoryChapter wrath = chapter_two(-0.8);
  CHECK(steady.boss().hp_percent() == 150u);
  CHECK(mercy.boss().hp_percent() == 113u);
  CHECK(wrath.boss().hp_percent() == 225u);
  CHECK(steady.boss().map() != mercy.boss().map());
  CHECK(steady.boss().map() != wrath.boss().map());
  CHECK(mercy.npcs(0).role() == v1::STORY_ROLE_ALLY);
  CHECK(wrath.npcs(0).role() == v1::STORY_ROLE_ANTAGONIST);
  CHECK(steady.npcs(0).role() == v1::STORY_ROLE_MENTOR);
  INFO("mercy: " << mercy.summary());
  INFO("wrath: " << wrath.summary());
  CHECK(absl::StrContains(mercy.summary(), "spare villain"));
  CHECK(absl::StrContains(wrath.summary(), "burn village"));
  CHECK(mercy.title() != wrath.title());
  CHECK(wrath.modifiers_size() == 1);  // the villain's fury
  CHECK(steady.modifiers_size() == 0);
}

TEST_CASE("story NPC clicks offer the chapter quest whose completion and boss kills feed participation", "[unit]") {
  Mesh m;
  m.Job(kJobGenerate);
  auto arc = m.Active();
  REQUIRE(arc.has_value());
  const v1::StoryChapter ch = arc->chapters(0);
  const v1::StoryNpc guide = ch.npcs(0);

  const auto offered = m.Batch({ClickStoryNpc(150001, guide)});
  REQUIRE(Count(offered, v1::Action::kOfferQuest) == 1);
  CHECK(Count(offered, v1::Action::kNpcSay) == 1);
  const std::string instance = StoryQuestInstanceKey(ch.quest_keys(0), 150001);
  for (const auto& a : offered) {
    if (a.has_offer_quest()) CHECK(a.offer_quest().generated().quest_key() == instance);
  }
  auto q = QuestBook(m.quest).Get(instance);
  REQUIRE(q.has_value());
  CHECK(q->arc_id() == arc->arc_id());

  v1::GameEvent accept = Player(150001, "prontera");
  accept.mutable_quest_accepted()->set_mesh_quest_key(instance);
  m.Batch({accept});
  v1::GameEvent done = Player(150001, "prontera");
  done.mutable_quest_completed()->set_mesh_quest_key(instance);
  const auto completed = m.Batch({done});
  CHECK(Count(completed, v1::Action::kGiveReward) == 1);  // the Quest agent's one reward
  auto p = StoryStore(m.story).GetParticipant(arc->arc_id(), 150001);
  REQUIRE(p.has_value());
  CHECK(p->quests_completed == 1u);
  CHECK(p->Completed(1));
  CHECK(p->contribution_score == Approx(kContributionQuest));
  m.Batch({done});  // a repeated completion counts once
  CHECK(StoryStore(m.story).GetParticipant(arc->arc_id(), 150001)->quests_completed == 1u);

  v1::GameEvent boss = Player(150002, ch.boss().map());
  boss.mutable_monster_killed()->set_mob_id(ch.boss().mob_id());
  boss.mutable_monster_killed()->set_spawn_tag(absl::StrCat("story_1_1_boss"));
  boss.mutable_monster_killed()->add_damage_dealer_char_ids(150003);
  m.Batch({boss});
  CHECK(StoryStore(m.story).GetParticipant(arc->arc_id(), 150002)->contribution_score == Approx(kContributionBossKill));
  CHECK(StoryStore(m.story).GetParticipant(arc->arc_id(), 150003)->contribution_score == Approx(kContributionBossAssist));
  CHECK(StoryStore(m.story).GetParticipant(arc->arc_id(), 150003)->Completed(1));

  // Three participants, all of whom completed chapter 1: completion 1.0 advances at once.
  const auto advanced = m.Job(kJobChapterCheck);
  CHECK(Count(advanced, v1::Action::kRemoveNpc) == 2);
  CHECK(Count(advanced, v1::Action::kRemoveMonsters) == 1);
  CHECK(Count(advanced, v1::Action::kSpawnNpc) == 2);
  const auto now = m.Active();
  CHECK(now->current_chapter() == 2u);
  CHECK(now->chapters(0).outcome() == v1::CHAPTER_OUTCOME_SUCCESS);
  CHECK(now->chapters(0).completion_rate() == Approx(1.0));

  // Hero of the week: rewarded once per day, with the reference's items.
  const auto week = m.Job(kJobHeroOfTheWeek);
  CHECK(Count(week, v1::Action::kGiveReward) == 3);
  CHECK(Count(week, v1::Action::kSetCharVariable) == 3);
  CHECK(m.Job(kJobHeroOfTheWeek).empty());
  CHECK(StoryStore(m.story).EraseCharacters({150001}) >= 1u);
  CHECK_FALSE(StoryStore(m.story).GetParticipant(arc->arc_id(), 150001).has_value());
}

TEST_CASE("an arc past its end completes as mixed and a new arc follows 60 seconds later", "[unit]") {
  Mesh m;
  m.Job(kJobGenerate);
  const std::string first = m.Active()->arc_id();
  REQUIRE(m.Choose(150001, 1, "x", "help", 0.5).ok());
  m.now += absl::Hours(24 * 31);
  const auto actions = m.Job(kJobExpire);
  auto old = GetStoryArc(m.story, [&] {
    v1::GetStoryArcRequest r;
    r.set_server_id("srv1");
    r.set_arc_id(first);
    return r;
  }());
  REQUIRE(old.ok());
  CHECK(old->arc().status() == v1::STORY_ARC_STATUS_COMPLETED);
  CHECK(old->arc().chapters(0).outcome() == v1::CHAPTER_OUTCOME_MIXED);
  REQUIRE(old->arc().heroes_size() == 1);
  CHECK(old->arc().heroes(0).title() == old->arc().name() + " Champion");
  const auto next = m.Active();
  REQUIRE(next.has_value());
  CHECK(next->arc_id() != first);
  size_t delayed = 0;
  for (const auto& a : actions) {
    if (a.has_spawn_npc()) {
      CHECK(FromProto(a.not_before()) == m.now + absl::Seconds(60));
      ++delayed;
    }
  }
  CHECK(delayed == 2u);
}

TEST_CASE("30 simulated game days produce an arc whose chapters advance and whose choices shape them", "[unit]") {
  struct Result {
    v1::StoryArc first_arc;
    size_t arcs = 0;
    size_t rewards = 0;
  };
  auto simulate = [](double impact) {
    Mesh m;
    Result r;
    const std::vector<uint32_t> players = {150001, 150002, 150003, 150004, 150005};
    std::string first_id;
    for (int day = 0; day < 30; ++day) {
      const absl::Time midnight = kSunday + absl::Hours(24 * day);
      const bool sunday = day % 7 == 0;
      m.now = midnight;
      m.Job(kJobExpire);
      if (sunday) m.Job(kJobGenerate);
      if (first_id.empty() && m.Active().has_value()) first_id = m.Active()->arc_id();

      m.now = midnight + absl::Hours(12);
      if (auto arc = m.Active()) {
        const v1::StoryChapter& ch = arc->chapters(static_cast<int>(arc->current_chapter()) - 1);
        std::vector<v1::GameEvent> clicks, accepts, completes;
        for (size_t i = 0; i < players.size(); ++i) {
          const uint32_t who = players[i];
          clicks.push_back(ClickStoryNpc(who, ch.npcs(0)));
          const std::string key = StoryQuestInstanceKey(ch.quest_keys(0), who);
          v1::GameEvent a = Player(who, "prontera");
          a.mutable_quest_accepted()->set_mesh_quest_key(key);
          accepts.push_back(a);
          // Four of five players finish the chapter's quest on its second day.
          const bool second_day = FromProto(ch.started_at()) + absl::Hours(24) <= m.now;
          if (second_day && i < 4) {
            v1::GameEvent c = Player(who, "prontera");
            c.mutable_quest_completed()->set_mesh_quest_key(key);
            completes.push_back(c);
          }
          if (impact != 0) {
            REQUIRE(m.Choose(who, ch.number(), absl::StrCat("d", day, "_", who), impact > 0 ? "show_mercy" : "take_revenge",
                             impact).ok());
          }
        }
        for (auto* batch : {&clicks, &accepts, &completes}) {
          if (batch->empty()) continue;
          r.rewards += Count(m.Batch(*batch), v1::Action::kGiveReward);
        }
      }
      if (sunday) {
        m.now = midnight + absl::Hours(20);
        r.rewards += Count(m.Job(kJobHeroOfTheWeek), v1::Action::kGiveReward);
      }
      m.now = midnight + absl::Hours(23);
      m.Job(kJobChapterCheck);
    }
    REQUIRE_FALSE(first_id.empty());
    v1::GetStoryArcRequest get;
    get.set_server_id("srv1");
    get.set_arc_id(first_id);
    r.first_arc = GetStoryArc(m.story, get)->arc();
    r.arcs = StoryStore(m.story).Arcs("srv1").size();
    return r;
  };

  const Result mercy = simulate(0.6);
  const Result wrath = simulate(-0.6);
  const v1::StoryArc& arc = mercy.first_arc;
  INFO("arc " << arc.name() << ": " << arc.total_chapters() << " chapters, " << arc.duration_days() << " days");
  size_t ended = 0;
  absl::Time previous_start = absl::InfinitePast();
  for (const v1::StoryChapter& ch : arc.chapters()) {
    if (ch.status() != v1::CHAPTER_STATUS_COMPLETED && ch.status() != v1::CHAPTER_STATUS_FAILED) continue;
    ++ended;
    REQUIRE(ch.has_started_at());
    CHECK(FromProto(ch.started_at()) > previous_start);
    previous_start = FromProto(ch.started_at());
    CHECK(ch.outcome() != v1::CHAPTER_OUTCOME_UNSPECIFIED);
  }
  CHECK(arc.total_chapters() >= 3u);
  CHECK(ended >= 3u);
  CHECK(mercy.rewards > 0u);
  CHECK(mercy.arcs >= 1u);

  // Same world, same seeds; only the choices differ, and so do the chapters after the first.
  REQUIRE(wrath.first_arc.arc_id() == arc.arc_id());
  CHECK(wrath.first_arc.chapters(0).title() == arc.chapters(0).title());
  CHECK(wrath.first_arc.chapters(1).title() != arc.chapters(1).title());
  CHECK(wrath.first_arc.chapters(1).boss().hp_percent() > arc.chapters(1).boss().hp_percent());
  CHECK(absl::StrContains(arc.chapters(1).summary(), "show mercy"));
  CHECK(absl::StrContains(wrath.first_arc.chapters(1).summary(), "take revenge"));
}

TEST_CASE("the same job slot decides the same arc and actions again", "[unit]") {
  Mesh a, b;
  const auto first = a.Job(kJobGenerate);
  const auto second = b.Job(kJobGenerate);
  REQUIRE(first.size() == second.size());
  for (size_t i = 0; i < first.size(); ++i) {
    INFO("action " << i << ": " << first[i].ShortDebugString());
    CHECK(google::protobuf::util::MessageDifferencer::Equals(first[i], second[i]));  // maps have no byte order
  }
  CHECK(google::protobuf::util::MessageDifferencer::Equals(*a.Active(), *b.Active()));
}
