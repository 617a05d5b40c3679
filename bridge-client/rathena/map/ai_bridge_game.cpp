// AI World bridge: aiworld::rathena::Game implemented with rAthena's functions (rAthena upstream
// 754c50b5; see shared/reference/rathena-integration.md §2). The action executor of the bridge
// library validates every action and calls these methods from the add_timer_interval callback,
// i.e. on the main thread. Nothing here keeps a pointer between calls: characters are found by
// char id (map_charid2sd), monsters by GID (map_id2md), NPCs by unique name (npc_name2id) and maps
// by name (map_mapname2mapid) every time.
// Part of bridge-client/rathena of the AI World project; copied into src/map/ by apply.py.
#ifdef AIWORLD_BRIDGE

#include <algorithm>
#include <cstdarg>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aiworld/rathena/game.h"
#include "ai_bridge_game.hpp"

#include <common/malloc.hpp>
#include <common/mapindex.hpp>
#include <common/mmo.hpp>
#include <common/showmsg.hpp>
#include <common/strlib.hpp>

#include "clif.hpp"
#include "intif.hpp"
#include "itemdb.hpp"
#include "log.hpp"
#include "map.hpp"
#include "mob.hpp"
#include "npc.hpp"
#include "pc.hpp"
#include "quest.hpp"
#include "script.hpp"
#include "status.hpp"
#include "unit.hpp"

using aiworld::rathena::BroadcastLook;
using aiworld::rathena::GameError;
using aiworld::rathena::GameResult;

namespace {

int16 MapId(const std::string& map) {
  if (map.empty() || map.size() >= MAP_NAME_LENGTH_EXT) return -1;
  // mapindex_name2idx without a function name does not log unknown maps (the mesh may ask).
  const uint16 index = mapindex_name2idx(map.c_str(), nullptr);
  return index == 0 ? -1 : map_mapindex2mapid(index);
}

bool InsideMap(int16 m, int32 x, int32 y) {
  map_data* mapdata = map_getmapdata(m);
  return mapdata != nullptr && x >= 0 && y >= 0 && x < mapdata->xs && y < mapdata->ys;
}

npc_data* Npc(const std::string& exname) {
  if (exname.empty() || exname.size() > NPC_NAME_LENGTH) return nullptr;
  return npc_name2id(exname.c_str());
}

// Text as rAthena's packets carry it: at most CHAT_SIZE_MAX - 1 bytes, cut on a UTF-8 boundary.
std::string Clip(const std::string& text, size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end);
}

std::string DisplayName(const npc_data& nd) {
  std::string name(nd.name, strnlen(nd.name, sizeof(nd.name)));
  return name.substr(0, name.find('#'));
}

// map_foreachinmap callback: one broadcast line to one player (BC_SELF).
int32 BroadcastSub(block_list* bl, va_list ap) {
  const char* text = va_arg(ap, const char*);
  const size_t len = va_arg(ap, size_t);
  const BroadcastLook* look = va_arg(ap, const BroadcastLook*);
  if (look->color_rgb) {
    clif_broadcast2(bl, text, len, *look->color_rgb, static_cast<int16>(look->font_type), static_cast<int16>(look->font_size),
                    static_cast<int16>(look->font_align), static_cast<int16>(look->font_y), SELF);
  } else {
    clif_broadcast(bl, text, len, static_cast<int32>(look->flag), SELF);
  }
  return 1;
}

// Map flags whose state is a number (map_setmapflag_sub reads args->flag_val); the others are on/off.
bool IsValueFlag(e_mapflag flag) {
  switch (flag) {
    case MF_BEXP:
    case MF_JEXP:
    case MF_BATTLEGROUND:
    case MF_NOCOMMAND:
    case MF_SPECIALPOPUP:
    case MF_INVINCIBLE_TIME:
    case MF_RESTRICTED:
      return true;
    default:
      return false;
  }
}

