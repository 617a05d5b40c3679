#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "absl/strings/match.h"
#include "runtime/proto_time.h"
#include "runtime/random.h"
#include "services/agentkit/state_store.h"
#include "services/core/world/world_agent.h"
#include "services/core/world/world_conditions.h"
#include "services/core/world/world_query.h"
#include "services/core/world/world_snapshot.h"
#include "services/core/world/world_state_codec.h"

using namespace aiworld;
using namespace aiworld::core::world;

namespace {

const std::string kServer = "srv1";

// 2023-11-15 at hh:mm UTC (day 0 of the tests); At(24 + h, m) is the next day.
absl::Time At(int hour, int minute = 0) {
  return absl::FromCivil(absl::CivilMinute(2023, 11, 15, 0, 0), absl::UTCTimeZone()) + absl::Hours(hour) + absl::Minutes(minute);
}

v1::GameEvent Envelope(uint32_t char_id, const std::string& map, uint32_t level = 50, uint32_t job = 7) {
  v1::GameEvent e;
  e.set_server_id(kServer);
  e.set_char_id(char_id);
  e.set_account_id(char_id == 0 ? 0 : 2000000 + char_id);
  e.set_map(map);
  e.set_base_level(char_id == 0 ? 0 : level);
  e.set_job_id(job);
  return e;
}

v1::GameEvent Login(uint32_t char_id, const std::string& map, uint32_t level = 50, uint32_t job = 7, uint32_t zeny = 0,
                    bool autotrade = false) {
  v1::GameEvent e = Envelope(char_id, map, level, job);
  e.mutable_login()->set_zeny(zeny);
  e.mutable_login()->set_autotrade(autotrade);
  return e;
}

v1::GameEvent Logout(uint32_t char_id, const std::string& map, v1::LogoutReason reason = v1::LOGOUT_REASON_QUIT) {
  v1::GameEvent e = Envelope(char_id, map);
  e.mutable_logout()->set_reason(reason);
  return e;
}

v1::GameEvent MapChange(uint32_t char_id, const std::string& from, const std::string& to) {
  v1::GameEvent e = Envelope(char_id, to);
  e.mutable_map_change()->set_from_map(from);
  return e;
}

v1::GameEvent Kill(uint32_t char_id, const std::string& map, int32_t mob_id, v1::BossType boss = v1::BOSS_TYPE_NONE) {
  v1::GameEvent e = Envelope(char_id, map);
  e.mutable_monster_killed()->set_mob_id(mob_id);
  e.mutable_monster_killed()->set_boss_type(boss);
  return e;
}

v1::GameEvent Died(uint32_t char_id, const std::string& map, v1::KillerKind killer) {
  v1::GameEvent e = Envelope(char_id, map);
  e.mutable_player_died()->set_killer_kind(killer);
  return e;
}

v1::GameEvent Trade(uint32_t char_id, uint32_t partner, uint32_t given, uint32_t received) {
  v1::GameEvent e = Envelope(char_id, "prontera");
  e.mutable_trade()->set_partner_char_id(partner);
  e.mutable_trade()->set_zeny_given(given);
  e.mutable_trade()->set_zeny_received(received);
  return e;
}

v1::GameEvent Vend(uint32_t buyer, uint32_t vendor, uint32_t item_id, uint32_t amount, uint32_t unit_price) {
  v1::GameEvent e = Envelope(buyer, "prontera");
  v1::VendingSale* s = e.mutable_vending_sale();
  s->set_vendor_char_id(vendor);
  v1::TradedItem* item = s->add_items();
  item->set_item_id(item_id);
  item->set_amount(amount);
  item->set_unit_price(unit_price);
  s->set_total_zeny(amount * unit_price);
  s->set_vendor_zeny(amount * unit_price);
  return e;
}

v1::GameEvent Shop(uint32_t char_id, v1::ShopDirection direction, uint32_t total) {
  v1::GameEvent e = Envelope(char_id, "prontera");
  e.mutable_npc_shop_trade()->set_direction(direction);
  e.mutable_npc_shop_trade()->set_total_zeny(total);
  return e;
}

v1::GameEvent LevelUp(uint32_t char_id, const std::string& map, uint32_t new_level, uint32_t job = 7) {
  v1::GameEvent e = Envelope(char_id, map, new_level, job);
  e.mutable_level_up()->set_kind(v1::LEVEL_KIND_BASE);
  e.mutable_level_up()->set_old_level(new_level - 1);
  e.mutable_level_up()->set_new_level(new_level);
  return e;
}

v1::GameEvent Status(v1::ServerPhase phase, uint32_t online) {
  v1::GameEvent e = Envelope(0, "");
  e.mutable_server_status()->set_phase(phase);
  e.mutable_server_status()->set_online_players(online);
  return e;
}

// One World agent over one memory state store, fed batch by batch as the group server does: a
// fresh context per batch, now = the batch's time.
struct World {
  agentkit::MemoryStateStore state;
  WorldAgent agent;
  uint64_t sequence = 0;

