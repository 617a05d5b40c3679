// AI World bridge inside rAthena's map-server: the hook functions of ai_bridge.hpp, the runtime's
// start and stop, and the add_timer_interval callback that executes the mesh's actions on the main
// thread. Part of bridge-client/rathena of the AI World project; copied into src/map/ by apply.py.
//
// Compiled with AIWORLD_BRIDGE (src/map/CMakeLists.txt sets it, with the include directories of
// the bridge, on this file and ai_bridge_game.cpp only, when -DAIWORLD_BRIDGE_LIB is given);
// without it every function is a no-op and the server runs as if unpatched.
#include "ai_bridge.hpp"

#ifdef AIWORLD_BRIDGE

// The bridge's headers (C++17, standard library only) come before rAthena's: rAthena's headers
// define global helpers and macros that standard headers included after them could trip over.
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "aiworld/rathena/runtime.h"
#include "aiworld/rathena/views_of.h"
#include "ai_bridge_game.hpp"

#include <common/showmsg.hpp>
#include <common/timer.hpp>

#include "battle.hpp"
#include "clif.hpp"
#include "map.hpp"
#include "mob.hpp"
#include "npc.hpp"
#include "party.hpp"
#include "pc.hpp"
#include "vending.hpp"

using aiworld::rathena::ChatChannel;
using aiworld::rathena::KillCredit;
using aiworld::rathena::LevelKind;
using aiworld::rathena::LogoutReason;
using aiworld::rathena::MapChangeCause;
using aiworld::rathena::MonsterView;
using aiworld::rathena::NpcInteractionKind;
using aiworld::rathena::PlayerView;

namespace {

const char* const kConfigFiles[] = {"conf/ai_bridge.conf", "conf/import/ai_bridge.conf"};

// Where a character left from, recorded by pc_setpos and used when the next map finishes loading.
struct Departure {
  std::string map;
  int32 x = 0;
  int32 y = 0;
  MapChangeCause cause = MapChangeCause::kTeleport;
};

struct BridgeState {
  std::unique_ptr<aiworld::rathena::Game> game;  // outlives the runtime, which refers to it
  std::unique_ptr<aiworld::rathena::Runtime> runtime;
  int32 timer = INVALID_TIMER;
  bool shutting_down = false;
  bool warned_off_thread = false;
  std::set<uint32> switched_in;          // char ids authenticated by a map-server switch
  std::set<uint32> respawning;           // char ids whose next pc_setpos is a respawn
  std::map<uint32, Departure> departures;  // by char id
};

BridgeState& State() {
  static BridgeState state;
  return state;
}

aiworld::rathena::Facade* FacadeOrNull() {
  BridgeState& s = State();
  return s.runtime == nullptr ? nullptr : &s.runtime->facade();
}

const char* MapNameOf(int16 m) {
  if (m < 0) return nullptr;
  map_data* mapdata = map_getmapdata(m);
  return mapdata == nullptr ? nullptr : mapdata->name;
}

PlayerView ViewOf(const map_session_data& sd) { return aiworld::rathena::PlayerViewOf(sd, MapNameOf(sd.m)); }

TIMER_FUNC(ai_bridge_tick) {
  BridgeState& s = State();
  if (s.runtime == nullptr) return 0;
  const aiworld::rathena::TickReport report = s.runtime->Tick();
  if (!report.on_main_thread && !s.warned_off_thread) {
    s.warned_off_thread = true;
    ShowError("ai_bridge: the action timer ran off the main thread; actions are not executed.\n");
  }
  return 0;
}

}  // namespace