// Flags that need structured arguments (a save point, drop lists, skill tables) to be switched on.
bool NeedsStructuredArgs(e_mapflag flag) {
  return flag == MF_NOSAVE || flag == MF_PVP_NIGHTMAREDROP || flag == MF_SKILL_DAMAGE || flag == MF_SKILL_DURATION;
}

e_mapflag MapFlag(const std::string& name) {
  if (name.empty() || name.size() > 64) return MF_INVALID;
  char buffer[80];
  safestrncpy(buffer, name.c_str(), sizeof(buffer));
  return map_getmapflag_by_name(buffer);
}

std::optional<sc_type> StatusType(const std::string& name) {
  if (name.size() < 4 || name.compare(0, 3, "SC_") != 0) return std::nullopt;
  int64 value = 0;
  if (!script_get_constant(name.c_str(), &value)) return std::nullopt;
  if (value <= SC_NONE || value >= SC_MAX) return std::nullopt;
  return static_cast<sc_type>(value);
}

class RathenaGame : public aiworld::rathena::Game {
 public:
  bool MapExists(const std::string& map) override { return MapId(map) >= 0; }
  bool CharacterOnline(uint32_t char_id) override { return map_charid2sd(static_cast<int32>(char_id)) != nullptr; }
  bool MobExists(int32_t mob_id) override { return mobdb_checkid(mob_id) != 0; }
  bool ItemExists(uint32_t item_id) override { return item_db.exists(item_id); }
  bool NpcExists(const std::string& exname) override { return Npc(exname) != nullptr; }
  bool MapFlagExists(const std::string& flag) override { return MapFlag(flag) != MF_INVALID; }
  bool StatusExists(const std::string& status) override { return StatusType(status).has_value(); }

  GameResult BroadcastServer(const std::string& text, const BroadcastLook& look) override {
    const std::string line = Clip(text, CHAT_SIZE_MAX - 1);
    const size_t len = line.size() + 1;
    if (len < 2) return GameResult::Fail(GameError::kInvalid, "text: empty");
    if (look.color_rgb) {
      intif_broadcast2(line.c_str(), len, *look.color_rgb, static_cast<int16>(look.font_type), static_cast<int16>(look.font_size),
                       static_cast<int16>(look.font_align), static_cast<int16>(look.font_y));
    } else {
      intif_broadcast(line.c_str(), len, static_cast<int32>(look.flag));
    }
    return GameResult::Ok(static_cast<uint32_t>(map_usercount()));
  }

  GameResult BroadcastMap(const std::string& map, const std::string& text, const BroadcastLook& look) override {
    const int16 m = MapId(map);
    if (m < 0) return GameResult::Fail(GameError::kNotFound, "map \"" + map + "\" is not on this map-server");
    const std::string line = Clip(text, CHAT_SIZE_MAX - 1);
    const int32 reached = map_foreachinmap(BroadcastSub, m, BL_PC, line.c_str(), line.size() + 1, &look);
    return GameResult::Ok(static_cast<uint32_t>(reached));
  }

  GameResult BroadcastPlayer(uint32_t char_id, const std::string& text, const BroadcastLook& look) override {
    map_session_data* sd = map_charid2sd(static_cast<int32>(char_id));
    if (sd == nullptr) return Offline(char_id);
    const std::string line = Clip(text, CHAT_SIZE_MAX - 1);
    if (look.color_rgb) {
      clif_broadcast2(sd, line.c_str(), line.size() + 1, *look.color_rgb, static_cast<int16>(look.font_type),
                      static_cast<int16>(look.font_size), static_cast<int16>(look.font_align), static_cast<int16>(look.font_y), SELF);
    } else {
      clif_broadcast(sd, line.c_str(), line.size() + 1, static_cast<int32>(look.flag), SELF);
    }
    return GameResult::Ok(1);
  }

