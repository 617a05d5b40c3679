#pragma once
// The rAthena functions the action executor needs, behind an interface: map/ai_bridge_game.cpp
// implements it inside map-server with the real functions (rathena-integration.md §2); tests use a
// fake. Every call happens on the main thread. C++17, no rAthena/gRPC/protobuf header.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aiworld::rathena {

// Why the game could not do something; kNone when it did.
enum class GameError { kNone, kInvalid, kNotFound, kOffline, kRefused, kUnsupported };

struct GameResult {
  GameError error = GameError::kNone;
  std::string detail;
  uint32_t affected = 0;

  static GameResult Ok(uint32_t affected = 1) {
    GameResult r;
    r.affected = affected;
    return r;
  }
  static GameResult Fail(GameError error, std::string detail) {
    GameResult r;
    r.error = error;
    r.detail = std::move(detail);
    return r;
  }
  bool ok() const { return error == GameError::kNone; }
};

struct BroadcastLook {
  uint32_t flag = 0;                   // rAthena BC_* colour bits: 0 yellow, 0x10 blue, 0x20 WoE
  std::optional<uint32_t> color_rgb;   // set: intif_broadcast2 / clif_broadcast2
  uint32_t font_type = 400;
  uint32_t font_size = 12;
  uint32_t font_align = 0;
  uint32_t font_y = 0;
};

struct MonsterSpawn {
  std::string map;
  int32_t x = 0;  // 0,0: random free cells
  int32_t y = 0;
  int32_t spread = 0;
  int32_t mob_id = 0;
  uint32_t amount = 1;
  std::string display_name;  // "" = the mob_db name
  uint32_t hp_percent = 100;
  uint32_t atk_percent = 100;
  uint32_t def_percent = 100;
  std::string death_event;  // "Npc::OnLabel" or ""
};

struct NpcCopy {
  std::string template_exname;
  std::string display_name;
  std::string map;
  int32_t x = 0;
  int32_t y = 0;
  uint32_t facing = 0;
  int32_t sprite = 0;
};

struct SpawnedNpcRef {
  std::string exname;
  uint32_t gid = 0;
};

struct RewardItem {
  uint32_t item_id = 0;
  uint32_t amount = 0;
};

struct Reward {
  std::vector<RewardItem> items;
  int64_t zeny = 0;
  int64_t base_exp = 0;
  int64_t job_exp = 0;
};

enum class SpeechMode { kOverhead, kDialog };

class Game {
 public:
  virtual ~Game() = default;

  // Lookups.
  virtual bool MapExists(const std::string& map) = 0;
  virtual bool CharacterOnline(uint32_t char_id) = 0;
  virtual bool MobExists(int32_t mob_id) = 0;
  virtual bool ItemExists(uint32_t item_id) = 0;
  virtual bool NpcExists(const std::string& exname) = 0;
  virtual bool MapFlagExists(const std::string& flag) = 0;
  virtual bool StatusExists(const std::string& status) = 0;

  // Announcements; the result's affected is the number of players reached.
  virtual GameResult BroadcastServer(const std::string& text, const BroadcastLook& look) = 0;
  virtual GameResult BroadcastMap(const std::string& map, const std::string& text, const BroadcastLook& look) = 0;
  virtual GameResult BroadcastPlayer(uint32_t char_id, const std::string& text, const BroadcastLook& look) = 0;

  // Monsters: the GIDs of the spawned ones (empty: the game refused); removal without drops or exp.
  virtual std::vector<uint32_t> SpawnMonsters(const MonsterSpawn& spawn) = 0;
  virtual uint32_t RemoveMonsters(const std::vector<uint32_t>& gids) = 0;

  // NPCs.
  virtual std::optional<SpawnedNpcRef> DuplicateNpc(const NpcCopy& copy) = 0;
  virtual void SetNpcVariable(const std::string& exname, const std::string& name, const std::string& value) = 0;
  virtual bool RunNpcEvent(const std::string& exname, const std::string& label) = 0;
  virtual bool RemoveNpc(const std::string& exname) = 0;
  virtual GameResult MoveNpc(const std::string& exname, const std::string& map, int32_t x, int32_t y, bool warp) = 0;
  virtual GameResult NpcSpeak(const std::string& exname, uint32_t char_id, const std::string& text, SpeechMode mode,
                              std::optional<uint32_t> emotion) = 0;

  // Characters (online ones; the executor checks first).
  virtual GameResult GiveReward(uint32_t char_id, const Reward& reward) = 0;  // all or nothing
  virtual GameResult SystemMessage(uint32_t char_id, const std::string& text) = 0;
  virtual GameResult AddQuest(uint32_t char_id, int32_t quest_id) = 0;
  virtual GameResult SetCharVariable(uint32_t char_id, const std::string& name, const std::string& string_value) = 0;
  virtual GameResult SetCharVariable(uint32_t char_id, const std::string& name, int64_t int_value) = 0;
  virtual GameResult ApplyStatus(uint32_t char_id, const std::string& status, int32_t value1, int64_t duration_ms) = 0;

  // Maps: the flag's current state (value 0 for on/off flags) and setting it.
  struct FlagState {
    bool enabled = false;
    int32_t value = 0;
  };
  virtual FlagState GetMapFlag(const std::string& map, const std::string& flag) = 0;
  virtual GameResult SetMapFlag(const std::string& map, const std::string& flag, bool enabled, int32_t value) = 0;
  // Re-sends the map's weather effects to the players on it (clif_weather).
  virtual void RefreshWeather(const std::string& map) = 0;

  // Shops.
  virtual GameResult UpdateShop(const std::string& shop_exname, uint32_t item_id, std::optional<uint32_t> price,
                                std::optional<int32_t> stock) = 0;
};

}  // namespace aiworld::rathena