  void Feed(absl::Time now, std::vector<v1::GameEvent> events, const v1::WorldSnapshot* carried = nullptr) {
    ++sequence;
    std::vector<v1::RoutedEvent> routed;
    for (size_t i = 0; i < events.size(); ++i) {
      v1::RoutedEvent r;
      r.set_index(static_cast<uint32_t>(i));
      *r.mutable_event() = events[i];
      r.mutable_event()->set_event_id(sequence * 1000 + i);
      *r.mutable_event()->mutable_occurred_at() = ToProto(now);
      routed.push_back(std::move(r));
    }
    std::vector<const v1::RoutedEvent*> view;
    for (const auto& r : routed) view.push_back(&r);
    SeededRandom random = SeededRandom::FromKeys({kServer, std::to_string(sequence), "world"});
    v1::WorldSnapshot empty;
    agentkit::AgentContext ctx;
    ctx.server_id = kServer;
    ctx.batch_sequence = sequence;
    ctx.now = now;
    ctx.world = carried != nullptr ? carried : &empty;
    ctx.random = &random;
    ctx.state = &state;
    ctx.agent = "world";
    std::vector<v1::Action> actions;
    const absl::Status s = agent.HandleEvents(ctx, view, &actions);
    INFO(s.ToString());
    REQUIRE(s.ok());
    CHECK(actions.empty());
  }