  std::vector<uint32_t> SpawnMonsters(const aiworld::rathena::MonsterSpawn& spawn) override {
    std::vector<uint32_t> gids;
    const int16 m = MapId(spawn.map);
    if (m < 0 || mobdb_checkid(spawn.mob_id) == 0) return gids;
    const bool random_cell = spawn.x == 0 && spawn.y == 0;
    if (!random_cell && !InsideMap(m, spawn.x, spawn.y)) return gids;
    const std::string name = Clip(spawn.display_name, NAME_LENGTH - 1);
    const std::string event = spawn.death_event.size() < EVENT_NAME_LENGTH ? spawn.death_event : std::string();
    for (uint32_t i = 0; i < spawn.amount; ++i) {
      int16 x = static_cast<int16>(spawn.x);
      int16 y = static_cast<int16>(spawn.y);
      if (!random_cell && spawn.spread > 0) {
        // A free cell within spread of the centre; the centre itself when none is found.
        int16 tx = x, ty = y;
        if (map_search_freecell(nullptr, m, &tx, &ty, static_cast<int16>(spawn.spread), static_cast<int16>(spawn.spread), 1)) {
          x = tx;
          y = ty;
        }
      }
      // x,y 0: mob_once_spawn_sub picks a random free cell of the map.
      mob_data* md = mob_once_spawn_sub(nullptr, m, x, y, name.empty() ? nullptr : name.c_str(), spawn.mob_id,
                                        event.empty() ? "" : event.c_str(), SZ_SMALL, AI_NONE);
      if (md == nullptr) continue;
      mob_spawn(md);
      ScaleMonster(*md, spawn.hp_percent, spawn.atk_percent, spawn.def_percent);
      gids.push_back(static_cast<uint32_t>(md->id));
    }
    // What the mesh put into the world, on the console (the gateway keeps only done/failed).
    std::shared_ptr<s_mob_db> db = mob_db.find(static_cast<uint32>(spawn.mob_id));
    ShowInfo("ai_bridge: spawned %zu of %u '%s' (mob %d) on %s.\n", gids.size(), spawn.amount,
             db != nullptr ? db->jname.c_str() : "?", spawn.mob_id, spawn.map.c_str());
    return gids;
  }

  uint32_t RemoveMonsters(const std::vector<uint32_t>& gids) override {
    uint32_t removed = 0;
    for (uint32_t gid : gids) {
      mob_data* md = map_id2md(static_cast<int32>(gid));
      if (md == nullptr || md->prev == nullptr || status_isdead(*md)) continue;
      md->state.npc_killmonster = 1;  // no kill event, no drops, no exp (as script killmonster)
      status_kill(md);
      ++removed;
    }
    return removed;
  }

  std::optional<aiworld::rathena::SpawnedNpcRef> DuplicateNpc(const aiworld::rathena::NpcCopy& copy) override {
    npc_data* tpl = Npc(copy.template_exname);
    const int16 m = MapId(copy.map);
    if (tpl == nullptr || m < 0 || !InsideMap(m, copy.x, copy.y)) return std::nullopt;
    char name[NPC_NAME_LENGTH + 1];
    safestrncpy(name, Clip(copy.display_name, NAME_LENGTH - 1).c_str(), sizeof(name));
    int16 xs = -1, ys = -1;
    if (tpl->subtype == NPCTYPE_SCRIPT) {  // keep the template's OnTouch area
      xs = tpl->u.scr.xs;
      ys = tpl->u.scr.ys;
    }
    npc_data* nd = npc_duplicate_npc(*tpl, name, m, static_cast<int16>(copy.x), static_cast<int16>(copy.y), copy.sprite,
                                     static_cast<uint8>(copy.facing & 7), xs, ys);
    if (nd == nullptr) return std::nullopt;
    aiworld::rathena::SpawnedNpcRef ref;
    ref.exname.assign(nd->exname, strnlen(nd->exname, sizeof(nd->exname)));
    ref.gid = static_cast<uint32_t>(nd->id);
    return ref;
  }

