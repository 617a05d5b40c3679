#pragma once
// A fake of the rAthena functions behind aiworld::rathena::Game: a small world (maps, online
// characters, mob and item databases, NPCs, map flags, shops) that records every call as text and
// the thread it came from, so tests can check the executor's mapping and that only the main thread
// touched the game.
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "aiworld/rathena/game.h"

namespace aiworld::testing {

class FakeGame : public rathena::Game {
 public:
  std::set<std::string> maps = {"prontera", "prt_fild08", "gef_fild10"};
  std::set<uint32_t> online = {150001};
  std::set<int32_t> mobs = {1002, 1039, 1113};
  std::set<uint32_t> items = {501, 607, 7005};
  std::set<std::string> npcs = {"AIW_Tpl_Wanderer", "AIW_Evt_WorldEvent", "prt_tool"};
  std::set<std::string> npc_labels = {"AIW_Evt_WorldEvent::OnAIWStart", "AIW_Evt_WorldEvent::OnAIWEnd"};
  std::set<std::string> flag_names = {"pvp", "bexp", "noteleport", "snow", "fog", "sakura", "leaves", "clouds", "clouds2", "fireworks"};
  std::set<std::string> statuses = {"SC_BLESSING", "SC_INCREASEAGI"};
  std::map<std::pair<std::string, std::string>, FlagState> flags;
  std::map<std::pair<std::string, uint32_t>, uint32_t> shop_prices = {{{"prt_tool", 501}, 50}};
  std::map<std::string, std::string> npc_vars;  // "<exname>.<var>" -> value
  std::map<std::pair<uint32_t, std::string>, std::string> char_vars;
  bool refuse_rewards = false;

  std::vector<std::string> calls;
  std::set<std::thread::id> threads;
  uint32_t next_gid = 110000000;
  std::set<uint32_t> live_monsters;

  bool MapExists(const std::string& map) override { return maps.count(map) != 0; }
  bool CharacterOnline(uint32_t char_id) override { return online.count(char_id) != 0; }
  bool MobExists(int32_t mob_id) override { return mobs.count(mob_id) != 0; }
  bool ItemExists(uint32_t item_id) override { return items.count(item_id) != 0; }
  bool NpcExists(const std::string& exname) override { return npcs.count(exname) != 0; }
  bool MapFlagExists(const std::string& flag) override { return flag_names.count(flag) != 0; }
  bool StatusExists(const std::string& status) override { return statuses.count(status) != 0; }