void ai_bridge_init() {
  BridgeState& s = State();
  if (s.runtime != nullptr) return;
  std::vector<std::string> files(std::begin(kConfigFiles), std::end(kConfigFiles));
  aiworld::rathena::LoadedRuntimeConfig loaded = aiworld::rathena::LoadRuntimeConfig(files);
  for (const std::string& warning : loaded.warnings) ShowWarning("ai_bridge: %s\n", warning.c_str());
  if (!loaded.error.empty()) {
    ShowError("ai_bridge: %s; the AI World bridge is off.\n", loaded.error.c_str());
    return;
  }
  if (!loaded.config.enabled) {
    ShowInfo("ai_bridge: disabled in conf/ai_bridge.conf ([game] enabled = false).\n");
    return;
  }
  s.game = ai_bridge_make_game();
  std::string error;
  s.runtime = aiworld::rathena::Runtime::Start(loaded.config, *s.game, &error);
  if (s.runtime == nullptr) {
    ShowError("ai_bridge: could not start: %s; the AI World bridge is off.\n", error.c_str());
    s.game.reset();
    return;
  }
  // rAthena's timers fire at most every 20 ms (TIMER_MIN_INTERVAL).
  const int32 interval = s.runtime->poll_interval_ms() < 20 ? 20 : s.runtime->poll_interval_ms();
  add_timer_func_list(ai_bridge_tick, "ai_bridge_tick");
  s.timer = add_timer_interval(gettick() + interval, ai_bridge_tick, 0, 0, interval);
  ShowStatus("ai_bridge: AI World bridge started (server '" CL_WHITE "%s" CL_RESET "', gateway %s, actions every %d ms).\n",
             loaded.config.bridge.server_id.c_str(), loaded.config.bridge.gateway_address.c_str(), interval);
}

void ai_bridge_shutdown_begin() { State().shutting_down = true; }

void ai_bridge_final() {
  BridgeState& s = State();
  if (s.timer != INVALID_TIMER) {
    delete_timer(s.timer, ai_bridge_tick);
    s.timer = INVALID_TIMER;
  }
  if (s.runtime != nullptr) {
    s.runtime->Stop();  // journals what is still queued; sent after the next start
    s.runtime.reset();
    ShowStatus("ai_bridge: AI World bridge stopped.\n");
  }
  s.game.reset();
  s.switched_in.clear();
  s.respawning.clear();
  s.departures.clear();
}

void ai_bridge_on_auth(map_session_data& sd, bool changing_mapservers) {
  BridgeState& s = State();
  if (s.runtime == nullptr) return;
  if (changing_mapservers) s.switched_in.insert(sd.status.char_id);
  else s.switched_in.erase(sd.status.char_id);
}

void ai_bridge_on_login(map_session_data& sd) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  BridgeState& s = State();
  const bool switched = s.switched_in.erase(sd.status.char_id) > 0;
  s.departures.erase(sd.status.char_id);
  facade->Login(ViewOf(sd), switched);
}

void ai_bridge_on_setpos(map_session_data& sd, uint16 mapindex, int32 clrtype) {
  BridgeState& s = State();
  if (s.runtime == nullptr) return;
  const bool respawn = s.respawning.erase(sd.status.char_id) > 0;
  if (sd.mapindex == mapindex || sd.prev == nullptr) return;  // same map, or not on a map yet
  const char* from = MapNameOf(sd.m);
  if (from == nullptr) return;
  Departure d;
  d.map = from;
  d.x = sd.x;
  d.y = sd.y;
  d.cause = respawn ? MapChangeCause::kRespawn
            : clrtype == CLR_RESPAWN ? MapChangeCause::kRespawn
            : clrtype == CLR_OUTSIGHT ? MapChangeCause::kPortal  // warp portals and script warps
                                      : MapChangeCause::kTeleport;
  s.departures[sd.status.char_id] = d;
}

void ai_bridge_on_respawn(map_session_data& sd) {
  BridgeState& s = State();
  if (s.runtime != nullptr) s.respawning.insert(sd.status.char_id);
}

void ai_bridge_on_map_loaded(map_session_data& sd) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  BridgeState& s = State();
  auto it = s.departures.find(sd.status.char_id);
  if (it == s.departures.end()) {
    facade->MapArrival(ViewOf(sd), "", 0, 0);  // the facade knows the last map; a refresh is filtered there
    return;
  }
  const Departure d = it->second;
  s.departures.erase(it);
  facade->MapArrival(ViewOf(sd), d.map, d.x, d.y, d.cause);
}