  // Duplicates share their template's script code and with it its NPC variables (".name"). So a
  // variable is written twice: as ".aiw_x$" (the value the template reads in OnAIWInit, which the
  // executor runs right after setting the variables) and as ".aiw_x$[<NPC GID>]", the copy's own
  // value that stays valid however many copies exist (read with .aiw_x$[getnpcid(0)]).
  void SetNpcVariable(const std::string& exname, const std::string& name, const std::string& value) override {
    npc_data* nd = Npc(exname);
    if (nd == nullptr || nd->subtype != NPCTYPE_SCRIPT || nd->u.scr.script == nullptr) return;
    if (name.size() < 2 || name.size() > 32 || name[0] != '.' || name[1] == '@') return;
    reg_db* vars = &nd->u.scr.script->local;
    // rAthena creates a script's variable table when it first runs (script_alloc_state); a
    // template that never ran has none yet.
    if (vars->vars == nullptr) vars->vars = i64db_alloc(DB_OPT_RELEASE_DATA);
    const bool is_string = name.back() == '$';
    const std::string text = Clip(value, 254);
    auto put = [&](int32 index) {
      if (is_string) setd_sub_str(nullptr, nullptr, name.c_str(), index, text.c_str(), vars);
      else setd_sub_num(nullptr, nullptr, name.c_str(), index, std::strtoll(text.c_str(), nullptr, 10), vars);
    };
    put(0);
    if (nd->src_id != 0) {  // a duplicate
      put(nd->id);
      copy_vars_[nd->id].insert(name);
    }
  }

  bool RunNpcEvent(const std::string& exname, const std::string& label) override {
    const std::string event = exname + "::" + label;
    if (Npc(exname) == nullptr || event.size() >= EVENT_NAME_LENGTH) return false;
    return npc_event_do(event.c_str()) > 0;
  }

  bool RemoveNpc(const std::string& exname) override {
    npc_data* nd = Npc(exname);
    if (nd == nullptr) return false;
    ForgetCopyVariables(*nd);
    npc_unload_duplicates(nd);
    npc_unload(nd, true);
    npc_read_event_script();
    return true;
  }

  GameResult MoveNpc(const std::string& exname, const std::string& map, int32_t x, int32_t y, bool warp) override {
    npc_data* nd = Npc(exname);
    if (nd == nullptr) return GameResult::Fail(GameError::kNotFound, "no NPC \"" + exname + "\"");
    if (nd->m < 0 || nd->prev == nullptr) return GameResult::Fail(GameError::kRefused, "NPC \"" + exname + "\" is not on a map");
    const int16 m = map.empty() ? nd->m : MapId(map);
    if (m < 0) return GameResult::Fail(GameError::kNotFound, "map \"" + map + "\" is not on this map-server");
    if (!InsideMap(m, x, y)) return GameResult::Fail(GameError::kInvalid, "cell " + std::to_string(x) + "," + std::to_string(y) + " is outside the map");
    if (warp) {
      if (unit_warp(nd, m, static_cast<int16>(x), static_cast<int16>(y), CLR_OUTSIGHT) != 0) {
        return GameResult::Fail(GameError::kRefused, "the NPC could not be warped there");
      }
      return GameResult::Ok(1);
    }
    if (m != nd->m) return GameResult::Fail(GameError::kUnsupported, "an NPC cannot walk to another map (use WARP)");
    // NPCs walk with a status (speed); as script npcwalkto does.
    status_calc_npc(nd, nd->status.hp == 0 ? SCO_FIRST : SCO_NONE);
    if (!unit_walktoxy(nd, static_cast<int16>(x), static_cast<int16>(y), 0)) {
      return GameResult::Fail(GameError::kRefused, "no walkable path to " + std::to_string(x) + "," + std::to_string(y));
    }
    return GameResult::Ok(1);
  }

