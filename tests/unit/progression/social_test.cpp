// The Social agent: the reference's social event types and guild task templates with their
// numbers, social events in the busiest real towns of the snapshot, participation with minimum
// and maximum, rewards once each, guild tasks for the guilds seen in events (not a fixed 10),
// progress from members' events, the queries and erasure.
#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "data/catalogue.h"
#include "runtime/proto_time.h"
#include "services/agentkit/state_store.h"
#include "tests/support/agent_harness.h"
#include "services/progression/social/guild_registry.h"
#include "services/progression/social/social_agent.h"
#include "services/progression/social/social_book.h"
#include "services/progression/social/social_queries.h"
#include "services/progression/social/social_rules.h"

using namespace aiworld;
using namespace aiworld::progression;

namespace {

const GameCatalogue& Cat() { return GameCatalogue::BuiltIn(); }
const absl::Time kSeven = absl::FromUnixSeconds(1'767'250'800);  // 2026-01-01 07:00 UTC
const absl::Time kFour = absl::FromUnixSeconds(1'767'240'000);   // 2026-01-01 04:00 UTC

struct Harness : testing::AgentHarness<SocialAgent> {
  Harness() : AgentHarness("social", kSeven) { number_events = true; }

  std::vector<v1::Action> Job(const std::string& job, const std::string& seed = "slot") { return RunJob(job, seed); }
};

v1::RoutedEvent At(const std::string& map, uint32_t char_id, uint32_t guild_id = 0, uint32_t party_id = 0) {
  v1::RoutedEvent r;
  r.mutable_event()->set_map(map);
  r.mutable_event()->set_char_id(char_id);
  r.mutable_event()->set_guild_id(guild_id);
  r.mutable_event()->set_party_id(party_id);
  return r;
}

v1::RoutedEvent Arrive(const std::string& map, uint32_t char_id, uint32_t guild_id = 0, uint32_t party_id = 0) {
  v1::RoutedEvent r = At(map, char_id, guild_id, party_id);
  r.mutable_event()->mutable_map_change()->set_from_map("prt_fild08");
  return r;
}

v1::RoutedEvent Say(const std::string& map, uint32_t char_id, v1::ChatChannel channel = v1::CHAT_CHANNEL_GLOBAL) {
  v1::RoutedEvent r = At(map, char_id);
  r.mutable_event()->mutable_chat()->set_channel(channel);
  r.mutable_event()->mutable_chat()->set_text("la la la");
  return r;
}

v1::RoutedEvent Kill(uint32_t char_id, uint32_t guild_id, v1::BossType boss = v1::BOSS_TYPE_NONE) {
  v1::RoutedEvent r = At("prt_fild08", char_id, guild_id);
  r.mutable_event()->mutable_monster_killed()->set_mob_id(1002);
  r.mutable_event()->mutable_monster_killed()->set_boss_type(boss);
  return r;
}

std::vector<v1::Action> OfKind(const std::vector<v1::Action>& actions, v1::Action::KindCase kind) {
  std::vector<v1::Action> out;
  for (const v1::Action& a : actions) {
    if (a.kind_case() == kind) out.push_back(a);
  }
  return out;
}

void AddMap(v1::WorldSnapshot& w, const std::string& map, uint32_t players, uint32_t visits) {
  v1::MapActivity* m = w.add_maps();
  m->set_map(map);
  m->set_players_now(players);
  m->set_visits_today(visits);
}

// Six active towns (busiest first: prontera, geffen, payon, morocc, alberta, izlude) and a field.
v1::WorldSnapshot Towns() {
  v1::WorldSnapshot w;
  w.set_server_id("srv1");
  w.mutable_players()->set_online(120);
  AddMap(w, "prt_fild08", 90, 300);
  AddMap(w, "prontera", 50, 200);
  AddMap(w, "geffen", 20, 80);
  AddMap(w, "payon", 12, 60);
  AddMap(w, "morocc", 8, 40);
  AddMap(w, "alberta", 5, 30);
  AddMap(w, "izlude", 0, 4);
  return w;
}

// Puts one running social event of `type` in `map` straight into the agent's state.
v1::SocialEvent SeedEvent(agentkit::StateStore& state, v1::SocialEventType type, const std::string& map, absl::Time start) {
  SocialBook book(state);
  const SocialEventSpec& spec = SpecOf(type);
  v1::SocialEvent e;
  e.set_event_id(book.NextEventId("srv1"));
  e.set_server_id("srv1");
  e.set_type(type);
  e.mutable_at()->set_map(map);
  e.set_min_participants(spec.min_participants);
  e.set_max_participants(spec.max_participants);
  *e.mutable_reward() = spec.reward;
  e.set_title_reward(spec.title);
  e.set_status(v1::CONTENT_STATUS_ACTIVE);
  *e.mutable_starts_at() = ToProto(start);
  *e.mutable_ends_at() = ToProto(start + spec.duration);
  book.PutEvent(e);
  return e;
}

v1::GuildTask SeedTask(agentkit::StateStore& state, uint32_t guild, v1::GuildTaskType type, uint32_t target, absl::Time created) {
  SocialBook book(state);
  v1::GuildTask t;
  t.set_task_id(book.NextTaskId("srv1"));
  t.set_server_id("srv1");
  t.set_guild_id(guild);
  t.set_type(type);
  t.set_description(GuildTaskDescription(type, target));
  t.set_target(target);
  t.set_status(v1::CONTENT_STATUS_ACTIVE);
  *t.mutable_reward() = GuildTaskReward();
  t.set_guild_exp(kGuildTaskExp);
  *t.mutable_created_at() = ToProto(created);
  *t.mutable_expires_at() = ToProto(created + kGuildTaskLifetime);
  book.PutTask(t);
  return t;
}

}  // namespace

TEST_CASE("social event types keep the reference's sizes rewards buffs and durations", "[unit]") {
  const SocialEventSpec& picnic = SpecOf(v1::SOCIAL_EVENT_TYPE_PICNIC);
  CHECK(picnic.duration == absl::Hours(4));
  CHECK((picnic.min_participants == 2 && picnic.max_participants == 12));
  CHECK(picnic.buff_duration == absl::Minutes(60));
  REQUIRE(picnic.buff.size() == 3);
  for (const v1::StatModifier& m : picnic.buff) CHECK(m.add() == 5);
  const SocialEventSpec& dance = SpecOf(v1::SOCIAL_EVENT_TYPE_DANCE_CHALLENGE);
  CHECK(dance.duration == absl::Hours(2));
  CHECK((dance.reward.items(0).item_id() == 607 && dance.reward.items(0).amount() == 1));
  CHECK(dance.title == "Dancer");
  const SocialEventSpec& photo = SpecOf(v1::SOCIAL_EVENT_TYPE_PHOTO_SPOT);
  CHECK(photo.duration == absl::Hours(6));
  CHECK((photo.reward.items(0).item_id() == 610 && photo.reward.items(0).amount() == 2));
  CHECK(photo.title == "Photographer");
  const SocialEventSpec& gathering = SpecOf(v1::SOCIAL_EVENT_TYPE_COMMUNITY_GATHERING);
  CHECK(gathering.duration == absl::Hours(3));
  CHECK(gathering.min_participants == 5);
  CHECK(gathering.buff_duration == absl::Minutes(30));
  CHECK(gathering.buff.at(0).multiplier() == Approx(1.1));
  const SocialEventSpec& fair = SpecOf(v1::SOCIAL_EVENT_TYPE_TRADING_FAIR);
  CHECK(fair.duration == absl::Hours(5));
  CHECK((fair.reward.items(0).item_id() == 503 && fair.reward.items(0).amount() == 10));
  CHECK(fair.buff.at(0).multiplier() == Approx(1.1));
  CHECK(kDailySocialEvents == 5);
  for (const SocialEventSpec& s : SocialEventTypes()) {
    for (const v1::ItemStack& i : s.reward.items()) {
      INFO("item " << i.item_id() << " must be in the catalogue");
      CHECK(Cat().FindItem(i.item_id()) != nullptr);
    }
  }
}

TEST_CASE("guild task templates keep the reference's target ranges and reward", "[unit]") {
  CHECK((SpecOf(v1::GUILD_TASK_TYPE_COOPERATIVE_HUNTING).min_target == 50 && SpecOf(v1::GUILD_TASK_TYPE_COOPERATIVE_HUNTING).max_target == 200));
  CHECK((SpecOf(v1::GUILD_TASK_TYPE_RESOURCE_GATHERING).min_target == 20 && SpecOf(v1::GUILD_TASK_TYPE_RESOURCE_GATHERING).max_target == 100));
  CHECK((SpecOf(v1::GUILD_TASK_TYPE_GUILD_VS_GUILD).min_target == 1 && SpecOf(v1::GUILD_TASK_TYPE_GUILD_VS_GUILD).max_target == 5));
  CHECK((SpecOf(v1::GUILD_TASK_TYPE_BOSS_RAID).min_target == 1 && SpecOf(v1::GUILD_TASK_TYPE_BOSS_RAID).max_target == 3));
  CHECK((SpecOf(v1::GUILD_TASK_TYPE_EXPLORATION).min_target == 5 && SpecOf(v1::GUILD_TASK_TYPE_EXPLORATION).max_target == 15));
  const v1::RewardBundle r = GuildTaskReward();
  REQUIRE(r.items_size() == 1);
  CHECK((r.items(0).item_id() == 985 && r.items(0).amount() == 5));
  CHECK(kGuildTaskExp == 1000);
  CHECK(kTasksPerGuild == 3);
  CHECK(kGuildTaskLifetime == absl::Hours(24));
}

TEST_CASE("social events go to the 5 busiest real towns of the snapshot with 5 different types", "[unit]") {
  Harness h;
  h.world = Towns();
  const std::vector<v1::Action> actions = h.Job(kJobSocialEvents);
  const auto starts = OfKind(actions, v1::Action::kStartWorldEvent);
  REQUIRE(starts.size() == 5);
  CHECK(OfKind(actions, v1::Action::kBroadcast).size() == 5);
  std::set<std::string> maps, types;
  for (const v1::Action& a : starts) {
    const v1::StartWorldEvent& s = a.start_world_event();
    CHECK(s.npc_exname() == "AIW_Evt_Social");
    const MapInfo* map = Cat().FindMap(a.target().map());
    REQUIRE(map != nullptr);
    CHECK(map->kind == MapKind::kTown);
    maps.insert(a.target().map());
    types.insert(s.parameters().at("type"));
    bool known = false;
    for (const SocialEventSpec& spec : SocialEventTypes()) {
      if (spec.name == s.parameters().at("type")) {
        known = true;
        CHECK(FromProto(s.duration()) == spec.duration);
      }
    }
    CHECK(known);
    CHECK(a.cause().job().job() == "social.events");
  }
  CHECK(maps == std::set<std::string>{"prontera", "geffen", "payon", "morocc", "alberta"});
  CHECK(types.size() == 5);
  for (const v1::Action& b : OfKind(actions, v1::Action::kBroadcast)) {
    CHECK(b.broadcast().scope() == v1::BROADCAST_SCOPE_SERVER);
    CHECK(b.broadcast().text().rfind("[Social]", 0) == 0);
  }
}

TEST_CASE("fewer active towns than 5 give fewer social events and an empty world gives none", "[unit]") {
  Harness h;
  h.world.set_server_id("srv1");
  AddMap(h.world, "prontera", 3, 10);
  AddMap(h.world, "prt_fild08", 30, 100);
  AddMap(h.world, "geffen", 0, 0);  // no activity
  CHECK(OfKind(h.Job(kJobSocialEvents), v1::Action::kStartWorldEvent).size() == 1);
  Harness empty;
  CHECK(empty.Job(kJobSocialEvents).empty());
}

TEST_CASE("a community gathering pays nobody at 4 participants and all 5 at the fifth", "[unit]") {
  Harness h;
  SeedEvent(h.state, v1::SOCIAL_EVENT_TYPE_COMMUNITY_GATHERING, "prontera", kSeven);
  h.now = kSeven + absl::Minutes(10);
  std::vector<v1::RoutedEvent> four;
  for (uint32_t i = 0; i < 4; ++i) four.push_back(Arrive("prontera", 150000 + i));
  CHECK(h.Batch(four).empty());
  const std::vector<v1::Action> actions = h.Batch({Arrive("prontera", 150004)});
  const auto buffs = OfKind(actions, v1::Action::kApplyStatus);
  REQUIRE(buffs.size() == 5);
  for (const v1::Action& a : buffs) {
    CHECK(a.apply_status().status() == "SC_EXPBOOST");
    CHECK(a.apply_status().value1() == 10);
    CHECK(FromProto(a.apply_status().duration()) == absl::Minutes(30));
  }
  // The same players again: nobody is paid twice.
  CHECK(h.Batch({Arrive("prontera", 150000), Say("prontera", 150004)}).empty());
  CHECK(SocialBook(h.state).GetEvent("srv1", "social_1")->participants() == 5);
}

TEST_CASE("a picnic takes party members only and at most 12", "[unit]") {
  Harness h;
  SeedEvent(h.state, v1::SOCIAL_EVENT_TYPE_PICNIC, "payon", kSeven);
  h.now = kSeven + absl::Minutes(1);
  CHECK(h.Batch({Arrive("payon", 150100)}).empty());            // no party
  CHECK(h.Batch({Arrive("payon", 150101, 0, 7)}).empty());      // 1 of the minimum 2
  const auto paid = OfKind(h.Batch({Arrive("payon", 150102, 0, 7)}), v1::Action::kApplyStatus);
  CHECK(paid.size() == 4);  // SC_ATKPOTION and SC_MATKPOTION for both
  std::vector<v1::RoutedEvent> many;
  for (uint32_t i = 0; i < 20; ++i) many.push_back(Arrive("payon", 150200 + i, 0, 8));
  h.Batch(many);
  CHECK(SocialBook(h.state).GetEvent("srv1", "social_1")->participants() == 12);
}

TEST_CASE("a dance challenge counts public chat in its town while it runs and grants the Dancer title", "[unit]") {
  Harness h;
  SeedEvent(h.state, v1::SOCIAL_EVENT_TYPE_DANCE_CHALLENGE, "geffen", kSeven);
  h.now = kSeven + absl::Minutes(5);
  CHECK(h.Batch({Say("geffen", 150001, v1::CHAT_CHANNEL_PARTY)}).empty());
  CHECK(h.Batch({Say("prontera", 150001)}).empty());
  CHECK(h.Batch({Arrive("geffen", 150001)}).empty());
  const std::vector<v1::Action> actions = h.Batch({Say("geffen", 150001)});
  const auto rewards = OfKind(actions, v1::Action::kGiveReward);
  REQUIRE(rewards.size() == 1);
  CHECK(rewards[0].give_reward().reward().items(0).item_id() == 607);
  const auto titles = OfKind(actions, v1::Action::kSetCharVariable);
  REQUIRE(titles.size() == 1);
  CHECK(titles[0].set_char_variable().name() == "aiw_social_title");
  CHECK(titles[0].set_char_variable().string_value() == "Dancer");
  h.now = kSeven + absl::Hours(2);  // ended
  CHECK(h.Batch({Say("geffen", 150002)}).empty());
}

TEST_CASE("a trading fair counts trades and vending sales only", "[unit]") {
  Harness h;
  SeedEvent(h.state, v1::SOCIAL_EVENT_TYPE_TRADING_FAIR, "alberta", kSeven);
  h.now = kSeven + absl::Minutes(5);
  CHECK(h.Batch({Arrive("alberta", 150001)}).empty());
  v1::RoutedEvent trade = At("alberta", 150001);
  trade.mutable_event()->mutable_trade()->set_partner_char_id(150002);
  const auto rewards = OfKind(h.Batch({trade}), v1::Action::kGiveReward);
  REQUIRE(rewards.size() == 1);
  CHECK((rewards[0].give_reward().reward().items(0).item_id() == 503 && rewards[0].give_reward().reward().items(0).amount() == 10));
}

TEST_CASE("ended social events are completed when they reached their minimum and expired otherwise", "[unit]") {
  Harness h;
  SeedEvent(h.state, v1::SOCIAL_EVENT_TYPE_PHOTO_SPOT, "prontera", kSeven - absl::Hours(24));
  SeedEvent(h.state, v1::SOCIAL_EVENT_TYPE_COMMUNITY_GATHERING, "geffen", kSeven - absl::Hours(24));
  h.now = kSeven - absl::Hours(23);
  h.Batch({Arrive("prontera", 150001), Arrive("geffen", 150002)});
  h.now = kSeven;
  h.Job(kJobSocialEvents);
  CHECK(SocialBook(h.state).GetEvent("srv1", "social_1")->status() == v1::CONTENT_STATUS_COMPLETED);
  CHECK(SocialBook(h.state).GetEvent("srv1", "social_2")->status() == v1::CONTENT_STATUS_EXPIRED);
}

TEST_CASE("guild tasks go to the guilds seen in events - reference bug hard-coded 10 guilds", "[unit]") {
  Harness h;
  h.now = kFour - absl::Hours(3);
  v1::RoutedEvent created = At("prontera", 150001, 11);
  created.mutable_event()->mutable_guild_created()->set_guild_id(11);
  created.mutable_event()->mutable_guild_created()->set_guild_name("Valhalla");
  h.Batch({created, Kill(150002, 22)});
  h.now = kFour;
  const std::vector<v1::Action> actions = h.Job(kJobGuildTasks);
  CHECK(OfKind(actions, v1::Action::kBroadcast).size() == 1);
  const std::vector<v1::GuildTask> tasks = SocialBook(h.state).ActiveTasks("srv1");
  REQUIRE(tasks.size() == 6);  // 3 for each of the 2 guilds seen, not 10 guilds
  std::map<uint32_t, std::set<int>> types;
  for (const v1::GuildTask& t : tasks) {
    types[t.guild_id()].insert(t.type());
    const GuildTaskSpec& spec = SpecOf(t.type());
    INFO(spec.name << " target " << t.target());
    CHECK(t.target() >= spec.min_target);
    CHECK(t.target() <= spec.max_target);
    CHECK(FromProto(t.expires_at()) == kFour + absl::Hours(24));
    CHECK(t.guild_exp() == 1000);
  }
  CHECK(types[11].size() == 3);
  CHECK(types[22].size() == 3);
  CHECK(GuildRegistry(h.state).Get("srv1", 11)->name == "Valhalla");
  // The next day the tasks expire and the guilds, still seen within 7 days, get new ones.
  h.now = kFour + absl::Hours(24);
  h.Job(kJobGuildTasks);
  CHECK(SocialBook(h.state).ActiveTasks("srv1").size() == 6);
  CHECK(SocialBook(h.state).Tasks("srv1").size() == 12);
  // A guild unseen for more than 7 days gets none.
  h.now = kFour + absl::Hours(24 * 9);
  CHECK(h.Job(kJobGuildTasks).empty());
  CHECK(SocialBook(h.state).ActiveTasks("srv1").empty());
}

TEST_CASE("no guild seen means no guild task", "[unit]") {
  Harness h;
  h.now = kFour;
  CHECK(h.Job(kJobGuildTasks).empty());
}

TEST_CASE("cooperative hunting completes at its target and pays each member who helped once", "[unit]") {
  Harness h;
  SeedTask(h.state, 11, v1::GUILD_TASK_TYPE_COOPERATIVE_HUNTING, 50, kFour);
  h.now = kFour + absl::Hours(1);
  std::vector<v1::RoutedEvent> kills;
  for (uint32_t i = 0; i < 49; ++i) kills.push_back(Kill(150001 + i % 3, 11));
  kills.push_back(Kill(150009, 12));  // another guild's kill does not count
  CHECK(h.Batch(kills).empty());
  CHECK(SocialBook(h.state).GetTask("srv1", "gtask_1")->progress() == 49);
  const std::vector<v1::Action> actions = h.Batch({Kill(150004, 11), Kill(150005, 11)});
  const auto rewards = OfKind(actions, v1::Action::kGiveReward);
  std::set<uint32_t> paid;
  for (const v1::Action& a : rewards) {
    paid.insert(a.give_reward().char_id());
    CHECK((a.give_reward().reward().items(0).item_id() == 985 && a.give_reward().reward().items(0).amount() == 5));
  }
  CHECK(paid == std::set<uint32_t>{150001, 150002, 150003, 150004});
  CHECK(OfKind(actions, v1::Action::kBroadcast).size() == 1);
  const v1::GuildTask done = *SocialBook(h.state).GetTask("srv1", "gtask_1");
  CHECK(done.status() == v1::CONTENT_STATUS_COMPLETED);
  CHECK(done.progress() == 50);
}

TEST_CASE("guild versus guild counts kills of players of another guild by a known member", "[unit]") {
  Harness h;
  SeedTask(h.state, 11, v1::GUILD_TASK_TYPE_GUILD_VS_GUILD, 2, kFour);
  h.now = kFour + absl::Hours(1);
  h.Batch({Arrive("prontera", 150001, 11)});  // the killer is seen in guild 11
  auto pvp = [](uint32_t victim, uint32_t victim_guild, uint32_t killer) {
    v1::RoutedEvent r = At("guild_vs1", victim, victim_guild);
    r.mutable_event()->mutable_player_died()->set_killer_kind(v1::KILLER_KIND_PLAYER);
    r.mutable_event()->mutable_player_died()->set_killer_char_id(killer);
    return r;
  };
  h.Batch({pvp(150050, 11, 150001)});  // own guild
  CHECK(SocialBook(h.state).GetTask("srv1", "gtask_1")->progress() == 0);
  h.Batch({pvp(150051, 22, 150001)});
  CHECK(SocialBook(h.state).GetTask("srv1", "gtask_1")->progress() == 1);
  CHECK(OfKind(h.Batch({pvp(150052, 0, 150001)}), v1::Action::kGiveReward).size() == 1);
}

TEST_CASE("exploration counts each map once and boss raids count boss kills only", "[unit]") {
  Harness h;
  SeedTask(h.state, 11, v1::GUILD_TASK_TYPE_EXPLORATION, 5, kFour);
  SeedTask(h.state, 11, v1::GUILD_TASK_TYPE_BOSS_RAID, 2, kFour);
  h.now = kFour + absl::Hours(1);
  h.Batch({Arrive("prontera", 150001, 11), Arrive("prontera", 150002, 11), Arrive("geffen", 150001, 11)});
  CHECK(SocialBook(h.state).GetTask("srv1", "gtask_1")->progress() == 2);
  h.Batch({Kill(150001, 11), Kill(150001, 11, v1::BOSS_TYPE_MINIBOSS)});
  CHECK(SocialBook(h.state).GetTask("srv1", "gtask_2")->progress() == 1);
  h.Batch({Kill(150002, 11, v1::BOSS_TYPE_MVP)});
  CHECK(SocialBook(h.state).GetTask("srv1", "gtask_2")->status() == v1::CONTENT_STATUS_COMPLETED);
}

TEST_CASE("ListSocialEvents and ListGuildTasks list what runs newest first and check their fields", "[unit]") {
  Harness h;
  SeedEvent(h.state, v1::SOCIAL_EVENT_TYPE_DANCE_CHALLENGE, "geffen", kSeven);
  SeedEvent(h.state, v1::SOCIAL_EVENT_TYPE_PHOTO_SPOT, "prontera", kSeven + absl::Minutes(1));
  v1::ListSocialEventsRequest events;
  events.set_server_id("srv1");
  absl::StatusOr<v1::ListSocialEventsResponse> live = ListSocialEvents(h.state, events, kSeven + absl::Minutes(5));
  REQUIRE(live.ok());
  REQUIRE(live->events_size() == 2);
  CHECK(live->events(0).event_id() == "social_2");
  CHECK(ListSocialEvents(h.state, events, kSeven + absl::Hours(3))->events_size() == 1);  // the dance ended
  events.set_include_inactive(true);
  CHECK(ListSocialEvents(h.state, events, kSeven + absl::Hours(3))->events_size() == 2);
  events.set_server_id("");
  absl::StatusOr<v1::ListSocialEventsResponse> bad = ListSocialEvents(h.state, events, kSeven);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.status().code() == absl::StatusCode::kInvalidArgument);
  CHECK(std::string(bad.status().message()).find("server_id") != std::string::npos);

  SeedTask(h.state, 11, v1::GUILD_TASK_TYPE_BOSS_RAID, 2, kFour);
  SeedTask(h.state, 22, v1::GUILD_TASK_TYPE_EXPLORATION, 5, kFour);
  v1::ListGuildTasksRequest tasks;
  tasks.set_server_id("srv1");
  CHECK(ListGuildTasks(h.state, tasks, kFour + absl::Hours(1))->tasks_size() == 2);
  tasks.set_guild_id(22);
  absl::StatusOr<v1::ListGuildTasksResponse> mine = ListGuildTasks(h.state, tasks, kFour + absl::Hours(1));
  REQUIRE(mine.ok());
  REQUIRE(mine->tasks_size() == 1);
  CHECK(mine->tasks(0).guild_id() == 22);
  CHECK(ListGuildTasks(h.state, tasks, kFour + absl::Hours(24))->tasks_size() == 0);  // past its deadline
  tasks.mutable_page()->set_page_size(500);
  absl::StatusOr<v1::ListGuildTasksResponse> paged = ListGuildTasks(h.state, tasks, kFour);
  REQUIRE_FALSE(paged.ok());
  CHECK(std::string(paged.status().message()).find("page.page_size") != std::string::npos);
  tasks.mutable_page()->set_page_size(1);
  tasks.set_guild_id(0);
  absl::StatusOr<v1::ListGuildTasksResponse> first = ListGuildTasks(h.state, tasks, kFour + absl::Hours(1));
  REQUIRE(first.ok());
  CHECK(first->tasks(0).task_id() == "gtask_2");
  CHECK(first->next_page_token() == "1");
}

TEST_CASE("erasing a player removes their participation contributions and guild membership", "[unit]") {
  Harness h;
  SeedEvent(h.state, v1::SOCIAL_EVENT_TYPE_PHOTO_SPOT, "prontera", kSeven);
  SeedTask(h.state, 11, v1::GUILD_TASK_TYPE_COOPERATIVE_HUNTING, 100, kSeven);
  h.now = kSeven + absl::Minutes(1);
  h.Batch({Arrive("prontera", 150001, 11), Kill(150001, 11), Kill(150002, 11)});
  CHECK(h.agent.ErasePlayer(h.state, 2000001, {150001}) == 3);
  CHECK(GuildRegistry(h.state).GuildOf("srv1", 150001) == 0);
  CHECK(GuildRegistry(h.state).GuildOf("srv1", 150002) == 11);
  const std::vector<Contributor> left = SocialBook(h.state).Contributors("srv1", "gtask_1", 10);
  REQUIRE(left.size() == 1);
  CHECK(left[0].char_id == 150002);
}

TEST_CASE("social declares its daily jobs at 04:00 and 07:00", "[unit]") {
  SocialAgent agent;
  CHECK(agent.name() == "social");
  const std::vector<v1::JobSpec> jobs = agent.jobs();
  REQUIRE(jobs.size() == 2);
  CHECK(jobs[0].name() == "social.guild_tasks");
  CHECK(jobs[0].schedule().daily().hour() == 4);
  CHECK(jobs[1].name() == "social.events");
  CHECK(jobs[1].schedule().daily().hour() == 7);
}
