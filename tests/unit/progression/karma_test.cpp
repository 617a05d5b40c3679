// The Karma agent: the reference's action values, floor-divided global impact, bands with their
// boundaries, effects, clamps and the 1 % decay; protected monsters from the catalogue; a character
// killing them loses karma and a SetCharVariable carries the new value; PvP; the 15-minute job
// folding each deed once (the reference re-read its own written actions); GetGlobalKarma; erasure.
#include <catch2/catch.hpp>

#include <set>

#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "tests/support/agent_harness.h"
#include "services/progression/karma/karma_agent.h"
#include "services/progression/karma/karma_book.h"
#include "services/progression/karma/karma_deeds.h"
#include "services/progression/karma/karma_queries.h"
#include "services/progression/karma/karma_rules.h"

using namespace aiworld;
using namespace aiworld::progression;

namespace {

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }
const absl::Time kThreeAm = absl::FromUnixSeconds(1'767'236'400);  // 2026-01-01 03:00 UTC
constexpr int kPoring = 1002, kLunatic = 1063, kDrops = 1113, kPoporing = 1031;
constexpr int kZombie = 1015, kIsis = 1029, kBaphomet = 1039, kOsiris = 1038, kEddga = 1115;

struct Harness : testing::AgentHarness<KarmaAgent> {
  Harness() : AgentHarness("karma", kThreeAm) {}

  // A 15-minute job, seeded by its slot; the clock moves on to the next slot.
  std::vector<v1::Action> Job(const std::string& job) {
    std::vector<v1::Action> actions = RunJob(job, std::to_string(absl::ToUnixSeconds(now)));
    now += absl::Minutes(15);
    return actions;
  }
  CharKarma Char(uint32_t char_id) { return KarmaBook(state).FindChar("srv1", char_id).value_or(CharKarma{}); }
  GlobalKarma Global() { return KarmaBook(state).Global("srv1"); }
};

v1::RoutedEvent Event(uint32_t index, uint32_t char_id) {
  v1::RoutedEvent r;
  r.set_index(index);
  r.mutable_event()->set_event_id(index + 1);
  r.mutable_event()->set_char_id(char_id);
  r.mutable_event()->set_account_id(2'000'000 + char_id % 1000);
  r.mutable_event()->set_map("prt_fild08");
  return r;
}

v1::RoutedEvent Kill(uint32_t index, uint32_t char_id, int mob_id, v1::BossType boss = v1::BOSS_TYPE_NONE,
                     const std::string& tag = "") {
  v1::RoutedEvent r = Event(index, char_id);
  v1::MonsterKilled* k = r.mutable_event()->mutable_monster_killed();
  k->set_mob_id(mob_id);
  k->set_boss_type(boss);
  k->set_spawn_tag(tag);
  return r;
}

v1::RoutedEvent Custom(uint32_t index, uint32_t char_id, const std::string& name) {
  v1::RoutedEvent r = Event(index, char_id);
  r.mutable_event()->mutable_custom()->set_name(name);
  r.mutable_event()->mutable_custom()->set_json("{}");
  return r;
}

v1::RoutedEvent PvpKill(uint32_t index, uint32_t victim, uint32_t killer) {
  v1::RoutedEvent r = Event(index, victim);
  v1::PlayerDied* d = r.mutable_event()->mutable_player_died();
  d->set_killer_kind(v1::KILLER_KIND_PLAYER);
  d->set_killer_char_id(killer);
  d->set_killer_account_id(2'000'000 + killer % 1000);
  d->set_pvp_map(true);
  return r;
}

void Seed(Harness& h, uint32_t char_id, int32_t karma) {
  CharKarma c;
  c.account_id = 2'000'000 + char_id % 1000;
  c.karma = karma;
  KarmaBook(h.state).PutChar("srv1", char_id, c);
}

void SeedGlobal(Harness& h, int32_t karma, int64_t pending, v1::KarmaAlignment announced) {
  GlobalKarma g;
  g.karma = karma;
  g.pending = pending;
  g.announced = announced;
  KarmaBook(h.state).PutGlobal("srv1", g);
}

std::vector<const v1::Action*> Variables(const std::vector<v1::Action>& actions, uint32_t char_id, const std::string& name) {
  std::vector<const v1::Action*> out;
  for (const v1::Action& a : actions) {
    if (a.has_set_char_variable() && a.set_char_variable().char_id() == char_id && a.set_char_variable().name() == name) {
      out.push_back(&a);
    }
  }
  return out;
}

std::optional<KarmaAction> DeedOf(const KarmaDeeds& deeds, const v1::RoutedEvent& e) { return deeds.Of(e.event()); }

}  // namespace