  GameResult NpcSpeak(const std::string& exname, uint32_t char_id, const std::string& text, aiworld::rathena::SpeechMode mode,
                      std::optional<uint32_t> emotion) override {
    npc_data* nd = Npc(exname);
    if (nd == nullptr) return GameResult::Fail(GameError::kNotFound, "no NPC \"" + exname + "\"");
    if (emotion && *emotion >= static_cast<uint32_t>(ET_MAX)) {
      return GameResult::Fail(GameError::kInvalid, "emotion " + std::to_string(*emotion) + " is not an rAthena emotion");
    }
    map_session_data* sd = nullptr;
    if (char_id != 0) {
      sd = map_charid2sd(static_cast<int32>(char_id));
      if (sd == nullptr) return Offline(char_id);
    }
    if (mode == aiworld::rathena::SpeechMode::kDialog) {
      if (sd == nullptr) return GameResult::Fail(GameError::kInvalid, "a dialog line needs a character");
      if (sd->npc_id != 0 && sd->npc_id != nd->id) {
        return GameResult::Fail(GameError::kRefused, "the character is talking to another NPC");
      }
      // In the NPC's dialog window; when its script is not waiting on it, with a close button.
      const std::string line = Clip(text, CHAT_SIZE_MAX - 1);
      clif_scriptmes(*sd, nd->id, line.c_str());
      if (sd->npc_id == 0) {
        clif_scriptclose(*sd, nd->id);
      } else if (sd->st != nullptr && !sd->state.menu_or_input) {
        // The script waits at "next" or "close": the button it showed went before the new line, so
        // show it again after it, as "mes ...; next;" would (a client reads a dialog line as the
        // start of a new page and waits for its button: OpenKore does).
        if (sd->st->state == STOP && sd->st->mes_active) clif_scriptnext(*sd, nd->id);
        else if (sd->st->state == CLOSE) clif_scriptclose(*sd, nd->id);
      }
    } else {
      if (nd->m < 0 || nd->prev == nullptr) return GameResult::Fail(GameError::kRefused, "NPC \"" + exname + "\" is not on a map");
      const std::string line = Clip(DisplayName(*nd) + " : " + text, CHAT_SIZE_MAX - 1);
      if (sd != nullptr) clif_messagecolor_target(nd, 0xFFFFFF, line.c_str(), true, SELF, sd);
      else clif_messagecolor(nd, 0xFFFFFF, line.c_str(), true, AREA);
    }
    if (emotion) clif_emotion(*nd, static_cast<emotion_type>(*emotion));
    return GameResult::Ok(1);
  }

  GameResult GiveReward(uint32_t char_id, const aiworld::rathena::Reward& reward) override {
    map_session_data* sd = map_charid2sd(static_cast<int32>(char_id));
    if (sd == nullptr) return Offline(char_id);
    // Everything is checked first: nothing is given unless all of it fits.
    if ((reward.base_exp > 0 || reward.job_exp > 0) && (pc_isdead(sd) || sd->prev == nullptr)) {
      return GameResult::Fail(GameError::kRefused, "the character is dead or between maps (no experience can be given)");
    }
    if (reward.zeny < 0 || reward.base_exp < 0 || reward.job_exp < 0) return GameResult::Fail(GameError::kInvalid, "negative amounts");
    if (static_cast<int64>(sd->status.zeny) + reward.zeny > MAX_ZENY) {
      return GameResult::Fail(GameError::kRefused, "the zeny would exceed the maximum a character can carry");
    }
    if (GameResult fits = ItemsFit(*sd, reward.items); !fits.ok()) return fits;

    uint32_t given = 0;
    for (const aiworld::rathena::RewardItem& r : reward.items) {
      std::shared_ptr<item_data> data = item_db.find(r.item_id);
      item it{};
      it.nameid = r.item_id;
      it.identify = 1;
      it.bound = BOUND_NONE;
      // Equipment and other non-stackables go in one at a time.
      const bool stackable = itemdb_isstackable2(data.get());
      const uint32_t calls = stackable ? 1 : r.amount;
      const int32 per_call = stackable ? static_cast<int32>(r.amount) : 1;
      for (uint32_t i = 0; i < calls; ++i) {
        const e_additem_result result = pc_additem(sd, &it, per_call, LOG_TYPE_SCRIPT);
        if (result != ADDITEM_SUCCESS) {
          clif_additem(sd, 0, 0, result);
          return GameResult::Fail(GameError::kRefused, "item " + std::to_string(r.item_id) + " was refused after " + std::to_string(given) +
                                                           " stacks were given (pc_additem " + std::to_string(static_cast<int>(result)) + ")");
        }
      }
      ++given;
    }
    if (reward.zeny > 0) pc_getzeny(sd, static_cast<int32>(reward.zeny), LOG_TYPE_SCRIPT);
    if (reward.base_exp > 0 || reward.job_exp > 0) {
      // 1 quest exp, 2 exact amounts (no guild tax or rate adjustments).
      pc_gainexp(sd, nullptr, static_cast<t_exp>(reward.base_exp), static_cast<t_exp>(reward.job_exp), 1 | 2);
    }
    return GameResult::Ok(1);
  }