void ai_bridge_on_logout(map_session_data& sd) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  BridgeState& s = State();
  s.switched_in.erase(sd.status.char_id);
  s.respawning.erase(sd.status.char_id);
  s.departures.erase(sd.status.char_id);
  facade->Logout(ViewOf(sd), s.shutting_down ? LogoutReason::kServerShutdown : LogoutReason::kQuit);
}

void ai_bridge_on_mapserver_switch(map_session_data& sd) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  State().departures.erase(sd.status.char_id);
  facade->Logout(ViewOf(sd), LogoutReason::kMapServerSwitch);
}

void ai_bridge_on_autotrade(map_session_data& sd) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  facade->Logout(ViewOf(sd), LogoutReason::kAutotrade);
}

void ai_bridge_on_mob_dead(mob_data& md, block_list* src, map_session_data* sd, map_session_data* first_sd,
                           map_session_data* mvp_sd) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  // killmonster and status_kill (also the bridge's own removals) kill without a source.
  if (src == nullptr || md.state.npc_killmonster) return;
  map_session_data* killer = sd != nullptr ? sd : first_sd;
  if (killer == nullptr) return;  // killed by a monster or a trap of nobody
  KillCredit credit;
  credit.last_hit_char_id = sd != nullptr ? sd->status.char_id : 0;
  if (mvp_sd != nullptr && md.get_bosstype() == BOSSTYPE_MVP) credit.mvp_char_id = mvp_sd->status.char_id;
  // Everyone in the damage log who is still online on the monster's map.
  std::set<uint32> dealers;
  for (const s_dmglog& entry : md.dmglog) {
    if (entry.flag == MDLF_SELF) continue;
    map_session_data* tsd = map_charid2sd(entry.id);
    if (tsd != nullptr && tsd->m == md.m && dealers.insert(tsd->status.char_id).second) {
      credit.damage_dealer_char_ids.push_back(tsd->status.char_id);
    }
  }
  // The killer's party members on the same map.
  if (killer->status.party_id > 0) {
    if (party_data* p = party_search(killer->status.party_id); p != nullptr) {
      for (const party_member_data& member : p->data) {
        if (member.sd != nullptr && member.sd->m == md.m) credit.party_member_char_ids.push_back(member.sd->status.char_id);
      }
    }
  }
  facade->MonsterKilled(ViewOf(*killer), aiworld::rathena::MonsterViewOf(md, MapNameOf(md.m)), credit);
}

void ai_bridge_on_player_dead(map_session_data& sd, block_list* src) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  map_data* mapdata = map_getmapdata(sd.m);
  const bool pvp = mapdata != nullptr && mapdata->getMapFlag(MF_PVP);
  const bool gvg = mapdata != nullptr && mapdata_flag_gvg(mapdata);
  const bool bg = mapdata != nullptr && mapdata->getMapFlag(MF_BATTLEGROUND);
  block_list* killer = src;
  // A pet, homunculus, mercenary or summon kills for its master.
  if (killer != nullptr && killer->type != BL_PC && killer->type != BL_MOB) killer = battle_get_master(killer);
  if (killer != nullptr && killer->type == BL_PC) {
    const PlayerView other = ViewOf(*reinterpret_cast<map_session_data*>(killer));
    facade->PlayerDied(ViewOf(sd), &other, nullptr, pvp, gvg, bg);
  } else if (killer != nullptr && killer->type == BL_MOB) {
    mob_data* md = reinterpret_cast<mob_data*>(killer);
    const MonsterView monster = aiworld::rathena::MonsterViewOf(*md, MapNameOf(md->m));
    facade->PlayerDied(ViewOf(sd), nullptr, &monster, pvp, gvg, bg);
  } else {
    facade->PlayerDied(ViewOf(sd), nullptr, nullptr, pvp, gvg, bg);
  }
}

void ai_bridge_on_npc_click(map_session_data& sd, npc_data& nd) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  facade->NpcInteraction(ViewOf(sd), aiworld::rathena::NpcViewOf(nd, MapNameOf(nd.m)), NpcInteractionKind::kClick);
}