TEST_CASE("karma bands at 7000 3000 -3000 -7000 with their boundaries", "[unit]") {
  CHECK(KarmaAlignmentOf(10000) == v1::KARMA_ALIGNMENT_VERY_GOOD);
  CHECK(KarmaAlignmentOf(7001) == v1::KARMA_ALIGNMENT_VERY_GOOD);
  CHECK(KarmaAlignmentOf(7000) == v1::KARMA_ALIGNMENT_GOOD);
  CHECK(KarmaAlignmentOf(3000) == v1::KARMA_ALIGNMENT_GOOD);
  CHECK(KarmaAlignmentOf(2999) == v1::KARMA_ALIGNMENT_NEUTRAL);
  CHECK(KarmaAlignmentOf(0) == v1::KARMA_ALIGNMENT_NEUTRAL);
  CHECK(KarmaAlignmentOf(-2999) == v1::KARMA_ALIGNMENT_NEUTRAL);
  CHECK(KarmaAlignmentOf(-3000) == v1::KARMA_ALIGNMENT_EVIL);
  CHECK(KarmaAlignmentOf(-7000) == v1::KARMA_ALIGNMENT_EVIL);
  CHECK(KarmaAlignmentOf(-7001) == v1::KARMA_ALIGNMENT_VERY_EVIL);
  CHECK(KarmaAlignmentOf(-10000) == v1::KARMA_ALIGNMENT_VERY_EVIL);
}

TEST_CASE("karma action values are the reference's", "[unit]") {
  CHECK(KarmaValue(KarmaAction::kHelpNpcQuest) == 15);
  CHECK(KarmaValue(KarmaAction::kDefeatEvilBoss) == 25);
  CHECK(KarmaValue(KarmaAction::kProtectPeacefulMonster) == 10);
  CHECK(KarmaValue(KarmaAction::kDonateTemple) == 20);
  CHECK(KarmaValue(KarmaAction::kHealWoundedNpc) == 12);
  CHECK(KarmaValue(KarmaAction::kCompleteGoodQuest) == 30);
  CHECK(KarmaValue(KarmaAction::kSavePlayer) == 18);
  CHECK(KarmaValue(KarmaAction::kKillProtectedMonster) == -10);
  CHECK(KarmaValue(KarmaAction::kHelpShadowCult) == -25);
  CHECK(KarmaValue(KarmaAction::kUseForbiddenSkill) == -15);
  CHECK(KarmaValue(KarmaAction::kCompleteEvilQuest) == -30);
  CHECK(KarmaValue(KarmaAction::kKillProtectedNpc) == -50);
  CHECK(KarmaValue(KarmaAction::kKillDemon) == 5);
  CHECK(KarmaValue(KarmaAction::kKillUndead) == 5);
  CHECK(KarmaValue(KarmaAction::kTradeNormal) == 0);
  CHECK(KarmaValue(KarmaAction::kPvpDuel) == 0);
  CHECK(KarmaActionNamed("donate_temple") == KarmaAction::kDonateTemple);
  CHECK_FALSE(KarmaActionNamed("kill_everything").has_value());
}

TEST_CASE("global impact is the value floor-divided by 10", "[unit]") {
  CHECK(GlobalImpact(-10) == -1);
  CHECK(GlobalImpact(5) == 0);
  CHECK(GlobalImpact(-15) == -2);
  CHECK(GlobalImpact(-1) == -1);
  CHECK(GlobalImpact(9) == 0);
  CHECK(GlobalImpact(18) == 1);
  CHECK(GlobalImpact(25) == 2);
  CHECK(GlobalImpact(-50) == -5);
  CHECK(GlobalImpact(0) == 0);
}