  GameResult SystemMessage(uint32_t char_id, const std::string& text) override {
    map_session_data* sd = map_charid2sd(static_cast<int32>(char_id));
    if (sd == nullptr) return Offline(char_id);
    if (sd->fd <= 0) return GameResult::Ok(0);  // an autotrader: no client to show it
    clif_displaymessage(sd->fd, Clip(text, CHAT_SIZE_MAX - 1).c_str());
    return GameResult::Ok(1);
  }

  GameResult AddQuest(uint32_t char_id, int32_t quest_id) override {
    map_session_data* sd = map_charid2sd(static_cast<int32>(char_id));
    if (sd == nullptr) return Offline(char_id);
    if (quest_search(quest_id) == nullptr) return GameResult::Fail(GameError::kInvalid, "quest " + std::to_string(quest_id) + " is not in quest_db");
    if (quest_check(sd, quest_id, HAVEQUEST) >= 0) {
      return GameResult::Fail(GameError::kRefused, "the character already has quest " + std::to_string(quest_id));
    }
    if (quest_add(sd, quest_id) != 0) return GameResult::Fail(GameError::kRefused, "quest_add refused quest " + std::to_string(quest_id));
    return GameResult::Ok(1);
  }

  // Permanent character variables: "name$" for text, "name" for numbers (pc_setglobalreg*).
  GameResult SetCharVariable(uint32_t char_id, const std::string& name, const std::string& string_value) override {
    map_session_data* sd = map_charid2sd(static_cast<int32>(char_id));
    if (sd == nullptr) return Offline(char_id);
    const std::string var = name + "$";
    if (var.size() > 32) return GameResult::Fail(GameError::kInvalid, "variable name \"" + var + "\" is longer than 32 bytes");
    if (!pc_setglobalreg_str(sd, add_str(var.c_str()), Clip(string_value, 254).c_str())) {
      return GameResult::Fail(GameError::kRefused, "rAthena refused variable \"" + var + "\"");
    }
    return GameResult::Ok(1);
  }

  GameResult SetCharVariable(uint32_t char_id, const std::string& name, int64_t int_value) override {
    map_session_data* sd = map_charid2sd(static_cast<int32>(char_id));
    if (sd == nullptr) return Offline(char_id);
    if (name.size() > 32) return GameResult::Fail(GameError::kInvalid, "variable name \"" + name + "\" is longer than 32 bytes");
    if (!pc_setglobalreg(sd, add_str(name.c_str()), static_cast<int64>(int_value))) {
      return GameResult::Fail(GameError::kRefused, "rAthena refused variable \"" + name + "\"");
    }
    return GameResult::Ok(1);
  }

  GameResult ApplyStatus(uint32_t char_id, const std::string& status, int32_t value1, int64_t duration_ms) override {
    map_session_data* sd = map_charid2sd(static_cast<int32>(char_id));
    if (sd == nullptr) return Offline(char_id);
    const std::optional<sc_type> type = StatusType(status);
    if (!type) return GameResult::Fail(GameError::kInvalid, "\"" + status + "\" is not a status of this server");
    if (!sc_start(sd, sd, *type, 100, value1, static_cast<t_tick>(duration_ms))) {
      return GameResult::Fail(GameError::kRefused, "the character resisted or is immune to " + status);
    }
    return GameResult::Ok(1);
  }

