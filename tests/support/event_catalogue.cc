#include "tests/support/event_catalogue.h"

#include <catch2/catch.hpp>

#include "absl/time/civil_time.h"

namespace aiworld::testing::catalogue {


const absl::Time kNow = absl::FromCivil(absl::CivilSecond(2025, 3, 1, 12, 0, 0), absl::UTCTimeZone());

void SetTime(google::protobuf::Timestamp* ts, absl::Time t) {
  const int64_t ns = absl::ToUnixNanos(t);
  ts->set_seconds(ns / 1'000'000'000);
  ts->set_nanos(static_cast<int32_t>(ns % 1'000'000'000));
}

v1::TradedItem Item(uint32_t item_id, uint32_t amount, uint32_t unit_price) {
  v1::TradedItem item;
  item.set_item_id(item_id);
  item.set_amount(amount);
  item.set_unit_price(unit_price);
  return item;
}

// A valid envelope of a player event, one second before kNow.
v1::GameEvent Envelope() {
  v1::GameEvent e;
  e.set_event_id(42);
  SetTime(e.mutable_occurred_at(), kNow - absl::Seconds(1));
  e.set_char_id(150'001);
  e.set_account_id(2'000'001);
  e.set_map("prt_fild08");
  e.set_x(150);
  e.set_y(180);
  e.set_priority(v1::PRIORITY_NORMAL);
  e.set_char_name("Alice");
  e.set_base_level(99);
  e.set_job_level(50);
  e.set_job_id(4008);
  e.set_party_id(7);
  e.set_guild_id(9);
  return e;
}

// A valid event of every payload kind.
v1::GameEvent ValidEvent(v1::EventKind kind) {
  v1::GameEvent e = Envelope();
  switch (kind) {
    case v1::EVENT_KIND_LOGIN: {
      auto* p = e.mutable_login();
      p->set_group_id(0);
      p->set_zeny(1'000'000);
      break;
    }
    case v1::EVENT_KIND_LOGOUT: {
      auto* p = e.mutable_logout();
      p->set_reason(v1::LOGOUT_REASON_QUIT);
      p->mutable_session()->set_seconds(3600);
      p->set_zeny(5);
      break;
    }
    case v1::EVENT_KIND_MAP_CHANGE: {
      auto* p = e.mutable_map_change();
      p->set_from_map("prontera");
      p->set_from_x(156);
      p->set_from_y(22);
      p->set_cause(v1::MAP_CHANGE_CAUSE_PORTAL);
      e.set_priority(v1::PRIORITY_LOW);
      break;
    }
    case v1::EVENT_KIND_MONSTER_KILLED: {
      auto* p = e.mutable_monster_killed();
      p->set_mob_id(1002);
      p->set_mob_level(3);
      p->set_boss_type(v1::BOSS_TYPE_NONE);
      p->set_mob_name("Poring");
      p->set_mob_gid(110'000'123);
      p->set_spawn_tag("problem_42");
      p->set_last_hit_char_id(150'001);
      p->set_party_id(7);
      p->add_party_member_char_ids(150'002);
      p->add_damage_dealer_char_ids(150'001);
      p->add_damage_dealer_char_ids(150'002);
      break;
    }
    case v1::EVENT_KIND_PLAYER_DIED: {
      auto* p = e.mutable_player_died();
      p->set_killer_kind(v1::KILLER_KIND_PLAYER);
      p->set_killer_char_id(150'003);
      p->set_killer_account_id(2'000'003);
      p->set_killer_name("Bob");
      p->set_pvp_map(true);
      break;
    }
    case v1::EVENT_KIND_NPC_INTERACTION: {
      auto* p = e.mutable_npc_interaction();
      p->set_kind(v1::NPC_INTERACTION_KIND_TEXT_INPUT);
      p->set_npc_gid(110'000'001);
      p->set_npc_name("Kafra Employee");
      p->set_npc_exname("kafra_prt#1");
      p->set_npc_sprite(-1);
      p->set_text("Hello, Kafra! \xE3\x81\x93\xE3\x82\x93\xE3\x81\xAB\xE3\x81\xA1\xE3\x81\xAF");
      break;
    }
    case v1::EVENT_KIND_CHAT: {
      auto* p = e.mutable_chat();
      p->set_channel(v1::CHAT_CHANNEL_GLOBAL);
      p->set_text("selling +7 Blade, 50k \xC3\xA9\xC3\xA0");
      break;
    }
    case v1::EVENT_KIND_TRADE: {
      auto* p = e.mutable_trade();
      p->set_partner_char_id(150'002);
      p->set_partner_account_id(2'000'002);
      p->set_partner_name("Bob");
      *p->add_items_given() = Item(1201, 1);
      p->mutable_items_given(0)->set_refine(7);
      p->mutable_items_given(0)->add_card_ids(4001);
      *p->add_items_received() = Item(501, 100);
      p->set_zeny_given(0);
      p->set_zeny_received(50'000);
      break;
    }
    case v1::EVENT_KIND_VENDING_SALE: {
      auto* p = e.mutable_vending_sale();
      p->set_vendor_char_id(150'004);
      p->set_vendor_account_id(2'000'004);
      p->set_vendor_name("Merchant");
      p->set_shop_title("Cheap pots!");
      *p->add_items() = Item(501, 10, 40);
      p->set_total_zeny(400);
      p->set_vendor_zeny(392);
      p->set_vendor_autotrade(true);
      break;
    }
    case v1::EVENT_KIND_NPC_SHOP_TRADE: {
      auto* p = e.mutable_npc_shop_trade();
      p->set_direction(v1::SHOP_DIRECTION_BUY);
      p->set_shop_kind(v1::SHOP_KIND_ZENY);
      p->set_shop_exname("tool_prt#1");
      p->set_shop_name("Tool Dealer");
      *p->add_items() = Item(501, 10, 50);
      p->set_total_zeny(500);
      break;
    }
    case v1::EVENT_KIND_LEVEL_UP: {
      auto* p = e.mutable_level_up();
      p->set_kind(v1::LEVEL_KIND_BASE);
      p->set_old_level(98);
      p->set_new_level(99);
      break;
    }
    case v1::EVENT_KIND_JOB_CHANGE: {
      auto* p = e.mutable_job_change();
      p->set_old_job_id(7);
      p->set_new_job_id(4008);
      p->set_old_job_level(50);
      break;
    }
    case v1::EVENT_KIND_QUEST_ACCEPTED: {
      auto* p = e.mutable_quest_accepted();
      p->set_quest_id(1001);
      p->set_mesh_quest_key("q-2025-03-01/poring#1");
      break;
    }
    case v1::EVENT_KIND_QUEST_COMPLETED: {
      auto* p = e.mutable_quest_completed();
      p->set_quest_id(1001);
      p->mutable_time_taken()->set_seconds(600);
      e.set_priority(v1::PRIORITY_HIGH);
      break;
    }
    case v1::EVENT_KIND_ITEM_PICKED_UP: {
      auto* p = e.mutable_item_picked_up();
      *p->mutable_item() = Item(909, 1);
      p->set_source(v1::PICKUP_SOURCE_MONSTER);
      p->set_source_mob_id(1002);
      break;
    }
    case v1::EVENT_KIND_PARTY_CREATED: {
      auto* p = e.mutable_party_created();
      p->set_party_id(7);
      p->set_party_name("Poring Hunters");
      break;
    }
    case v1::EVENT_KIND_GUILD_CREATED: {
      auto* p = e.mutable_guild_created();
      p->set_guild_id(9);
      p->set_guild_name("Knights");
      break;
    }
    case v1::EVENT_KIND_SERVER_STATUS: {
      e.set_char_id(0);
      e.set_account_id(0);
      e.clear_char_name();
      e.clear_map();
      e.set_x(0);
      e.set_y(0);
      e.set_base_level(0);
      e.set_job_level(0);
      e.set_job_id(0);
      e.set_party_id(0);
      e.set_guild_id(0);
      auto* p = e.mutable_server_status();
      p->set_phase(v1::SERVER_PHASE_RUNNING);
      p->set_online_players(12);
      p->set_autotraders(2);
      auto* m = p->add_maps();
      m->set_map("prontera");
      m->set_players(10);
      m = p->add_maps();
      m->set_map("1@tower");
      m->set_players(2);
      p->mutable_uptime()->set_seconds(86'400);
      p->set_rathena_version("v2025.02 3f2a9c1");
      break;
    }
    case v1::EVENT_KIND_CUSTOM: {
      auto* p = e.mutable_custom();
      p->set_name("arena.round_won");
      p->set_json(R"({"round": 3, "team": ["a", "b"], "score": -1.5e2, "mvp": null, "ok": true,)"
                  R"( "note": "caf\u00e9 \ud83d\ude00 \"q\"", "nested": {"x": [[], {}]}})");
      break;
    }
    default:
      FAIL("no valid example for kind " << static_cast<int>(kind));
  }
  return e;
}

const std::vector<v1::EventKind>& AllKinds() {
  static const std::vector<v1::EventKind> kinds = [] {
    std::vector<v1::EventKind> all;
    const auto* d = v1::EventKind_descriptor();
    for (int i = 0; i < d->value_count(); ++i) {
      if (d->value(i)->number() != 0) all.push_back(static_cast<v1::EventKind>(d->value(i)->number()));
    }
    return all;
  }();
  return kinds;
}

v1::EventBatch ValidBatch(int events) {
  v1::EventBatch batch;
  batch.set_server_id(kServer);
  batch.set_sequence(1);
  SetTime(batch.mutable_sent_at(), kNow);
  for (int i = 0; i < events; ++i) {
    *batch.add_events() = ValidEvent(AllKinds()[static_cast<size_t>(i) % AllKinds().size()]);
    batch.mutable_events(i)->set_event_id(100 + static_cast<uint64_t>(i));
  }
  return batch;
}
// ---------------------------------------------------------------- the catalogue of invalid events


std::string Repeat(std::string_view unit, size_t times) {
  std::string s;
  for (size_t i = 0; i < times; ++i) s += unit;
  return s;
}

const std::vector<InvalidEvent>& Catalogue() {
  using K = v1::EventKind;
  static const std::vector<InvalidEvent> cases = {
      // envelope
      {"server_id of another server", K::EVENT_KIND_LOGIN, [](auto& e) { e.set_server_id("other"); },
       "server_id", "must be empty or equal to the batch's server_id \"ro-main_1\""},
      {"event_id zero", K::EVENT_KIND_LOGIN, [](auto& e) { e.set_event_id(0); }, "event_id", "must be >= 1"},
      {"occurred_at missing", K::EVENT_KIND_LOGIN, [](auto& e) { e.clear_occurred_at(); }, "occurred_at",
       "required"},
      {"occurred_at too far ahead", K::EVENT_KIND_CHAT,
       [](auto& e) { SetTime(e.mutable_occurred_at(), kNow + absl::Minutes(6)); }, "occurred_at",
       "must be at most 5m ahead of the gateway clock, is 6m ahead"},
      {"occurred_at too old", K::EVENT_KIND_CHAT,
       [](auto& e) { SetTime(e.mutable_occurred_at(), kNow - absl::Hours(24 * 8)); }, "occurred_at",
       "must be at most 168h old"},
      {"occurred_at nanos out of range", K::EVENT_KIND_CHAT,
       [](auto& e) { e.mutable_occurred_at()->set_nanos(1'000'000'000); }, "occurred_at",
       "must be a valid timestamp"},
      {"occurred_at before year 1", K::EVENT_KIND_CHAT,
       [](auto& e) { e.mutable_occurred_at()->set_seconds(-70'000'000'000); }, "occurred_at",
       "must be a valid timestamp"},
      {"no payload", K::EVENT_KIND_LOGIN, [](auto& e) { e.clear_payload(); }, "payload",
       "must have exactly one payload kind set"},
      {"char_id below the first character", K::EVENT_KIND_LOGIN, [](auto& e) { e.set_char_id(149'999); },
       "char_id", "must be a char_id >= 150000, got 149999"},
      {"char_id missing on a player event", K::EVENT_KIND_CHAT, [](auto& e) { e.set_char_id(0); }, "char_id",
       "must be a char_id >= 150000, got 0"},
      {"char_id on server_status", K::EVENT_KIND_SERVER_STATUS, [](auto& e) { e.set_char_id(150'001); }, "char_id",
       "must be 0 for server_status events"},
      {"account_id below the first account", K::EVENT_KIND_LOGIN, [](auto& e) { e.set_account_id(1'999'999); },
       "account_id", "must be an account_id >= 2000000"},
      {"account_id without a character", K::EVENT_KIND_CUSTOM,
       [](auto& e) {
         e.set_char_id(0);
         e.clear_char_name();
       },
       "account_id", "must be 0 when char_id is 0"},
      {"char_name without a character", K::EVENT_KIND_SERVER_STATUS, [](auto& e) { e.set_char_name("Ghost"); },
       "char_name", "must be empty when char_id is 0"},
      {"map missing on a player event", K::EVENT_KIND_CHAT, [](auto& e) { e.clear_map(); }, "map",
       "must be 1..11 bytes of [a-z0-9_@-], got 0"},
      {"map name too long", K::EVENT_KIND_CHAT, [](auto& e) { e.set_map("prt_fild08.gat"); }, "map",
       "must be 1..11 bytes of [a-z0-9_@-], got 14"},
      {"map name with capitals", K::EVENT_KIND_CHAT, [](auto& e) { e.set_map("Prontera"); }, "map",
       "must be 1..11 bytes of [a-z0-9_@-], byte 0 is 'P'"},
      {"x beyond int16", K::EVENT_KIND_CHAT, [](auto& e) { e.set_x(32'768); }, "x", "must be 0..32767, got 32768"},
      {"y negative", K::EVENT_KIND_CHAT, [](auto& e) { e.set_y(-1); }, "y", "must be 0..32767, got -1"},
      {"priority unknown", K::EVENT_KIND_CHAT, [](auto& e) { e.set_priority(static_cast<v1::Priority>(9)); },
       "priority", "must be a Priority value 0..4, got 9"},
      {"char_name too long in UTF-8", K::EVENT_KIND_CHAT, [](auto& e) { e.set_char_name(std::string(70, 'a')); },
       "char_name", "must be 0..69 bytes of UTF-8 (0..23 in the game's encoding), got 70"},
      {"char_name not UTF-8", K::EVENT_KIND_CHAT, [](auto& e) { e.set_char_name("Al\xFFice"); }, "char_name",
       "must be valid UTF-8, byte 2 is 0xff"},
      {"char_name overlong UTF-8", K::EVENT_KIND_CHAT, [](auto& e) { e.set_char_name("A\xC0\xAF"); }, "char_name",
       "must be valid UTF-8, byte 1 is 0xc0"},
      {"char_name with a C1 control", K::EVENT_KIND_CHAT, [](auto& e) { e.set_char_name("Al\xC2\x85ice"); },
       "char_name", "must not contain control characters, got U+0085 at byte 2"},
      {"base_level above 999", K::EVENT_KIND_CHAT, [](auto& e) { e.set_base_level(1000); }, "base_level",
       "must be 0..999, got 1000"},
      {"job_id above 65535", K::EVENT_KIND_CHAT, [](auto& e) { e.set_job_id(70'000); }, "job_id",
       "must be 0..65535, got 70000"},
      // login, logout, map_change
      {"login group_id above 99", K::EVENT_KIND_LOGIN, [](auto& e) { e.mutable_login()->set_group_id(100); },
       "login.group_id", "must be 0..99, got 100"},
      {"login zeny above MAX_ZENY", K::EVENT_KIND_LOGIN,
       [](auto& e) { e.mutable_login()->set_zeny(2'147'483'648u); }, "login.zeny",
       "must be 0..2147483647 zeny (MAX_ZENY), got 2147483648"},
      {"logout reason unspecified", K::EVENT_KIND_LOGOUT,
       [](auto& e) { e.mutable_logout()->set_reason(v1::LOGOUT_REASON_UNSPECIFIED); }, "logout.reason",
       "must be a LogoutReason value 1..5, got 0 (LOGOUT_REASON_UNSPECIFIED)"},
      {"logout session over 366 days", K::EVENT_KIND_LOGOUT,
       [](auto& e) { e.mutable_logout()->mutable_session()->set_seconds(367LL * 86'400); }, "logout.session",
       "must be 0..8784h (366 days)"},
      {"logout session negative", K::EVENT_KIND_LOGOUT,
       [](auto& e) { e.mutable_logout()->mutable_session()->set_seconds(-5); }, "logout.session",
       "must be 0..8784h (366 days), got -5s"},
      {"map_change from_map empty", K::EVENT_KIND_MAP_CHANGE, [](auto& e) { e.mutable_map_change()->clear_from_map(); },
       "map_change.from_map", "must be 1..11 bytes of [a-z0-9_@-], got 0"},
      {"map_change cause unknown", K::EVENT_KIND_MAP_CHANGE,
       [](auto& e) { e.mutable_map_change()->set_cause(static_cast<v1::MapChangeCause>(7)); }, "map_change.cause",
       "must be a MapChangeCause value 1..3, got 7"},
      // monster_killed, player_died
      {"mob_id below 1001", K::EVENT_KIND_MONSTER_KILLED, [](auto& e) { e.mutable_monster_killed()->set_mob_id(1000); },
       "monster_killed.mob_id", "must be a mob id >= 1001, got 1000"},
      {"mob_level zero", K::EVENT_KIND_MONSTER_KILLED, [](auto& e) { e.mutable_monster_killed()->set_mob_level(0); },
       "monster_killed.mob_level", "must be 1..999, got 0"},
      {"boss_type unspecified", K::EVENT_KIND_MONSTER_KILLED,
       [](auto& e) { e.mutable_monster_killed()->clear_boss_type(); }, "monster_killed.boss_type",
       "must be a BossType value 1..3"},
      {"mob_name empty", K::EVENT_KIND_MONSTER_KILLED, [](auto& e) { e.mutable_monster_killed()->clear_mob_name(); },
       "monster_killed.mob_name", "must be 1..69 bytes of UTF-8"},
      {"spawn_tag with a dash", K::EVENT_KIND_MONSTER_KILLED,
       [](auto& e) { e.mutable_monster_killed()->set_spawn_tag("boss-1"); }, "monster_killed.spawn_tag",
       "must be 0..24 bytes of [a-z0-9_], byte 4 is '-'"},
      {"mvp_char_id on a normal monster", K::EVENT_KIND_MONSTER_KILLED,
       [](auto& e) { e.mutable_monster_killed()->set_mvp_char_id(150'001); }, "monster_killed.mvp_char_id",
       "must be 0 unless boss_type is BOSS_TYPE_MVP"},
      {"too many party members", K::EVENT_KIND_MONSTER_KILLED,
       [](auto& e) {
         for (int i = 0; i < 11; ++i) e.mutable_monster_killed()->add_party_member_char_ids(150'010);
       },
       "monster_killed.party_member_char_ids", "must have 0..11 entries, got 12"},
      {"damage dealer not a character", K::EVENT_KIND_MONSTER_KILLED,
       [](auto& e) { e.mutable_monster_killed()->set_damage_dealer_char_ids(1, 5); },
       "monster_killed.damage_dealer_char_ids[1]", "must be a char_id >= 150000, got 5"},
      {"killed by a monster without mob id", K::EVENT_KIND_PLAYER_DIED,
       [](auto& e) {
         auto* p = e.mutable_player_died();
         p->set_killer_kind(v1::KILLER_KIND_MONSTER);
         p->set_killer_char_id(0);
         p->set_killer_account_id(0);
       },
       "player_died.killer_mob_id", "must be a mob id >= 1001, got 0"},
      {"killer_char_id for a monster kill", K::EVENT_KIND_PLAYER_DIED,
       [](auto& e) {
         auto* p = e.mutable_player_died();
         p->set_killer_kind(v1::KILLER_KIND_MONSTER);
         p->set_killer_mob_id(1039);
       },
       "player_died.killer_char_id", "must be 0 unless killer_kind is KILLER_KIND_PLAYER, got 150003"},
      // npc_interaction, chat
      {"npc_sprite below -1", K::EVENT_KIND_NPC_INTERACTION,
       [](auto& e) { e.mutable_npc_interaction()->set_npc_sprite(-2); }, "npc_interaction.npc_sprite",
       "must be -1..65535, got -2"},
      {"typed text empty", K::EVENT_KIND_NPC_INTERACTION, [](auto& e) { e.mutable_npc_interaction()->clear_text(); },
       "npc_interaction.text", "must be 1..765 bytes of UTF-8 (1..255 in the game's encoding), got 0"},
      {"text on a click", K::EVENT_KIND_NPC_INTERACTION,
       [](auto& e) { e.mutable_npc_interaction()->set_kind(v1::NPC_INTERACTION_KIND_CLICK); }, "npc_interaction.text",
       "must be empty unless kind is NPC_INTERACTION_KIND_TEXT_INPUT"},
      {"menu_choice zero for a menu", K::EVENT_KIND_NPC_INTERACTION,
       [](auto& e) {
         e.mutable_npc_interaction()->set_kind(v1::NPC_INTERACTION_KIND_MENU_CHOICE);
         e.mutable_npc_interaction()->clear_text();
       },
       "npc_interaction.menu_choice", "must be 1..255, got 0"},
      {"amount beyond int32", K::EVENT_KIND_NPC_INTERACTION,
       [](auto& e) { e.mutable_npc_interaction()->set_amount(1LL << 31); }, "npc_interaction.amount",
       "must be -2147483648..2147483647, got 2147483648"},
      {"chat text empty", K::EVENT_KIND_CHAT, [](auto& e) { e.mutable_chat()->clear_text(); }, "chat.text",
       "must be 1..765 bytes of UTF-8 (1..255 in the game's encoding), got 0"},
      {"chat text over 765 bytes", K::EVENT_KIND_CHAT,
       [](auto& e) { e.mutable_chat()->set_text(Repeat("\xE3\x81\x82", 255) + "!"); }, "chat.text",
       "must be 1..765 bytes of UTF-8 (1..255 in the game's encoding), got 766"},
      {"chat text with a newline", K::EVENT_KIND_CHAT, [](auto& e) { e.mutable_chat()->set_text("hi\nthere"); },
       "chat.text", "must not contain control characters, got U+000A at byte 2"},
      {"chat text with a lone surrogate", K::EVENT_KIND_CHAT,
       [](auto& e) { e.mutable_chat()->set_text("hi \xED\xA0\x80"); }, "chat.text",
       "must be valid UTF-8, byte 3 is 0xed"},
      {"chat channel unspecified", K::EVENT_KIND_CHAT, [](auto& e) { e.mutable_chat()->clear_channel(); },
       "chat.channel", "must be a ChatChannel value 1..6, got 0 (CHAT_CHANNEL_UNSPECIFIED)"},
      {"whisper target on global chat", K::EVENT_KIND_CHAT,
       [](auto& e) { e.mutable_chat()->set_target_char_id(150'002); }, "chat.target_char_id",
       "must be 0 unless channel is CHAT_CHANNEL_WHISPER"},
      {"channel chat without channel name", K::EVENT_KIND_CHAT,
       [](auto& e) { e.mutable_chat()->set_channel(v1::CHAT_CHANNEL_CHANNEL); }, "chat.channel_name",
       "must be 1..57 bytes of UTF-8"},
      // trade, vending_sale, npc_shop_trade
      {"trade partner missing", K::EVENT_KIND_TRADE, [](auto& e) { e.mutable_trade()->set_partner_char_id(0); },
       "trade.partner_char_id", "must be a char_id >= 150000, got 0"},
      {"trade gives more than 10 stacks", K::EVENT_KIND_TRADE,
       [](auto& e) {
         for (int i = 0; i < 10; ++i) *e.mutable_trade()->add_items_given() = Item(501, 1);
       },
       "trade.items_given", "must have 0..10 entries, got 11"},
      {"trade amount above MAX_AMOUNT", K::EVENT_KIND_TRADE,
       [](auto& e) { e.mutable_trade()->mutable_items_received(0)->set_amount(30'001); },
       "trade.items_received[0].amount", "must be 1..30000, got 30001"},
      {"trade item_id zero", K::EVENT_KIND_TRADE,
       [](auto& e) { e.mutable_trade()->mutable_items_given(0)->set_item_id(0); }, "trade.items_given[0].item_id",
       "must be >= 1, got 0"},
      {"trade refine above 20", K::EVENT_KIND_TRADE,
       [](auto& e) { e.mutable_trade()->mutable_items_given(0)->set_refine(21); }, "trade.items_given[0].refine",
       "must be 0..20, got 21"},
      {"trade empty card slot", K::EVENT_KIND_TRADE,
       [](auto& e) { e.mutable_trade()->mutable_items_given(0)->add_card_ids(0); },
       "trade.items_given[0].card_ids[1]", "must be >= 1, got 0"},
      {"trade five cards", K::EVENT_KIND_TRADE,
       [](auto& e) {
         for (int i = 0; i < 4; ++i) e.mutable_trade()->mutable_items_given(0)->add_card_ids(4001);
       },
       "trade.items_given[0].card_ids", "must have 0..4 entries, got 5"},
      {"vending sale without items", K::EVENT_KIND_VENDING_SALE,
       [](auto& e) { e.mutable_vending_sale()->clear_items(); }, "vending_sale.items",
       "must have 1..12 entries, got 0"},
      {"vending sale for nothing", K::EVENT_KIND_VENDING_SALE,
       [](auto& e) {
         e.mutable_vending_sale()->set_total_zeny(0);
         e.mutable_vending_sale()->set_vendor_zeny(0);
       },
       "vending_sale.total_zeny", "must be 1..2147483647 zeny (MAX_ZENY), got 0"},
      {"vendor gets more than paid", K::EVENT_KIND_VENDING_SALE,
       [](auto& e) { e.mutable_vending_sale()->set_vendor_zeny(401); }, "vending_sale.vendor_zeny",
       "must be at most total_zeny (400"},
      {"shop title too long", K::EVENT_KIND_VENDING_SALE,
       [](auto& e) { e.mutable_vending_sale()->set_shop_title(std::string(241, 'x')); }, "vending_sale.shop_title",
       "must be 0..240 bytes of UTF-8 (0..80 in the game's encoding), got 241"},
      {"shop direction unspecified", K::EVENT_KIND_NPC_SHOP_TRADE,
       [](auto& e) { e.mutable_npc_shop_trade()->clear_direction(); }, "npc_shop_trade.direction",
       "must be a ShopDirection value 1..2"},
      {"shop unit price above MAX_ZENY", K::EVENT_KIND_NPC_SHOP_TRADE,
       [](auto& e) { e.mutable_npc_shop_trade()->mutable_items(0)->set_unit_price(3'000'000'000u); },
       "npc_shop_trade.items[0].unit_price", "must be 0..2147483647 zeny (MAX_ZENY), got 3000000000"},
      {"shop exname too long", K::EVENT_KIND_NPC_SHOP_TRADE,
       [](auto& e) { e.mutable_npc_shop_trade()->set_shop_exname(std::string(151, 'x')); },
       "npc_shop_trade.shop_exname", "must be 1..150 bytes of UTF-8 (1..50 in the game's encoding), got 151"},
      // level_up, job_change, quests, pickups, party, guild
      {"level does not rise", K::EVENT_KIND_LEVEL_UP, [](auto& e) { e.mutable_level_up()->set_new_level(98); },
       "level_up.new_level", "must be old_level + 1..999 = 99..999, got 98"},
      {"old level 999", K::EVENT_KIND_LEVEL_UP, [](auto& e) { e.mutable_level_up()->set_old_level(999); },
       "level_up.old_level", "must be 1..998, got 999"},
      {"job change to another job than the envelope's", K::EVENT_KIND_JOB_CHANGE,
       [](auto& e) { e.mutable_job_change()->set_new_job_id(4009); }, "job_change.new_job_id",
       "must equal the envelope job_id (4008), got 4009"},
      {"quest id zero without a mesh key", K::EVENT_KIND_QUEST_ACCEPTED,
       [](auto& e) {
         e.mutable_quest_accepted()->set_quest_id(0);
         e.mutable_quest_accepted()->clear_mesh_quest_key();
       },
       "quest_accepted.quest_id", "must be >= 1, got 0"},
      {"quest key too long", K::EVENT_KIND_QUEST_ACCEPTED,
       [](auto& e) { e.mutable_quest_accepted()->set_mesh_quest_key(std::string(65, 'k')); },
       "quest_accepted.mesh_quest_key", "must be 0..64 bytes of printable ASCII, got 65"},
      {"quest time_taken negative", K::EVENT_KIND_QUEST_COMPLETED,
       [](auto& e) { e.mutable_quest_completed()->mutable_time_taken()->set_seconds(-1); },
       "quest_completed.time_taken", "must be >= 0, got -1s"},
      {"quest time_taken with nanos of the wrong sign", K::EVENT_KIND_QUEST_COMPLETED,
       [](auto& e) { e.mutable_quest_completed()->mutable_time_taken()->set_nanos(-1); },
       "quest_completed.time_taken", "must be a valid duration"},
      {"pickup without item", K::EVENT_KIND_ITEM_PICKED_UP, [](auto& e) { e.mutable_item_picked_up()->clear_item(); },
       "item_picked_up.item", "required"},
      {"pickup amount zero", K::EVENT_KIND_ITEM_PICKED_UP,
       [](auto& e) { e.mutable_item_picked_up()->mutable_item()->set_amount(0); }, "item_picked_up.item.amount",
       "must be 1..30000, got 0"},
      {"pickup mob for a player drop", K::EVENT_KIND_ITEM_PICKED_UP,
       [](auto& e) { e.mutable_item_picked_up()->set_source(v1::PICKUP_SOURCE_PLAYER); },
       "item_picked_up.source_mob_id", "must be 0 unless source is PICKUP_SOURCE_MONSTER, got 1002"},
      {"party id not the envelope's", K::EVENT_KIND_PARTY_CREATED,
       [](auto& e) { e.mutable_party_created()->set_party_id(8); }, "party_created.party_id",
       "must equal the envelope party_id (7), got 8"},
      {"guild name too long", K::EVENT_KIND_GUILD_CREATED,
       [](auto& e) { e.mutable_guild_created()->set_guild_name(std::string(70, 'g')); }, "guild_created.guild_name",
       "must be 1..69 bytes of UTF-8 (1..23 in the game's encoding), got 70"},
      // server_status
      {"more autotraders than players", K::EVENT_KIND_SERVER_STATUS,
       [](auto& e) { e.mutable_server_status()->set_autotraders(13); }, "server_status.autotraders",
       "must be at most online_players (12), got 13"},
      {"status map name with .gat", K::EVENT_KIND_SERVER_STATUS,
       [](auto& e) { e.mutable_server_status()->mutable_maps(1)->set_map("a.gat"); }, "server_status.maps[1].map",
       "must be 1..11 bytes of [a-z0-9_@-], byte 1 is '.'"},
      {"status map without players", K::EVENT_KIND_SERVER_STATUS,
       [](auto& e) { e.mutable_server_status()->mutable_maps(0)->set_players(0); }, "server_status.maps[0].players",
       "must be 1..65535, got 0"},
      {"status phase unknown", K::EVENT_KIND_SERVER_STATUS,
       [](auto& e) { e.mutable_server_status()->set_phase(static_cast<v1::ServerPhase>(-3)); },
       "server_status.phase", "must be a ServerPhase value 1..3, got -3"},
      {"rathena_version too long", K::EVENT_KIND_SERVER_STATUS,
       [](auto& e) { e.mutable_server_status()->set_rathena_version(std::string(65, 'v')); },
       "server_status.rathena_version", "must be 0..64 bytes, got 65"},
      // custom
      {"custom name with capitals", K::EVENT_KIND_CUSTOM, [](auto& e) { e.mutable_custom()->set_name("Arena.Won"); },
       "custom.name", "must be 1..64 bytes of [a-z0-9_.], byte 0 is 'A'"},
      {"custom json an array", K::EVENT_KIND_CUSTOM, [](auto& e) { e.mutable_custom()->set_json("[1, 2]"); },
       "custom.json", "must be a JSON object: expected '{' (the document must be a JSON object) at byte 0"},
      {"custom json trailing comma", K::EVENT_KIND_CUSTOM,
       [](auto& e) { e.mutable_custom()->set_json(R"({"a": 1,})"); }, "custom.json",
       "must be a JSON object: expected '\"' starting an object key at byte 8"},
      {"custom json single quotes", K::EVENT_KIND_CUSTOM,
       [](auto& e) { e.mutable_custom()->set_json("{'a': 1}"); }, "custom.json",
       "must be a JSON object: expected '\"' starting an object key at byte 1"},
      {"custom json two documents", K::EVENT_KIND_CUSTOM,
       [](auto& e) { e.mutable_custom()->set_json("{} {}"); }, "custom.json",
       "expected end of the document after the object at byte 3"},
      {"custom json leading zero", K::EVENT_KIND_CUSTOM,
       [](auto& e) { e.mutable_custom()->set_json(R"({"a": 01})"); }, "custom.json",
       "expected no leading zero in a number at byte 7"},
      {"custom json raw newline in a string", K::EVENT_KIND_CUSTOM,
       [](auto& e) { e.mutable_custom()->set_json("{\"a\": \"x\ny\"}"); }, "custom.json",
       "expected no raw control character in a string (escape it) at byte 8"},
      {"custom json unpaired surrogate", K::EVENT_KIND_CUSTOM,
       [](auto& e) { e.mutable_custom()->set_json(R"({"a": "\ud83d!"})"); }, "custom.json",
       "expected \\u escape of a low surrogate after a high one at byte 13"},
      {"custom json NUL escape", K::EVENT_KIND_CUSTOM,
       [](auto& e) { e.mutable_custom()->set_json(R"({"a": "\u0000"})"); }, "custom.json",
       "expected no \\u0000 escape (not storable as text) at byte 7"},
      {"custom json not UTF-8", K::EVENT_KIND_CUSTOM,
       [](auto& e) { e.mutable_custom()->set_json("{\"a\": \"\xC3\"}"); }, "custom.json",
       "must be valid UTF-8, byte 7 is 0xc3"},
      {"custom json too deep", K::EVENT_KIND_CUSTOM,
       [](auto& e) { e.mutable_custom()->set_json("{\"a\":" + Repeat("[", 64) + Repeat("]", 64) + "}"); },
       "custom.json", "expected nesting at most 64 deep at byte 68"},
      {"custom json too large", K::EVENT_KIND_CUSTOM,
       [](auto& e) { e.mutable_custom()->set_json("{\"a\": \"" + std::string(4090, 'x') + "\"}"); }, "custom.json",
       "must be a JSON object of 2..4096 bytes, got 4099"},
      {"custom json too small", K::EVENT_KIND_CUSTOM, [](auto& e) { e.mutable_custom()->set_json("{"); },
       "custom.json", "must be a JSON object of 2..4096 bytes, got 1"},
  };
  return cases;
}

}  // namespace aiworld::testing::catalogue
