// Writes the seed corpus of event_batch_fuzzer: small serialized EventBatch and ConnectRequest
// messages, valid and invalid, written here in protobuf text format. The corpus is kept in the
// tree; run this only to change the seeds:
//   bash tests/fuzz/run.sh build-fuzz 0          # configures and builds, does not fuzz
//   cmake --build build-fuzz --target event_batch_make_corpus
//   build-fuzz/bin/event_batch_make_corpus tests/fuzz/corpus/event_batch
// Event times are around the fuzzer's clock (tests/fuzz/fuzz_time.h, 2025-03-01T12:00:00Z).
#include <google/protobuf/text_format.h>

#include <cstdio>
#include <fstream>
#include <string>

#include "aiworld/v1/bridge.pb.h"
#include "aiworld/v1/events.pb.h"

namespace {

// The envelope of a valid player event; by default one second before the fuzzer's clock.
std::string Player(int event_id, const std::string& map = "prt_fild08", long seconds = 1740830399,
                   const std::string& priority = "PRIORITY_NORMAL") {
  return "event_id: " + std::to_string(event_id) + " occurred_at { seconds: " + std::to_string(seconds) +
         " } char_id: 150001 account_id: 2000001 map: '" + map + "' x: 150 y: 180 priority: " + priority +
         " char_name: 'Alice' base_level: 99 job_level: 50 job_id: 4008 party_id: 7 guild_id: 9 ";
}

// The envelope of an event without a character or place.
std::string NoPlayer(int event_id) {
  return "event_id: " + std::to_string(event_id) + " occurred_at { seconds: 1740830399 } ";
}

std::string Batch(const std::string& events, int sequence = 1) {
  return "server_id: 'ro-main_1' sequence: " + std::to_string(sequence) +
         " sent_at { seconds: 1740830400 } " + events;
}

std::string Event(const std::string& envelope, const std::string& payload) {
  return "events { " + envelope + payload + " } ";
}

const std::string kLogin = "login { zeny: 1000 }";
const std::string kMvpKill =
    "monster_killed { mob_id: 1039 mob_level: 81 boss_type: BOSS_TYPE_MVP mob_name: 'Baphomet' "
    "mob_gid: 110000123 spawn_tag: 'boss_7' last_hit_char_id: 150001 mvp_char_id: 150001 party_id: 7 "
    "party_member_char_ids: 150002 damage_dealer_char_ids: [150001, 150002] }";
const std::string kTrade =
    "trade { partner_char_id: 150002 partner_account_id: 2000002 partner_name: 'Bob' "
    "items_given { item_id: 1201 amount: 1 refine: 7 card_ids: 4001 } "
    "items_received { item_id: 501 amount: 100 } zeny_received: 50000 }";
const std::string kChat = "chat { channel: CHAT_CHANNEL_GLOBAL text: 'selling +7 Blade \\303\\251' }";
const std::string kCustom =
    "custom { name: 'arena.round_won' json: '{\"round\": 3, \"team\": [\"a\", {\"b\": null}], "
    "\"score\": -1.5e2, \"ok\": true, \"s\": \"caf\\\\u00e9 \\\\ud83d\\\\ude00\"}' }";
const std::string kServerStatus =
    "server_status { phase: SERVER_PHASE_RUNNING online_players: 12 autotraders: 2 "
    "maps { map: 'prontera' players: 10 } maps { map: '1@tower' players: 2 } uptime { seconds: 86400 } "
    "rathena_version: 'v2025.02' }";

std::string AllKinds() {
  const char* payloads[] = {
      "login { zeny: 5 }",
      "logout { reason: LOGOUT_REASON_QUIT session { seconds: 3600 } }",
      "map_change { from_map: 'prontera' from_x: 156 from_y: 22 cause: MAP_CHANGE_CAUSE_PORTAL }",
      "player_died { killer_kind: KILLER_KIND_MONSTER killer_mob_id: 1002 killer_name: 'Poring' }",
      "npc_interaction { kind: NPC_INTERACTION_KIND_MENU_CHOICE npc_name: 'Kafra' npc_exname: 'kafra#1' "
      "npc_sprite: -1 menu_choice: 2 menu_option: 'Save' }",
      "vending_sale { vendor_char_id: 150004 vendor_account_id: 2000004 vendor_name: 'M' "
      "items { item_id: 501 amount: 10 unit_price: 40 } total_zeny: 400 vendor_zeny: 392 }",
      "npc_shop_trade { direction: SHOP_DIRECTION_SELL shop_kind: SHOP_KIND_ZENY shop_exname: 'tool#1' "
      "shop_name: 'Tool Dealer' items { item_id: 909 amount: 3 unit_price: 1 } total_zeny: 3 }",
      "level_up { kind: LEVEL_KIND_JOB old_level: 9 new_level: 10 }",
      "job_change { old_job_id: 7 new_job_id: 4008 old_job_level: 50 }",
      "quest_accepted { quest_id: 1001 mesh_quest_key: 'q-1' }",
      "quest_completed { quest_id: 1001 time_taken { seconds: 600 } }",
      "item_picked_up { item { item_id: 909 amount: 1 } source: PICKUP_SOURCE_MONSTER source_mob_id: 1002 }",
      "party_created { party_id: 7 party_name: 'Hunters' }",
      "guild_created { guild_id: 9 guild_name: 'Knights' }",
  };
  std::string events;
  int id = 1;
  for (const char* p : payloads) {
    events += Event(Player(id++), p);
  }
  return Batch(events, 2);
}

struct Seed {
  const char* file;
  bool connect_request;  // ConnectRequest text instead of EventBatch text
  std::string text;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  const Seed seeds[] = {
      {"valid_login", false, Batch(Event(Player(1), kLogin))},
      {"valid_mvp_kill", false, Batch(Event(Player(1, "gef_fild10", 1740830399, "PRIORITY_HIGH"), kMvpKill))},
      {"valid_trade_and_chat", false, Batch(Event(Player(1), kTrade) + Event(Player(2), kChat))},
      {"valid_custom_json", false, Batch(Event(NoPlayer(1), kCustom))},
      {"valid_server_status", false, Batch(Event(NoPlayer(1), kServerStatus))},
      {"valid_other_kinds", false, AllKinds()},
      {"invalid_no_events", false, Batch("")},
      {"invalid_sequence_zero", false, Batch(Event(Player(1), kLogin), 0)},
      {"invalid_map_and_order", false,
       Batch(Event(Player(5, "Prontera.gat"), kChat) + Event(Player(6), kLogin) + Event(Player(1), kChat))},
      {"invalid_future_event", false, Batch(Event(Player(1, "prontera", 1740840000), kLogin))},
      {"invalid_custom_json", false,
       Batch(Event(NoPlayer(1), "custom { name: 'x' json: '{\"a\": [1, 2,], \"b\": \"\\\\ud800\"}' }"))},
      {"invalid_chat_control", false,
       Batch(Event(Player(1), "chat { channel: CHAT_CHANNEL_WHISPER text: 'hi\\nthere\\302\\205' target_char_id: 5 }"))},
      {"connect_hello", true,
       "hello { server_id: 'ro-main_1' bridge_version: '0.1.0' instance_id: '3f1c1a52-0000-4000-8000-000000000001' "
       "emitted_events: [EVENT_KIND_LOGIN, EVENT_KIND_CHAT] next_sequence: 1 initial_action_credits: 100 }"},
      {"connect_event_batch", true,
       "event_batch { " + Batch(Event(Player(1), kMvpKill) + Event(Player(2), kChat), 3) + " }"},
  };
  for (const Seed& seed : seeds) {
    aiworld::v1::EventBatch batch;
    aiworld::v1::ConnectRequest request;
    google::protobuf::Message& message = seed.connect_request ? static_cast<google::protobuf::Message&>(request)
                                                              : static_cast<google::protobuf::Message&>(batch);
    if (!google::protobuf::TextFormat::ParseFromString(seed.text, &message)) {
      std::fprintf(stderr, "%s: text format does not parse\n", seed.file);
      return 1;
    }
    const std::string path = dir + "/" + seed.file;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << message.SerializeAsString();
    if (!out) {
      std::fprintf(stderr, "cannot write %s\n", path.c_str());
      return 1;
    }
    std::printf("%s: %zu bytes\n", path.c_str(), message.ByteSizeLong());
  }
  return 0;
}