  FlagState GetMapFlag(const std::string& map, const std::string& flag) override {
    FlagState state;
    const int16 m = MapId(map);
    const e_mapflag f = MapFlag(flag);
    if (m < 0 || f == MF_INVALID || f == MF_SKILL_DAMAGE) return state;
    const int32 raw = map_getmapflag(m, f);
    state.enabled = raw > 0;
    state.value = IsValueFlag(f) && raw > 0 ? raw : 0;
    return state;
  }

  GameResult SetMapFlag(const std::string& map, const std::string& flag, bool enabled, int32_t value) override {
    const int16 m = MapId(map);
    if (m < 0) return GameResult::Fail(GameError::kNotFound, "map \"" + map + "\" is not on this map-server");
    const e_mapflag f = MapFlag(flag);
    if (f == MF_INVALID) return GameResult::Fail(GameError::kInvalid, "\"" + flag + "\" is not a map flag");
    if (enabled && NeedsStructuredArgs(f)) {
      return GameResult::Fail(GameError::kUnsupported, "map flag \"" + flag + "\" needs arguments the bridge does not send");
    }
    u_mapflag_args args = {};
    args.flag_val = value;
    if (!map_setmapflag_sub(m, f, enabled, &args)) return GameResult::Fail(GameError::kRefused, "rAthena refused map flag \"" + flag + "\"");
    return GameResult::Ok(1);
  }

  void RefreshWeather(const std::string& map) override {
    const int16 m = MapId(map);
    if (m >= 0) clif_weather(m);
  }

  GameResult UpdateShop(const std::string& shop_exname, uint32_t item_id, std::optional<uint32_t> price,
                        std::optional<int32_t> stock) override {
    npc_data* nd = Npc(shop_exname);
    if (nd == nullptr) return GameResult::Fail(GameError::kNotFound, "no NPC \"" + shop_exname + "\"");
    switch (nd->subtype) {
      case NPCTYPE_SHOP:
      case NPCTYPE_CASHSHOP:
      case NPCTYPE_ITEMSHOP:
      case NPCTYPE_POINTSHOP:
      case NPCTYPE_MARKETSHOP:
        break;
      default:
        return GameResult::Fail(GameError::kInvalid, "NPC \"" + shop_exname + "\" is not a shop");
    }
    npc_item_list* entry = nullptr;
    for (uint16 i = 0; i < nd->u.shop.count; ++i) {
      if (nd->u.shop.shop_item[i].nameid == item_id) {
        entry = &nd->u.shop.shop_item[i];
        break;
      }
    }
    if (entry == nullptr) return GameResult::Fail(GameError::kNotFound, "shop \"" + shop_exname + "\" does not sell item " + std::to_string(item_id));
#if PACKETVER >= 20131223
    const bool market = nd->subtype == NPCTYPE_MARKETSHOP;
#else
    const bool market = false;
#endif
    if (stock && !market) return GameResult::Fail(GameError::kUnsupported, "stock applies to market shops only");
    if (price) entry->value = *price;
#if PACKETVER >= 20131223
    if (stock) entry->qty = *stock;  // -1: unlimited
    if (market) npc_market_tosql(nd->exname, entry);  // market stock and price persist in SQL
#endif
    return GameResult::Ok(1);
  }

 private:
  static GameResult Offline(uint32_t char_id) {
    return GameResult::Fail(GameError::kOffline, "character " + std::to_string(char_id) + " is not online");
  }

