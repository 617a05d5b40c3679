// AI World bridge: the one-line hooks apply.py inserts into rAthena's map-server (upstream
// 754c50b5) and the entry points of the script commands. Part of bridge-client/rathena of the
// AI World project; copied into src/map/ by apply.py.
//
// Every function runs on the map-server's main thread and returns at once: the hooks copy what
// they need out of rAthena's structs (aiworld/rathena/views_of.h) and hand a plain view to the
// bridge's facade, which queues an event; nothing here blocks on the network or the disk.
// Without -DAIWORLD_BRIDGE_LIB (see src/map/CMakeLists.txt) ai_bridge.cpp compiles to no-ops, so a
// patched tree still builds without the library.
//
// This header includes nothing of gRPC, protobuf or the bridge: rAthena translation units see
// only these declarations.
#ifndef AI_BRIDGE_HPP
#define AI_BRIDGE_HPP

#include <string>

#include <common/cbasetypes.hpp>

class map_session_data;
struct mob_data;
struct npc_data;
struct block_list;

// Lifecycle (map.cpp). init: end of MapServer::initialize, after OnInit ran. shutdown_begin: start
// of MapServer::finalize (players quit from then on log out with reason "server shutdown").
// final: in MapServer::finalize after every player was quit, so their logout events are journaled
// before the bridge stops.
void ai_bridge_init();
void ai_bridge_shutdown_begin();
void ai_bridge_final();

// Sessions. auth: pc_authok (remembers a map-server switch for the login that follows).
// login: clif_parse_LoadEndAck, first load after login (connect_new).
// map_loaded: clif_parse_LoadEndAck, every later load (warp, teleport, respawn, @refresh).
// setpos: pc_setpos, before the player leaves its cell (where it came from, and why).
// respawn: pc_respawn, before its pc_setpos.
// logout: map_quit, for fully logged-in players. mapserver_switch: pc_setpos to another map-server.
// autotrade: @autotrade (the character stays, the client leaves).
void ai_bridge_on_auth(map_session_data& sd, bool changing_mapservers);
void ai_bridge_on_login(map_session_data& sd);
void ai_bridge_on_map_loaded(map_session_data& sd);
void ai_bridge_on_setpos(map_session_data& sd, uint16 mapindex, int32 clrtype);
void ai_bridge_on_respawn(map_session_data& sd);
void ai_bridge_on_logout(map_session_data& sd);
void ai_bridge_on_mapserver_switch(map_session_data& sd);
void ai_bridge_on_autotrade(map_session_data& sd);

// Combat. mob_dead: final kills only (after rebirth checks), with the last hitter's player (sd,
// the master of a pet/homunculus/mercenary), the top damage dealer and the MVP; kills without a
// source (killmonster, status_kill) are skipped. player_dead: pc_dead.
void ai_bridge_on_mob_dead(mob_data& md, block_list* src, map_session_data* sd, map_session_data* first_sd,
                           map_session_data* mvp_sd);
void ai_bridge_on_player_dead(map_session_data& sd, block_list* src);

// NPCs. click: npc_click after its range/visibility checks. input/menu/amount: the dialog
// answers, before the script continues with them.
void ai_bridge_on_npc_click(map_session_data& sd, npc_data& nd);
void ai_bridge_on_npc_input(map_session_data& sd, int32 npc_id, const char* text);
void ai_bridge_on_npc_menu(map_session_data& sd, int32 npc_id, int32 choice);
void ai_bridge_on_npc_amount(map_session_data& sd, int32 npc_id, int32 amount);

// Chat after @commands were filtered out (clif_process_message): channel 0 public, 1 party,
// 2 guild. message is the text without the "Name : " prefix.
void ai_bridge_on_chat(map_session_data& sd, int32 channel, const char* message);

// Economy. trade: trade_tradecommit once both sides are checked, before the deals are cleared.
// vending: vending_purchasereq after validation, before zeny moves (data/count as the packet
// carries them: {amount.W, cart index + 2 .W} per line).
void ai_bridge_on_trade(map_session_data& sd, map_session_data& partner);
void ai_bridge_on_vending(map_session_data& buyer, map_session_data& vendor, const uint8* data, int32 count,
                          double vendor_zeny);

// Progress. level_up: pc_checkbaselevelup / pc_checkjoblevelup with the level before.
// job_change: pc_jobchange before the class changes. quest: quest_add / quest_update_status
// reaching Q_COMPLETE.
void ai_bridge_on_level_up(map_session_data& sd, bool job, uint32 old_level);
void ai_bridge_on_job_change(map_session_data& sd, int32 new_job);
void ai_bridge_on_quest(map_session_data& sd, int32 quest_id, bool completed);

// Script commands (custom/script_ai_bridge.inc). status: "connected", "connecting",
// "disconnected" or "off"; with json, the bridge's status JSON ("{}" when off).
// emit: a custom event, attached to sd when not null; false with the reason.
std::string ai_bridge_status_text(bool json);
bool ai_bridge_emit(map_session_data* sd, const char* name, const char* json, std::string* error);
// quest: the attached character accepted or completed a generated quest (the quest board's
// script; rAthena quests are reported by the quest_add / quest_update_status hooks).
bool ai_bridge_quest(map_session_data& sd, bool completed, const char* quest_key, std::string* error);

#endif /* AI_BRIDGE_HPP */
