// The Faction agent: the reference's tiers, reputation per action, alignment = reputation ÷ 10,
// the 1 % decay above |100| and the dominance thresholds with their boundaries; deeds from real
// kills, quests, donations and PvP; tier variables and titles for scripts; the 5-minute alignment
// job announcing a change of dominance once; ListFactions; erasure.
#include <catch2/catch.hpp>

#include <set>

#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "services/progression/faction/faction_agent.h"
#include "services/progression/faction/faction_book.h"
#include "services/progression/faction/faction_deeds.h"
#include "services/progression/faction/faction_queries.h"
#include "services/progression/faction/faction_rules.h"
#include "tests/support/agent_harness.h"

using namespace aiworld;
using namespace aiworld::progression;

namespace {

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }
const absl::Time kNoon = absl::FromUnixSeconds(1'767'268'800);  // 2026-01-01 12:00 UTC
constexpr size_t kRune = 0, kShadow = 1, kNature = 2;
constexpr int kZombie = 1015;  // undead
constexpr int kOrcWarrior = 1023;  // demihuman
constexpr int kGolem = 1040;  // formless
constexpr int kPoring = 1002;  // plant

struct Harness : testing::AgentHarness<FactionAgent> {
  Harness() : AgentHarness("faction", kNoon) {}

  // The 5-minute alignment job, seeded by its slot; the clock moves on to the next slot.
  std::vector<v1::Action> Job() {
    std::vector<v1::Action> actions = RunJob(kJobFactionAlignment, std::to_string(absl::ToUnixSeconds(now)));
    now += absl::Minutes(5);
    return actions;
  }
  CharFactions Char(uint32_t char_id) { return FactionBook(state).FindChar("srv1", char_id).value_or(CharFactions{}); }
  FactionWorld World() { return FactionBook(state).World("srv1"); }
};

v1::RoutedEvent Event(uint32_t index, uint32_t char_id, const std::string& map) {
  v1::RoutedEvent r;
  r.set_index(index);
  r.mutable_event()->set_event_id(index + 1);
  r.mutable_event()->set_char_id(char_id);
  r.mutable_event()->set_account_id(char_id == 0 ? 0 : 2'000'000 + char_id % 1000);
  r.mutable_event()->set_map(map);
  return r;
}

v1::RoutedEvent Kill(uint32_t index, uint32_t char_id, int mob_id) {
  v1::RoutedEvent r = Event(index, char_id, "prt_fild08");
  r.mutable_event()->mutable_monster_killed()->set_mob_id(mob_id);
  r.mutable_event()->mutable_monster_killed()->set_boss_type(v1::BOSS_TYPE_NONE);
  return r;
}

v1::RoutedEvent Quest(uint32_t index, uint32_t char_id, const std::string& map) {
  v1::RoutedEvent r = Event(index, char_id, map);
  r.mutable_event()->mutable_quest_completed()->set_quest_id(1000);
  return r;
}

v1::RoutedEvent PvpKill(uint32_t index, uint32_t victim, uint32_t killer) {
  v1::RoutedEvent r = Event(index, victim, "guild_vs1");
  v1::PlayerDied* d = r.mutable_event()->mutable_player_died();
  d->set_killer_kind(v1::KILLER_KIND_PLAYER);
  d->set_killer_char_id(killer);
  d->set_killer_account_id(2'000'000 + killer % 1000);
  d->set_pvp_map(true);
  return r;
}

std::vector<v1::RoutedEvent> Kills(size_t n, uint32_t char_id, int mob_id) {
  std::vector<v1::RoutedEvent> out;
  for (size_t i = 0; i < n; ++i) out.push_back(Kill(static_cast<uint32_t>(i), char_id, mob_id));
  return out;
}

void Seed(Harness& h, uint32_t char_id, std::array<uint32_t, kFactionCount> reputation) {
  CharFactions c;
  c.account_id = 2'000'000 + char_id % 1000;
  c.reputation = reputation;
  FactionBook(h.state).PutChar("srv1", char_id, c);
}

const v1::Action* Variable(const std::vector<v1::Action>& actions, uint32_t char_id, const std::string& name) {
  for (const v1::Action& a : actions) {
    if (a.has_set_char_variable() && a.set_char_variable().char_id() == char_id && a.set_char_variable().name() == name) return &a;
  }
  return nullptr;
}

size_t Count(const std::vector<v1::Action>& actions, v1::Action::KindCase kind) {
  size_t n = 0;
  for (const v1::Action& a : actions) n += a.kind_case() == kind ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("faction tiers at the reference thresholds 1000 3000 5000 7000 10000", "[unit]") {
  CHECK(FactionTierOf(0) == 0);
  CHECK(FactionTierOf(999) == 0);
  CHECK(FactionTierOf(1000) == 1);
  CHECK(FactionTierOf(2999) == 1);
  CHECK(FactionTierOf(3000) == 2);
  CHECK(FactionTierOf(4999) == 2);
  CHECK(FactionTierOf(5000) == 3);
  CHECK(FactionTierOf(6999) == 3);
  CHECK(FactionTierOf(7000) == 4);
  CHECK(FactionTierOf(9999) == 4);
  CHECK(FactionTierOf(10000) == 5);
  CHECK(std::string(FactionTierName(0)) == "Unknown");
  CHECK(std::string(FactionTierName(1)) == "Acquainted");
  CHECK(std::string(FactionTierName(2)) == "Friendly");
  CHECK(std::string(FactionTierName(3)) == "Trusted");
  CHECK(std::string(FactionTierName(4)) == "Honored");
  CHECK(std::string(FactionTierName(5)) == "Exalted");
}

TEST_CASE("faction reputation per action and alignment as a tenth of it", "[unit]") {
  CHECK(ReputationChange(FactionAction::kQuestComplete) == 100);
  CHECK(ReputationChange(FactionAction::kMonsterKill) == 10);
  CHECK(ReputationChange(FactionAction::kDonation) == 50);
  CHECK(ReputationChange(FactionAction::kPvpDefend) == 200);
  CHECK(ReputationChange(FactionAction::kPvpAttack) == -150);
  CHECK(AlignmentChange(100) == 10);
  CHECK(AlignmentChange(10) == 1);
  CHECK(AlignmentChange(50) == 5);
  CHECK(AlignmentChange(200) == 20);
  CHECK(AlignmentChange(-150) == -15);
  // Reputation is clamped to 0..10000.
  CHECK(ApplyReputation(9995, 10) == 10000);
  CHECK(ApplyReputation(10000, 200) == 10000);
  CHECK(ApplyReputation(100, -150) == 0);
  CHECK(ApplyReputation(150, -150) == 0);
}

TEST_CASE("faction decay takes 1 percent only when the score is above 100", "[unit]") {
  CHECK(DecayedAlignment(100) == 100);
  CHECK(DecayedAlignment(-100) == -100);
  CHECK(DecayedAlignment(101) == 100);
  CHECK(DecayedAlignment(-101) == -100);
  CHECK(DecayedAlignment(1000) == 990);
  CHECK(DecayedAlignment(-1000) == -990);
  CHECK(DecayedAlignment(150) == 149);
  CHECK(DecayedAlignment(0) == 0);
  CHECK(ClampAlignment(2'000'000) == 1'000'000);
  CHECK(ClampAlignment(-2'000'000) == -1'000'000);
}

TEST_CASE("dominance thresholds 1000 3000 5000 8000 by the absolute score", "[unit]") {
  CHECK(DominanceOf(999) == v1::DOMINANCE_UNSPECIFIED);
  CHECK(DominanceOf(1000) == v1::DOMINANCE_MINOR);
  CHECK(DominanceOf(2999) == v1::DOMINANCE_MINOR);
  CHECK(DominanceOf(3000) == v1::DOMINANCE_MODERATE);
  CHECK(DominanceOf(4999) == v1::DOMINANCE_MODERATE);
  CHECK(DominanceOf(5000) == v1::DOMINANCE_MAJOR);
  CHECK(DominanceOf(7999) == v1::DOMINANCE_MAJOR);
  CHECK(DominanceOf(8000) == v1::DOMINANCE_TOTAL);
  CHECK(DominanceOf(-8000) == v1::DOMINANCE_TOTAL);
  CHECK_FALSE(DominantFaction({999, -999, 0}).has_value());
  CHECK(DominantFaction({1000, 0, 0}) == kRune);
  CHECK(DominantFaction({1000, -1200, 0}) == kShadow);
  INFO("a tie goes to the first faction in order");
  CHECK(DominantFaction({2000, 0, 2000}) == kRune);
}

TEST_CASE("the three factions with the reference's philosophies and bonuses", "[unit]") {
  REQUIRE(Factions().size() == 3);
  CHECK(Factions()[kRune].id == "rune_alliance");
  CHECK(Factions()[kRune].philosophy == v1::FACTION_PHILOSOPHY_ORDER);
  CHECK(Factions()[kShadow].id == "shadow_cult");
  CHECK(Factions()[kShadow].philosophy == v1::FACTION_PHILOSOPHY_CHAOS);
  CHECK(Factions()[kNature].id == "nature_spirits");
  CHECK(Factions()[kNature].philosophy == v1::FACTION_PHILOSOPHY_BALANCE);
  CHECK(Factions()[kRune].bonuses[0].stat() == "def");
  CHECK(Factions()[kRune].bonuses[0].add() == 5);
  CHECK(Factions()[kShadow].bonuses[1].stat() == "crit");
  CHECK(Factions()[kShadow].bonuses[1].add() == 3);
  CHECK(Factions()[kNature].bonuses[0].stat() == "max_hp");
  CHECK(Factions()[kNature].bonuses[0].add() == 100);
  CHECK(std::string(FactionTierReward(1)) == "the faction emblem");
  CHECK(std::string(FactionTierReward(5)) == "a faction title");
}

TEST_CASE("faction deeds come from real kills quests and donations on catalogue data", "[unit]") {
  auto faction_of = [](const v1::RoutedEvent& e) -> std::optional<size_t> {
    const std::vector<FactionDeed> deeds = DeedsOf(e.event(), Cat());
    if (deeds.empty()) return std::nullopt;
    return deeds[0].faction;
  };
  CHECK(faction_of(Kill(0, 150001, kZombie)) == kRune);
  CHECK(faction_of(Kill(0, 150001, 1039)) == kRune);  // Baphomet, demon
  CHECK(faction_of(Kill(0, 150001, kOrcWarrior)) == kShadow);
  CHECK(faction_of(Kill(0, 150001, 1096)) == kShadow);  // Angeling, angel
  CHECK(faction_of(Kill(0, 150001, kGolem)) == kNature);
  CHECK(faction_of(Kill(0, 150001, 1155)) == kNature);  // Petite, dragon
  CHECK_FALSE(faction_of(Kill(0, 150001, kPoring)).has_value());
  CHECK_FALSE(faction_of(Kill(0, 150001, 999'999)).has_value());
  CHECK_FALSE(faction_of(Kill(0, 0, kZombie)).has_value());
  CHECK(faction_of(Quest(0, 150001, "prontera")) == kRune);
  CHECK(faction_of(Quest(0, 150001, "morocc")) == kShadow);
  CHECK(faction_of(Quest(0, 150001, "payon")) == kNature);
  CHECK_FALSE(faction_of(Quest(0, 150001, "nowhere")).has_value());
  v1::RoutedEvent donation = Event(0, 150001, "prontera");
  donation.mutable_event()->mutable_custom()->set_name("faction.donation.shadow_cult");
  donation.mutable_event()->mutable_custom()->set_json("{}");
  CHECK(faction_of(donation) == kShadow);
  CHECK(DeedsOf(donation.event(), Cat())[0].action == FactionAction::kDonation);
  donation.mutable_event()->mutable_custom()->set_name("faction.donation.dragons");
  CHECK_FALSE(faction_of(donation).has_value());
}

TEST_CASE("the 100th undead kill makes a character Acquainted with the Rune Alliance and scripts are told", "[unit]") {
  Harness h;
  CHECK(h.Batch(Kills(99, 150001, kZombie)).empty());
  CHECK(h.Char(150001).reputation[kRune] == 990);
  CHECK(h.Char(150001).actions[kRune] == 99);
  const std::vector<v1::Action> actions = h.Batch(Kills(1, 150001, kZombie));
  CHECK(h.Char(150001).reputation[kRune] == 1000);
  const v1::Action* tier = Variable(actions, 150001, "aiw_fac_rune_alliance_tier");
  REQUIRE(tier != nullptr);
  CHECK(tier->set_char_variable().int_value() == 1);
  CHECK(tier->target().char_id() == 150001u);
  CHECK(tier->cause().events_size() == 1);
  const v1::Action* member = Variable(actions, 150001, "aiw_faction");
  REQUIRE(member != nullptr);
  CHECK(member->set_char_variable().string_value() == "rune_alliance");
  REQUIRE(Count(actions, v1::Action::kBroadcast) == 1);
  for (const v1::Action& a : actions) {
    if (!a.has_broadcast()) continue;
    CHECK(a.broadcast().scope() == v1::BROADCAST_SCOPE_PLAYER);
    CHECK(a.broadcast().char_id() == 150001u);
    CHECK(a.broadcast().text().find("Acquainted with the Rune Alliance") != std::string::npos);
  }
  INFO("alignment waits in pending for the 5-minute job: 100 kills x 10 / 10");
  CHECK(h.World().pending[kRune] == 100);
  CHECK(h.World().score[kRune] == 0);
}

TEST_CASE("reaching 10000 gives the Exalted title variable", "[unit]") {
  Harness h;
  Seed(h, 150001, {9990, 0, 0});
  const std::vector<v1::Action> actions = h.Batch(Kills(1, 150001, kZombie));
  const v1::Action* tier = Variable(actions, 150001, "aiw_fac_rune_alliance_tier");
  REQUIRE(tier != nullptr);
  CHECK(tier->set_char_variable().int_value() == 5);
  const v1::Action* title = Variable(actions, 150001, "aiw_fac_rune_alliance_title");
  REQUIRE(title != nullptr);
  CHECK(title->set_char_variable().string_value() == "Exalted of the Rune Alliance");
  INFO("clamped at 10000: a further kill changes no tier and sends nothing");
  CHECK(h.Batch(Kills(1, 150001, kZombie)).empty());
  CHECK(h.Char(150001).reputation[kRune] == 10000);
}

TEST_CASE("pvp against a rival faction member is pvp_attack on his faction and pvp_defend on one's own", "[unit]") {
  Harness h;
  Seed(h, 150001, {1500, 0, 0});  // victim: Rune Alliance
  Seed(h, 150002, {0, 2000, 0});  // killer: Shadow Cult
  h.Batch({PvpKill(0, 150001, 150002)});
  const CharFactions killer = h.Char(150002);
  CHECK(killer.reputation[kRune] == 0);  // -150 clamped at 0
  CHECK(killer.reputation[kShadow] == 2200);
  CHECK(killer.actions[kRune] == 1);
  CHECK(killer.actions[kShadow] == 1);
  CHECK(h.Char(150001).reputation[kRune] == 1500);
  CHECK(h.World().pending[kRune] == -15);
  CHECK(h.World().pending[kShadow] == 20);
}

TEST_CASE("killing a member of one's own faction costs a tier and scripts are told", "[unit]") {
  Harness h;
  Seed(h, 150001, {3000, 0, 0});
  Seed(h, 150002, {1100, 0, 0});
  const std::vector<v1::Action> actions = h.Batch({PvpKill(0, 150001, 150002)});
  CHECK(h.Char(150002).reputation[kRune] == 950);
  CHECK(h.Char(150002).reputation[kShadow] == 0);
  const v1::Action* tier = Variable(actions, 150002, "aiw_fac_rune_alliance_tier");
  REQUIRE(tier != nullptr);
  CHECK(tier->set_char_variable().int_value() == 0);
  const v1::Action* member = Variable(actions, 150002, "aiw_faction");
  REQUIRE(member != nullptr);
  CHECK(member->set_char_variable().string_value().empty());
  CHECK(Count(actions, v1::Action::kBroadcast) == 0);
}

TEST_CASE("killing a character of no faction or a pve death changes nothing", "[unit]") {
  Harness h;
  Seed(h, 150002, {0, 2000, 0});
  CHECK(h.Batch({PvpKill(0, 150001, 150002)}).empty());
  v1::RoutedEvent by_monster = Event(1, 150002, "prt_fild08");
  by_monster.mutable_event()->mutable_player_died()->set_killer_kind(v1::KILLER_KIND_MONSTER);
  by_monster.mutable_event()->mutable_player_died()->set_killer_mob_id(kZombie);
  CHECK(h.Batch({by_monster}).empty());
  CHECK(h.Char(150002).reputation[kShadow] == 2000);
  CHECK(h.World().pending[kShadow] == 0);
}

TEST_CASE("alignment job folds pending deeds decays and announces a new dominant faction once", "[unit]") {
  Harness h;
  std::vector<v1::RoutedEvent> quests;
  for (uint32_t i = 0; i < 110; ++i) quests.push_back(Quest(i, 150000 + i, "prontera"));
  h.Batch(quests);
  REQUIRE(h.World().pending[kRune] == 1100);
  const std::vector<v1::Action> first = h.Job();
  INFO("1100 folded in, then 1 % decay: 1089");
  CHECK(h.World().score[kRune] == 1089);
  CHECK(h.World().pending[kRune] == 0);
  REQUIRE(first.size() == 1);
  CHECK(first[0].broadcast().scope() == v1::BROADCAST_SCOPE_SERVER);
  CHECK(first[0].broadcast().color_rgb() == 0x3366FFu);
  CHECK(first[0].broadcast().text().find("Rune Alliance now holds sway") != std::string::npos);
  CHECK(first[0].cause().job().job() == kJobFactionAlignment);
  CHECK(h.World().dominant == kRune);
  CHECK(h.World().dominance == v1::DOMINANCE_MINOR);

  INFO("no new deeds: decay only, same dominant faction, nothing announced");
  CHECK(h.Job().empty());
  CHECK(h.World().score[kRune] == 1079);

  size_t fades = 0, runs = 0;
  while (h.World().dominant.has_value() && runs++ < 50) {
    for (const v1::Action& a : h.Job()) {
      fades += a.broadcast().text().find("sway fades") != std::string::npos ? 1 : 0;
    }
  }
  CHECK_FALSE(h.World().dominant.has_value());
  CHECK(h.World().score[kRune] < 1000);
  CHECK(fades == 1);
}

TEST_CASE("alignment comes from real events not a mock world - reference bug 8.2", "[unit]") {
  Harness h;
  INFO("a world snapshot claiming activity changes nothing: only events move alignment");
  h.world.mutable_players()->set_online(10);
  h.world.mutable_players()->set_average_base_level(50);
  CHECK(h.Job().empty());
  CHECK(h.state.size() == 0);
  INFO("kills of wildlife serve no faction");
  CHECK(h.Batch(Kills(20, 150001, kPoring)).empty());
  CHECK(h.state.size() == 0);
}

TEST_CASE("a redelivered batch decides the same actions", "[unit]") {
  Harness a, b;
  std::vector<v1::RoutedEvent> events = Kills(100, 150001, kGolem);
  events.push_back(Quest(100, 150002, "payon"));
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

TEST_CASE("ListFactions shows every faction its score and the dominant one", "[unit]") {
  Harness h;
  v1::ListFactionsRequest request;
  CHECK(ListFactions(h.state, request).status().message().find("server_id") != std::string::npos);
  request.set_server_id("srv1");
  absl::StatusOr<v1::ListFactionsResponse> empty = ListFactions(h.state, request);
  REQUIRE(empty.ok());
  CHECK(empty->factions_size() == 3);
  CHECK(empty->dominant_faction().empty());
  CHECK(empty->factions(0).alignment_score() == 0);
  CHECK_FALSE(empty->factions(0).has_updated_at());

  FactionWorld w;
  w.score = {200, -3500, 40};
  w.updated_unix = {absl::ToUnixSeconds(kNoon), absl::ToUnixSeconds(kNoon), 0};
  w.dominant = kShadow;
  w.dominance = v1::DOMINANCE_MODERATE;
  FactionBook(h.state).PutWorld("srv1", w);
  absl::StatusOr<v1::ListFactionsResponse> r = ListFactions(h.state, request);
  REQUIRE(r.ok());
  CHECK(r->dominant_faction() == "shadow_cult");
  CHECK(r->factions(1).alignment_score() == -3500);
  CHECK(r->factions(1).dominance() == v1::DOMINANCE_MODERATE);
  CHECK(r->factions(0).dominance() == v1::DOMINANCE_UNSPECIFIED);
  CHECK(r->factions(1).color_rgb() == 0x9933CCu);
  CHECK(r->factions(1).bonuses_size() == 2);
  CHECK(FromProto(r->factions(0).updated_at()) == kNoon);
}

TEST_CASE("faction state encodings round-trip and bad values name the part", "[unit]") {
  CharFactions c;
  c.account_id = 2000001;
  c.reputation = {10000, 0, 42};
  c.actions = {1000, 0, 5};
  absl::StatusOr<CharFactions> back = DecodeCharFactions(EncodeCharFactions(c));
  REQUIRE(back.ok());
  CHECK(back->reputation == c.reputation);
  CHECK(back->actions == c.actions);
  CHECK(DecodeCharFactions("v1 1 10001 0 0 0 0 0").status().message().find("reputation[0]") != std::string::npos);
  CHECK(DecodeCharFactions("v2 1").status().message().find("version") != std::string::npos);
  FactionWorld w;
  w.score = {-5, 7, 9000};
  w.pending = {1, 2, 3};
  w.dominant = kNature;
  w.dominance = v1::DOMINANCE_TOTAL;
  absl::StatusOr<FactionWorld> wb = DecodeFactionWorld(EncodeFactionWorld(w));
  REQUIRE(wb.ok());
  CHECK(wb->score == w.score);
  CHECK(wb->pending == w.pending);
  CHECK(wb->dominant == kNature);
  CHECK(wb->dominance == v1::DOMINANCE_TOTAL);
  CHECK(DecodeFactionWorld("v1 7 0 0 0 0 0 0 0 0 0 0").status().message().find("dominant") != std::string::npos);
}

TEST_CASE("erasing a player removes the faction standing of the account's characters", "[unit]") {
  Harness h;
  h.Batch(Kills(3, 150001, kZombie));
  h.Batch(Kills(3, 151001, kZombie));  // same account (2000001)
  h.Batch(Kills(3, 150002, kZombie));
  std::vector<uint32_t> chars = h.agent.CharactersOf(h.state, 2000001);
  std::sort(chars.begin(), chars.end());
  CHECK(chars == std::vector<uint32_t>{150001, 151001});
  CHECK(h.agent.ErasePlayer(h.state, 2000001, chars) == 2);
  CHECK_FALSE(FactionBook(h.state).FindChar("srv1", 150001).has_value());
  CHECK(FactionBook(h.state).FindChar("srv1", 150002).has_value());
  CHECK(h.agent.CharactersOf(h.state, 2000001).empty());
  INFO("the world alignment is nobody's personal data and stays");
  CHECK(h.World().pending[kRune] == 9);
}

TEST_CASE("faction agent declares its job and actions", "[unit]") {
  FactionAgent agent;
  REQUIRE(agent.jobs().size() == 1);
  CHECK(agent.jobs()[0].name() == "faction.alignment");
  CHECK(agent.jobs()[0].schedule().interval().every().seconds() == 300);
  CHECK(agent.name() == "faction");
  CHECK(agent.emitted_actions().size() == 2);
}