namespace {

// The NPC a dialog answer is for: the one the player is talking to.
npc_data* DialogNpc(map_session_data& sd, int32 npc_id) {
  if (sd.npc_id == 0 || sd.npc_id != npc_id) return nullptr;
  return map_id2nd(npc_id);
}

}  // namespace

void ai_bridge_on_npc_input(map_session_data& sd, int32 npc_id, const char* text) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr || text == nullptr) return;
  npc_data* nd = DialogNpc(sd, npc_id);
  if (nd == nullptr) return;
  facade->NpcInteraction(ViewOf(sd), aiworld::rathena::NpcViewOf(*nd, MapNameOf(nd->m)), NpcInteractionKind::kTextInput, text);
}

void ai_bridge_on_npc_menu(map_session_data& sd, int32 npc_id, int32 choice) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  npc_data* nd = DialogNpc(sd, npc_id);
  if (nd == nullptr) return;
  const auto npc = aiworld::rathena::NpcViewOf(*nd, MapNameOf(nd->m));
  if (choice == 0xff) facade->NpcInteraction(ViewOf(sd), npc, NpcInteractionKind::kClose);  // cancel
  else facade->NpcInteraction(ViewOf(sd), npc, NpcInteractionKind::kMenuChoice, "", static_cast<uint32_t>(choice));
}

void ai_bridge_on_npc_amount(map_session_data& sd, int32 npc_id, int32 amount) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  npc_data* nd = DialogNpc(sd, npc_id);
  if (nd == nullptr) return;
  facade->NpcInteraction(ViewOf(sd), aiworld::rathena::NpcViewOf(*nd, MapNameOf(nd->m)), NpcInteractionKind::kAmountInput, "",
                         0, amount);
}

void ai_bridge_on_chat(map_session_data& sd, int32 channel, const char* message) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr || message == nullptr) return;
  const ChatChannel c = channel == 1 ? ChatChannel::kParty : channel == 2 ? ChatChannel::kGuild : ChatChannel::kGlobal;
  facade->Chat(ViewOf(sd), c, message);
}

void ai_bridge_on_trade(map_session_data& sd, map_session_data& partner) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  const uint32 zeny_given = sd.deal.zeny > 0 ? static_cast<uint32>(sd.deal.zeny) : 0;
  const uint32 zeny_received = partner.deal.zeny > 0 ? static_cast<uint32>(partner.deal.zeny) : 0;
  facade->Trade(ViewOf(sd), ViewOf(partner), aiworld::rathena::TradeItemsOf(sd), aiworld::rathena::TradeItemsOf(partner),
                zeny_given, zeny_received);
}

void ai_bridge_on_vending(map_session_data& buyer, map_session_data& vendor, const uint8* data, int32 count,
                          double vendor_zeny) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr || data == nullptr) return;
  std::vector<aiworld::rathena::ItemView> items;
  double total = 0;
  for (int32 i = 0; i < count; ++i) {
    const int32 amount = *reinterpret_cast<const uint16*>(data + 4 * i);
    const int32 cart_index = static_cast<int32>(*reinterpret_cast<const uint16*>(data + 4 * i + 2)) - 2;
    aiworld::rathena::ItemView item = aiworld::rathena::VendingItemOf(vendor, cart_index, amount);
    total += static_cast<double>(item.unit_price) * amount;
    items.push_back(std::move(item));
  }
  facade->VendingSale(ViewOf(buyer), ViewOf(vendor), aiworld::rathena::FixedString(vendor.message), items,
                      static_cast<uint32_t>(total), static_cast<uint32_t>(vendor_zeny < 0 ? 0 : vendor_zeny));
}

void ai_bridge_on_level_up(map_session_data& sd, bool job, uint32 old_level) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  const uint32 now = job ? sd.status.job_level : sd.status.base_level;
  facade->LevelUp(ViewOf(sd), job ? LevelKind::kJob : LevelKind::kBase, old_level, now);
}