TEST_CASE("karma clamps at 10000 and decays 1 percent toward zero", "[unit]") {
  CHECK(ClampKarma(10001) == 10000);
  CHECK(ClampKarma(-10001) == -10000);
  CHECK(DecayedKarma(10000) == 9900);
  CHECK(DecayedKarma(-10000) == -9900);
  CHECK(DecayedKarma(150) == 149);
  CHECK(DecayedKarma(-150) == -149);
  CHECK(DecayedKarma(99) == 99);
  CHECK(DecayedKarma(0) == 0);
}

TEST_CASE("alignment effects of the reference per band", "[unit]") {
  auto effect = [](v1::KarmaAlignment a, const std::string& stat) {
    for (const v1::StatModifier& m : KarmaEffects(a)) {
      if (m.stat() == stat) return m.multiplier();
    }
    return 1.0;
  };
  CHECK(effect(v1::KARMA_ALIGNMENT_VERY_GOOD, "day_length") == Approx(1.3));
  CHECK(effect(v1::KARMA_ALIGNMENT_VERY_GOOD, "heal") == Approx(1.2));
  CHECK(effect(v1::KARMA_ALIGNMENT_GOOD, "day_length") == Approx(1.1));
  CHECK(effect(v1::KARMA_ALIGNMENT_GOOD, "heal") == Approx(1.0));
  CHECK(KarmaEffects(v1::KARMA_ALIGNMENT_NEUTRAL).empty());
  CHECK(effect(v1::KARMA_ALIGNMENT_EVIL, "day_length") == Approx(0.9));
  CHECK(effect(v1::KARMA_ALIGNMENT_EVIL, "heal") == Approx(0.9));
  CHECK(effect(v1::KARMA_ALIGNMENT_VERY_EVIL, "day_length") == Approx(0.7));
  CHECK(effect(v1::KARMA_ALIGNMENT_VERY_EVIL, "heal") == Approx(0.8));
}

TEST_CASE("protected monsters are the reference's Poring Lunatic and Drops found in the catalogue", "[unit]") {
  const KarmaDeeds deeds(Cat());
  CHECK(deeds.protected_ids() == std::set<int>{kPoring, kLunatic, kDrops});
  CHECK_FALSE(deeds.IsProtected(kPoporing));
  INFO("a configured name the catalogue lacks protects nothing");
  const KarmaDeeds custom(Cat(), {"FABRE", "NO_SUCH_MOB"});
  CHECK(custom.protected_ids().size() == 1);
  CHECK_FALSE(custom.IsProtected(kPoring));
}