  rathena::GameResult BroadcastServer(const std::string& text, const rathena::BroadcastLook& look) override {
    Record("BroadcastServer(" + text + "," + std::to_string(look.flag) + (look.color_rgb ? ",rgb=" + std::to_string(*look.color_rgb) : "") + ")");
    return rathena::GameResult::Ok(static_cast<uint32_t>(online.size()));
  }
  rathena::GameResult BroadcastMap(const std::string& map, const std::string& text, const rathena::BroadcastLook&) override {
    Record("BroadcastMap(" + map + "," + text + ")");
    return rathena::GameResult::Ok(1);
  }
  rathena::GameResult BroadcastPlayer(uint32_t char_id, const std::string& text, const rathena::BroadcastLook&) override {
    Record("BroadcastPlayer(" + std::to_string(char_id) + "," + text + ")");
    return rathena::GameResult::Ok(1);
  }
  std::vector<uint32_t> SpawnMonsters(const rathena::MonsterSpawn& s) override {
    Record("SpawnMonsters(" + s.map + "," + std::to_string(s.x) + "," + std::to_string(s.y) + "," + std::to_string(s.mob_id) + "," +
           std::to_string(s.amount) + ",hp=" + std::to_string(s.hp_percent) + ",event=" + s.death_event + ")");
    std::vector<uint32_t> gids;
    for (uint32_t i = 0; i < s.amount; ++i) {
      gids.push_back(next_gid);
      live_monsters.insert(next_gid++);
    }
    return gids;
  }
  uint32_t RemoveMonsters(const std::vector<uint32_t>& gids) override {
    uint32_t removed = 0;
    for (uint32_t gid : gids) removed += static_cast<uint32_t>(live_monsters.erase(gid));
    Record("RemoveMonsters(" + std::to_string(gids.size()) + ")");
    return removed;
  }
  std::optional<rathena::SpawnedNpcRef> DuplicateNpc(const rathena::NpcCopy& c) override {
    Record("DuplicateNpc(" + c.template_exname + "," + c.display_name + "," + c.map + "," + std::to_string(c.x) + "," + std::to_string(c.y) + ")");
    const std::string exname = "dup_" + std::to_string(next_gid);
    npcs.insert(exname);
    return rathena::SpawnedNpcRef{exname, next_gid++};
  }
  void SetNpcVariable(const std::string& exname, const std::string& name, const std::string& value) override {
    Record("SetNpcVariable(" + exname + "," + name + "," + value + ")");
    npc_vars[exname + "." + name] = value;
  }
  bool RunNpcEvent(const std::string& exname, const std::string& label) override {
    Record("RunNpcEvent(" + exname + "::" + label + ")");
    return npc_labels.count(exname + "::" + label) != 0;
  }
  bool RemoveNpc(const std::string& exname) override {
    Record("RemoveNpc(" + exname + ")");
    return npcs.erase(exname) != 0;
  }
  rathena::GameResult MoveNpc(const std::string& exname, const std::string& map, int32_t x, int32_t y, bool warp) override {
    Record(std::string(warp ? "WarpNpc(" : "WalkNpc(") + exname + "," + map + "," + std::to_string(x) + "," + std::to_string(y) + ")");
    return rathena::GameResult::Ok();
  }
  rathena::GameResult NpcSpeak(const std::string& exname, uint32_t char_id, const std::string& text, rathena::SpeechMode mode,
                               std::optional<uint32_t> emotion) override {
    Record("NpcSpeak(" + exname + "," + std::to_string(char_id) + "," + text + "," + (mode == rathena::SpeechMode::kDialog ? "dialog" : "overhead") +
           (emotion ? ",emotion=" + std::to_string(*emotion) : "") + ")");
    return rathena::GameResult::Ok();
  }
  rathena::GameResult GiveReward(uint32_t char_id, const rathena::Reward& r) override {
    Record("GiveReward(" + std::to_string(char_id) + ",items=" + std::to_string(r.items.size()) + ",zeny=" + std::to_string(r.zeny) +
           ",base_exp=" + std::to_string(r.base_exp) + ")");
    if (refuse_rewards) return rathena::GameResult::Fail(rathena::GameError::kRefused, "overweight");
    return rathena::GameResult::Ok(static_cast<uint32_t>(r.items.size()));
  }
  rathena::GameResult SystemMessage(uint32_t char_id, const std::string& text) override {
    Record("SystemMessage(" + std::to_string(char_id) + "," + text + ")");
    return rathena::GameResult::Ok();
  }
  rathena::GameResult AddQuest(uint32_t char_id, int32_t quest_id) override {
    Record("AddQuest(" + std::to_string(char_id) + "," + std::to_string(quest_id) + ")");
    return rathena::GameResult::Ok();
  }
  rathena::GameResult SetCharVariable(uint32_t char_id, const std::string& name, const std::string& value) override {
    Record("SetCharVariable(" + std::to_string(char_id) + "," + name + "$," + value + ")");
    char_vars[{char_id, name + "$"}] = value;
    return rathena::GameResult::Ok();
  }
  rathena::GameResult SetCharVariable(uint32_t char_id, const std::string& name, int64_t value) override {
    Record("SetCharVariable(" + std::to_string(char_id) + "," + name + "," + std::to_string(value) + ")");
    char_vars[{char_id, name}] = std::to_string(value);
    return rathena::GameResult::Ok();
  }
  rathena::GameResult ApplyStatus(uint32_t char_id, const std::string& status, int32_t value1, int64_t duration_ms) override {
    Record("ApplyStatus(" + std::to_string(char_id) + "," + status + "," + std::to_string(value1) + "," + std::to_string(duration_ms) + ")");
    return rathena::GameResult::Ok();
  }
  FlagState GetMapFlag(const std::string& map, const std::string& flag) override {
    auto it = flags.find({map, flag});
    return it == flags.end() ? FlagState{} : it->second;
  }
  rathena::GameResult SetMapFlag(const std::string& map, const std::string& flag, bool enabled, int32_t value) override {
    Record("SetMapFlag(" + map + "," + flag + "," + (enabled ? "on" : "off") + "," + std::to_string(value) + ")");
    flags[{map, flag}] = FlagState{enabled, value};
    return rathena::GameResult::Ok();
  }
  void RefreshWeather(const std::string& map) override { Record("RefreshWeather(" + map + ")"); }
  rathena::GameResult UpdateShop(const std::string& shop, uint32_t item_id, std::optional<uint32_t> price, std::optional<int32_t>) override {
    auto it = shop_prices.find({shop, item_id});
    if (it == shop_prices.end()) return rathena::GameResult::Fail(rathena::GameError::kNotFound, shop + " does not sell " + std::to_string(item_id));
    if (price) it->second = *price;
    Record("UpdateShop(" + shop + "," + std::to_string(item_id) + "," + (price ? std::to_string(*price) : "-") + ")");
    return rathena::GameResult::Ok();
  }

  bool Called(const std::string& prefix) const {
    for (const std::string& c : calls) {
      if (c.rfind(prefix, 0) == 0) return true;
    }
    return false;
  }

 private:
  void Record(std::string call) {
    calls.push_back(std::move(call));
    threads.insert(std::this_thread::get_id());
  }
};

}  // namespace aiworld::testing