void ai_bridge_on_job_change(map_session_data& sd, int32 new_job) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr || new_job < 0) return;
  PlayerView after = ViewOf(sd);
  const uint32 old_job = after.job_id;
  const uint32 old_job_level = after.job_level;
  after.job_id = static_cast<uint32_t>(new_job);
  after.job_level = 1;
  facade->JobChange(after, old_job, old_job_level);
}

void ai_bridge_on_quest(map_session_data& sd, int32 quest_id, bool completed) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) return;
  if (completed) facade->QuestCompleted(ViewOf(sd), quest_id);
  else facade->QuestAccepted(ViewOf(sd), quest_id);
}

std::string ai_bridge_status_text(bool json) {
  BridgeState& s = State();
  if (s.runtime == nullptr) return json ? "{}" : "off";
  return json ? s.runtime->StatusJson() : s.runtime->ConnectionState();
}

bool ai_bridge_emit(map_session_data* sd, const char* name, const char* json, std::string* error) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) {
    *error = "the AI World bridge is off";
    return false;
  }
  if (name == nullptr || json == nullptr) {
    *error = "name and json are required";
    return false;
  }
  if (sd != nullptr) {
    const PlayerView player = ViewOf(*sd);
    return facade->Custom(&player, name, json, error);
  }
  return facade->Custom(nullptr, name, json, error);
}

bool ai_bridge_quest(map_session_data& sd, bool completed, const char* quest_key, std::string* error) {
  auto* facade = FacadeOrNull();
  if (facade == nullptr) {
    *error = "the AI World bridge is off";
    return false;
  }
  const std::string key = quest_key == nullptr ? "" : quest_key;
  if (key.empty() || key.size() > 64) {
    *error = "quest_key: must be 1..64 bytes (the character's aiw_q_key$)";
    return false;
  }
  if (completed) facade->QuestCompleted(ViewOf(sd), 0, key);
  else facade->QuestAccepted(ViewOf(sd), 0, key);
  return true;
}

#else  // !AIWORLD_BRIDGE: the hooks stay in the tree, the bridge is not linked.

void ai_bridge_init() {}
void ai_bridge_shutdown_begin() {}
void ai_bridge_final() {}
void ai_bridge_on_auth(map_session_data&, bool) {}
void ai_bridge_on_login(map_session_data&) {}
void ai_bridge_on_map_loaded(map_session_data&) {}
void ai_bridge_on_setpos(map_session_data&, uint16, int32) {}
void ai_bridge_on_respawn(map_session_data&) {}
void ai_bridge_on_logout(map_session_data&) {}
void ai_bridge_on_mapserver_switch(map_session_data&) {}
void ai_bridge_on_autotrade(map_session_data&) {}
void ai_bridge_on_mob_dead(mob_data&, block_list*, map_session_data*, map_session_data*, map_session_data*) {}
void ai_bridge_on_player_dead(map_session_data&, block_list*) {}
void ai_bridge_on_npc_click(map_session_data&, npc_data&) {}
void ai_bridge_on_npc_input(map_session_data&, int32, const char*) {}
void ai_bridge_on_npc_menu(map_session_data&, int32, int32) {}
void ai_bridge_on_npc_amount(map_session_data&, int32, int32) {}
void ai_bridge_on_chat(map_session_data&, int32, const char*) {}
void ai_bridge_on_trade(map_session_data&, map_session_data&) {}
void ai_bridge_on_vending(map_session_data&, map_session_data&, const uint8*, int32, double) {}
void ai_bridge_on_level_up(map_session_data&, bool, uint32) {}
void ai_bridge_on_job_change(map_session_data&, int32) {}
void ai_bridge_on_quest(map_session_data&, int32, bool) {}
std::string ai_bridge_status_text(bool json) { return json ? "{}" : "off"; }
bool ai_bridge_emit(map_session_data*, const char*, const char*, std::string* error) {
  if (error != nullptr) *error = "map-server was built without the AI World bridge";
  return false;
}
bool ai_bridge_quest(map_session_data&, bool, const char*, std::string* error) {
  if (error != nullptr) *error = "map-server was built without the AI World bridge";
  return false;
}

#endif  // AIWORLD_BRIDGE