TEST_CASE("karma deeds from real kills quests and script events", "[unit]") {
  const KarmaDeeds deeds(Cat());
  CHECK(DeedOf(deeds, Kill(0, 150001, kPoring)) == KarmaAction::kKillProtectedMonster);
  CHECK(DeedOf(deeds, Kill(0, 150001, kDrops)) == KarmaAction::kKillProtectedMonster);
  INFO("a Poring the mesh spawned (a problem, an event) is fair game");
  CHECK_FALSE(DeedOf(deeds, Kill(0, 150001, kPoring, v1::BOSS_TYPE_NONE, "aiw_problem_1")).has_value());
  CHECK(DeedOf(deeds, Kill(0, 150001, kZombie)) == KarmaAction::kKillUndead);
  CHECK(DeedOf(deeds, Kill(0, 150001, kIsis)) == KarmaAction::kKillDemon);
  CHECK(DeedOf(deeds, Kill(0, 150001, kBaphomet, v1::BOSS_TYPE_MVP)) == KarmaAction::kDefeatEvilBoss);
  CHECK(DeedOf(deeds, Kill(0, 150001, kOsiris, v1::BOSS_TYPE_MVP)) == KarmaAction::kDefeatEvilBoss);
  CHECK_FALSE(DeedOf(deeds, Kill(0, 150001, kEddga, v1::BOSS_TYPE_MVP)).has_value());
  CHECK_FALSE(DeedOf(deeds, Kill(0, 150001, kPoporing)).has_value());
  CHECK_FALSE(DeedOf(deeds, Kill(0, 150001, 999'999)).has_value());
  v1::RoutedEvent quest = Event(0, 150001);
  quest.mutable_event()->mutable_quest_completed()->set_quest_id(1000);
  CHECK(DeedOf(deeds, quest) == KarmaAction::kHelpNpcQuest);
  CHECK(DeedOf(deeds, Custom(0, 150001, "karma.donate_temple")) == KarmaAction::kDonateTemple);
  CHECK(DeedOf(deeds, Custom(0, 150001, "karma.kill_protected_npc")) == KarmaAction::kKillProtectedNpc);
  INFO("kills and quests come from the game's own events, never from a script as well");
  CHECK_FALSE(DeedOf(deeds, Custom(0, 150001, "karma.kill_protected_monster")).has_value());
  CHECK_FALSE(DeedOf(deeds, Custom(0, 150001, "karma.help_npc_quest")).has_value());
  CHECK_FALSE(DeedOf(deeds, Custom(0, 150001, "karma.nonsense")).has_value());
  CHECK(DeedOf(deeds, Custom(0, 150001, "faction.donation.shadow_cult")) == KarmaAction::kHelpShadowCult);
  CHECK(DeedOf(deeds, Custom(0, 150001, "faction.donation.rune_alliance")) == KarmaAction::kDonateTemple);
  CHECK_FALSE(DeedOf(deeds, Custom(0, 150001, "faction.donation.nature_spirits")).has_value());
}

TEST_CASE("a character killing protected monsters loses karma and a SetCharVariable carries the new value", "[unit]") {
  Harness h;
  const std::vector<v1::Action> actions =
      h.Batch({Kill(0, 150001, kPoring), Kill(1, 150001, kPoring), Kill(2, 150001, kLunatic), Kill(3, 150001, kDrops)});
  CHECK(h.Char(150001).karma == -40);
  CHECK(h.Char(150001).evil_actions == 4);
  CHECK(h.Char(150001).good_actions == 0);
  const std::vector<const v1::Action*> karma = Variables(actions, 150001, "aiw_karma");
  INFO("one variable per character per batch, with the final value");
  REQUIRE(karma.size() == 1);
  CHECK(karma[0]->set_char_variable().int_value() == -40);
  CHECK(karma[0]->target().char_id() == 150001u);
  CHECK(karma[0]->origin().tier() == v1::TIER_RULES);
  REQUIRE(karma[0]->cause().events_size() == 1);
  CHECK(karma[0]->cause().events(0).event_index() == 3u);
  CHECK(actions.size() == 1);  // still neutral: no band change
  INFO("each -10 brings -1 to the world's pending karma");
  CHECK(h.Global().pending == -4);
  CHECK(h.Global().karma == 0);

  INFO("the next batch carries the value on from the state");
  const std::vector<v1::Action> more = h.Batch({Kill(0, 150001, kPoring)});
  REQUIRE(Variables(more, 150001, "aiw_karma").size() == 1);
  CHECK(Variables(more, 150001, "aiw_karma")[0]->set_char_variable().int_value() == -50);
}

TEST_CASE("crossing into evil sets the alignment variable and tells the player", "[unit]") {
  Harness h;
  Seed(h, 150001, -2990);
  const std::vector<v1::Action> actions = h.Batch({Kill(0, 150001, kPoring)});
  CHECK(h.Char(150001).karma == -3000);
  const std::vector<const v1::Action*> align = Variables(actions, 150001, "aiw_karma_align");
  REQUIRE(align.size() == 1);
  CHECK(align[0]->set_char_variable().int_value() == v1::KARMA_ALIGNMENT_EVIL);
  size_t told = 0;
  for (const v1::Action& a : actions) {
    if (a.has_broadcast() && a.broadcast().scope() == v1::BROADCAST_SCOPE_PLAYER) {
      ++told;
      CHECK(a.broadcast().text().find("evil") != std::string::npos);
    }
  }
  CHECK(told == 1);
}

TEST_CASE("karma held at -10000 sends no variable but counts the deed", "[unit]") {
  Harness h;
  Seed(h, 150001, -10000);
  CHECK(h.Batch({Kill(0, 150001, kPoring)}).empty());
  CHECK(h.Char(150001).karma == -10000);
  CHECK(h.Char(150001).evil_actions == 1);
}

TEST_CASE("killing an evil character saves players and any other pvp kill is a duel worth nothing", "[unit]") {
  Harness h;
  Seed(h, 150001, -3000);
  Seed(h, 150002, -2999);
  const std::vector<v1::Action> saved = h.Batch({PvpKill(0, 150001, 150003)});
  CHECK(h.Char(150003).karma == 18);
  CHECK(h.Char(150003).good_actions == 1);
  CHECK(h.Char(150003).account_id == 2000003u);
  REQUIRE(Variables(saved, 150003, "aiw_karma").size() == 1);
  CHECK(h.Global().pending == 1);
  CHECK(h.Batch({PvpKill(0, 150002, 150004)}).empty());
  CHECK_FALSE(KarmaBook(h.state).FindChar("srv1", 150004).has_value());
}

TEST_CASE("the karma job folds each deed once - reference bug 8.11 karma job re-read its own actions", "[unit]") {
  Harness h;
  std::vector<v1::RoutedEvent> kills;
  for (uint32_t i = 0; i < 30; ++i) kills.push_back(Kill(i, 150001 + i % 3, kPoring));
  h.Batch(kills);
  REQUIRE(h.Global().pending == -30);
  CHECK(h.Job(kJobKarmaUpdate).empty());
  CHECK(h.Global().karma == -30);
  CHECK(h.Global().pending == 0);
  INFO("runs with no new deeds change nothing");
  CHECK(h.Job(kJobKarmaUpdate).empty());
  CHECK(h.Job(kJobKarmaUpdate).empty());
  CHECK(h.Global().karma == -30);
}

TEST_CASE("a change of the world's alignment is announced once with its effects", "[unit]") {
  Harness h;
  SeedGlobal(h, 2990, 10, v1::KARMA_ALIGNMENT_NEUTRAL);
  const std::vector<v1::Action> news = h.Job(kJobKarmaUpdate);
  CHECK(h.Global().karma == 3000);
  REQUIRE(news.size() == 1);
  CHECK(news[0].broadcast().scope() == v1::BROADCAST_SCOPE_SERVER);
  CHECK(news[0].broadcast().text().find("good") != std::string::npos);
  CHECK(news[0].broadcast().text().find("x1.1") != std::string::npos);
  CHECK(news[0].broadcast().color_rgb() == 0xFFD700u);
  CHECK(news[0].cause().job().job() == kJobKarmaUpdate);
  CHECK(h.Global().announced == v1::KARMA_ALIGNMENT_GOOD);
  CHECK(h.Job(kJobKarmaUpdate).empty());
}

TEST_CASE("daily decay at 03:00 takes 1 percent of the world's karma", "[unit]") {
  Harness h;
  SeedGlobal(h, 5000, 0, v1::KARMA_ALIGNMENT_GOOD);
  CHECK(h.Job(kJobKarmaDecay).empty());
  CHECK(h.Global().karma == 4950);
  CHECK(FromProto(ToProto(absl::FromUnixSeconds(h.Global().updated_unix))) == kThreeAm);
  INFO("decay can end a band: 3020 - 30 = 2990 is neutral");
  SeedGlobal(h, 3020, 0, v1::KARMA_ALIGNMENT_GOOD);
  const std::vector<v1::Action> news = h.Job(kJobKarmaDecay);
  CHECK(h.Global().karma == 2990);
  REQUIRE(news.size() == 1);
  CHECK(news[0].broadcast().text().find("neutral") != std::string::npos);
  KarmaAgent agent;
  REQUIRE(agent.jobs().size() == 2);
  CHECK(agent.jobs()[0].name() == "karma.update");
  CHECK(agent.jobs()[0].schedule().interval().every().seconds() == 900);
  CHECK(agent.jobs()[1].name() == "karma.decay");
  CHECK(agent.jobs()[1].schedule().daily().hour() == 3);
  CHECK(agent.jobs()[1].schedule().daily().minute() == 0);
}

TEST_CASE("a world with no events yet: jobs do nothing and write nothing", "[unit]") {
  Harness h;
  CHECK(h.Job(kJobKarmaUpdate).empty());
  CHECK(h.Job(kJobKarmaDecay).empty());
  CHECK(h.state.size() == 0);
  INFO("kills that are no karma deed write nothing either");
  CHECK(h.Batch({Kill(0, 150001, kPoporing), Kill(1, 0, kPoring)}).empty());
  CHECK(h.state.size() == 0);
}

TEST_CASE("GetGlobalKarma reports karma alignment effects and last change", "[unit]") {
  Harness h;
  v1::GetGlobalKarmaRequest request;
  CHECK(GetGlobalKarma(h.state, request).status().message().find("server_id") != std::string::npos);
  request.set_server_id("srv1");
  absl::StatusOr<v1::GetGlobalKarmaResponse> empty = GetGlobalKarma(h.state, request);
  REQUIRE(empty.ok());
  CHECK(empty->karma() == 0);
  CHECK(empty->alignment() == v1::KARMA_ALIGNMENT_NEUTRAL);
  CHECK(empty->effects().empty());
  CHECK_FALSE(empty->has_updated_at());
  SeedGlobal(h, -7100, 0, v1::KARMA_ALIGNMENT_EVIL);
  h.Job(kJobKarmaUpdate);
  absl::StatusOr<v1::GetGlobalKarmaResponse> dark = GetGlobalKarma(h.state, request);
  REQUIRE(dark.ok());
  CHECK(dark->karma() == -7100);
  CHECK(dark->alignment() == v1::KARMA_ALIGNMENT_VERY_EVIL);
  CHECK(dark->effects_size() == 2);
}

TEST_CASE("karma state encodings round-trip and bad values name the part", "[unit]") {
  CharKarma c;
  c.account_id = 2000001;
  c.karma = -9999;
  c.good_actions = 3;
  c.evil_actions = 7;
  absl::StatusOr<CharKarma> back = DecodeCharKarma(EncodeCharKarma(c));
  REQUIRE(back.ok());
  CHECK(back->karma == -9999);
  CHECK(back->evil_actions == 7u);
  CHECK(DecodeCharKarma("v1 1 10001 0 0").status().message().find("karma.karma") != std::string::npos);
  GlobalKarma g;
  g.karma = 42;
  g.pending = -7;
  g.announced = v1::KARMA_ALIGNMENT_VERY_GOOD;
  absl::StatusOr<GlobalKarma> gb = DecodeGlobalKarma(EncodeGlobalKarma(g));
  REQUIRE(gb.ok());
  CHECK(gb->pending == -7);
  CHECK(gb->announced == v1::KARMA_ALIGNMENT_VERY_GOOD);
  CHECK(DecodeGlobalKarma("v1 0 0 9 0").status().message().find("alignment") != std::string::npos);
}

TEST_CASE("a redelivered karma batch decides the same actions", "[unit]") {
  Harness a, b;
  std::vector<v1::RoutedEvent> events;
  for (uint32_t i = 0; i < 10; ++i) events.push_back(Kill(i, 150001 + i % 4, i % 2 == 0 ? kPoring : kZombie));
  const std::vector<v1::Action> first = a.Batch(events);
  const std::vector<v1::Action> second = b.Batch(events);
  REQUIRE(first.size() == second.size());
  REQUIRE_FALSE(first.empty());
  std::set<std::string> keys;
  for (size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].SerializeAsString() == second[i].SerializeAsString());
    keys.insert(first[i].idempotency_key());
  }
  CHECK(keys.size() == first.size());
}

TEST_CASE("erasing a player removes the karma of the account's characters", "[unit]") {
  Harness h;
  h.Batch({Kill(0, 150001, kPoring), Kill(1, 151001, kPoring), Kill(2, 150002, kPoring)});
  std::vector<uint32_t> chars = h.agent.CharactersOf(h.state, 2000001);
  std::sort(chars.begin(), chars.end());
  CHECK(chars == std::vector<uint32_t>{150001, 151001});
  CHECK(h.agent.ErasePlayer(h.state, 2000001, chars) == 2);
  CHECK_FALSE(KarmaBook(h.state).FindChar("srv1", 150001).has_value());
  CHECK(KarmaBook(h.state).FindChar("srv1", 150002).has_value());
  CHECK(h.Global().pending == -3);
}