  v1::WorldSnapshot Snapshot(absl::Time now) {
    absl::StatusOr<v1::WorldSnapshot> snapshot = BuildWorldSnapshot(state, kServer, now);
    INFO(snapshot.status().ToString());
    REQUIRE(snapshot.ok());
    return *snapshot;
  }
};

const v1::MapActivity* FindMap(const v1::WorldSnapshot& s, const std::string& map) {
  for (const auto& m : s.maps()) {
    if (m.map() == map) return &m;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("world agent declares its subscriptions and emits no actions", "[unit]") {
  WorldAgent agent;
  CHECK(agent.name() == "world");
  CHECK(agent.emitted_actions().empty());
  CHECK(agent.jobs().empty());
  const auto kinds = agent.subscriptions();
  for (v1::EventKind k : {v1::EVENT_KIND_LOGIN, v1::EVENT_KIND_LOGOUT, v1::EVENT_KIND_MAP_CHANGE, v1::EVENT_KIND_MONSTER_KILLED,
                          v1::EVENT_KIND_PLAYER_DIED, v1::EVENT_KIND_TRADE, v1::EVENT_KIND_VENDING_SALE,
                          v1::EVENT_KIND_NPC_SHOP_TRADE, v1::EVENT_KIND_LEVEL_UP, v1::EVENT_KIND_JOB_CHANGE,
                          v1::EVENT_KIND_SERVER_STATUS}) {
    INFO("expected a subscription to event kind " << v1::EventKind_Name(k));
    CHECK(std::find(kinds.begin(), kinds.end(), k) != kinds.end());
  }
}

TEST_CASE("online count peak and unique characters follow logins and logouts", "[unit]") {
  World w;
  w.Feed(At(10), {Login(150001, "prontera", 10), Login(150002, "prontera", 30), Login(150003, "prt_fild08", 99, 7, 0, true)});
  w.Feed(At(10, 5), {Logout(150001, "prontera")});
  const v1::WorldSnapshot s = w.Snapshot(At(10, 10));
  CHECK(s.server_id() == kServer);
  CHECK(s.last_batch_sequence() == 2);
  CHECK(s.players().online() == 2);
  CHECK(s.players().autotraders() == 1);
  CHECK(s.players().peak_online_today() == 3);
  CHECK(s.players().unique_chars_today() == 3);
  INFO("the autotrader (level 99) is left out of the average: only 150002 at level 30 counts");
  CHECK(s.players().average_base_level() == Approx(30.0));

  w.Feed(At(10, 20), {Logout(150002, "prontera"), Logout(150003, "prt_fild08")});
  const v1::WorldSnapshot empty = w.Snapshot(At(10, 30));
  CHECK(empty.players().online() == 0);
  CHECK(empty.players().average_base_level() == 0.0);
  CHECK(empty.players().peak_online_today() == 3);
  CHECK(empty.players().unique_chars_today() == 3);

  INFO("a new day starts its peak from who is online and forgets yesterday's characters");
  w.Feed(At(24 + 1), {Login(150004, "prontera")});
  const v1::WorldSnapshot next_day = w.Snapshot(At(24 + 2));
  CHECK(next_day.players().peak_online_today() == 1);
  CHECK(next_day.players().unique_chars_today() == 1);
}

TEST_CASE("an autotrade logout keeps the vendor online as an autotrader", "[unit]") {
  World w;
  w.Feed(At(9), {Login(150001, "prontera", 60), Login(150002, "prontera", 40)});
  w.Feed(At(9, 1), {Logout(150001, "prontera", v1::LOGOUT_REASON_AUTOTRADE)});
  const v1::WorldSnapshot s = w.Snapshot(At(9, 2));
  CHECK(s.players().online() == 2);
  CHECK(s.players().autotraders() == 1);
  CHECK(s.players().average_base_level() == Approx(40.0));
  REQUIRE(FindMap(s, "prontera") != nullptr);
  CHECK(FindMap(s, "prontera")->players_now() == 2);
}

TEST_CASE("level buckets of ten and jobs most common first", "[unit]") {
  World w;
  w.Feed(At(8), {Login(150001, "prontera", 1, 0), Login(150002, "prontera", 10, 4), Login(150003, "prontera", 11, 4),
                 Login(150004, "prontera", 20, 7), Login(150005, "prontera", 99, 4008)});
  v1::WorldSnapshot s = w.Snapshot(At(8, 1));
  REQUIRE(s.players().levels_size() == 3);
  CHECK(s.players().levels(0).min_level() == 1);
  CHECK(s.players().levels(0).max_level() == 10);
  CHECK(s.players().levels(0).players() == 2);
  CHECK(s.players().levels(1).min_level() == 11);
  CHECK(s.players().levels(1).max_level() == 20);
  CHECK(s.players().levels(1).players() == 2);
  CHECK(s.players().levels(2).min_level() == 91);
  CHECK(s.players().levels(2).max_level() == 100);
  CHECK(s.players().levels(2).players() == 1);
  REQUIRE(s.players().jobs_size() == 4);
  CHECK(s.players().jobs(0).job_id() == 4);
  CHECK(s.players().jobs(0).players() == 2);
  INFO("ties keep ascending job ids: 0, 7, 4008");
  CHECK(s.players().jobs(1).job_id() == 0);
  CHECK(s.players().jobs(2).job_id() == 7);
  CHECK(s.players().jobs(3).job_id() == 4008);

  INFO("level 20 -> 21 moves a character from 11-20 to 21-30; a job change moves it between jobs");
  w.Feed(At(8, 5), {LevelUp(150004, "prontera", 21, 7)});
  v1::GameEvent change = Envelope(150001, "prontera", 1, 1);
  change.mutable_job_change()->set_old_job_id(0);
  change.mutable_job_change()->set_new_job_id(1);
  w.Feed(At(8, 6), {change});
  s = w.Snapshot(At(8, 7));
  REQUIRE(s.players().levels_size() == 4);
  CHECK(s.players().levels(1).players() == 1);
  CHECK(s.players().levels(2).min_level() == 21);
  CHECK(s.players().levels(2).players() == 1);
  bool novice_left = true;
  for (const auto& j : s.players().jobs()) novice_left = novice_left && j.job_id() != 0;
  CHECK(novice_left);
}

TEST_CASE("map visits kills and deaths roll over by the hour of ctx.now", "[unit]") {
  World w;
  w.Feed(At(10, 30), {Login(150001, "prontera"), MapChange(150001, "prontera", "prt_fild08"), Kill(150001, "prt_fild08", 1002),
                      Kill(150001, "prt_fild08", 1002), Kill(150001, "prt_fild08", 1002), Kill(150001, "prt_fild08", 1002),
                      Died(150001, "prt_fild08", v1::KILLER_KIND_MONSTER)});
  const v1::MapActivity* m = nullptr;

  v1::WorldSnapshot s = w.Snapshot(At(10, 45));
  REQUIRE((m = FindMap(s, "prt_fild08")) != nullptr);
  CHECK(m->players_now() == 1);
  CHECK(m->visits_last_hour() == 1);
  CHECK(m->kills_last_hour() == 4);
  CHECK(m->deaths_last_hour() == 1);
  CHECK(m->kills_today() == 4);
  REQUIRE((m = FindMap(s, "prontera")) != nullptr);
  CHECK(m->visits_today() == 1);
  CHECK(m->players_now() == 0);

  INFO("at 11:15 the 10:00 hour still counts for 3/4: 4 kills -> 3");
  s = w.Snapshot(At(11, 15));
  REQUIRE((m = FindMap(s, "prt_fild08")) != nullptr);
  CHECK(m->kills_last_hour() == 3);
  CHECK(m->kills_today() == 4);

  INFO("a batch at 11:10 adds 2 kills to the 11:00 hour; at 11:30 it is 2 + 4/2 = 4");
  w.Feed(At(11, 10), {Kill(150001, "prt_fild08", 1002), Kill(150001, "prt_fild08", 1002)});
  s = w.Snapshot(At(11, 30));
  REQUIRE((m = FindMap(s, "prt_fild08")) != nullptr);
  CHECK(m->kills_last_hour() == 4);
  CHECK(m->kills_today() == 6);
  CHECK(s.combat_last_hour().monster_kills() == 4);
  CHECK(s.combat_today().monster_kills() == 6);

  INFO("at 12:00 the 10:00 hour is gone and the 11:00 hour counts fully");
  s = w.Snapshot(At(12));
  REQUIRE((m = FindMap(s, "prt_fild08")) != nullptr);
  CHECK(m->kills_last_hour() == 2);
  CHECK(m->deaths_last_hour() == 0);
  CHECK(s.combat_last_hour().player_deaths() == 0);
  CHECK(s.combat_today().player_deaths() == 1);

  INFO("the next day the map keeps only its player; today's counts start again");
  s = w.Snapshot(At(24 + 0, 30));
  REQUIRE((m = FindMap(s, "prt_fild08")) != nullptr);
  CHECK(m->players_now() == 1);
  CHECK(m->kills_today() == 0);
  CHECK(m->kills_last_hour() == 0);
  CHECK(FindMap(s, "prontera") == nullptr);
  CHECK(s.combat_today().monster_kills() == 0);
}

TEST_CASE("maps carry catalogue themes and sort by players then visits", "[unit]") {
  World w;
  w.Feed(At(12), {Login(150001, "prontera"), Login(150002, "prontera"), Login(150003, "prt_fild08"),
                  MapChange(150003, "prt_fild08", "pay_dun00"), MapChange(150003, "pay_dun00", "prt_fild08"),
                  Login(150004, "unknownmap")});
  const v1::WorldSnapshot s = w.Snapshot(At(12, 1));
  REQUIRE(s.maps_size() == 4);
  CHECK(s.maps(0).map() == "prontera");
  CHECK(s.maps(1).map() == "prt_fild08");
  CHECK(s.maps(2).map() == "unknownmap");
  CHECK(s.maps(3).map() == "pay_dun00");
  CHECK(std::vector<std::string>(s.maps(0).themes().begin(), s.maps(0).themes().end()) == std::vector<std::string>{"town", "city"});
  CHECK(std::vector<std::string>(s.maps(1).themes().begin(), s.maps(1).themes().end()) ==
        std::vector<std::string>{"field", "grassland"});
  CHECK(std::vector<std::string>(s.maps(3).themes().begin(), s.maps(3).themes().end()) ==
        std::vector<std::string>{"dungeon", "undead"});
  CHECK(s.maps(2).themes().empty());
}

TEST_CASE("mvp kills per mob with last hour today and last kill time", "[unit]") {
  World w;
  w.Feed(At(20, 10), {Kill(150001, "prt_maze03", 1039, v1::BOSS_TYPE_MVP)});
  w.Feed(At(21, 40), {Kill(150002, "prt_maze03", 1039, v1::BOSS_TYPE_MVP),
                      // boss type left unspecified: the catalogue knows Osiris (1038) is an MVP
                      Kill(150001, "moc_pryd04", 1038, v1::BOSS_TYPE_UNSPECIFIED),
                      Kill(150001, "prt_fild08", 1096, v1::BOSS_TYPE_MINIBOSS), Kill(150001, "prt_fild08", 1002)});
  const v1::WorldSnapshot s = w.Snapshot(At(21, 50));
  REQUIRE(s.mvp_kills_size() == 2);
  CHECK(s.mvp_kills(0).mob_id() == 1039);
  CHECK(s.mvp_kills(0).kills_today() == 2);
  INFO("the 20:10 kill is in the 20:00 hour, weighted 1/6 at 21:50: 1 + round(1/6) = 1");
  CHECK(s.mvp_kills(0).kills_last_hour() == 1);
  CHECK(FromProto(s.mvp_kills(0).last_killed_at()) == At(21, 40));
  CHECK(s.mvp_kills(1).mob_id() == 1038);
  CHECK(s.mvp_kills(1).kills_today() == 1);
  CHECK(s.combat_today().monster_kills() == 5);
  CHECK(s.combat_today().mvp_kills() == 3);
  CHECK(s.combat_today().miniboss_kills() == 1);
  REQUIRE(FindMap(s, "prt_maze03") != nullptr);
  CHECK(FindMap(s, "prt_maze03")->mvp_kills_today() == 2);

  const v1::WorldSnapshot next_day = w.Snapshot(At(24 + 3));
  CHECK(next_day.mvp_kills().empty());
  CHECK(next_day.combat_today().mvp_kills() == 0);
}

TEST_CASE("zeny flow from trades vending and npc shops with zeny on hand", "[unit]") {
  World w;
  w.Feed(At(15), {Login(150001, "prontera", 50, 7, 10000), Login(150002, "prontera", 50, 7, 20000),
                  Trade(150001, 150002, 1000, 500), Vend(150001, 150002, 909, 10, 300), Shop(150001, v1::SHOP_DIRECTION_BUY, 200),
                  Shop(150002, v1::SHOP_DIRECTION_SELL, 100)});
  const v1::WorldSnapshot s = w.Snapshot(At(15, 30));
  const v1::ZenyFlow& z = s.zeny_today();
  CHECK(z.trades() == 1);
  CHECK(z.trade_zeny() == 1500);
  CHECK(z.vending_sales() == 1);
  CHECK(z.vending_zeny() == 3000);
  CHECK(z.shop_buy_zeny() == 200);
  CHECK(z.shop_sell_zeny() == 100);
  CHECK(z.reward_zeny() == 0);
  CHECK(s.zeny_last_hour().SerializeAsString() == z.SerializeAsString());
  INFO("150001: 10000 - 1000 + 500 - 3000 - 200 = 6300; 150002: 20000 + 1000 - 500 + 3000 + 100 = 23600");
  CHECK(s.economy().zeny_on_hand_online() == 29900);
  CHECK(s.economy().zeny_per_capita() == 14950);
  CHECK(s.economy().trade_volume_24h() == 4500);

  INFO("the 24 h trade volume keeps yesterday's afternoon until it is 24 h old");
  CHECK(w.Snapshot(At(24 + 14)).economy().trade_volume_24h() == 4500);
  CHECK(w.Snapshot(At(24 + 14)).zeny_today().trade_zeny() == 0);
  CHECK(w.Snapshot(At(24 + 16)).economy().trade_volume_24h() == 0);
}

TEST_CASE("economy classifier at the reference thresholds", "[unit]") {
  auto is = [](double inflation, int64_t volume, v1::EconomyCondition c, double score) {
    const EconomyClass e = ClassifyEconomy(inflation, volume);
    INFO("inflation " << inflation << " volume " << volume << ": expected " << v1::EconomyCondition_Name(c) << " " << score
                      << ", got " << v1::EconomyCondition_Name(e.condition) << " " << e.score);
    CHECK(e.condition == c);
    CHECK(e.score == score);
  };
  is(0.0, 500001, v1::ECONOMY_CONDITION_THRIVING, 0.9);
  is(0.04999, 500001, v1::ECONOMY_CONDITION_THRIVING, 0.9);
  is(0.05, 500001, v1::ECONOMY_CONDITION_STABLE, 0.7);
  is(0.0, 500000, v1::ECONOMY_CONDITION_STABLE, 0.7);
  is(0.09999, 100001, v1::ECONOMY_CONDITION_STABLE, 0.7);
  is(0.10, 100001, v1::ECONOMY_CONDITION_STRUGGLING, 0.4);
  is(0.0, 100000, v1::ECONOMY_CONDITION_STRUGGLING, 0.4);
  is(0.19999, 0, v1::ECONOMY_CONDITION_STRUGGLING, 0.4);
  is(0.20, 10000000, v1::ECONOMY_CONDITION_CRISIS, 0.2);
}

TEST_CASE("politics classifier at the reference thresholds", "[unit]") {
  CHECK(ClassifyPolitics(0.0) == v1::POLITICS_CONDITION_PEACEFUL);
  CHECK(ClassifyPolitics(0.19999) == v1::POLITICS_CONDITION_PEACEFUL);
  CHECK(ClassifyPolitics(0.2) == v1::POLITICS_CONDITION_TENSE);
  CHECK(ClassifyPolitics(0.49999) == v1::POLITICS_CONDITION_TENSE);
  CHECK(ClassifyPolitics(0.5) == v1::POLITICS_CONDITION_CONFLICT);
  CHECK(ClassifyPolitics(0.79999) == v1::POLITICS_CONDITION_CONFLICT);
  CHECK(ClassifyPolitics(0.8) == v1::POLITICS_CONDITION_WAR);
  CHECK(ClassifyPolitics(1.0) == v1::POLITICS_CONDITION_WAR);
}

TEST_CASE("environment classifier at the reference thresholds and time of day", "[unit]") {
  CHECK(ClassifyEnvironment(0, v1::WEATHER_CLEAR) == v1::ENVIRONMENT_CONDITION_FAVORABLE);
  CHECK(ClassifyEnvironment(0, v1::WEATHER_RAIN) == v1::ENVIRONMENT_CONDITION_NORMAL);
  CHECK(ClassifyEnvironment(0, v1::WEATHER_UNSPECIFIED) == v1::ENVIRONMENT_CONDITION_NORMAL);
  CHECK(ClassifyEnvironment(1, v1::WEATHER_CLEAR) == v1::ENVIRONMENT_CONDITION_CHALLENGING);
  CHECK(ClassifyEnvironment(2, v1::WEATHER_STORM) == v1::ENVIRONMENT_CONDITION_CHALLENGING);
  CHECK(ClassifyEnvironment(3, v1::WEATHER_CLEAR) == v1::ENVIRONMENT_CONDITION_HAZARDOUS);
  CHECK(TimeOfDayAt(At(4, 59)) == v1::TIME_OF_DAY_NIGHT);
  CHECK(TimeOfDayAt(At(5)) == v1::TIME_OF_DAY_DAWN);
  CHECK(TimeOfDayAt(At(6, 59)) == v1::TIME_OF_DAY_DAWN);
  CHECK(TimeOfDayAt(At(7)) == v1::TIME_OF_DAY_DAY);
  CHECK(TimeOfDayAt(At(17, 59)) == v1::TIME_OF_DAY_DAY);
  CHECK(TimeOfDayAt(At(18)) == v1::TIME_OF_DAY_DUSK);
  CHECK(TimeOfDayAt(At(19, 59)) == v1::TIME_OF_DAY_DUSK);
  CHECK(TimeOfDayAt(At(20)) == v1::TIME_OF_DAY_NIGHT);
}

TEST_CASE("price inflation and conflict level definitions", "[unit]") {
  std::map<uint32_t, ItemSales> yesterday{{909, {10, 1000}}, {512, {1, 50}}};
  std::map<uint32_t, ItemSales> today{{909, {20, 2100}}, {1201, {1, 99999}}};
  INFO("909 went from 100 to 105 a unit; 512 and 1201 were not sold on both days");
  CHECK(PriceInflation(today, yesterday) == Approx(0.05));
  CHECK(PriceInflation(today, {}) == 0.0);
  CHECK(PriceInflation({{909, {1, 100000}}}, {{909, {1, 1}}}) == 10.0);
  CHECK(ConflictLevel(0, 100) == 0.0);
  CHECK(ConflictLevel(2, 2) == Approx(2.0 / 12.0));
  CHECK(ConflictLevel(40, 40) == Approx(0.8));
  CHECK(ConflictLevel(40, 0) == Approx(0.8));
}

TEST_CASE("snapshot derives economy politics and environment from real events", "[unit]") {
  World w;
  INFO("nothing seen yet: every condition UNSPECIFIED");
  v1::WorldSnapshot s = w.Snapshot(At(1));
  CHECK(s.economy().condition() == v1::ECONOMY_CONDITION_UNSPECIFIED);
  CHECK(s.politics().condition() == v1::POLITICS_CONDITION_UNSPECIFIED);
  CHECK(s.environment().condition() == v1::ENVIRONMENT_CONDITION_UNSPECIFIED);

  // Yesterday Jellopy (909) sold at 100 a unit; today at 110: inflation 10%. Trades move 150k.
  w.Feed(At(-2), {Vend(150001, 150002, 909, 10, 100)});
  std::vector<v1::GameEvent> today = {Vend(150001, 150002, 909, 10, 110), Trade(150001, 150002, 75000, 75000)};
  for (int i = 0; i < 39; ++i) today.push_back(Died(150003, "pvp_y_1-2", v1::KILLER_KIND_PLAYER));
  v1::WorldSnapshot carried;
  carried.set_server_id(kServer);
  carried.mutable_environment()->set_weather(v1::WEATHER_CLEAR);
  carried.mutable_factions()->set_dominant_faction("rune_alliance");
  carried.mutable_active()->set_problems(2);
  w.Feed(At(9), today, &carried);
  s = w.Snapshot(At(9, 30));
  CHECK(s.economy().inflation_rate() == Approx(0.10));
  CHECK(s.economy().trade_volume_24h() == 150000 + 1100 + 1000);
  INFO("inflation exactly 10% is not < 10%: struggling 0.4, not stable");
  CHECK(s.economy().condition() == v1::ECONOMY_CONDITION_STRUGGLING);
  CHECK(s.economy().score() == 0.4);
  INFO("39 PvP deaths of 39: 39 / 49 = 0.796 -> conflict; one more -> 40 / 50 = 0.8 -> war");
  CHECK(s.politics().conflict_level() == Approx(39.0 / 49.0));
  CHECK(s.politics().condition() == v1::POLITICS_CONDITION_CONFLICT);
  CHECK(s.environment().weather() == v1::WEATHER_CLEAR);
  CHECK(s.environment().condition() == v1::ENVIRONMENT_CONDITION_FAVORABLE);
  CHECK(s.environment().time_of_day() == v1::TIME_OF_DAY_DAY);
  CHECK(s.factions().dominant_faction() == "rune_alliance");
  CHECK(s.active().problems() == 2);

  carried.mutable_environment()->set_negative_hazards(3);
  w.Feed(At(9, 40), {Died(150003, "pvp_y_1-2", v1::KILLER_KIND_PLAYER)}, &carried);
  s = w.Snapshot(At(9, 45));
  CHECK(s.politics().conflict_level() == Approx(0.8));
  CHECK(s.politics().condition() == v1::POLITICS_CONDITION_WAR);
  CHECK(s.environment().negative_hazards() == 3);
  CHECK(s.environment().condition() == v1::ENVIRONMENT_CONDITION_HAZARDOUS);
  CHECK(s.combat_today().pvp_kills() == 40);
}

TEST_CASE("server status re-bases the online set", "[unit]") {
  World w;
  w.Feed(At(6), {Login(150001, "prontera"), Login(150002, "prontera"), Login(150003, "prontera")});
  w.Feed(At(6, 30), {LevelUp(150001, "prontera", 51), LevelUp(150003, "prontera", 51)});
  INFO("the server reports 2 online: 150002, idle the longest, is the lost session");
  w.Feed(At(6, 31), {Status(v1::SERVER_PHASE_RUNNING, 2)});
  CHECK(w.Snapshot(At(6, 32)).players().online() == 2);
  CHECK(w.state.Get(OnlineKey(kServer))->find(" 150002 ") == std::string::npos);
  w.Feed(At(6, 40), {Status(v1::SERVER_PHASE_STARTED, 0)});
  CHECK(w.Snapshot(At(6, 41)).players().online() == 0);
  CHECK(w.Snapshot(At(6, 41)).players().peak_online_today() == 3);
}

TEST_CASE("state stays a few keys per server and bounded as hours pass", "[unit]") {
  World w;
  for (int h = 0; h < 40; ++h) w.Feed(At(h), {Login(150001, "prontera"), Kill(150001, "prt_fild08", 1002)});
  CHECK(w.state.size() == 4);  // online, chars, day, activity
  ServerWorldState state = *LoadWorldState(w.state, kServer);
  CHECK(state.hours.size() == kHourBuckets);
  CHECK(state.hours.front().hour == HourIndex(At(39)) - 24);
  CHECK(w.Snapshot(At(39, 30)).combat_today().monster_kills() == 16);  // 00:00..15:00 of day 2

  std::vector<v1::GameEvent> visits;
  for (size_t i = 0; i < kMaxMaps + 100; ++i) visits.push_back(MapChange(150001, "prontera", "m" + std::to_string(i)));
  w.Feed(At(40), visits);
  state = *LoadWorldState(w.state, kServer);
  CHECK(state.maps.size() == kMaxMaps);
  CHECK(w.Snapshot(At(40, 1)).maps_size() <= static_cast<int>(kMaxMaps));
}

namespace {
// Counts the writes of each key.
class CountingStore final : public agentkit::StateStore {
 public:
  std::optional<std::string> Get(const std::string& key) override { return inner.Get(key); }
  void Put(const std::string& key, const std::string& value) override {
    ++puts[key];
    inner.Put(key, value);
  }
  void Erase(const std::string& key) override { inner.Erase(key); }
  std::vector<std::pair<std::string, std::string>> Scan(const std::string& prefix) override { return inner.Scan(prefix); }
  agentkit::MemoryStateStore inner;
  std::map<std::string, int> puts;
};
}  // namespace

TEST_CASE("a batch writes only the state keys whose text changed", "[unit]") {
  World w;
  w.Feed(At(2), {Login(150001, "prt_fild08")});
  CountingStore counting;
  for (const auto& [key, value] : w.state.Scan("")) counting.inner.Put(key, value);
  SeededRandom random(1);
  agentkit::AgentContext ctx;
  ctx.server_id = kServer;
  ctx.batch_sequence = 2;
  ctx.now = At(2);
  ctx.random = &random;
  ctx.state = &counting;
  v1::RoutedEvent kill;
  *kill.mutable_event() = Kill(150001, "prt_fild08", 1002);
  std::vector<v1::Action> actions;
  REQUIRE(WorldAgent().HandleEvents(ctx, {&kill}, &actions).ok());
  INFO("a kill by a character already online in the same second changes only the activity counts");
  CHECK(counting.puts == std::map<std::string, int>{{ActivityKey(kServer), 1}});
}

TEST_CASE("state encoding round-trips and unreadable state is data loss naming the key", "[unit]") {
  World w;
  w.Feed(At(3), {Login(150001, "prontera", 12, 1, 500), Kill(150001, "prontera", 1039, v1::BOSS_TYPE_MVP),
                 Vend(150001, 150002, 909, 2, 10), Died(150001, "prontera", v1::KILLER_KIND_PLAYER)});
  const ServerWorldState state = *LoadWorldState(w.state, kServer);
  ServerWorldState again;
  REQUIRE(DecodeOnline(EncodeOnline(state), &again).ok());
  REQUIRE(DecodeChars(EncodeChars(state), &again).ok());
  REQUIRE(DecodeDay(EncodeDay(state), &again).ok());
  REQUIRE(DecodeActivity(EncodeActivity(state), &again).ok());
  CHECK(EncodeOnline(again) == EncodeOnline(state));
  CHECK(EncodeChars(again) == EncodeChars(state));
  CHECK(EncodeDay(again) == EncodeDay(state));
  CHECK(EncodeActivity(again) == EncodeActivity(state));

  w.state.Put(ActivityKey(kServer), "world.activity/1\nm prontera 1 x\n");
  const absl::StatusOr<v1::WorldSnapshot> broken = BuildWorldSnapshot(w.state, kServer, At(4));
  CHECK(broken.status().code() == absl::StatusCode::kDataLoss);
  CHECK(std::string(broken.status().message()).find("srv1/activity") != std::string::npos);
  w.state.Put(ActivityKey(kServer), "world.activity/9\n");
  CHECK(BuildWorldSnapshot(w.state, kServer, At(4)).status().code() == absl::StatusCode::kDataLoss);
}

TEST_CASE("GetWorldSnapshot names the server_id field for bad requests", "[unit]") {
  World w;
  v1::GetWorldSnapshotRequest request;
  auto code_of = [&](const std::string& id) {
    request.set_server_id(id);
    return GetWorldSnapshot(request, w.state, At(5)).status();
  };
  for (const std::string& bad : {std::string(), std::string(33, 'a'), std::string("Srv1"), std::string("srv 1")}) {
    const absl::Status s = code_of(bad);
    INFO("server_id \"" << bad << "\": expected INVALID_ARGUMENT naming server_id, got " << s.ToString());
    CHECK(s.code() == absl::StatusCode::kInvalidArgument);
    CHECK(absl::StartsWith(s.message(), "server_id:"));
  }
  CHECK(code_of(std::string(32, 'a')).code() == absl::StatusCode::kNotFound);
  CHECK(code_of(kServer).code() == absl::StatusCode::kNotFound);
  w.Feed(At(4), {Login(150001, "prontera")});
  request.set_server_id(kServer);
  const absl::StatusOr<v1::GetWorldSnapshotResponse> ok = GetWorldSnapshot(request, w.state, At(5));
  REQUIRE(ok.ok());
  CHECK(ok->world().players().online() == 1);
  CHECK(FromProto(ok->world().taken_at()) == At(5));
  CHECK(FromProto(ok->world().last_event_at()) == At(4));
}

TEST_CASE("ErasePlayer removes characters from the online set and today's characters", "[unit]") {
  World w;
  w.Feed(At(7), {Login(150001, "prontera"), Login(150002, "prontera"), Login(150003, "prontera")});
  WorldAgent agent;
  INFO("150001 by char id: online + seen today = 2 entries");
  CHECK(agent.ErasePlayer(w.state, 0, {150001}) == 2);
  INFO("150002 by its account 2150002");
  CHECK(agent.ErasePlayer(w.state, 2150002, {}) == 2);
  const v1::WorldSnapshot s = w.Snapshot(At(7, 1));
  CHECK(s.players().online() == 1);
  CHECK(s.players().unique_chars_today() == 1);
  CHECK(w.state.Get(OnlineKey(kServer))->find("150001") == std::string::npos);
  CHECK(w.state.Get(CharsKey(kServer))->find("150002") == std::string::npos);
  CHECK(agent.ErasePlayer(w.state, 0, {150001}) == 0);
}

TEST_CASE("the same batches through fresh contexts give the same state and snapshot", "[unit]") {
  const std::vector<std::pair<absl::Time, std::vector<v1::GameEvent>>> batches = {
      {At(10), {Login(150001, "prontera", 33, 4), Login(150002, "prt_fild08", 70, 4008, 9000), Kill(150002, "prt_fild08", 1002)}},
      {At(10, 40), {Kill(150002, "prt_maze03", 1039, v1::BOSS_TYPE_MVP), Vend(150001, 150002, 909, 3, 12)}},
      {At(11, 5), {Died(150001, "prontera", v1::KILLER_KIND_PLAYER), Logout(150002, "prt_fild08")}},
  };
  World a, b;
  for (const auto& [now, events] : batches) a.Feed(now, events);
  for (const auto& [now, events] : batches) b.Feed(now, events);
  CHECK(a.state.Scan("") == b.state.Scan(""));
  CHECK(a.Snapshot(At(11, 20)).SerializeAsString() == b.Snapshot(At(11, 20)).SerializeAsString());
  INFO("building a snapshot changes no state");
  const auto before = a.state.Scan("");
  a.Snapshot(At(30));
  CHECK(a.state.Scan("") == before);
}