  // Weight and free inventory slots for the whole reward, as script checkweight counts them.
  static GameResult ItemsFit(map_session_data& sd, const std::vector<aiworld::rathena::RewardItem>& items) {
    int64 weight = 0;
    int32 new_slots = 0;
    const int32 blank = pc_inventoryblank(&sd);
    for (const aiworld::rathena::RewardItem& r : items) {
      std::shared_ptr<item_data> data = item_db.find(r.item_id);
      if (data == nullptr) return GameResult::Fail(GameError::kInvalid, "item " + std::to_string(r.item_id) + " is not in the item database");
      if (r.amount == 0 || r.amount > MAX_AMOUNT) return GameResult::Fail(GameError::kInvalid, "item " + std::to_string(r.item_id) + ": bad amount");
      weight += static_cast<int64>(data->weight) * r.amount;
      if (weight + sd.weight > sd.max_weight) return GameResult::Fail(GameError::kRefused, "the reward is too heavy for the character");
      switch (pc_checkadditem(&sd, r.item_id, static_cast<int32>(r.amount))) {
        case CHKADDITEM_EXIST:
          break;
        case CHKADDITEM_NEW:
          new_slots += itemdb_isstackable2(data.get()) ? 1 : static_cast<int32>(r.amount);
          if (new_slots > blank) return GameResult::Fail(GameError::kRefused, "the character's inventory has no room for the reward");
          break;
        case CHKADDITEM_OVERAMOUNT:
        default:
          return GameResult::Fail(GameError::kRefused, "the character cannot carry more of item " + std::to_string(r.item_id));
      }
    }
    return GameResult::Ok(1);
  }

  static void ScaleMonster(mob_data& md, uint32_t hp_percent, uint32_t atk_percent, uint32_t def_percent) {
    if (hp_percent == 100 && atk_percent == 100 && def_percent == 100) return;
    // The spawned monster's own base status (as script setunitdata does): rAthena frees it again
    // only when the monster is recalculated from its database entry (e.g. mobs_level_up).
    if (md.base_status == nullptr) {
      md.base_status = static_cast<status_data*>(aCalloc(1, sizeof(status_data)));
      std::memcpy(md.base_status, &md.db->status, sizeof(status_data));
    }
    auto scale = [](auto value, uint32_t percent) {
      using T = decltype(value);
      return static_cast<T>(std::max<int64>(1, static_cast<int64>(value) * percent / 100));
    };
    md.base_status->rhw.atk = scale(md.base_status->rhw.atk, atk_percent);
    md.base_status->rhw.atk2 = scale(md.base_status->rhw.atk2, atk_percent);
    md.base_status->def = scale(md.base_status->def, def_percent);
    md.base_status->mdef = scale(md.base_status->mdef, def_percent);
    status_calc_bl_(&md, status_db.getSCB_BATTLE());
    // Renewal's status calculation never copies a monster's weapon attack from its base status
    // (pre-renewal does, to the same values): set the live ones too.
    md.status.rhw.atk = md.base_status->rhw.atk;
    md.status.rhw.atk2 = md.base_status->rhw.atk2;
    if (hp_percent != 100) {
      const uint32 max_hp = static_cast<uint32>(std::min<int64>(INT32_MAX, std::max<int64>(1, static_cast<int64>(md.base_status->max_hp) * hp_percent / 100)));
      md.base_status->hp = md.base_status->max_hp = max_hp;
      status_set_maxhp(&md, max_hp, 0);
      status_set_hp(&md, max_hp, 0);
    }
  }

  void ForgetCopyVariables(npc_data& nd) {
    auto it = copy_vars_.find(nd.id);
    if (it == copy_vars_.end()) return;
    if (nd.subtype == NPCTYPE_SCRIPT && nd.u.scr.script != nullptr && nd.u.scr.script->local.vars != nullptr) {
      for (const std::string& name : it->second) {
        if (name.back() == '$') setd_sub_str(nullptr, nullptr, name.c_str(), nd.id, "", &nd.u.scr.script->local);
        else setd_sub_num(nullptr, nullptr, name.c_str(), nd.id, 0, &nd.u.scr.script->local);
      }
    }
    copy_vars_.erase(it);
  }

  std::map<int32, std::set<std::string>> copy_vars_;  // NPC variables set per duplicate, by GID
};

}  // namespace

std::unique_ptr<aiworld::rathena::Game> ai_bridge_make_game() { return std::make_unique<RathenaGame>(); }

#endif  // AIWORLD_BRIDGE
