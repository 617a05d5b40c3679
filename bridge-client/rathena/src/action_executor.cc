#include "aiworld/rathena/action_executor.h"

#include <algorithm>
#include <array>
#include <utility>

#include "action_fields.h"

namespace aiworld::rathena {
namespace {

using bridge::ActionResult;
using bridge::ErrorCode;
using bridge::Outcome;

constexpr int64_t kMaxInt32 = 2147483647;
constexpr int64_t kFirstCharId = 150000;
constexpr int64_t kDay = 24 * 3600;

ActionResult Done(uint32_t affected) {
  ActionResult r;
  r.affected = affected;
  return r;
}

ActionResult Failed(ErrorCode code, std::string reason) {
  ActionResult r;
  r.outcome = Outcome::kFailed;
  r.code = code;
  r.reason = std::move(reason);
  return r;
}

ActionResult Invalid(const ActionFields& f) { return Failed(ErrorCode::kInvalid, f.error()); }

ActionResult Offline(uint32_t char_id) {
  ActionResult r;
  r.outcome = Outcome::kRetry;
  r.code = ErrorCode::kTargetOffline;
  r.reason = "character " + std::to_string(char_id) + " is not online";
  return r;
}

ActionResult FromGame(const GameResult& g) {
  switch (g.error) {
    case GameError::kNone: return Done(g.affected);
    case GameError::kOffline: {
      ActionResult r = Failed(ErrorCode::kTargetOffline, g.detail);
      r.outcome = Outcome::kRetry;
      return r;
    }
    case GameError::kInvalid: return Failed(ErrorCode::kInvalid, g.detail);
    case GameError::kNotFound: return Failed(ErrorCode::kNotFound, g.detail);
    case GameError::kRefused: return Failed(ErrorCode::kGameRefused, g.detail);
    case GameError::kUnsupported: return Failed(ErrorCode::kUnsupported, g.detail);
  }
  return Failed(ErrorCode::kInternal, "unknown game error");
}

// The weather map flags of current rAthena, in WeatherEffect order after CLEAR and RAIN.
constexpr std::array<const char*, 7> kWeatherFlags = {"snow", "fog", "sakura", "leaves", "clouds", "clouds2", "fireworks"};

const char* WeatherFlagOf(const std::string& effect) {
  if (effect == "WEATHER_EFFECT_SNOW") return "snow";
  if (effect == "WEATHER_EFFECT_FOG") return "fog";
  if (effect == "WEATHER_EFFECT_SAKURA") return "sakura";
  if (effect == "WEATHER_EFFECT_LEAVES") return "leaves";
  if (effect == "WEATHER_EFFECT_CLOUDS") return "clouds";
  if (effect == "WEATHER_EFFECT_CLOUDS2") return "clouds2";
  if (effect == "WEATHER_EFFECT_FIREWORKS") return "fireworks";
  return nullptr;
}

}  // namespace

ActionExecutor::ActionExecutor(Game& game, MeshUnits& units, std::function<int64_t()> now_ms, Allowlist allow)
    : game_(game), units_(units), now_ms_(std::move(now_ms)), allow_(std::move(allow)) {}

const std::vector<std::string>& ActionExecutor::Kinds() {
  static const std::vector<std::string> kinds = {
      "broadcast",  "spawn_monster", "remove_monsters", "spawn_npc",   "remove_npc",        "move_npc",
      "npc_say",    "give_reward",   "offer_quest",     "set_map_flag", "set_weather",      "update_shop",
      "start_world_event", "set_char_variable", "apply_status"};
  return kinds;
}

ActionResult ActionExecutor::Execute(const bridge::Action& a) {
  const std::string& k = a.kind;
  if (k == "broadcast") return Broadcast(a);
  if (k == "spawn_monster") return SpawnMonster(a);
  if (k == "remove_monsters") return RemoveMonsters(a);
  if (k == "spawn_npc") return SpawnNpc(a);
  if (k == "remove_npc") return RemoveNpc(a);
  if (k == "move_npc") return MoveNpc(a);
  if (k == "npc_say") return NpcSay(a);
  if (k == "give_reward") return GiveReward(a);
  if (k == "offer_quest") return OfferQuest(a);
  if (k == "set_map_flag") return SetMapFlag(a);
  if (k == "set_weather") return SetWeather(a);
  if (k == "update_shop") return UpdateShop(a);
  if (k == "start_world_event") return StartWorldEvent(a);
  if (k == "set_char_variable") return SetCharVariable(a);
  if (k == "apply_status") return ApplyStatus(a);
  return Failed(ErrorCode::kUnsupported, "kind: \"" + k + "\" is not an action this bridge executes");
}

void ActionExecutor::At(int64_t due_ms, std::function<void()> undo) { expiries_.push_back(Expiry{due_ms, std::move(undo)}); }

size_t ActionExecutor::ExpireDue() {
  const int64_t now = now_ms_();
  std::vector<Expiry> due;
  auto split = std::stable_partition(expiries_.begin(), expiries_.end(), [now](const Expiry& e) { return e.due_ms > now; });
  std::move(split, expiries_.end(), std::back_inserter(due));
  expiries_.erase(split, expiries_.end());
  std::stable_sort(due.begin(), due.end(), [](const Expiry& x, const Expiry& y) { return x.due_ms < y.due_ms; });
  for (Expiry& e : due) e.undo();
  return due.size();
}

ActionResult ActionExecutor::Broadcast(const bridge::Action& a) {
  ActionFields f(a);
  const std::string scope = f.Enum("scope");
  const std::string text = f.Text("text", 1, 255);
  BroadcastLook look;
  const std::string style = f.Enum("style");
  look.flag = style == "BROADCAST_STYLE_BLUE" ? 0x10 : style == "BROADCAST_STYLE_WOE" ? 0x20 : 0;
  if (auto rgb = f.OptionalInt("color_rgb", 0, 0xFFFFFF)) look.color_rgb = static_cast<uint32_t>(*rgb);
  if (const int64_t t = f.Int("font_type", 0, 900); t != 0) look.font_type = static_cast<uint32_t>(t);
  if (const int64_t s = f.Int("font_size", 0, 32); s != 0) look.font_size = static_cast<uint32_t>(s);
  look.font_align = static_cast<uint32_t>(f.Int("font_align", 0, 2));
  look.font_y = static_cast<uint32_t>(f.Int("font_y", 0, 1000));
  if (scope == "BROADCAST_SCOPE_SERVER") {
    if (!f.ok()) return Invalid(f);
    return FromGame(game_.BroadcastServer(text, look));
  }
  if (scope == "BROADCAST_SCOPE_MAP") {
    const std::string map = f.Text("map", 1, 11);
    if (!f.ok()) return Invalid(f);
    if (!game_.MapExists(map)) return Failed(ErrorCode::kInvalid, "map: \"" + map + "\" is not a map of this server");
    return FromGame(game_.BroadcastMap(map, text, look));
  }
  if (scope == "BROADCAST_SCOPE_PLAYER") {
    const auto char_id = static_cast<uint32_t>(f.Int("char_id", kFirstCharId, kMaxInt32));
    if (!f.ok()) return Invalid(f);
    if (!game_.CharacterOnline(char_id)) return Offline(char_id);
    return FromGame(game_.BroadcastPlayer(char_id, text, look));
  }
  return Failed(ErrorCode::kInvalid, "scope: must be SERVER, MAP or PLAYER, got \"" + scope + "\"");
}

ActionResult ActionExecutor::SpawnMonster(const bridge::Action& a) {
  ActionFields f(a);
  MonsterSpawn spawn;
  spawn.map = f.Text("at.map", 1, 11);
  spawn.x = static_cast<int32_t>(f.Int("at.x", 0, 32767));
  spawn.y = static_cast<int32_t>(f.Int("at.y", 0, 32767));
  spawn.spread = static_cast<int32_t>(f.Int("spread", 0, 30));
  spawn.mob_id = static_cast<int32_t>(f.Int("mob_id", 1001, kMaxInt32));
  spawn.amount = static_cast<uint32_t>(f.Int("amount", 1, 100));
  spawn.display_name = f.Text("display_name", 0, 23);
  auto percent = [&f](const char* field) {
    const int64_t p = f.Int(field, 0, 10000);
    if (p != 0 && p < 10) f.Fail(field, "must be 0 (unchanged) or 10..10000");
    return static_cast<uint32_t>(p == 0 ? 100 : p);
  };
  spawn.hp_percent = percent("hp_percent");
  spawn.atk_percent = percent("atk_percent");
  spawn.def_percent = percent("def_percent");
  const int64_t ttl = f.Int("ttl", 1, 7 * kDay);
  const std::string tag = f.Text("spawn_tag", 1, 24);
  if (f.ok() && !IsTag(tag)) f.Fail("spawn_tag", "must be 1..24 bytes of [a-z0-9_]");
  spawn.death_event = f.Text("death_event", 0, 75);
  if (!f.ok()) return Invalid(f);
  if (!spawn.death_event.empty()) {
    const size_t sep = spawn.death_event.find("::");
    if (sep == std::string::npos || sep == 0 || sep + 2 >= spawn.death_event.size()) {
      return Failed(ErrorCode::kInvalid, "death_event: must look like \"<NpcExname>::<OnLabel>\"");
    }
    if (!allow_.event_npcs.count(spawn.death_event.substr(0, sep))) {
      return Failed(ErrorCode::kNotAllowed, "death_event: NPC \"" + spawn.death_event.substr(0, sep) + "\" is not on the event_npcs allow-list");
    }
  }
  if (!game_.MapExists(spawn.map)) return Failed(ErrorCode::kInvalid, "at.map: \"" + spawn.map + "\" is not a map of this server");
  if (!game_.MobExists(spawn.mob_id)) return Failed(ErrorCode::kInvalid, "mob_id: " + std::to_string(spawn.mob_id) + " is not in the mob database");
  const std::vector<uint32_t> gids = game_.SpawnMonsters(spawn);
  if (gids.empty()) return Failed(ErrorCode::kGameRefused, "the game spawned none of " + std::to_string(spawn.amount) + " monsters on " + spawn.map);
  units_.AddMonsters(tag, spawn.map, gids);
  At(now_ms_() + ttl * 1000, [this, gids] {
    std::vector<uint32_t> alive;
    for (uint32_t gid : gids) {
      if (!units_.TagOfMonster(gid).empty()) alive.push_back(gid);
      units_.ForgetMonster(gid);
    }
    if (!alive.empty()) game_.RemoveMonsters(alive);
  });
  return Done(static_cast<uint32_t>(gids.size()));
}

ActionResult ActionExecutor::RemoveMonsters(const bridge::Action& a) {
  ActionFields f(a);
  const std::string tag = f.Text("spawn_tag", 1, 24);
  const std::string map = f.Text("map", 0, 11);
  if (!f.ok()) return Invalid(f);
  const std::vector<uint32_t> gids = units_.MonstersOf(tag, map);
  for (uint32_t gid : gids) units_.ForgetMonster(gid);
  // Already gone (killed, or removed when their ttl ended) is what was asked.
  return Done(gids.empty() ? 0 : game_.RemoveMonsters(gids));
}

ActionResult ActionExecutor::SpawnNpc(const bridge::Action& a) {
  ActionFields f(a);
  NpcCopy copy;
  copy.template_exname = f.Text("template_name", 1, 50);
  const std::string tag = f.Text("npc_tag", 1, 24);
  if (f.ok() && !IsTag(tag)) f.Fail("npc_tag", "must be 1..24 bytes of [a-z0-9_]");
  copy.map = f.Text("at.map", 1, 11);
  copy.x = static_cast<int32_t>(f.Int("at.x", 0, 32767));
  copy.y = static_cast<int32_t>(f.Int("at.y", 0, 32767));
  if (f.ok() && copy.x == 0 && copy.y == 0) f.Fail("at", "a cell is required (not 0,0)");
  copy.facing = static_cast<uint32_t>(f.Int("facing", 0, 7));
  copy.sprite = static_cast<int32_t>(f.Int("sprite_id", -1, 65535));
  copy.display_name = f.Text("display_name", 1, 24);
  const std::map<std::string, std::string> parameters = f.Map("parameters", 16);
  const int64_t ttl = f.Int("ttl", 60, 30 * kDay);
  if (!f.ok()) return Invalid(f);
  if (!allow_.templates.count(copy.template_exname)) {
    return Failed(ErrorCode::kNotAllowed, "template_name: \"" + copy.template_exname + "\" is not on the templates allow-list");
  }
  if (units_.NpcByTag(tag) != nullptr) return Failed(ErrorCode::kInvalid, "npc_tag: \"" + tag + "\" is already a live NPC");
  if (!game_.MapExists(copy.map)) return Failed(ErrorCode::kInvalid, "at.map: \"" + copy.map + "\" is not a map of this server");
  if (!game_.NpcExists(copy.template_exname)) {
    return Failed(ErrorCode::kNotFound, "template_name: no NPC \"" + copy.template_exname + "\" is loaded (npc/custom/aiworld)");
  }
  const std::optional<SpawnedNpcRef> npc = game_.DuplicateNpc(copy);
  if (!npc) return Failed(ErrorCode::kGameRefused, "the game could not duplicate \"" + copy.template_exname + "\" on " + copy.map);
  // npc_duplicate_npc has run OnInit before variables can be set: templates start in OnAIWInit.
  game_.SetNpcVariable(npc->exname, ".aiw_tag$", tag);
  for (const auto& [key, value] : parameters) game_.SetNpcVariable(npc->exname, ".aiw_" + key + "$", value);
  game_.RunNpcEvent(npc->exname, "OnAIWInit");
  MeshNpc mesh;
  mesh.tag = tag;
  mesh.exname = npc->exname;
  mesh.gid = npc->gid;
  mesh.map = copy.map;
  mesh.expires_at_ms = now_ms_() + ttl * 1000;
  units_.AddNpc(mesh);
  At(mesh.expires_at_ms, [this, tag, gid = npc->gid] {
    const MeshNpc* live = units_.NpcByTag(tag);
    if (live == nullptr || live->gid != gid) return;  // removed, or the tag was reused since
    const std::string exname = live->exname;
    units_.RemoveNpc(tag);
    game_.RemoveNpc(exname);
  });
  return Done(1);
}

ActionResult ActionExecutor::RemoveNpc(const bridge::Action& a) {
  ActionFields f(a);
  const std::string tag = f.Text("npc_tag", 1, 24);
  if (!f.ok()) return Invalid(f);
  const std::optional<MeshNpc> npc = units_.RemoveNpc(tag);
  if (!npc) return Failed(ErrorCode::kNotFound, "npc_tag: no live mesh NPC \"" + tag + "\"");
  game_.RemoveNpc(npc->exname);
  return Done(1);
}

// NpcRef: a mesh NPC by tag, or a server NPC by exname when it is on the movable_npcs allow-list.
std::optional<std::string> ActionExecutor::ResolveNpc(const bridge::Action& a, const std::string& field, ActionResult* failure) {
  ActionFields f(a);
  if (f.Has(field + ".tag")) {
    const std::string tag = f.Text(field + ".tag", 1, 24);
    const MeshNpc* npc = f.ok() ? units_.NpcByTag(tag) : nullptr;
    if (!f.ok()) *failure = Invalid(f);
    else if (npc == nullptr) *failure = Failed(ErrorCode::kNotFound, field + ".tag: no live mesh NPC \"" + tag + "\"");
    else return npc->exname;
    return std::nullopt;
  }
  const std::string exname = f.Text(field + ".exname", 1, 50);
  if (!f.ok()) {
    *failure = Failed(ErrorCode::kInvalid, field + ": one of tag or exname is required");
    return std::nullopt;
  }
  if (!allow_.movable_npcs.count(exname)) {
    *failure = Failed(ErrorCode::kNotAllowed, field + ".exname: \"" + exname + "\" is not on the movable_npcs allow-list");
    return std::nullopt;
  }
  if (!game_.NpcExists(exname)) {
    *failure = Failed(ErrorCode::kNotFound, field + ".exname: no NPC \"" + exname + "\" is loaded");
    return std::nullopt;
  }
  return exname;
}

ActionResult ActionExecutor::MoveNpc(const bridge::Action& a) {
  ActionResult failure;
  const std::optional<std::string> exname = ResolveNpc(a, "npc", &failure);
  if (!exname) return failure;
  ActionFields f(a);
  const std::string map = f.Text("to.map", 0, 11);
  const auto x = static_cast<int32_t>(f.Int("to.x", 0, 32767));
  const auto y = static_cast<int32_t>(f.Int("to.y", 0, 32767));
  if (f.ok() && x == 0 && y == 0) f.Fail("to", "a cell is required (not 0,0)");
  const bool warp = f.Enum("mode") == "NPC_MOVE_MODE_WARP";
  if (!f.ok()) return Invalid(f);
  if (!map.empty() && !game_.MapExists(map)) return Failed(ErrorCode::kInvalid, "to.map: \"" + map + "\" is not a map of this server");
  return FromGame(game_.MoveNpc(*exname, map, x, y, warp));
}

ActionResult ActionExecutor::NpcSay(const bridge::Action& a) {
  ActionResult failure;
  const std::optional<std::string> exname = ResolveNpc(a, "npc", &failure);
  if (!exname) return failure;
  ActionFields f(a);
  const auto char_id = static_cast<uint32_t>(f.Int("char_id", 0, kMaxInt32));
  if (char_id != 0 && char_id < kFirstCharId) f.Fail("char_id", "must be 0 or >= 150000");
  const std::string text = f.Text("text", 1, 255);
  std::optional<uint32_t> emotion;
  if (auto e = f.OptionalInt("emotion", 0, 99)) emotion = static_cast<uint32_t>(*e);
  const SpeechMode mode = f.Enum("mode") == "NPC_SAY_MODE_DIALOG" ? SpeechMode::kDialog : SpeechMode::kOverhead;
  if (mode == SpeechMode::kDialog && char_id == 0) f.Fail("char_id", "is required for a DIALOG line");
  if (!f.ok()) return Invalid(f);
  if (char_id != 0 && !game_.CharacterOnline(char_id)) {
    // A dialog cannot wait: the player who asked has left.
    if (mode == SpeechMode::kDialog) return Failed(ErrorCode::kNotFound, "character " + std::to_string(char_id) + " left the dialog");
    return Offline(char_id);
  }
  return FromGame(game_.NpcSpeak(*exname, char_id, text, mode, emotion));
}

ActionResult ActionExecutor::GiveReward(const bridge::Action& a) {
  ActionFields f(a);
  const auto char_id = static_cast<uint32_t>(f.Int("char_id", kFirstCharId, kMaxInt32));
  Reward reward;
  for (int i = 0; f.Has("reward.items." + std::to_string(i) + ".item_id") || f.Has("reward.items." + std::to_string(i) + ".amount"); ++i) {
    const std::string at = "reward.items." + std::to_string(i);
    if (i >= 10) {
      f.Fail("reward.items", "at most 10 stacks");
      break;
    }
    RewardItem item;
    item.item_id = static_cast<uint32_t>(f.Int(at + ".item_id", 1, kMaxInt32));
    item.amount = static_cast<uint32_t>(f.Int(at + ".amount", 1, 30000));
    reward.items.push_back(item);
  }
  reward.zeny = f.Int("reward.zeny", 0, kMaxInt32);
  reward.base_exp = f.Int("reward.base_exp", 0, INT64_MAX);
  reward.job_exp = f.Int("reward.job_exp", 0, INT64_MAX);
  if (f.ok() && reward.items.empty() && reward.zeny == 0 && reward.base_exp == 0 && reward.job_exp == 0) {
    f.Fail("reward", "at least one of items, zeny, base_exp, job_exp must be non-zero");
  }
  const std::string reason = f.Text("reason", 1, 100);
  const bool notify = f.Bool("notify");
  if (!f.ok()) return Invalid(f);
  for (const RewardItem& item : reward.items) {
    if (!game_.ItemExists(item.item_id)) {
      return Failed(ErrorCode::kInvalid, "reward.items: item " + std::to_string(item.item_id) + " is not in the item database");
    }
  }
  if (!game_.CharacterOnline(char_id)) return Offline(char_id);
  const GameResult given = game_.GiveReward(char_id, reward);
  if (given.ok() && notify) game_.SystemMessage(char_id, reason);
  return FromGame(given);
}

ActionResult ActionExecutor::OfferQuest(const bridge::Action& a) {
  ActionFields f(a);
  const auto char_id = static_cast<uint32_t>(f.Int("char_id", kFirstCharId, kMaxInt32));
  if (!f.ok()) return Invalid(f);
  std::optional<std::string> giver;
  if (f.Has("giver.tag") || f.Has("giver.exname")) {
    ActionResult failure;
    giver = ResolveNpc(a, "giver", &failure);
    if (!giver) return failure;
  }
  if (f.Has("quest_id")) {
    const auto quest_id = static_cast<int32_t>(f.Int("quest_id", 1, kMaxInt32));
    if (!f.ok()) return Invalid(f);
    if (!game_.CharacterOnline(char_id)) return Offline(char_id);
    return FromGame(game_.AddQuest(char_id, quest_id));
  }
  // A generated quest: the quest-board template reads it from the character's aiw_q_* variables.
  const std::string key = f.Text("generated.quest_key", 1, 64);
  const std::string title = f.Text("generated.title", 1, 60);
  const std::string description = f.Text("generated.description", 1, 2000);
  std::vector<std::pair<std::string, std::string>> objectives;
  for (int i = 0; i < 3 && f.Has("generated.objectives." + std::to_string(i) + ".kind"); ++i) {
    const std::string at = "generated.objectives." + std::to_string(i);
    objectives.emplace_back(f.Text(at + ".description", 1, 255), f.Enum(at + ".kind"));
  }
  if (f.ok() && objectives.empty()) f.Fail("generated.objectives", "1..3 objectives are required");
  const int64_t zeny = f.Int("generated.reward.zeny", 0, kMaxInt32);
  const int64_t base_exp = f.Int("generated.reward.base_exp", 0, INT64_MAX);
  const int64_t job_exp = f.Int("generated.reward.job_exp", 0, INT64_MAX);
  const int64_t time_limit = f.Int("generated.time_limit", 0, 30 * kDay);
  if (!f.ok()) return Invalid(f);
  if (!game_.CharacterOnline(char_id)) return Offline(char_id);
  // rAthena keeps string variables up to 255 bytes: the board shows the first part of long text.
  auto clip = [](const std::string& s) { return s.size() <= 255 ? s : s.substr(0, 252) + "..."; };
  GameResult set = game_.SetCharVariable(char_id, "aiw_q_key", key);
  if (!set.ok()) return FromGame(set);
  game_.SetCharVariable(char_id, "aiw_q_title", title);
  game_.SetCharVariable(char_id, "aiw_q_text", clip(description));
  for (size_t i = 0; i < 3; ++i) {
    game_.SetCharVariable(char_id, "aiw_q_goal" + std::to_string(i + 1), i < objectives.size() ? objectives[i].first : "");
  }
  game_.SetCharVariable(char_id, "aiw_q_zeny", zeny);
  game_.SetCharVariable(char_id, "aiw_q_base_exp", base_exp);
  game_.SetCharVariable(char_id, "aiw_q_job_exp", job_exp);
  game_.SetCharVariable(char_id, "aiw_q_time_limit", time_limit);
  game_.SetCharVariable(char_id, "aiw_q_state", int64_t{1});  // 1 offered, 2 accepted
  const std::string offer = "New quest: " + title;
  if (giver) game_.NpcSpeak(*giver, char_id, offer, SpeechMode::kOverhead, std::nullopt);
  else game_.SystemMessage(char_id, offer + " (see a quest board)");
  return Done(1);
}

ActionResult ActionExecutor::SetMapFlag(const bridge::Action& a) {
  ActionFields f(a);
  const std::string map = f.Text("map", 1, 11);
  const std::string flag = f.Text("flag", 1, 32);
  const bool enabled = f.Bool("enabled");
  const auto value = static_cast<int32_t>(f.Int("value", -kMaxInt32, kMaxInt32));
  const int64_t ttl = f.Int("ttl", 1, 7 * kDay);
  if (!f.ok()) return Invalid(f);
  if (!allow_.map_flags.count(flag)) return Failed(ErrorCode::kNotAllowed, "flag: \"" + flag + "\" is not on the map_flags allow-list");
  if (!game_.MapFlagExists(flag)) return Failed(ErrorCode::kInvalid, "flag: \"" + flag + "\" is not a map flag of this server");
  if (!game_.MapExists(map)) return Failed(ErrorCode::kInvalid, "map: \"" + map + "\" is not a map of this server");
  const Game::FlagState before = game_.GetMapFlag(map, flag);
  const GameResult set = game_.SetMapFlag(map, flag, enabled, value);
  if (!set.ok()) return FromGame(set);
  Override(map + "/" + flag, now_ms_() + ttl * 1000, [this, map, flag, before] {
    game_.SetMapFlag(map, flag, before.enabled, before.value);
  });
  return Done(1);
}

ActionResult ActionExecutor::SetWeather(const bridge::Action& a) {
  ActionFields f(a);
  const std::string map = f.Text("map", 1, 11);
  const std::string effect = f.Enum("effect");
  const int64_t ttl = f.Int("ttl", 60, 7 * kDay);
  if (!f.ok()) return Invalid(f);
  if (effect == "WEATHER_EFFECT_RAIN") {
    return Failed(ErrorCode::kUnsupported, "effect: rAthena has no rain map flag any more (use CLOUDS or FOG)");
  }
  const char* wanted = WeatherFlagOf(effect);
  if (wanted == nullptr && effect != "WEATHER_EFFECT_CLEAR") return Failed(ErrorCode::kInvalid, "effect: \"" + effect + "\" is not a weather effect");
  if (!game_.MapExists(map)) return Failed(ErrorCode::kInvalid, "map: \"" + map + "\" is not a map of this server");
  std::vector<std::pair<std::string, Game::FlagState>> before;
  for (const char* flag : kWeatherFlags) before.emplace_back(flag, game_.GetMapFlag(map, flag));
  for (const char* flag : kWeatherFlags) {
    const bool on = wanted != nullptr && std::string(flag) == wanted;
    if (game_.GetMapFlag(map, flag).enabled != on) game_.SetMapFlag(map, flag, on, 0);
  }
  game_.RefreshWeather(map);
  Override(map + "/weather", now_ms_() + ttl * 1000, [this, map, before] {
    for (const auto& [flag, state] : before) game_.SetMapFlag(map, flag, state.enabled, state.value);
    game_.RefreshWeather(map);
  });
  return Done(1);
}

// Overlapping overrides of one thing: the state before the first one comes back when the last one
// ends, not when the first one does.
void ActionExecutor::Override(const std::string& key, int64_t until_ms, std::function<void()> restore) {
  auto [it, first] = overrides_.try_emplace(key, ActiveOverride{until_ms, std::move(restore)});
  if (!first) it->second.until_ms = std::max(it->second.until_ms, until_ms);
  At(until_ms, [this, key] {
    auto active = overrides_.find(key);
    if (active == overrides_.end() || active->second.until_ms > now_ms_()) return;
    std::function<void()> restore_now = std::move(active->second.restore);
    overrides_.erase(active);
    restore_now();
  });
}

ActionResult ActionExecutor::UpdateShop(const bridge::Action& a) {
  ActionFields f(a);
  const std::string shop = f.Text("shop_exname", 1, 50);
  const auto item_id = static_cast<uint32_t>(f.Int("item_id", 1, kMaxInt32));
  std::optional<uint32_t> price;
  if (auto p = f.OptionalInt("price", 1, kMaxInt32)) price = static_cast<uint32_t>(*p);
  std::optional<int32_t> stock;
  if (auto s = f.OptionalInt("stock", -1, kMaxInt32)) stock = static_cast<int32_t>(*s);
  if (f.ok() && !price && !stock) f.Fail("price", "price or stock must be set");
  if (!f.ok()) return Invalid(f);
  return FromGame(game_.UpdateShop(shop, item_id, price, stock));
}

ActionResult ActionExecutor::StartWorldEvent(const bridge::Action& a) {
  ActionFields f(a);
  const std::string key = f.Text("event_key", 1, 64);
  const std::string npc = f.Text("npc_exname", 1, 50);
  std::string start = f.Text("start_label", 0, 23);
  std::string end = f.Text("end_label", 0, 23);
  const std::map<std::string, std::string> parameters = f.Map("parameters", 16);
  const int64_t duration = f.Int("duration", 60, 7 * kDay);
  if (!f.ok()) return Invalid(f);
  if (start.empty()) start = "OnAIWStart";
  if (end.empty()) end = "OnAIWEnd";
  if (!allow_.event_npcs.count(npc)) return Failed(ErrorCode::kNotAllowed, "npc_exname: \"" + npc + "\" is not on the event_npcs allow-list");
  if (!game_.NpcExists(npc)) return Failed(ErrorCode::kNotFound, "npc_exname: no NPC \"" + npc + "\" is loaded");
  game_.SetNpcVariable(npc, ".aiw_event_key$", key);
  for (const auto& [k, v] : parameters) game_.SetNpcVariable(npc, ".aiw_" + k + "$", v);
  if (!game_.RunNpcEvent(npc, start)) return Failed(ErrorCode::kNotFound, "start_label: \"" + npc + "::" + start + "\" does not exist");
  At(now_ms_() + duration * 1000, [this, npc, end, key] {
    game_.SetNpcVariable(npc, ".aiw_event_key$", key);
    game_.RunNpcEvent(npc, end);
  });
  return Done(1);
}

ActionResult ActionExecutor::SetCharVariable(const bridge::Action& a) {
  ActionFields f(a);
  const auto char_id = static_cast<uint32_t>(f.Int("char_id", kFirstCharId, kMaxInt32));
  const std::string name = f.Text("name", 5, 31);
  bool valid_name = name.rfind("aiw_", 0) == 0;
  for (char c : name) valid_name = valid_name && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_');
  if (f.ok() && !valid_name) f.Fail("name", "must be [A-Za-z0-9_] starting with \"aiw_\", got \"" + name + "\"");
  const bool is_string = f.Has("string_value");
  const std::string text = is_string ? f.Text("string_value", 0, 255) : "";
  const int64_t number = is_string ? 0 : f.Int("int_value", INT64_MIN, INT64_MAX);
  if (!f.ok()) return Invalid(f);
  if (!game_.CharacterOnline(char_id)) return Offline(char_id);
  return FromGame(is_string ? game_.SetCharVariable(char_id, name, text) : game_.SetCharVariable(char_id, name, number));
}

ActionResult ActionExecutor::ApplyStatus(const bridge::Action& a) {
  ActionFields f(a);
  const auto char_id = static_cast<uint32_t>(f.Int("char_id", kFirstCharId, kMaxInt32));
  const std::string status = f.Text("status", 4, 48);
  const auto value1 = static_cast<int32_t>(f.Int("value1", -1000000, 1000000));
  const int64_t duration = f.Int("duration", 1, kDay);
  if (!f.ok()) return Invalid(f);
  if (!allow_.statuses.count(status)) return Failed(ErrorCode::kNotAllowed, "status: \"" + status + "\" is not on the statuses allow-list");
  if (!game_.StatusExists(status)) return Failed(ErrorCode::kInvalid, "status: \"" + status + "\" is not a status of this server");
  if (!game_.CharacterOnline(char_id)) return Offline(char_id);
  return FromGame(game_.ApplyStatus(char_id, status, value1, duration * 1000));
}

}  // namespace aiworld::rathena
